//go:build unix

package coda

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWritePermissions: an import keeps the mode of a file it replaces (0600, 0664,
// whatever the umask), and makes new files 0666 less the umask, as an editor does.
func TestWritePermissions(t *testing.T) {
	e := mustParse(t, "small.txt", []byte(small))
	tests := []struct {
		umask    int
		existing fs.FileMode // 0: no file there yet
		want     fs.FileMode
	}{
		{0o022, 0, 0o644},
		{0o002, 0, 0o664},
		{0o077, 0, 0o600},
		{0o022, 0o600, 0o600},
		{0o022, 0o664, 0o664},
		{0o077, 0o644, 0o644},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("umask %03o, existing %03o", tt.umask, tt.existing), func(t *testing.T) {
			defer syscall.Umask(syscall.Umask(tt.umask))
			content := t.TempDir()
			dir := filepath.Join(content, "roles", "small-role")
			if tt.existing != 0 {
				if err := WriteRole(content, "small-role", e, false); err != nil {
					t.Fatal(err)
				}
				// Edited since, so that the import rewrites both files.
				for name, edit := range map[string][2]string{"_index.md": {"Small Role", "Old Role"}, "levels.csv": {"Does tasks", "Did tasks"}} {
					path := filepath.Join(dir, name)
					b, err := os.ReadFile(path)
					if err != nil || !strings.Contains(string(b), edit[0]) {
						t.Fatalf("%s: %q, %v", name, b, err)
					}
					if err := os.WriteFile(path, []byte(strings.Replace(string(b), edit[0], edit[1], 1)), tt.existing); err != nil {
						t.Fatal(err)
					}
					if err := os.Chmod(path, tt.existing); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := WriteRole(content, "small-role", e, true); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "_index.md")); !strings.Contains(string(b), "Small Role Guideline") {
				t.Errorf("_index.md was not rewritten: %q", b)
			}
			if info, err := os.Stat(dir); err != nil {
				t.Fatal(err)
			} else if want := 0o777 &^ fs.FileMode(tt.umask); tt.existing == 0 && info.Mode().Perm() != want {
				t.Errorf("the role folder has mode %03o, want %03o", info.Mode().Perm(), want)
			}
			for _, name := range []string{"_index.md", "levels.csv"} {
				info, err := os.Stat(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if got := info.Mode().Perm(); got != tt.want {
					t.Errorf("%s has mode %03o, want %03o", name, got, tt.want)
				}
			}
		})
	}
}
