package main

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// TestConcurrentBuildsOfOneDest starts a good and a broken build of the same --dest at
// staggered moments, 20 times, one or the other first: the good one exits 0 with the
// complete site every time, the broken one fails, and nothing is left beside the site
// but its lock file.
func TestConcurrentBuildsOfOneDest(t *testing.T) {
	root := t.TempDir()
	good, broken := filepath.Join(root, "good"), filepath.Join(root, "broken")
	if err := os.Rename(writeSite(t, nil), good); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(brokenSite(t), broken); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	start := time.Now()
	wantCode(t, runCLI(t, "build", "--source", good, "--dest", dest), exitOK)
	took := time.Since(start)
	want := snapshot(t, dest)

	rng := rand.New(rand.NewPCG(13, 1))
	for trial := range 20 {
		var wg sync.WaitGroup
		var goodRun, brokenRun result
		runGood := func() { goodRun = runCLI(t, "build", "--source", good, "--dest", dest) }
		runBroken := func() { brokenRun = runCLI(t, "build", "--source", broken, "--dest", dest) }
		first, second := runGood, runBroken
		if trial%2 == 1 {
			first, second = runBroken, runGood
		}
		wg.Go(first)
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		wg.Go(second)
		wg.Wait()
		if goodRun.code != exitOK {
			t.Fatalf("trial %d: the good build failed:\n%s", trial, goodRun)
		}
		if brokenRun.code != exitFail {
			t.Fatalf("trial %d: the broken build:\n%s", trial, brokenRun)
		}
		if got := snapshot(t, dest); !equalSnapshots(got, want) {
			t.Fatalf("trial %d: the destination holds %d files, not the complete site of %d", trial, len(got), len(want))
		}
	}
	entries, _ := os.ReadDir(root)
	var names []string
	olds := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.handbook-old-") {
			olds++ // the previous site, for the next build to remove
			continue
		}
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".public.handbook-lock broken good public" || olds > 1 {
		t.Errorf("beside the site: %v and %d previous sites set aside, want one at most", names, olds)
	}
}

// TestDestNeverASourceFolder: --dest naming the content folder, a theme folder or the
// site folder itself, however spelled, is refused with and without --force, and the
// sources stay as they were.
func TestDestNeverASourceFolder(t *testing.T) {
	tests := []struct {
		name         string
		source, dest func(site string) string
		want         string
	}{
		{"content", nil, func(string) string { return "content" }, "it is the content folder"},
		{"themes", nil, func(string) string { return "themes" }, "it is the themes folder"},
		{"a theme", nil, func(string) string { return "themes/corp" }, "it is the theme folder"},
		{"content through ..", nil, func(string) string { return "themes/../content" }, "it is the content folder"},
		{"inside content, not there yet", nil, func(string) string { return "content/roles/new/out" }, "lies inside the content folder"},
		{"site folder, source through a link", func(site string) string { return link(t, site) }, func(site string) string { return site }, "holds the sources"},
		{"content, source through a link", func(site string) string { return link(t, site) }, func(site string) string { return filepath.Join(site, "content") }, "it is the content folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := writeSite(t, func(files map[string]string) {
				files["themes/corp/static/extra.css"] = "body { color: #123; }\n"
			})
			source := site
			if tt.source != nil {
				source = tt.source(site)
			}
			parent := filepath.Dir(site)
			before := foldertest.State(t, parent)
			for _, force := range []bool{false, true} {
				args := []string{"build", "--source", source, "--dest", tt.dest(site)}
				if force {
					args = append(args, "--force")
				}
				r := runCLI(t, args...)
				wantCode(t, r, exitFail)
				wantContains(t, "stderr", r.stderr, "refusing", tt.want, "with or without --force")
			}
			foldertest.Same(t, "the sources", before, foldertest.State(t, parent))
		})
	}
}

// link makes a symbolic link to the folder dir beside it and returns the link's path.
func link(t *testing.T, dir string) string {
	t.Helper()
	l := dir + "-link"
	if err := os.Symlink(dir, l); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return l
}

