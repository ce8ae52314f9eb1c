package history

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os/exec"
	"path"
	"strconv"
	"strings"

	"github.com/handbook-dev/handbook/generator/memfs"
	"github.com/handbook-dev/handbook/generator/source"
)

// objects reads git objects through one git cat-file --batch process, kept running for
// as long as a history is read: a release's changes need a few trees and blobs, and
// starting a git command for each would cost more than reading them. What it reads is
// kept by object ID, as consecutive releases share most of their trees and blobs.
type objects struct {
	cmd   *exec.Cmd
	in    *bufio.Writer
	stdin io.Closer
	out   *bufio.Reader
	trees map[string]map[string]treeEntry // tree ID -> its entries by name
	blobs map[string][]byte               // blob ID -> data
}

// treeEntry is one entry of a git tree: a file, a folder, a link or a submodule.
type treeEntry struct {
	mode string // as git writes it: "100644", "40000", "120000" ...
	id   string
}

// isFile reports whether the entry is a regular file. A symbolic link in a commit is not
// followed, as the build would not follow one leading out of content/.
func (e treeEntry) isFile() bool { return e.mode == "100644" || e.mode == "100755" }

func (e treeEntry) isTree() bool { return e.mode == "40000" }

// objects starts the batch process.
func (r *Repo) objects() (*objects, error) {
	cmd := exec.Command(r.git, "cat-file", "--batch")
	cmd.Dir = r.dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file --batch: %v", err)
	}
	return &objects{
		cmd: cmd, in: bufio.NewWriter(stdin), stdin: stdin, out: bufio.NewReaderSize(stdout, 64<<10),
		trees: map[string]map[string]treeEntry{}, blobs: map[string][]byte{},
	}, nil
}

// close ends the batch process.
func (o *objects) close() {
	o.stdin.Close()
	o.cmd.Wait()
}

// read returns the type and data of the object name (an ID, or a revision without white
// space in it); ok is false when the repository has no such object.
func (o *objects) read(name string) (typ string, data []byte, ok bool, err error) {
	if _, err := o.in.WriteString(name + "\n"); err != nil {
		return "", nil, false, fmt.Errorf("git cat-file --batch: %v", err)
	}
	if err := o.in.Flush(); err != nil {
		return "", nil, false, fmt.Errorf("git cat-file --batch: %v", err)
	}
	head, err := o.out.ReadString('\n')
	if err != nil {
		return "", nil, false, fmt.Errorf("git cat-file --batch %s: %v", name, err)
	}
	f := strings.Fields(head)
	if len(f) == 2 && (f[1] == "missing" || f[1] == "ambiguous") {
		return "", nil, false, nil
	}
	if len(f) != 3 {
		return "", nil, false, fmt.Errorf("git cat-file --batch %s: unexpected %q", name, strings.TrimSpace(head))
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return "", nil, false, fmt.Errorf("git cat-file --batch %s: unexpected %q", name, strings.TrimSpace(head))
	}
	body := make([]byte, n+1) // the data, then "\n"
	if _, err := io.ReadFull(o.out, body); err != nil {
		return "", nil, false, fmt.Errorf("git cat-file --batch %s: %v", name, err)
	}
	return f[1], body[:n], true, nil
}

// blob returns a file's data by its blob ID.
func (o *objects) blob(id string) ([]byte, error) {
	if data, ok := o.blobs[id]; ok {
		return data, nil
	}
	typ, data, ok, err := o.read(id)
	switch {
	case err != nil:
		return nil, err
	case !ok || typ != "blob":
		return nil, fmt.Errorf("git object %s is not a file", id)
	}
	o.blobs[id] = data
	return data, nil
}

// tree returns the entries of a tree by its ID, or of the tree of a commit.
func (o *objects) tree(name string) (map[string]treeEntry, error) {
	if t, ok := o.trees[name]; ok {
		return t, nil
	}
	typ, data, ok, err := o.read(name)
	switch {
	case err != nil:
		return nil, err
	case !ok || typ != "tree":
		return nil, fmt.Errorf("git object %s is not a folder", name)
	}
	t, err := parseTree(data, len(name)/2)
	if err != nil {
		return nil, fmt.Errorf("git tree %s: %v", name, err)
	}
	o.trees[name] = t
	return t, nil
}

