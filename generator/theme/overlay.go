package theme

import (
	"errors"
	"io/fs"
	"slices"
)

// Overlay returns a file system that serves each file from top when top has it, and
// from base otherwise: a site's theme folder overriding the embedded theme file by file.
// A nil top is base.
func Overlay(top, base fs.FS) fs.FS {
	if top == nil {
		return base
	}
	return overlay{top: top, base: base}
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	info, err := fs.Stat(o.top, name)
	switch {
	case err == nil && !info.IsDir():
		return o.top.Open(name)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err // there, but not to be read (such as a link out of the theme)
	}
	return o.base.Open(name)
}

// ReadDir merges the listings of both layers, sorted by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.top, name)
	b, errB := fs.ReadDir(o.base, name)
	if errA != nil && errB != nil {
		return nil, errors.Join(errB, errA)
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int {
		if x.Name() < y.Name() {
			return -1
		}
		if x.Name() > y.Name() {
			return 1
		}
		return 0
	})
	return out, nil
}
