package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// rebuilt writes two builds to dest, the first with a hundred pages under first/, and
// returns the folder the first one was set aside as.
func rebuilt(t *testing.T, dest string) string {
	t.Helper()
	first := site("index.html")
	for i := range 100 {
		first = append(first, File{Path: fmt.Sprintf("first/p%d/q%d/index.html", i/10, i), Data: []byte("old")})
	}
	for _, files := range [][]File{first, site("index.html", "second/index.html")} {
		if err := Write(dest, files, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	old := oldTrees(t, dest)
	if len(old) != 1 || !exists(filepath.Join(old[0], "first", "p9", "q99", "index.html")) {
		t.Fatalf("set aside %v, want the first site alone", old)
	}
	return old[0]
}

// TestOldSiteRemovedWhileRendering: the previous site set aside by the last build is
// removed by the next one while it writes its pages: Begin does not wait for the
// removal, the build holds the lock all the while (another build is refused, or waits),
// and Commit returns only once the removal is done, so that no removal is left running.
func TestOldSiteRemovedWhileRendering(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := rebuilt(t, dest)
	started, release := make(chan struct{}), make(chan struct{})
	begun := make(chan error)
	var p *Publication
	go func() {
		var err error
		p, err = Begin(dest, WriteOptions{removeFault: func(path string) error {
			if path == first {
				close(started)
				<-release
			}
			return nil
		}})
		begun <- err
	}()
	<-started
	select {
	case err := <-begun:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("Begin waits for the removal of the previous site")
	}
	p.AddAll(bigSite(30)) // pages are written while the removal runs
	if _, err := Begin(dest, WriteOptions{}); err == nil || !strings.Contains(err.Error(), "another build holds") {
		t.Errorf("a second build during the removal = %v, want it refused", err)
	}
	committed := make(chan error)
	go func() { committed <- p.Commit() }()
	select {
	case err := <-committed:
		t.Fatalf("Commit returned (%v) before the removal was done", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-committed; err != nil {
		t.Fatal(err)
	}
	if exists(first) {
		t.Errorf("the first site %s is still there", first)
	}
	if !exists(filepath.Join(dest, "p2", "q29", "index.html")) {
		t.Error("the new site is not in place")
	}
	if old := oldTrees(t, dest); len(old) != 1 || !exists(filepath.Join(old[0], "second", "index.html")) {
		t.Errorf("set aside %v, want the second site alone", old)
	}
	if lock, _ := os.ReadFile(LockFile(dest)); strings.Contains(string(lock), filepath.Base(first)) {
		t.Errorf("the lock file still records the removed %s:\n%s", first, lock)
	}
}

// TestCrashedRebuildCleanedUp: whatever a build killed part-way leaves beside the
// destination (an old site half-removed, its own temporary folder, a previous site it
// could not move aside), the next build removes, while the user's files beside it stay;
// the site in place is the last one published throughout.
func TestCrashedRebuildCleanedUp(t *testing.T) {
	errKilled := errors.New("killed")
	tests := []struct {
		name string
		// crash runs a build that stops part-way, leaving what a killed one does.
		crash func(t *testing.T, dest, first string)
	}{
		{"killed while removing the old site", func(t *testing.T, dest, first string) {
			p, err := Begin(dest, WriteOptions{removeFault: func(path string) error {
				// Half the old site goes, then the process dies.
				for i := range 5 {
					os.RemoveAll(filepath.Join(path, "first", fmt.Sprint("p", i)))
				}
				return errKilled
			}})
			if err != nil {
				t.Fatal(err)
			}
			p.AddAll(bigSite(20))
			<-p.removal
			p.lock.unlock() // the lock goes with the process
			if !exists(first) || exists(filepath.Join(first, "first", "p0")) {
				t.Fatal("the old site is not half-removed")
			}
		}},
		{"killed while writing, after the removal", func(t *testing.T, dest, first string) {
			p, err := Begin(dest, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p.AddAll(bigSite(20))
			<-p.removal
			p.lock.unlock()
			if exists(first) {
				t.Fatal("the old site was not removed")
			}
		}},
		{"the previous site not moved aside", func(t *testing.T, dest, first string) {
			p, err := Begin(dest, WriteOptions{fault: func(path string) error {
				if strings.Contains(filepath.Base(path), oldInfix) {
					return errKilled
				}
				return nil
			}})
			if err != nil {
				t.Fatal(err)
			}
			p.AddAll(site("index.html", "third/index.html"))
			if err := p.Commit(); err != nil {
				t.Fatal(err)
			}
			if !exists(filepath.Join(p.tmp, "second", "index.html")) {
				t.Fatalf("the previous site is not left at %s", p.tmp)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			mine := map[string]string{
				".public.handbook-old-42/mine.txt": "mine",
				".public.handbook-old-notes.txt":   "mine",
				"notes/keep.txt":                   "mine",
			}
			for name, data := range mine {
				writeTestFile(t, filepath.Join(root, name), data)
			}
			isMine := func(top string) bool {
				for name := range mine {
					if strings.SplitN(name, "/", 2)[0] == top {
						return true
					}
				}
				return false
			}
			first := rebuilt(t, dest)
			tt.crash(t, dest, first)
			published, err := os.ReadDir(dest)
			if err != nil || len(published) == 0 {
				t.Fatalf("no site in place after the crash: %v", err)
			}
			if err := Write(dest, site("index.html", "last/index.html"), WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			for name, data := range mine {
				if b, err := os.ReadFile(filepath.Join(root, name)); err != nil || string(b) != data {
					t.Errorf("the user's %s was lost or changed: %q, %v", name, b, err)
				}
			}
			entries, _ := os.ReadDir(root)
			var beside []string
			for _, e := range entries {
				if !isMine(e.Name()) {
					beside = append(beside, e.Name())
				}
			}
			if len(beside) != 3 || beside[0] != ".public.handbook-lock" || !strings.HasPrefix(beside[1], ".public"+oldInfix) || beside[2] != "public" {
				t.Errorf("beside the site after the next build: %v, want the lock file, one previous site and the site", beside)
			}
			if !exists(filepath.Join(dest, "last", "index.html")) {
				t.Error("the next build's site is not in place")
			}
		})
	}
}

// TestOldSiteReplacedByTheUsersKept: a previous site set aside stays until the next
// build; if the user puts something of theirs under its name meanwhile (a folder, a
// link to one, a file), the next build leaves it as it is.
func TestOldSiteReplacedByTheUsersKept(t *testing.T) {
	tests := []struct {
		name    string
		replace func(t *testing.T, old, mine string)
		warns   bool // that the folder under the name is left as it is
	}{
		{"a folder of the user's", func(t *testing.T, old, mine string) {
			if err := os.Rename(mine, old); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a link to a folder of the user's", func(t *testing.T, old, mine string) { symlink(t, mine, old) }, false},
		{"a file of the user's", func(t *testing.T, old, mine string) {
			writeTestFile(t, old, "mine")
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			mine := filepath.Join(root, "mine")
			writeTestFile(t, filepath.Join(mine, "keep.txt"), "mine")
			writeTestFile(t, filepath.Join(mine, "sub", "keep.txt"), "mine")
			first := rebuilt(t, dest)
			if err := os.RemoveAll(first); err != nil {
				t.Fatal(err)
			}
			tt.replace(t, first, mine)
			// (The lock file is left out as a file of the tool's own that changes.)
			before := foldertest.State(t, root, "public")
			delete(before, ".public.handbook-lock")
			if len(before) < 3 {
				t.Fatalf("the user's files are not recorded: %v", before)
			}
			p, err := Begin(dest, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p.AddAll(site("index.html", "third/index.html"))
			if err := p.Commit(); err != nil {
				t.Fatal(err)
			}
			if tt.warns && !strings.Contains(strings.Join(p.Warnings(), "\n"), "left "+first+" as it is") {
				t.Errorf("warnings %q do not say %s was left as it is", p.Warnings(), first)
			}
			after := foldertest.State(t, root, "public")
			for path, was := range before {
				if after[path] != was {
					t.Errorf("the user's %s was changed or removed", path)
				}
			}
			if !exists(filepath.Join(dest, "third", "index.html")) {
				t.Error("the new site is not in place")
			}
		})
	}
}

// TestRemoveTree: removeTree removes a folder whole, however deep and wide, and never
// follows a link out of it: what a link inside points to, and a link given as the
// folder itself, stay.
func TestRemoveTree(t *testing.T) {
	tests := []struct {
		name  string
		files []string // under the folder; a name ending in "@" is a link to mine/
	}{
		{"empty", nil},
		{"flat", []string{"a.html", "b.css", "c.js"}},
		{"wide and deep", func() []string {
			var files []string
			for i := range 300 {
				files = append(files, fmt.Sprintf("d%d/e%d/f%d/index.html", i%7, i%13, i))
			}
			return files
		}()},
		{"links out", []string{"index.html", "link@", "sub/link@", "sub/deeper/page.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			mine := filepath.Join(root, "mine")
			writeTestFile(t, filepath.Join(mine, "keep", "keep.txt"), "mine")
			tree := filepath.Join(root, "tree")
			if err := os.Mkdir(tree, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files {
				if link, ok := strings.CutSuffix(f, "@"); ok {
					os.MkdirAll(filepath.Dir(filepath.Join(tree, link)), 0o755)
					symlink(t, mine, filepath.Join(tree, link))
					continue
				}
				writeTestFile(t, filepath.Join(tree, f), "page")
			}
			before := foldertest.State(t, mine)
			if err := removeTree(tree); err != nil {
				t.Fatal(err)
			}
			if exists(tree) {
				t.Errorf("%s is still there", tree)
			}
			foldertest.Same(t, "the folder linked to", before, foldertest.State(t, mine))
		})
	}
	t.Run("a link as the folder", func(t *testing.T) {
		root := t.TempDir()
		mine := filepath.Join(root, "mine")
		writeTestFile(t, filepath.Join(mine, "keep.txt"), "mine")
		link := filepath.Join(root, "link")
		symlink(t, mine, link)
		if err := removeTree(link); err == nil || !strings.Contains(err.Error(), "not a folder") {
			t.Errorf("removeTree of a link = %v, want a refusal", err)
		}
		if !exists(link) || !exists(filepath.Join(mine, "keep.txt")) {
			t.Error("the link or what it points to was removed")
		}
		if err := removeTree(filepath.Join(root, "missing")); err != nil {
			t.Errorf("removeTree of a folder not there = %v, want nil, as os.RemoveAll", err)
		}
	})
}

// TestAbortFinishesTheRemoval: a build that is aborted still finishes removing the old
// site it started on, before it lets the next build run, and leaves the site in place
// as it was and nothing of its own.
func TestAbortFinishesTheRemoval(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := rebuilt(t, dest)
	published := foldertest.State(t, dest)
	p, err := Begin(dest, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p.AddAll(bigSite(20))
	p.Abort()
	if exists(first) {
		t.Errorf("the old site %s is still there after Abort", first)
	}
	if lock, _ := os.ReadFile(LockFile(dest)); strings.Contains(string(lock), filepath.Base(first)) {
		t.Errorf("the lock file still records the removed %s:\n%s", first, lock)
	}
	if exists(p.tmp) {
		t.Errorf("the aborted build's %s is still there", p.tmp)
	}
	foldertest.Same(t, "the site in place", published, foldertest.State(t, dest))
	next, err := Begin(dest, WriteOptions{}) // without Waiting: fails if the lock is still held
	if err != nil {
		t.Fatalf("the next build: %v", err)
	}
	next.Abort()
}