// parseTree reads a tree object: entries of "<mode> <name>\x00" and the entry's ID in
// size bytes (20 for SHA-1, 32 for SHA-256).
func parseTree(data []byte, size int) (map[string]treeEntry, error) {
	t := map[string]treeEntry{}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || len(data) < nul+1+size {
			return nil, fmt.Errorf("malformed entry")
		}
		t[string(data[sp+1:nul])] = treeEntry{mode: string(data[:sp]), id: hex.EncodeToString(data[nul+1 : nul+1+size])}
		data = data[nul+1+size:]
	}
	return t, nil
}

// contentTree returns the ID of the tree of the site's content folder in a commit, or
// "" if the commit has none.
func (r *Repo) contentTree(o *objects, commit string) (string, error) {
	typ, data, ok, err := o.read(commit)
	switch {
	case err != nil:
		return "", err
	case !ok || typ != "commit":
		return "", fmt.Errorf("git object %s is not a commit", commit)
	}
	root, _, found := bytes.Cut(data, []byte("\n"))
	id, isTree := strings.CutPrefix(string(root), "tree ")
	if !found || !isTree {
		return "", fmt.Errorf("git commit %s: no tree", commit)
	}
	for _, name := range strings.Split(r.prefix+"content", "/") {
		if name == "" {
			continue
		}
		t, err := o.tree(id)
		if err != nil {
			return "", err
		}
		e, ok := t[name]
		if !ok || !e.isTree() {
			return "", nil
		}
		id = e.id
	}
	return id, nil
}

// changedFiles lists the files (each a path in dir) whose data or presence differs
// between two trees (IDs, "" for none), walking only into the folders that differ.
func (o *objects) changedFiles(old, new, dir string, out *[]string) error {
	if old == new {
		return nil
	}
	var ot, nt map[string]treeEntry
	var err error
	if old != "" {
		if ot, err = o.tree(old); err != nil {
			return err
		}
	}
	if new != "" {
		if nt, err = o.tree(new); err != nil {
			return err
		}
	}
	side := func(t map[string]treeEntry, name string) (file, tree string) {
		e := t[name]
		switch {
		case e.isFile():
			return e.id, ""
		case e.isTree():
			return "", e.id
		}
		return "", ""
	}
	names := make(map[string]bool, len(nt))
	for n := range ot {
		names[n] = true
	}
	for n := range nt {
		names[n] = true
	}
	for name := range names {
		of, otree := side(ot, name)
		nf, ntree := side(nt, name)
		p := path.Join(dir, name)
		if of != nf {
			*out = append(*out, p)
		}
		if err := o.changedFiles(otree, ntree, p, out); err != nil {
			return err
		}
	}
	return nil
}

// file returns the blob ID of the file at p (a path below dir) in the tree root (the
// tree of dir), or "" if the tree has no regular file there.
func (o *objects) file(root, dir, p string) (string, error) {
	rest, ok := strings.CutPrefix(p, dir+"/")
	if !ok || root == "" {
		return "", nil
	}
	id := root
	parts := strings.Split(rest, "/")
	for i, name := range parts {
		t, err := o.tree(id)
		if err != nil {
			return "", err
		}
		e := t[name]
		if i == len(parts)-1 {
			if !e.isFile() {
				return "", nil
			}
			return e.id, nil
		}
		if !e.isTree() {
			return "", nil
		}
		id = e.id
	}
	return "", nil
}

// files returns the files paths (under content/) as the content tree root holds them,
// as a file system holding content/: those it does not hold, or holds as something
// other than a regular file, are left out.
func (o *objects) files(root string, paths map[string]bool) (*memfs.FS, error) {
	files := map[string][]byte{}
	for p := range paths {
		id, err := o.file(root, source.ContentDir, p)
		if err != nil || id == "" {
			if err != nil {
				return nil, err
			}
			continue
		}
		if files[p], err = o.blob(id); err != nil {
			return nil, err
		}
	}
	return memfs.New(files), nil
}
