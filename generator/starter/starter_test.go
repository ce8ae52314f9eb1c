package starter

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"new folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "site") }},
		{"new folder in a new folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "a", "b") }},
		{"empty folder", func(t *testing.T) string { return t.TempDir() }},
	}
	var want []string
	fs.WalkDir(Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, p)
		}
		return err
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			got, err := Write(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("wrote %v, want %v", got, want)
			}
			for _, p := range want {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				embedded, _ := fs.ReadFile(Files(), p)
				if err != nil || string(data) != string(embedded) {
					t.Errorf("%s: %v, or not the starter's content", p, err)
				}
			}
		})
	}
}

// TestWriteRefuses: a folder holding anything, or a file, is refused and left as it was.
func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, ".keep")
	if err := os.WriteFile(keep, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Write into a folder in use: %v, want ErrNotEmpty", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the refused folder holds %d entries, want 1", len(entries))
	}
	if _, err := Write(keep); err == nil {
		t.Error("Write into a file succeeded")
	}
}

// TestWriteUndoesAFailure: when a file cannot be written, Write removes everything it
// wrote and leaves the folder empty, as it found it.
func TestWriteUndoesAFailure(t *testing.T) {
	dir := t.TempDir()
	// A failure injected in the middle of the walk, after files and folders are written.
	w := &writer{dir: dir}
	fail := errors.New("injected")
	err := fs.WalkDir(Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if p == "content/principles/ownership.md" {
			return fail
		}
		return w.add(p, d, err)
	})
	if !errors.Is(err, fail) || len(w.files) == 0 {
		t.Fatalf("walk: %v after %d files", err, len(w.files))
	}
	w.undo()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("undo left %d entries in %s", len(entries), dir)
	}
}
