package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"handbook/generator/render"
)

// Marker is the file every written site holds, so that a later build knows the folder
// is its own to replace.
const Marker = ".handbook-output"

const markerText = "This folder is written by handbook build and replaced whole by the next build.\n"

// WriteOptions control Write.
type WriteOptions struct {
	// Source is the site folder; the destination may not be it or hold it.
	Source string
	// Force allows replacing a folder that does not look like one handbook wrote.
	Force bool

	// fault, when set (by tests only), is asked before Write creates each folder or file
	// and a non-nil error it returns is that step's failure: a read-only folder, a full
	// disk. MkdirTemp's folder is asked as the pattern it is made from.
	fault func(path string) error
}

// check asks the fault hook, if any, about creating path.
func (o *WriteOptions) check(path string) error {
	if o.fault == nil {
		return nil
	}
	return o.fault(path)
}

// Write publishes files as the folder dest, atomically: they are written into a new
// sibling folder, which then takes dest's place. Files of the previous build that are
// not in files are gone afterwards.
func Write(dest string, files []render.File, opts WriteOptions) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := checkDest(abs, opts); err != nil {
		return err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	tmp, err := prepare(parent, base, &opts)
	if err == nil {
		if err = writeAll(tmp, files, &opts); err != nil {
			os.RemoveAll(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write the site: %w; %s was not changed", err, abs)
	}
	if err := swap(tmp, abs); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("cannot replace %s with the new site: %w", abs, err)
	}
	return nil
}

// prepare makes the empty temporary folder beside dest that the site is written into.
func prepare(parent, base string, opts *WriteOptions) (string, error) {
	if err := opts.check(parent); err != nil {
		return "", err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	removeLeftovers(parent, base)
	pattern := "." + base + ".tmp-"
	if err := opts.check(filepath.Join(parent, pattern+"*")); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, pattern)
}

// checkDest refuses destinations that a mistake could make disastrous.
func checkDest(abs string, opts WriteOptions) error {
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to write the site into %s, the root folder", abs)
	}
	if home, err := os.UserHomeDir(); err == nil && sameFile(abs, home) {
		return fmt.Errorf("refusing to write the site into %s, the home folder", abs)
	}
	if opts.Source != "" {
		src, err := filepath.Abs(opts.Source)
		if err == nil && (abs == src || strings.HasPrefix(src+string(filepath.Separator), abs+string(filepath.Separator))) {
			return fmt.Errorf("refusing to write the site into %s, which holds the sources", abs)
		}
		if err == nil && strings.HasPrefix(abs, filepath.Join(src, "content")+string(filepath.Separator)) {
			return fmt.Errorf("refusing to write the site into %s, inside the content folder", abs)
		}
	}
	entries, err := os.ReadDir(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		if info, serr := os.Stat(abs); serr == nil && !info.IsDir() {
			return fmt.Errorf("refusing to write the site into %s: it is a file, not a folder", abs)
		}
		return fmt.Errorf("cannot write the site into %s: %w", abs, err)
	}
	if len(entries) == 0 || opts.Force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it holds files handbook did not write (no %s in it); choose another --dest, or pass --force to replace it", abs, Marker)
	}
	return nil
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// removeLeftovers removes the temporary folders of builds that were killed part-way.
func removeLeftovers(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	old, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*"))
	for _, m := range append(matches, old...) {
		os.RemoveAll(m)
	}
}

// writeAll writes every file under root, in parallel. It stops at the first failure
// and returns it alone: on a full disk every later file would fail the same way.
func writeAll(root string, files []render.File, opts *WriteOptions) error {
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		failed   atomic.Bool
	)
	next := make(chan render.File)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				if failed.Load() {
					continue
				}
				if err := writeFile(root, f, opts); err != nil {
					once.Do(func() { firstErr = err })
					failed.Store(true)
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	marker := filepath.Join(root, Marker)
	if err := opts.check(marker); err != nil {
		return err
	}
	return os.WriteFile(marker, []byte(markerText), 0o644)
}

func writeFile(root string, f render.File, opts *WriteOptions) error {
	clean := filepath.Clean(filepath.FromSlash(f.Path))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the site folder", f.Path)
	}
	p := filepath.Join(root, clean)
	if dir := filepath.Dir(p); dir != root {
		if err := opts.check(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := opts.check(p); err != nil {
		return err
	}
	return os.WriteFile(p, f.Data, 0o644)
}

// swapByRenames is the fallback where exchange is not supported: move dest aside, move
// tmp in, remove the old one.
func swapByRenames(tmp, dest string) error {
	old := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".old-"+filepath.Base(tmp))
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}
