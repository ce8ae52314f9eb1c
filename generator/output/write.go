package output

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// WriteOptions control Write and Begin.
type WriteOptions struct {
	// Source is the site folder; the destination may not be it, hold it, or be, hold or
	// lie inside its content folder or a theme folder.
	Source string
	// Force allows replacing a folder that does not look like one handbook wrote.
	Force bool
	// Waiting, if set, is called when another build holds the destination, and the
	// build then waits for it to finish; without it, Begin fails at once.
	Waiting func()

	// fault, when set (by tests only), is asked before Write creates each folder or file
	// and a non-nil error it returns is that step's failure: a read-only folder, a full
	// disk. The temporary folder is asked as the pattern its name is made from, and the
	// lock file before the new site is recorded in it.
	fault func(path string) error
	// removeFault, when set (by tests only), is asked before a folder is removed, and a
	// non-nil error it returns is the removal's failure.
	removeFault func(path string) error
}

// check asks the fault hook, if any, about creating path.
func (o *WriteOptions) check(path string) error {
	if o.fault == nil {
		return nil
	}
	return o.fault(path)
}

// removeAll removes the folder path and all it holds, unless the test hook says no.
func (o *WriteOptions) removeAll(path string) error {
	if o.removeFault != nil {
		if err := o.removeFault(path); err != nil {
			return err
		}
	}
	return removeTree(path)
}

// Write publishes files as the folder dest, atomically: they are written into a new
// sibling folder, which then takes dest's place. Files of the previous build that are
// not in files are gone afterwards. Write waits for any other build of dest to finish;
// what Warnings would report is dropped.
func Write(dest string, files []File, opts WriteOptions) error {
	if opts.Waiting == nil {
		opts.Waiting = func() {}
	}
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
// held in memory whole. From Begin to Commit or Abort it holds the destination's lock
// file, so that no other build of the same destination runs meanwhile.
type Publication struct {
	abs, tmp string
	opts     WriteOptions
	lock     *destLock
	destID   string   // the folderID of the destination, when the lock file records it
	warnings []string // what could not be tidied up
	files    atomic.Int64
	dirs     sync.Map // the folders made so far, so that each is made once
	failed   atomic.Bool
	once     sync.Once
	err      error // the first failure

	// removal is closed once the leftovers of earlier builds are removed (or could not
	// be); removed then holds the names of those that are gone.
	removal         chan struct{}
	removed         []string
	removalWarnings []string
}

// Begin checks the destination dest, waits for (or, without opts.Waiting, refuses to
// run beside) another build of it, makes the folder its new files go to, and starts
// removing, while the site is rendered, what earlier builds left beside it: the
// previous site but one, and whatever killed builds left.
func Begin(dest string, opts WriteOptions) (*Publication, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	// A destination that is a symbolic link is the user's: the site goes into the folder
	// it points to, which is swapped, and the link stays as it is. That folder is the
	// one checked, even when it is not there yet.
	if abs, err = followLinks(abs); err != nil {
		return nil, err
	}
	if err := checkDest(abs, opts); err != nil {
		return nil, err
	}
	if err := inspectDest(abs); err != nil {
		return nil, err
	}
	p := &Publication{abs: abs, opts: opts}
	if err := p.prepare(); err != nil {
		if p.lock != nil {
			p.lock.unlock()
		}
		return nil, err
	}
	return p, nil
}

// prepare takes the lock, checks the destination is the tool's to replace, makes the
// empty temporary folder the site is written into and starts removing leftovers.
func (p *Publication) prepare() error {
	parent, base := filepath.Dir(p.abs), filepath.Base(p.abs)
	unchanged := func(err error) error {
		return fmt.Errorf("cannot write the site: %w; %s was not changed", err, p.abs)
	}
	if _, err := os.Lstat(LockFile(p.abs)); errors.Is(err, fs.ErrNotExist) {
		// No build has published here: refuse a folder of the user's before the lock
		// file is made beside it.
		if err := checkOwner(p.abs, &destLock{path: LockFile(p.abs)}, p.opts.Force); err != nil {
			return err
		}
	}
	if err := p.opts.check(parent); err != nil {
		return unchanged(err)
	}
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return unchanged(err)
	}
	lock, err := lockDest(p.abs, p.opts.Waiting)
	if err != nil {
		return unchanged(err)
	}
	p.lock = lock
	if lock.warning != "" {
		p.warnings = append(p.warnings, lock.warning)
	}
	if err := checkOwner(p.abs, lock, p.opts.Force); err != nil {
		return err
	}
	if lock.owns(p.abs) {
		p.destID, _ = folderID(p.abs)
	}
	leftovers, warnings := lock.leftovers(parent)
	p.warnings = append(p.warnings, warnings...)
	if err := p.opts.check(filepath.Join(parent, "."+base+tmpInfix+"*")); err != nil {
		return unchanged(err)
	}
	name, err := makeTemp(parent, "."+base+tmpInfix)
	if err != nil {
		return unchanged(err)
	}
	p.tmp = filepath.Join(parent, name)
	if err := lock.addTemp(name); err != nil {
		os.Remove(p.tmp)
		return unchanged(err)
	}
	p.removeLeftovers(parent, leftovers)
	return nil
}

