package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// TestSourcesNeverReplaced: a destination that is, holds or lies inside the source
// folder, its content folder, its themes folder or a theme folder, however it is
// spelled (through symbolic links, with "..", not there yet), is refused with and
// without Force, and nothing changes.
func TestSourcesNeverReplaced(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	elsewhere := filepath.Join(root, "elsewhere") // a theme kept outside the site, linked in
	writeTestFile(t, filepath.Join(src, "content", "_index.md"), "---\ntitle: T\n---\n")
	writeTestFile(t, filepath.Join(src, "themes", "corp", "static", "site.css"), "body{}")
	writeTestFile(t, filepath.Join(elsewhere, "linked", "static", "site.css"), "body{}")
	symlink(t, filepath.Join(elsewhere, "linked"), filepath.Join(src, "themes", "linked"))
	symlink(t, src, filepath.Join(root, "site-link"))
	symlink(t, filepath.Join(src, "content"), filepath.Join(root, "content-link"))
	siteLink := filepath.Join(root, "site-link")

	tests := []struct {
		name, source, dest, want string
	}{
		{"the source folder", src, src, "holds the sources"},
		{"its parent", src, root, "holds the sources"},
		{"the source folder, through a link to it", siteLink, src, "holds the sources"},
		{"the source folder as a link", src, siteLink, "holds the sources"},
		{"the content folder", src, filepath.Join(src, "content"), "it is the content folder"},
		{"the content folder, source through a link", siteLink, filepath.Join(src, "content"), "it is the content folder"},
		{"the content folder through a link", src, filepath.Join(root, "content-link"), "it is the content folder"},
		{"the content folder with ..", src, src + "/themes/../content", "it is the content folder"},
		{"inside the content folder, not there yet", src, filepath.Join(src, "content", "new", "public"), "lies inside the content folder"},
		{"the themes folder", src, filepath.Join(src, "themes"), "it is the themes folder"},
		{"a theme folder", src, filepath.Join(src, "themes", "corp"), "it is the theme folder"},
		{"inside a theme folder", src, filepath.Join(src, "themes", "corp", "static"), "lies inside the theme folder"},
		{"a linked theme's real folder", src, filepath.Join(elsewhere, "linked"), "it is the theme folder " + filepath.Join(elsewhere, "linked")},
		{"the folder holding a linked theme", src, elsewhere, "it holds the theme folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := foldertest.State(t, root)
			for _, force := range []bool{false, true} {
				err := Write(tt.dest, site("index.html"), WriteOptions{Source: tt.source, Force: force})
				if err == nil || !strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Write(%s, force %v) = %v, want a refusal: %q", tt.dest, force, err, tt.want)
				}
			}
			foldertest.Same(t, "the sources", before, foldertest.State(t, root))
		})
	}
	// A destination inside the site folder, beside content/, is the ordinary case.
	if err := Write(filepath.Join(siteLink, "public"), site("index.html"), WriteOptions{Source: siteLink}); err != nil {
		t.Errorf("public/ beside content/: %v", err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestLinkedDestKeepsTheLink: a destination that is a symbolic link (absolute,
// relative, a link to a link, or to a folder not there yet) publishes into the folder
// it points to, build after build; the link, which the tool did not make, stays, and
// the lock file and temporary folders go beside the real folder. A link to a folder of
// the user's is refused like that folder, and with Force the folder is replaced, never
// the link.
func TestLinkedDestKeepsTheLink(t *testing.T) {
	tests := []struct {
		name  string
		links func(t *testing.T, root string) // makes root/public pointing to root/www/site
	}{
		{"absolute", func(t *testing.T, root string) {
			symlink(t, filepath.Join(root, "www", "site"), filepath.Join(root, "public"))
		}},
		{"relative", func(t *testing.T, root string) {
			symlink(t, filepath.Join("www", "site"), filepath.Join(root, "public"))
		}},
		{"a link to a link", func(t *testing.T, root string) {
			symlink(t, "site", filepath.Join(root, "www", "current"))
			symlink(t, filepath.Join(root, "www", "current"), filepath.Join(root, "public"))
		}},
	}
	for _, tt := range tests {
		for _, there := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, target there %v", tt.name, there), func(t *testing.T) {
				root := t.TempDir()
				www, real := filepath.Join(root, "www"), filepath.Join(root, "www", "site")
				if err := os.MkdirAll(www, 0o755); err != nil {
					t.Fatal(err)
				}
				if there {
					if err := os.Mkdir(real, 0o755); err != nil {
						t.Fatal(err)
					}
				}
				tt.links(t, root)
				dest := filepath.Join(root, "public")
				target, _ := os.Readlink(dest)
				for _, files := range [][]File{site("index.html", "old/index.html"), site("index.html", "new/index.html")} {
					if err := Write(dest, files, WriteOptions{}); err != nil {
						t.Fatal(err)
					}
					info, err := os.Lstat(dest)
					if err != nil || info.Mode()&fs.ModeSymlink == 0 {
						t.Fatalf("the link %s was replaced: %v, %v", dest, info, err)
					}
					if now, _ := os.Readlink(dest); now != target {
						t.Fatalf("the link points to %q now, not %q", now, target)
					}
				}
				if _, err := os.Stat(filepath.Join(real, "new", "index.html")); err != nil {
					t.Errorf("the site is not in the linked folder: %v", err)
				}
				if _, err := os.Stat(filepath.Join(real, "old")); !os.IsNotExist(err) {
					t.Error("the previous build's page is still there")
				}
				// The first build's site is set aside, for the next build to remove.
				if old := oldTrees(t, real); len(old) != 1 || !exists(filepath.Join(old[0], "old", "index.html")) {
					t.Errorf("set aside beside the linked folder: %v, want the first build's site alone", old)
				}
				var beside []string
				entries, _ := os.ReadDir(www)
				for _, e := range entries {
					if !strings.HasPrefix(e.Name(), ".site"+oldInfix) {
						beside = append(beside, e.Name())
					}
				}
				want := ".site.handbook-lock site"
				if tt.name == "a link to a link" {
					want = ".site.handbook-lock current site"
				}
				if got := strings.Join(beside, " "); got != want {
					t.Errorf("beside the linked folder: %s, want %s", got, want)
				}
				if entries, _ := os.ReadDir(root); len(entries) != 2 {
					t.Errorf("beside the link: %v, want only the link and www/", entries)
				}
			})
		}
	}

	t.Run("to a folder of the user's", func(t *testing.T) {
		root := t.TempDir()
		mine := filepath.Join(root, "mine")
		writeTestFile(t, filepath.Join(mine, "keep.txt"), "mine")
		dest := filepath.Join(root, "public")
		symlink(t, mine, dest)
		err := Write(dest, site("index.html"), WriteOptions{})
		if err == nil || !strings.Contains(err.Error(), "refusing to replace "+mine) {
			t.Errorf("Write = %v, want a refusal naming %s", err, mine)
		}
		if b, _ := os.ReadFile(filepath.Join(mine, "keep.txt")); string(b) != "mine" {
			t.Error("the user's file was lost")
		}
		if err := Write(dest, site("index.html"), WriteOptions{Force: true}); err != nil {
			t.Fatalf("Force: %v", err)
		}
		if info, err := os.Lstat(dest); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("Force replaced the link: %v, %v", info, err)
		}
		if _, err := os.Stat(filepath.Join(mine, "index.html")); err != nil {
			t.Errorf("Force: the site is not in the linked folder: %v", err)
		}
	})

	t.Run("dangling into the content folder", func(t *testing.T) {
		root := t.TempDir()
		src := filepath.Join(root, "site")
		writeTestFile(t, filepath.Join(src, "content", "_index.md"), "---\ntitle: T\n---\n")
		dest := filepath.Join(root, "public")
		symlink(t, filepath.Join(src, "content", "out"), dest)
		err := Write(dest, site("index.html"), WriteOptions{Source: src, Force: true})
		if err == nil || !strings.Contains(err.Error(), "lies inside the content folder") {
			t.Errorf("Write = %v, want a refusal", err)
		}
	})

	t.Run("a loop", func(t *testing.T) {
		root := t.TempDir()
		dest := filepath.Join(root, "public")
		symlink(t, "public", dest)
		err := Write(dest, site("index.html"), WriteOptions{})
		if err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
			t.Errorf("Write = %v, want an error about the loop", err)
		}
	})
}
