package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func site(paths ...string) []File {
	var files []File
	for _, p := range paths {
		files = append(files, File{Path: p, Data: []byte("page " + p)})
	}
	return files
}

// oldTrees returns the previous sites set aside beside dest: the folders named
// .DEST.handbook-old-N that its lock file records.
func oldTrees(t *testing.T, dest string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+oldInfix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	record, _ := os.ReadFile(LockFile(dest))
	var old []string
	for _, name := range names {
		if slices.Contains(strings.Fields(string(record)), filepath.Base(name)) {
			old = append(old, name)
		}
	}
	return old
}

// TestWriteReplacesWholeSite: each build replaces the whole site, and sets the previous
// one aside for the next build to remove, so that beside the site there are only the
// lock file and at most one previous site, however many builds there were.
func TestWriteReplacesWholeSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	builds := [][]File{
		site("index.html", "first/index.html"),
		site("index.html", "second/index.html"),
		site("index.html", "third/index.html"),
		site("index.html", "fourth/index.html"),
	}
	for i, files := range builds {
		if err := Write(dest, files, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		page := files[1].Path
		if b, err := os.ReadFile(filepath.Join(dest, page)); err != nil || string(b) != "page "+page {
			t.Errorf("build %d: new page = %q, %v", i+1, b, err)
		}
		if i > 0 && exists(filepath.Join(dest, builds[i-1][1].Path)) {
			t.Errorf("build %d: the previous build's page is still in the site", i+1)
		}
		old := oldTrees(t, dest)
		switch {
		case i == 0 && len(old) != 0:
			t.Errorf("build 1: set aside %v, though there was no previous site", old)
		case i > 0 && (len(old) != 1 || !exists(filepath.Join(old[0], builds[i-1][1].Path))):
			t.Errorf("build %d: set aside %v, want the previous build's site alone", i+1, old)
		}
		entries, _ := os.ReadDir(filepath.Dir(dest))
		if want := 2 + len(old); len(entries) != want || entries[0].Name() != ".public.handbook-lock" || entries[len(entries)-1].Name() != "public" {
			t.Errorf("build %d: beside the site: %v, want only the lock file, the site and the previous site", i+1, entries)
		}
	}
}

func TestWriteFailureKeepsPreviousSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site("index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	bad := append(site("index.html"), File{Path: "../escape.html"})
	if err := Write(dest, bad, WriteOptions{}); err == nil {
		t.Fatal("writing outside the site succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "page index.html" {
		t.Errorf("previous site changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dest), "escape.html")); err == nil {
		t.Error("a file escaped the site folder")
	}
}

func TestWriteRefusesDangerousDestinations(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	foreign := filepath.Join(root, "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "keep.txt"), []byte("mine"), 0o644)
	home, _ := os.UserHomeDir()
	tests := []struct {
		name, dest, want string
		force            bool
	}{
		{"root", "/", "root folder", false},
		{"home", home, "home folder", true},
		{"source", src, "holds the sources", true},
		{"parent of source", root, "holds the sources", true},
		{"inside content", filepath.Join(src, "content", "out"), "content folder", true},
		{"not ours", foreign, "--force", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.dest, site("index.html"), WriteOptions{Source: src, Force: tt.force})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write(%s) = %v, want an error about %q", tt.dest, err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "keep.txt")); string(b) != "mine" {
		t.Error("a file the tool did not write was lost")
	}
	if err := Write(foreign, site("index.html"), WriteOptions{Source: src, Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
}

func TestFingerprint(t *testing.T) {
	a, b := Fingerprint("style.css", []byte("a")), Fingerprint("style.css", []byte("b"))
	if a == b || !strings.HasPrefix(a, "style.") || !strings.HasSuffix(a, ".css") {
		t.Errorf("Fingerprint = %q, %q", a, b)
	}
	if !IsFingerprinted("assets/"+a) || IsFingerprinted("assets/style.css") || IsFingerprinted("index.html") {
		t.Error("IsFingerprinted misjudges")
	}
}
