package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

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
	parent, base := filepath.Split(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, abs); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
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
		return err
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

// writeAll writes every file under root, in parallel.
func writeAll(root string, files []render.File) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan render.File)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				if err := writeFile(root, f); err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
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
	return os.WriteFile(filepath.Join(root, Marker), []byte(markerText), 0o644)
}

func writeFile(root string, f render.File) error {
	clean := filepath.Clean(filepath.FromSlash(f.Path))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the site folder", f.Path)
	}
	p := filepath.Join(root, clean)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
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
