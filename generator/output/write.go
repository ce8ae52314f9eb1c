package output

import (
	"errors"
	"fmt"
	"io/fs"
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
	p, err := Begin(dest, opts)
	if err != nil {
		return err
	}
	p.AddAll(files)
	return p.Commit()
}

// A Publication is a site being written: its files go into a new folder beside the
// destination as they are made, and Commit puts that folder in the destination's
// place. Until then, and if it is aborted or fails, the destination stays as it was.
// A build hands it pages as soon as they are rendered, so that a large site is never
// held in memory whole.
type Publication struct {
	abs, tmp string
	opts     WriteOptions
	files    atomic.Int64
	dirs     sync.Map // the folders made so far, so that each is made once
	failed   atomic.Bool
	once     sync.Once
	err      error // the first failure
}

// Begin checks the destination dest and makes the folder its new files go to.
func Begin(dest string, opts WriteOptions) (*Publication, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(abs, opts); err != nil {
		return nil, err
	}
	tmp, err := prepare(filepath.Dir(abs), filepath.Base(abs), &opts)
	if err != nil {
		return nil, fmt.Errorf("cannot write the site: %w; %s was not changed", err, abs)
	}
	return &Publication{abs: abs, tmp: tmp, opts: opts}, nil
}

// Add writes one file. It may be called from several goroutines at once. After a
// failure it writes nothing more; Commit reports the failure.
func (p *Publication) Add(f render.File) {
	if p.failed.Load() {
		return
	}
	if err := p.writeFile(f); err != nil {
		p.once.Do(func() { p.err = err })
		p.failed.Store(true)
		return
	}
	p.files.Add(1)
}

// AddAll writes files, in parallel.
func (p *Publication) AddAll(files []render.File) {
	var wg sync.WaitGroup
	next := make(chan render.File)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				p.Add(f)
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}

// Files returns the number of files written so far.
func (p *Publication) Files() int { return int(p.files.Load()) }

// Commit puts the new site in the destination's place, or, if a file could not be
// written, removes it and reports why.
func (p *Publication) Commit() error {
	err := p.err
	if err == nil {
		marker := filepath.Join(p.tmp, Marker)
		if err = p.opts.check(marker); err == nil {
			err = os.WriteFile(marker, []byte(markerText), 0o644)
		}
	}
	if err != nil {
		os.RemoveAll(p.tmp)
		return fmt.Errorf("cannot write the site: %w; %s was not changed", err, p.abs)
	}
	if err := swap(p.tmp, p.abs); err != nil {
		os.RemoveAll(p.tmp)
		return fmt.Errorf("cannot replace %s with the new site: %w", p.abs, err)
	}
	return nil
}

// Abort removes what was written, once no Add is running; the destination stays as
// it was.
func (p *Publication) Abort() {
	p.failed.Store(true)
	os.RemoveAll(p.tmp)
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

func (p *Publication) writeFile(f render.File) error {
	clean := filepath.Clean(filepath.FromSlash(f.Path))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return fmt.Errorf("refusing to write %q outside the site folder", f.Path)
	}
	path := filepath.Join(p.tmp, clean)
	if dir := filepath.Dir(path); dir != p.tmp {
		if _, made := p.dirs.Load(dir); !made {
			if err := p.opts.check(dir); err != nil {
				return err
			}
			// Pages come mostly after their parent's page, so the parent folder is
			// usually there: one mkdir, not MkdirAll's stat of the folder and its parent.
			if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return err
				}
			}
			p.dirs.Store(dir, true)
		}
	}
	if err := p.opts.check(path); err != nil {
		return err
	}
	return os.WriteFile(path, f.Data, 0o644)
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
