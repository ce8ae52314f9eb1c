package source

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadFileLinks: a symbolic link is read only when it, and every link its target
// passes through, stays inside content/, judged as the operating system follows them.
func TestReadFileLinks(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	fsys := fstest.MapFS{
		"secret.md":                 {Data: []byte("top secret")},
		"content/a/page.md":         {Data: []byte("page")},
		"content/a/same.md":         link("page.md"),
		"content/b/other.md":        link("../a/page.md"),
		"content/b/chain.md":        link("other.md"),
		"content/dir":               link("a"),
		"content/b/via-dir.md":      link("../dir/page.md"),
		"content/up":                link(".."),
		"content/b/out.md":          link("../../secret.md"),
		"content/b/abs.md":          link("/etc/passwd"),
		"content/b/via-up.md":       link("../up/secret.md"),
		"content/b/up-and-in.md":    link("../../content/a/page.md"),
		"content/b/dangling.md":     link("nope.md"),
		"content/b/loop.md":         link("loop.md"),
		"content/deep":              link("../elsewhere/deeper"),
		"content/b/lexical-trap.md": link("../deep/../page.md"), // by name content/page.md; in fact elsewhere/page.md
		"elsewhere/page.md":         {Data: []byte("top secret")},
	}
	tests := []struct{ path, want string }{
		{"content/a/page.md", "page"},
		{"content/a/same.md", "page"},
		{"content/b/other.md", "page"},
		{"content/b/chain.md", "page"},
		{"content/b/via-dir.md", "page"},
		{"content/b/up-and-in.md", `error: symbolic link to "../../content/a/page.md" leads out of the content folder; a source must be inside content/`},
		{"content/b/lexical-trap.md", `error: symbolic link to "../deep/../page.md" leads out of the content folder through content/deep; a source must be inside content/`},
		{"content/b/out.md", `error: symbolic link to "../../secret.md" leads out of the content folder; a source must be inside content/`},
		{"content/b/abs.md", `error: symbolic link to "/etc/passwd" leads out of the content folder; a source must be inside content/`},
		{"content/b/via-up.md", `error: symbolic link to "../up/secret.md" leads out of the content folder through content/up; a source must be inside content/`},
		{"content/b/dangling.md", "error: cannot read: lstat content/b/nope.md: file does not exist"},
		{"content/b/loop.md", "error: cannot read: more than 40 symbolic links in a row"},
	}
	for _, tt := range tests {
		src, err := ReadFile(fsys, tt.path)
		got := string(src)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
		}
		if strings.Contains(got, "top secret") {
			t.Errorf("%s: read a file outside content/", tt.path)
		}
	}
}
