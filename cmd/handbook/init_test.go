package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/sitecheck"
)

// starterFiles are what init must write: the site file, two principles, a role with its
// matrix, a question group, a delivery phase, the authoring guide and the publishing
// configuration.
var starterFiles = []string{
	"content/_index.md",
	"content/principles/_index.md",
	"content/principles/customer-focus.md",
	"content/principles/ownership.md",
	"content/roles/engineering/_index.md",
	"content/roles/engineering/levels.csv",
	"content/interview/_index.md",
	"content/interview/owning-outcomes.md",
	"content/delivery/_index.md",
	"content/delivery/discovery.md",
	"content/authoring.md",
	"netlify.toml",
	".github/workflows/pages.yml",
}

// initSite runs init into a new folder and returns it.
func initSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my-handbook")
	r := runCLI(t, "init", dir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "wrote a new handbook", dir, "handbook serve")
	if r.stderr != "" {
		t.Errorf("init wrote to stderr: %q", r.stderr)
	}
	return dir
}

// TestInitBuildsStrictly: the new handbook builds under --strict at once, with no
// broken link, no inline code and every page's landmarks.
func TestInitBuildsStrictly(t *testing.T) {
	dir := initSite(t)
	for _, f := range starterFiles {
		if !exists(filepath.Join(dir, filepath.FromSlash(f))) {
			t.Errorf("init did not write %s", f)
		}
	}
	header := strings.SplitN(string(readFile(t, filepath.Join(dir, "content/roles/engineering/levels.csv"))), "\n", 2)[0]
	if got := strings.Count(header, ",") - 2; got != 3 { // less the Principles and ID columns
		t.Errorf("the matrix has %d levels, want 3: %s", got, header)
	}

	r := runCLI(t, "build", "--strict", "--source", dir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "0 errors, 0 warnings")
	for _, page := range []string{"index.html", "authoring/index.html", "roles/engineering/index.html", "delivery/discovery/index.html", "_headers"} {
		if !exists(filepath.Join(dir, "public", filepath.FromSlash(page))) {
			t.Errorf("the build did not write %s", page)
		}
	}
	wantCode(t, runCLI(t, "check", "--strict", "--source", dir), exitOK)

	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: true})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	for _, p := range sitecheck.Check(res.Files, "/") {
		t.Error(p)
	}
}

// TestInitRefusesAFolderInUse: init writes nothing into a folder that holds anything.
func TestInitRefusesAFolderInUse(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
	}{
		{"a file", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "notes.txt"), "mine\n") }},
		{"a hidden file", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
		}},
		{"a content folder", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content", "_index.md"), "---\ntitle: Mine\n---\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			before := snapshot(t, dir)
			r := runCLI(t, "init", dir)
			wantCode(t, r, exitFail)
			wantContains(t, "stderr", r.stderr, dir+" is not empty", "nothing was written")
			if r.stdout != "" {
				t.Errorf("refused init printed to stdout: %q", r.stdout)
			}
			if !equalSnapshots(before, snapshot(t, dir)) {
				t.Errorf("refused init changed %s", dir)
			}
		})
	}
}

// TestInitFolders: init writes into a new folder, an empty one, or the current one.
func TestInitFolders(t *testing.T) {
	t.Run("empty folder", func(t *testing.T) {
		dir := t.TempDir()
		wantCode(t, runCLI(t, "init", dir), exitOK)
		if !exists(filepath.Join(dir, "content", "_index.md")) {
			t.Error("no site file")
		}
	})
	t.Run("current folder", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		r := runCLI(t, "init")
		wantCode(t, r, exitOK)
		if strings.Contains(r.stdout, "cd ") {
			t.Errorf("init in the current folder says to cd:\n%s", r.stdout)
		}
		var got []string
		for p := range snapshot(t, dir) {
			got = append(got, strings.TrimPrefix(filepath.ToSlash(p), "/"))
		}
		for _, f := range starterFiles {
			if !slices.Contains(got, f) {
				t.Errorf("%s was not written: %v", f, got)
			}
		}
	})
}