// TestUserFilesBesideDestStay: files and folders of the user's whose names look like a
// build's leftovers stay through builds, failed and good.
func TestUserFilesBesideDestStay(t *testing.T) {
	dir := writeSite(t, nil)
	users := map[string]string{
		".public.old-backup/important.txt": "keep me\n",
		".public.tmp-notes.txt":            "keep me\n",
		".public.tmp-2024/draft.md":        "keep me\n",
	}
	for name, data := range users {
		writeFile(t, filepath.Join(dir, name), data)
	}
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	wantCode(t, runCLI(t, "build", "--source", brokenSite(t), "--dest", filepath.Join(dir, "public")), exitFail)
	for name, data := range users {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != data {
			t.Errorf("%s was lost or changed: %q, %v", name, b, err)
		}
	}
}

// TestDestRecognised: a folder the tool published is replaced without --force; one an
// earlier version published (with .handbook-output inside) too; one the user put in
// its place is refused.
func TestDestRecognised(t *testing.T) {
	dir := writeSite(t, nil)
	out := filepath.Join(dir, "public")
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)

	// The previous version's site: the marker inside, no record beside.
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "index.html"), "old site\n")
	writeFile(t, filepath.Join(out, ".handbook-output"), "This folder is written by handbook build and replaced whole by the next build.\n")
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	if exists(filepath.Join(out, ".handbook-output")) {
		t.Error("the marker is still published")
	}

	// The user's own folder under the same name.
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "index.html"), "mine\n")
	r := runCLI(t, "build", "--source", dir)
	wantCode(t, r, exitFail)
	wantContains(t, "stderr", r.stderr, "refusing to replace "+out, "--force")
	if string(readFile(t, filepath.Join(out, "index.html"))) != "mine\n" {
		t.Error("the user's folder changed")
	}
}

// TestMistypedSourceCreatesNothing: a --source that is not there, or holds no content
// folder, fails before anything is made: no destination under it, no lock file.
func TestMistypedSourceCreatesNothing(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.Rename(writeSite(t, nil), site); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--source", filepath.Join(root, "stie")},
		{"--source", filepath.Join(root, "stie"), "--dest", "public"},
		{"--source", filepath.Join(site, "content")}, // a folder, but not the site folder
		{"--source", filepath.Join(site, "content", "_index.md")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			before := foldertest.State(t, root)
			r := runCLI(t, append([]string{"build"}, args...)...)
			wantCode(t, r, exitFail)
			wantContains(t, "stderr", r.stderr, "--source")
			foldertest.Same(t, "the folder holding the site", before, foldertest.State(t, root))
		})
	}
}

// TestLeftoverIsAWarning: a build whose new site is in place but whose previous site
// cannot be removed exits 0, with a warning naming what it left.
func TestLeftoverIsAWarning(t *testing.T) {
	dir := writeSite(t, nil)
	out := filepath.Join(dir, "public")
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	foldertest.ReadOnly(t, filepath.Join(out, "roles")) // skips where that cannot stop a removal
	r := runCLI(t, "build", "--source", dir)
	wantCode(t, r, exitOK)
	wantContains(t, "stderr", r.stderr, "warning: the new site is in place, but the previous one could not be removed from "+filepath.Join(dir, ".public.handbook-tmp-"))
	if !exists(filepath.Join(out, "index.html")) {
		t.Error("the new site is not in place")
	}
}

// TestDestSymlinkKeepsTheLink: --dest public, a symbolic link to a folder elsewhere
// (public -> /var/www/site), publishes into that folder build after build; the link,
// which the tool did not make, stays a link to it.
func TestDestSymlinkKeepsTheLink(t *testing.T) {
	dir := writeSite(t, nil)
	real := filepath.Join(t.TempDir(), "www", "site")
	if err := os.MkdirAll(real, 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	if err := os.Symlink(real, dest); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for range 2 {
		wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
		if target, err := os.Readlink(dest); err != nil || target != real {
			t.Fatalf("--dest is no longer the link to %s: %q, %v", real, target, err)
		}
		if !exists(filepath.Join(real, "index.html")) {
			t.Fatalf("the site is not in %s", real)
		}
	}
	if !exists(filepath.Join(filepath.Dir(real), ".site.handbook-lock")) {
		t.Error("no lock file beside the linked folder")
	}
}
