// Package foldertest helps tests show that a folder on disk was left as it was: it
// records a folder's state (every file, folder and symbolic link, with its mode and
// contents) and compares two states, and it makes a folder read-only for a test. The
// command line's and the output package's fault tests use it; nothing else should.
package foldertest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// State records every file, folder and link under root, leaving out the top-level
// entries named in skip, with modes and the contents of readable files, without
// following links.
func State(t testing.TB, root string, skip ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		for _, s := range skip {
			if rel == s && d.IsDir() {
				return filepath.SkipDir
			}
			if rel == s {
				return nil // SkipDir here would skip the rest of the folder
			}
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		entry := info.Mode().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			entry += " -> " + target
		case d.Type().IsRegular() && info.Mode().Perm()&0o400 != 0:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += " " + string(data)
		}
		out[rel] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Same reports each entry of before that after lost or changed, and each it added.
func Same(t testing.TB, what string, before, after map[string]string) {
	t.Helper()
	for p, entry := range before {
		if got, ok := after[p]; !ok {
			t.Errorf("%s: %s was lost", what, p)
		} else if got != entry {
			t.Errorf("%s: %s changed", what, p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s was added", what, p)
		}
	}
}

// ReadOnly makes dir read-only for the rest of the test, or skips the test where that
// does not stop writes (as root, or on a file system that ignores modes).
func ReadOnly(t testing.TB, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	probe := filepath.Join(dir, "probe")
	if err := os.Mkdir(probe, 0o755); err == nil {
		os.Remove(probe)
		t.Skipf("chmod 0555 does not stop writes here (running as uid %d); the tests that inject the failure cover it", os.Geteuid())
	} else if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("probe: %v", err)
	}
}
