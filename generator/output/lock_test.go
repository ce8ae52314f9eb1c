package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// TestSecondBuildWaits: while one build of a destination runs, a second one waits for
// it (saying so through Waiting), and starts only once the first has put its site in
// place; the first is never disturbed.
func TestSecondBuildWaits(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(dest, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first.AddAll(bigSite(30))
	waiting := make(chan struct{})
	second := make(chan error)
	go func() {
		p, err := Begin(dest, WriteOptions{Waiting: func() { close(waiting) }})
		if err == nil {
			p.AddAll(site("index.html", "second/index.html"))
			err = p.Commit()
		}
		second <- err
	}()
	select {
	case <-waiting:
	case err := <-second:
		t.Fatalf("the second build did not wait for the first: %v", err)
	}
	// The first build goes on undisturbed while the second waits.
	first.AddAll(site("last/index.html"))
	if err := first.Commit(); err != nil {
		t.Fatalf("the first build failed: %v", err)
	}
	if err := <-second; err != nil {
		t.Fatalf("the second build, after waiting: %v", err)
	}
	if !exists(filepath.Join(dest, "second", "index.html")) || exists(filepath.Join(dest, "last")) {
		t.Error("the second build's site is not the one in place")
	}
}

// TestBusyDestinationFailsAtOnce: without Waiting, a build of a destination another
// build holds fails at once, saying so, and takes nothing from the running build.
func TestBusyDestinationFailsAtOnce(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(dest, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first.AddAll(bigSite(20))
	_, err = Begin(dest, WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "another build holds "+dest) {
		t.Fatalf("Begin beside a running build = %v, want an error saying another build holds %s", err, dest)
	}
	if err := first.Commit(); err != nil {
		t.Fatalf("the running build failed: %v", err)
	}
	if !exists(filepath.Join(dest, "p1", "q19", "index.html")) {
		t.Error("the running build's site is incomplete")
	}
}

// TestOnlyOwnLeftoversRemoved: a build removes what killed builds left beside the
// destination, and nothing else: not the user's files and folders whose names look
// like leftovers, nor a non-empty folder of the tool's pattern it has no record of.
func TestOnlyOwnLeftoversRemoved(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	users := map[string]string{
		".public.old-backup/important.txt":       "mine",
		".public.tmp-notes.txt":                  "mine",
		".public.tmp-123/draft.txt":              "mine",
		".public.handbook-tmp-77/unrecorded.txt": "mine",
	}
	for name, data := range users {
		writeTestFile(t, filepath.Join(root, name), data)
	}
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// A build killed part-way: its temporary folder stays, and its lock goes with it.
	killed, err := Begin(dest, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	killed.AddAll(bigSite(10))
	killed.lock.unlock()
	if !exists(killed.tmp) {
		t.Fatal("no temporary folder to leave")
	}
	empty := filepath.Join(root, ".public.handbook-tmp-5")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if exists(killed.tmp) || exists(empty) {
		t.Errorf("the killed build's leftovers are still there")
	}
	for name, data := range users {
		if b, err := os.ReadFile(filepath.Join(root, name)); err != nil || string(b) != data {
			t.Errorf("the user's %s was lost or changed: %q, %v", name, b, err)
		}
	}
}

// TestOwnership: the tool recognises a folder it published without putting anything
// into it (no marker is published), recognises one an earlier version published (with
// the marker inside), and refuses, without --force, a folder someone else put in its
// place, even under the same name.
func TestOwnership(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if exists(filepath.Join(dest, LegacyMarker)) {
		t.Errorf("%s is published with the site", LegacyMarker)
	}
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatalf("a folder the tool published is not recognised: %v", err)
	}

	// Someone replaces the site with a folder of their own.
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dest, "index.html"), "mine")
	err := Write(dest, site("index.html"), WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("Write over a folder the tool did not publish = %v, want a refusal naming --force", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "mine" {
		t.Errorf("the user's folder changed: %q", b)
	}

	// A site of the previous version, recognised by the marker inside.
	writeTestFile(t, filepath.Join(dest, LegacyMarker), "This folder is written by handbook build and replaced whole by the next build.\n")
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatalf("a site of the previous version is not recognised: %v", err)
	}
	if exists(filepath.Join(dest, LegacyMarker)) {
		t.Errorf("%s is still published", LegacyMarker)
	}
}

// TestForeignFolderRefusedAsItWas: refusing a folder of the user's adds nothing beside it.
func TestForeignFolderRefusedAsItWas(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeTestFile(t, filepath.Join(dest, "notes.txt"), "mine")
	before := foldertest.State(t, filepath.Dir(dest))
	if err := Write(dest, site("index.html"), WriteOptions{}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("Write over the user's folder = %v, want a refusal naming --force", err)
	}
	foldertest.Same(t, "the destination's parent", before, foldertest.State(t, filepath.Dir(dest)))
}

// TestForeignLockFileRefused: a file of the user's under the lock file's name is
// neither overwritten nor taken for a lock file.
func TestForeignLockFileRefused(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeTestFile(t, LockFile(dest), "my notes\n")
	before := foldertest.State(t, filepath.Dir(dest))
	err := Write(dest, site("index.html"), WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "handbook did not write it") {
		t.Fatalf("Write = %v, want a refusal of the foreign lock file", err)
	}
	foldertest.Same(t, "the destination's parent", before, foldertest.State(t, filepath.Dir(dest)))
}

// TestOldSiteNotRemovedIsAWarning: a previous site set aside that the next build cannot
// remove is a warning naming it, not a failure; it stays recorded, and the build after
// removes it.
func TestOldSiteNotRemovedIsAWarning(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, page := range []string{"first/index.html", "second/index.html"} {
		if err := Write(dest, site("index.html", page), WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	first := oldTrees(t, dest)
	if len(first) != 1 {
		t.Fatalf("set aside %v, want the first site alone", first)
	}
	p, err := Begin(dest, WriteOptions{removeFault: func(string) error {
		return &fs.PathError{Op: "unlinkat", Path: "first/index.html", Err: syscall.EACCES}
	}})
	if err != nil {
		t.Fatal(err)
	}
	p.AddAll(site("index.html", "third/index.html"))
	if err := p.Commit(); err != nil {
		t.Fatalf("Commit reports failure although the new site is in place: %v", err)
	}
	if !exists(filepath.Join(dest, "third", "index.html")) || exists(filepath.Join(dest, "second")) {
		t.Fatal("the new site is not in place")
	}
	warnings := strings.Join(p.Warnings(), "\n")
	if !strings.Contains(warnings, first[0]) || !strings.Contains(warnings, "permission denied") {
		t.Errorf("warnings %q do not name the leftover %s and why", warnings, first[0])
	}
	if !exists(filepath.Join(first[0], "first", "index.html")) {
		t.Fatal("the leftover is not there")
	}
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if exists(first[0]) {
		t.Errorf("the next build left the leftover %s", first[0])
	}
	if old := oldTrees(t, dest); len(old) != 1 || !exists(filepath.Join(old[0], "third", "index.html")) {
		t.Errorf("set aside %v, want the third site alone", old)
	}
}

// TestAbortKeepsRecordAndUnlocks: an aborted build leaves the destination recognised as
// the tool's, and lets the next build run at once.
func TestAbortKeepsRecordAndUnlocks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.State(t, filepath.Dir(dest))
	p, err := Begin(dest, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p.AddAll(bigSite(10))
	p.Abort()
	foldertest.Same(t, "the destination's parent after an aborted build", before, foldertest.State(t, filepath.Dir(dest)))
	next, err := Begin(dest, WriteOptions{}) // without Waiting: fails if the lock is still held
	if err != nil {
		t.Fatalf("the next build: %v", err)
	}
	next.Abort()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRecordCutShort: a build killed after writing a shorter record over a longer one,
// and before cutting the file to its length, leaves the new record whole: the next
// build reads it and not the old one's tail.
func TestRecordCutShort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	l, err := lockDest(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	l.sites = []string{"1:2", "3:4"}
	l.temps = []string{".public.tmp-1", ".public.old-1"}
	if err := l.write(); err != nil {
		t.Fatal(err)
	}
	long, _ := os.ReadFile(l.path)
	l.sites, l.temps = []string{"5:6"}, nil
	if err := l.write(); err != nil {
		t.Fatal(err)
	}
	short, _ := os.ReadFile(l.path)
	l.unlock()
	// The write went through, the truncation did not.
	if err := os.WriteFile(l.path, append(short, long[len(short):]...), 0o666); err != nil {
		t.Fatal(err)
	}
	again, err := lockDest(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.unlock()
	if strings.Join(again.sites, " ") != "5:6" || len(again.temps) != 0 {
		t.Errorf("read back sites %q, temps %q; want the new record alone (5:6, no temps)", again.sites, again.temps)
	}
}
