// Package memfs is a read-only file system held in memory, made from a map of paths to
// contents: a site folder as a git commit holds it, or the few sources a dev server's
// update loads again. Folders are implied by the files' paths.
package memfs

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// FS is a read-only file system held in memory. Folders are implied by the files'
// paths.
type FS struct {
	files map[string][]byte   // slash path -> data
	dirs  map[string][]string // folder -> sorted names of its entries
}

// New returns the file system holding files (slash path -> data); it keeps the map,
// which must not change afterwards.
func New(files map[string][]byte) *FS {
	t := &FS{files: files, dirs: map[string][]string{".": nil}}
	seen := map[string]bool{}
	for p := range files {
		for p != "." && !seen[p] {
			seen[p] = true
			dir := path.Dir(p)
			t.dirs[dir] = append(t.dirs[dir], path.Base(p))
			p = dir
		}
	}
	for d := range t.dirs {
		slices.Sort(t.dirs[d])
	}
	return t
}

// Open opens a file or folder.
func (t *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := t.files[name]; ok {
		// A reader of the data itself, not of a copy: nothing writes to it, and
		// the loader opens each file to stat it before reading it.
		return &treeFile{info: treeInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if _, ok := t.dirs[name]; ok {
		entries, _ := t.ReadDir(name)
		return &treeFile{info: treeInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists a folder, sorted by name.
func (t *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	names, ok := t.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, len(names))
	for i, n := range names {
		p := path.Join(name, n)
		data, isFile := t.files[p]
		out[i] = fs.FileInfoToDirEntry(treeInfo{name: n, size: int64(len(data)), dir: !isFile})
	}
	return out, nil
}

// ReadFile returns a file's data.
func (t *FS) ReadFile(name string) ([]byte, error) {
	if data, ok := t.files[name]; ok {
		return slices.Clone(data), nil
	}
	return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrNotExist}
}

type treeInfo struct {
	name string
	size int64
	dir  bool
}

func (i treeInfo) Name() string { return i.name }
func (i treeInfo) Size() int64  { return i.size }
func (i treeInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i treeInfo) ModTime() time.Time { return time.Time{} }
func (i treeInfo) IsDir() bool        { return i.dir }
func (i treeInfo) Sys() any           { return nil }

type treeFile struct {
	info    treeInfo
	r       *bytes.Reader
	entries []fs.DirEntry
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Close() error               { return nil }
func (f *treeFile) Read(b []byte) (int, error) {
	if f.r == nil {
		return 0, &fs.PathError{Op: "read", Path: f.info.name, Err: fs.ErrInvalid}
	}
	return f.r.Read(b)
}

// ReadDir lists a folder's entries, n at a time as fs.ReadDirFile says.
func (f *treeFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := f.entries
		f.entries = nil
		return out, nil
	}
	if len(f.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(f.entries))
	out := f.entries[:n]
	f.entries = f.entries[n:]
	return out, nil
}
