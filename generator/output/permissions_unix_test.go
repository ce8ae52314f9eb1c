//go:build unix

package output

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPermissions: under umask 022 the published site's folders are 0755 and its files
// 0644, the destination itself included, so that a web server running as another user
// can serve it.
func TestPermissions(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site("index.html", "a/b/index.html", "assets/style.css"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
