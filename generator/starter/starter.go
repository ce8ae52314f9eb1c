// Package starter holds the small example handbook that `handbook init` writes: a site
// file, two principles, a role with a three-level matrix, a group of interview
// questions, a delivery phase, an authoring guide, netlify.toml and a GitHub Pages
// workflow. It builds with --strict as it is, so a new handbook starts from a site that
// works and is edited from there.
package starter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed all:files
var embedded embed.FS

// Files returns the starter handbook, rooted at the site folder.
func Files() fs.FS {
	sub, err := fs.Sub(embedded, "files")
	if err != nil {
		panic(err) // the folder is embedded above; this cannot fail
	}
	return sub
}

// ErrNotEmpty is returned by Write for a folder that already holds something.
var ErrNotEmpty = errors.New("is not empty")

// Write writes the starter handbook into dir, which must be empty or not exist yet, and
// returns the paths written, slash-separated and relative to dir. It never replaces a
// file: on any failure it removes what it wrote and returns the error.
func Write(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%s %w: handbook init writes a new handbook into an empty or new folder only", dir, ErrNotEmpty)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	w := &writer{dir: dir}
	if err := fs.WalkDir(Files(), ".", w.add); err != nil {
		w.undo()
		return nil, err
	}
	return w.files, nil
}

// writer writes the starter's files and remembers what it made, to undo it.
type writer struct {
	dir   string
	files []string // written, in order
	dirs  []string // created, in order
}

func (w *writer) add(p string, d fs.DirEntry, err error) error {
	if err != nil {
		return err
	}
	target := filepath.Join(w.dir, filepath.FromSlash(p))
	if d.IsDir() {
		err := os.Mkdir(target, 0o755)
		if p == "." && errors.Is(err, fs.ErrNotExist) {
			err = os.MkdirAll(target, 0o755) // a new folder in a new folder; the parents stay
		}
		if err != nil {
			if p == "." && errors.Is(err, fs.ErrExist) {
				return nil // the empty folder given
			}
			return err
		}
		w.dirs = append(w.dirs, target)
		return nil
	}
	data, err := fs.ReadFile(Files(), p)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w.files = append(w.files, p)
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// undo removes the files and folders written, newest first.
func (w *writer) undo() {
	for i := len(w.files) - 1; i >= 0; i-- {
		os.Remove(filepath.Join(w.dir, filepath.FromSlash(w.files[i])))
	}
	for i := len(w.dirs) - 1; i >= 0; i-- {
		os.Remove(w.dirs[i])
	}
}