// removeLeftovers removes, while the site is rendered and written, the folders earlier
// builds left beside the destination: above all the previous site but one, which the
// last build moved aside and did not wait to remove. They stay in the lock file's record
// until they are gone, so that whatever a killed build did not remove, the next one does;
// and as the lock is held until Commit or Abort has waited for the removal, no other
// build sees them half-removed meanwhile, and the process never exits part-way through.
func (p *Publication) removeLeftovers(parent string, names []string) {
	p.removal = make(chan struct{})
	go func() {
		defer close(p.removal)
		for _, name := range names {
			path := filepath.Join(parent, name)
			if err := p.opts.removeAll(path); err != nil {
				p.removalWarnings = append(p.removalWarnings, fmt.Sprintf("could not remove %s, left by an earlier build: %v; the next build tries again", path, err))
				continue
			}
			p.removed = append(p.removed, name)
		}
	}()
}

// awaitRemoval waits for the removal of the earlier builds' leftovers and drops those
// that are gone from the record (written with the record's next change).
func (p *Publication) awaitRemoval() {
	if p.removal == nil {
		return
	}
	<-p.removal
	p.removal = nil
	p.warnings = append(p.warnings, p.removalWarnings...)
	p.lock.temps = slices.DeleteFunc(p.lock.temps, func(t string) bool { return slices.Contains(p.removed, t) })
}

// makeTemp makes a new empty folder in parent named prefix and a random number, with
// the ordinary permissions (0777 less the umask, as mkdir makes), and returns its name.
func makeTemp(parent, prefix string) (string, error) {
	for {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		err := os.Mkdir(filepath.Join(parent, name), 0o777)
		if !errors.Is(err, fs.ErrExist) {
			return name, err
		}
	}
}

