package output

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// bigSite has n pages in folders of ten, so that a write fails part-way through.
func bigSite(n int) []File {
	files := site("index.html", "404.html")
	for i := range n {
		files = append(files, File{Path: fmt.Sprintf("p%d/q%d/index.html", i/10, i), Data: bytes.Repeat([]byte{'x'}, 100)})
	}
	return files
}

// previous writes a complete earlier build to dest and returns what its parent holds.
func previous(t *testing.T, dest string) map[string]string {
	t.Helper()
	if err := Write(dest, site("index.html", "old/index.html", "assets/style.css"), WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return foldertest.State(t, filepath.Dir(dest))
}

// isLockFile reports whether p is a lock file beside a destination.
func isLockFile(p string) bool { return strings.HasSuffix(p, lockSuffix) }

// failAfter returns a fault hook that lets n files be created, then fails every later
// one with err, as a disk that has filled up does.
func failAfter(n int64, op string, err error) func(string) error {
	var count atomic.Int64
	return func(p string) error {
		if filepath.Ext(p) != ".html" && !isLockFile(p) {
			return nil // a folder
		}
		if count.Add(1) > n {
			return &fs.PathError{Op: op, Path: p, Err: err}
		}
		return nil
	}
}

// TestWriteDiskFull: a disk that fills up part-way through a build ends Write with the
// first failure alone, leaves the previous site complete and byte-for-byte as it was,
// and leaves no temporary folder behind.
func TestWriteDiskFull(t *testing.T) {
	tests := []struct {
		name  string
		fault func(string) error
		want  string // the error, with TMP for the temporary folder and DEST for dest
	}{
		{"at the temporary folder", func(p string) error {
			if strings.HasSuffix(p, ".handbook-tmp-*") {
				return &fs.PathError{Op: "mkdir", Path: p, Err: syscall.ENOSPC}
			}
			return nil
		}, "cannot write the site: mkdir DEST/../.public.handbook-tmp-*: no space left on device; DEST was not changed"},
		{"at the first file", failAfter(0, "open", syscall.ENOSPC), "cannot write the site: open TMP/FILE: no space left on device; DEST was not changed"},
		{"part-way", failAfter(60, "open", syscall.ENOSPC), "cannot write the site: open TMP/FILE: no space left on device; DEST was not changed"},
		{"at a folder", func(p string) error {
			if strings.HasSuffix(p, filepath.Join("p7", "q70")) {
				return &fs.PathError{Op: "mkdir", Path: p, Err: syscall.ENOSPC}
			}
			return nil
		}, "cannot write the site: mkdir TMP/p7/q70: no space left on device; DEST was not changed"},
		{"at the record in the lock file, after every page", func(p string) error {
			if isLockFile(p) {
				return &fs.PathError{Op: "open", Path: p, Err: syscall.ENOSPC}
			}
			return nil
		}, "cannot write the site: open DEST/../.public.handbook-lock: no space left on device; DEST was not changed"},
		{"quota exceeded", failAfter(40, "write", syscall.EDQUOT), "cannot write the site: write TMP/FILE: disk quota exceeded; DEST was not changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			before := previous(t, dest)
			err := Write(dest, bigSite(120), WriteOptions{fault: tt.fault})
			if err == nil {
				t.Fatal("Write succeeded on a full disk")
			}
			parent := filepath.Dir(dest)
			want := regexp.QuoteMeta(strings.NewReplacer("DEST/..", parent, "DEST", dest).Replace(tt.want))
			want = strings.NewReplacer("TMP", regexp.QuoteMeta(parent)+`/\.public\.handbook-tmp-\d+`, "FILE", `[^ ]+`).Replace(want)
			if !regexp.MustCompile("^" + want + "$").MatchString(err.Error()) {
				t.Errorf("error:\n%s\nwant (as a pattern):\n%s", err, want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("more than the first failure is reported")
			}
			foldertest.Same(t, "the destination's parent", before, foldertest.State(t, parent))
		})
	}
}

// TestWriteReadOnlyParent: a destination whose parent folder may not be written ends
// Write with the operating system's reason, the previous site intact, nothing added.
func TestWriteReadOnlyParent(t *testing.T) {
	denyIn := func(parent string) func(string) error {
		return func(p string) error {
			if filepath.Dir(p) == parent {
				return &fs.PathError{Op: "mkdir", Path: p, Err: syscall.EACCES}
			}
			return nil
		}
	}
	for _, mode := range []string{"chmod", "injected"} {
		t.Run(mode, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			parent := filepath.Dir(dest)
			before := previous(t, dest)
			opts := WriteOptions{}
			tmpName := `\.public\.handbook-tmp-\d+`
			if mode == "chmod" {
				foldertest.ReadOnly(t, parent)
			} else {
				opts.fault = denyIn(parent)
				tmpName = `\.public\.handbook-tmp-\*`
			}
			err := Write(dest, bigSite(20), opts)
			if err == nil {
				t.Fatal("Write succeeded into a read-only folder")
			}
			want := "^cannot write the site: mkdir " + regexp.QuoteMeta(parent) + "/" + tmpName + ": permission denied; " + regexp.QuoteMeta(dest) + " was not changed$"
			if !regexp.MustCompile(want).MatchString(err.Error()) {
				t.Errorf("error:\n%s\nwant (as a pattern):\n%s", err, want)
			}
			os.Chmod(parent, 0o755)
			foldertest.Same(t, "the destination's parent", before, foldertest.State(t, parent))
		})
	}
}
