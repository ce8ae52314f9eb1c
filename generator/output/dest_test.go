package output

import (
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