// Add writes one file. It may be called from several goroutines at once. After a
// failure it writes nothing more; Commit reports the failure.
func (p *Publication) Add(f File) {
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
func (p *Publication) AddAll(files []File) {
	var wg sync.WaitGroup
	next := make(chan File)
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

// Warnings lists what the publication could not tidy up, none of which makes it fail:
// folders earlier builds left beside the destination, and the record of the previous
// site set aside. The next build tries again. It is complete once Commit or Abort has
// returned.
func (p *Publication) Warnings() []string { return p.warnings }

// Commit puts the new site in the destination's place, or, if a file could not be
// written, removes it and reports why. It first waits for the removal of what earlier
// builds left (see Begin). Once the new site is in place, Commit succeeds: the previous
// site is moved aside, beside the destination as .DEST.handbook-old-N, and left for the
// next build to remove while it renders, so that no build waits for the removal of
// thousands of files; what could not be tidied up is a warning (see Warnings). Either
// way it lets the next build of the destination run.
func (p *Publication) Commit() error {
	defer p.lock.unlock()
	p.awaitRemoval()
	old := p.oldName()
	err := p.err
	if err == nil {
		err = p.record(old)
	}
	if err != nil {
		p.discard()
		return fmt.Errorf("cannot write the site: %w; %s was not changed", err, p.abs)
	}
	previous, err := swap(p.tmp, p.abs, old)
	if err != nil {
		p.discard()
		return fmt.Errorf("cannot replace %s with the new site: %w", p.abs, err)
	}
	if err := p.setAside(previous, old); err != nil {
		p.warnings = append(p.warnings, fmt.Sprintf("the new site is in place, but %s could not be updated: %v; the next build tidies up", p.lock.path, err))
	}
	return nil
}

// oldName is the path the previous site is moved to: .DEST.handbook-old-N, N being the
// number of this publication's temporary folder .DEST.handbook-tmp-N.
func (p *Publication) oldName() string {
	base := filepath.Base(p.abs)
	n := strings.TrimPrefix(filepath.Base(p.tmp), "."+base+tmpInfix)
	return filepath.Join(filepath.Dir(p.abs), "."+base+oldInfix+n)
}

// record writes to the lock file, before the swap, that the new folder and the present
// destination are both sites of this tool (whichever the destination is after a swap
// that fails half-way), and that the folder the previous site may be moved to is a
// temporary one.
func (p *Publication) record(old string) error {
	id, err := folderID(p.tmp)
	if err == nil {
		err = p.opts.check(p.lock.path)
	}
	if err != nil {
		return err
	}
	p.lock.sites = []string{id}
	if p.destID != "" {
		p.lock.sites = append(p.lock.sites, p.destID)
	}
	p.lock.temps = append(p.lock.temps, filepath.Base(old))
	return p.lock.write()
}

// setAside leaves the previous site, now at previous ("" if there was none), at old,
// recorded as a temporary folder for the next build to remove, and leaves the lock
// file recording the new site alone. Where the swap exchanged the two folders, the
// previous site is at the temporary folder's name and is moved to old; if that move
// fails, it stays where it is, recorded under that name.
func (p *Publication) setAside(previous, old string) error {
	p.lock.sites = p.lock.sites[:1]
	kept := ""
	switch {
	case previous == "":
	case previous == old || p.opts.check(old) == nil && os.Rename(previous, old) == nil:
		kept = filepath.Base(old)
	default:
		kept = filepath.Base(previous)
	}
	if kept != "" {
		if id, err := folderID(filepath.Join(filepath.Dir(p.abs), kept)); err == nil {
			p.lock.setID(kept, id)
		}
	}
	p.lock.temps = slices.DeleteFunc(p.lock.temps, func(t string) bool {
		return t != kept && (t == filepath.Base(p.tmp) || p.isOld(t))
	})
	return p.lock.write()
}

// isOld reports whether the temporary name is where this publication's swap may have
// moved the previous site.
func (p *Publication) isOld(name string) bool {
	return strings.HasPrefix(name, "."+filepath.Base(p.abs)+oldInfix) &&
		strings.HasSuffix(name, strings.TrimPrefix(filepath.Base(p.tmp), "."+filepath.Base(p.abs)+tmpInfix))
}

// discard removes the temporary folder and its record, keeping the record of the
// destination as it was.
func (p *Publication) discard() {
	p.lock.sites = nil
	if p.destID != "" {
		p.lock.sites = []string{p.destID}
	}
	if err := p.opts.removeAll(p.tmp); err != nil {
		p.lock.write()
		return
	}
	p.lock.temps = slices.DeleteFunc(p.lock.temps, func(t string) bool { return t == filepath.Base(p.tmp) || p.isOld(t) })
	p.lock.write()
}

// Abort removes what was written, once no Add is running; the destination stays as
// it was, and the next build of it may run.
func (p *Publication) Abort() {
	p.failed.Store(true)
	p.awaitRemoval()
	p.discard()
	p.lock.unlock()
}

func (p *Publication) writeFile(f File) error {
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
			if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
				if err := os.MkdirAll(dir, 0o777); err != nil {
					return err
				}
			}
			p.dirs.Store(dir, true)
		}
	}
	if err := p.opts.check(path); err != nil {
		return err
	}
	return os.WriteFile(path, f.Data, 0o666)
}

// swapByRenames is the fallback where exchange is not supported: move dest aside to old,
// then tmp in. It returns where the previous site now is: old, or "" if there was none.
func swapByRenames(tmp, dest, old string) (string, error) {
	if err := os.Rename(dest, old); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(tmp, dest)
	} else if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return "", err
	}
	return old, nil
}

// removers is how many folders removeTree empties at once. Removing a site is mostly
// waiting for the file system to record each unlink, so a removal of thousands of
// files in one goroutine takes far longer than the same unlinks issued side by side.
const removers = 8

// removeTree removes the folder path and everything in it, without following links,
// emptying up to removers folders at once. It returns the first failure; what it could
// not remove stays.
func removeTree(path string) error {
	switch info, err := os.Lstat(path); {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return &fs.PathError{Op: "remove", Path: path, Err: errors.New("not a folder")}
	}
	sem := make(chan struct{}, removers-1)
	var first error
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	var remove func(dir string)
	remove = func(dir string) {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			fail(err)
			return
		}
		var wg sync.WaitGroup
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if !e.IsDir() {
				if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
					fail(err)
				}
				continue
			}
			select {
			case sem <- struct{}{}:
				wg.Go(func() {
					defer func() { <-sem }()
					remove(p)
				})
			default:
				remove(p)
			}
		}
		wg.Wait()
		if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fail(err)
		}
	}
	remove(path)
	return first
}
