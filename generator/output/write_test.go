package output

import (
	"os"
	"path/filepath"
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

func TestWriteReplacesWholeSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site("index.html", "old/index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dest, site("index.html", "new/index.html"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Error("the removed page is still there")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "new", "index.html")); err != nil || string(b) != "page new/index.html" {
		t.Errorf("new page = %q, %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 2 || entries[0].Name() != ".public.handbook-lock" || entries[1].Name() != "public" {
		t.Errorf("beside the site: %v, want only the lock file and the site", entries)
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
