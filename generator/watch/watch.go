// Package watch reports changes to a folder tree: fsnotify events where the
// platform delivers them, polling where it does not, batched into one report
// per burst, with editors' temporary files ignored. A mode change is a
// change (a file made unreadable reads differently), and the folders to watch
// may come and go under the root (Options.Entries).
//
// It is the one package of the project that imports fsnotify.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// defaultDebounce is the quiet time that ends a burst when Options.Debounce
// is not set.
const defaultDebounce = 50 * time.Millisecond

// quietGrowth bounds how much longer than Options.Debounce the quiet time ending a
// burst of several paths grows: Debounce per path, up to quietGrowth times it.
const quietGrowth = 4

// maxBurstFactor sets the default Options.MaxBurst: maxBurstFactor times the
// quiet time (or the poll interval).
const maxBurstFactor = 20

// Options control Watch.
type Options struct {
	// Debounce is the quiet time that ends a burst of changes to one path;
	// default 50ms. A burst of several paths ends after Debounce per path, at
	// most four times Debounce: a tool writing many files (git switching
	// branches, a script) pauses longer between them, on a busy machine, than
	// an editor saving one file, and a pause must not cut its save in two.
	Debounce time.Duration
	// Poll, when > 0, makes the watcher poll the tree at this interval
	// instead of using fsnotify. A changed path is ready at the first poll
	// that finds it unchanged since (so a file being saved is not read
	// half-written), and a burst ends at the first poll that finds every
	// changed path ready.
	Poll time.Duration
	// MaxBurst bounds how long an unbroken stream of changes can postpone a
	// batch: one is sent at the latest MaxBurst after the stream's first
	// change, with what changed so far, and the rest of the stream follows in
	// later batches. Default 20*Debounce, or 20*Poll when polling. A caller
	// that must never see half of a save that writes thousands of files (a
	// rename across a site, a branch switch) sets it to seconds.
	MaxBurst time.Duration
	// Ignore reports base names (of files and folders) to ignore; an
	// ignored folder is ignored with everything under it. nil selects
	// DefaultIgnore.
	Ignore func(name string) bool
	// Entries, when set, limits the watch to these names directly under the
	// root, each with everything below it. Each may be missing at first, or
	// removed and created again at any time (a branch switch does this):
	// the root itself is watched for them, so a created entry is watched
	// and reported whole. Other entries of the root are not looked at.
	Entries []string
}

// skips reports whether the slash-separated relative path rel is left out
// of the watch: it, or a folder above it, is ignored, or it is not under one
// of Entries.
func (o Options) skips(rel string) bool {
	if rel == "." {
		return false
	}
	if len(o.Entries) > 0 {
		top, _, _ := strings.Cut(rel, "/")
		if !slices.Contains(o.Entries, top) {
			return true
		}
	}
	return ignored(o.Ignore, rel)
}

// Batch is one burst of changes.
type Batch struct {
	// Paths are the slash-separated paths, relative to the root, that were
	// created, written, removed or renamed, or whose permissions changed (a
	// file made unreadable, or readable again, reads differently), sorted and
	// de-duplicated. A
	// removed or renamed folder is reported by its own path (with fsnotify
	// not necessarily by the paths that were under it); the root itself is
	// ".".
	Paths []string
	// Overflow is true when the OS dropped events
	// (fsnotify.ErrEventOverflow): the caller should rebuild everything.
	Overflow bool
}

// DefaultIgnore is the Ignore used when Options.Ignore is nil. It ignores
// hidden files and folders (".x"), Emacs autosave and backup files ("#x#",
// "x~"), Vim swap files ("*.swp", "*.swx") and probe file ("4913"), and
// "*.tmp" files.
func DefaultIgnore(name string) bool {
	switch {
	case name == "" || name == ".":
		return false
	case strings.HasPrefix(name, "."):
		return true
	case len(name) >= 2 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"):
		return true
	case name == "4913":
		return true
	}
	return false
}

// Watch watches root recursively until ctx is done, sending one Batch per
// burst on the returned channel (closed when ctx is done, after every
// goroutine of the watcher has exited). Folders created later are watched
// too (and files already inside a newly created folder are reported, since
// they may have been created before the watch was added). A rename-over
// save (write temp file, rename onto the target) reports the target.
// Deleted and renamed files and folders are reported and do not break the
// watcher. Symbolic links are reported but not followed.
//
// The tree is watched (or, with Options.Poll, its first snapshot taken)
// before Watch returns, so any change made after it returns is reported.
func Watch(ctx context.Context, root string, opts Options) (<-chan Batch, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = defaultDebounce
	}
	if opts.MaxBurst <= 0 {
		opts.MaxBurst = maxBurstFactor * opts.Debounce
		if opts.Poll > 0 {
			opts.MaxBurst = maxBurstFactor * opts.Poll
		}
	}
	if opts.Ignore == nil {
		opts.Ignore = DefaultIgnore
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved // a root given as a symbolic link is watched where it points
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "watch", Path: root, Err: errors.New("not a directory")}
	}
	out := make(chan Batch)
	if opts.Poll > 0 {
		p := &poller{root: abs, opts: opts, out: out}
		p.prev = p.snapshot()
		go p.run(ctx)
		return out, nil
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{root: abs, opts: opts, out: out, w: fw, watched: map[string]bool{}, pending: map[string]bool{}}
	if err := n.addTree(abs, false); err != nil {
		fw.Close()
		return nil, err
	}
	go n.run(ctx)
	return out, nil
}

// ignored reports whether the slash-separated relative path rel, or any
// folder above it, is ignored.
func ignored(ignore func(string) bool, rel string) bool {
	if rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if ignore(part) {
			return true
		}
	}
	return false
}

// relPath returns the slash-separated path of abs relative to root, and
// false when abs is not inside root.
func relPath(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// sortedKeys returns the keys of set in order.
func sortedKeys(set map[string]bool) []string {
	paths := make([]string, 0, len(set))
	for p := range set {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// send delivers b on out unless ctx is done first; it reports whether b was
// delivered.
func send(ctx context.Context, out chan<- Batch, b Batch) bool {
	select {
	case out <- b:
		return true
	case <-ctx.Done():
		return false
	}
}

// notifier is the fsnotify-backed watcher. Everything but w is owned by the
// goroutine running run (and by Watch before it starts).
type notifier struct {
	root    string
	opts    Options
	out     chan Batch
	w       *fsnotify.Watcher
	watched map[string]bool // absolute paths of the folders being watched

	pending  map[string]bool // relative paths of the burst so far
	overflow bool
}

// addTree watches dir and every folder below it that is not ignored. With
// report set, it also records dir and everything under it as changed (for
// a folder that was just created, whose contents may predate the watch).
// Only a failure to watch dir itself is returned; the rest are skipped, as
// they are usually folders that vanished meanwhile.
func (n *notifier) addTree(dir string, report bool) error {
	first := true
	var firstErr error
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		isFirst := first
		first = false
		rel, ok := relPath(n.root, path)
		if !ok || n.opts.skips(rel) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			if isFirst {
				firstErr = err
			}
			return nil // WalkDir skips an unreadable folder by itself
		}
		if report {
			n.pending[rel] = true
		}
		if !d.IsDir() {
			return nil
		}
		if !n.watched[path] {
			if err := n.w.Add(path); err != nil {
				if isFirst {
					firstErr = err
				}
				return filepath.SkipDir
			}
			n.watched[path] = true
		}
		return nil
	})
	return firstErr
}

// forget stops watching dir and every watched folder below it.
func (n *notifier) forget(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range n.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			n.w.Remove(p) // fails harmlessly when fsnotify already dropped it
			delete(n.watched, p)
		}
	}
}

// handle records one fsnotify event; it reports whether the event counts
// as a change. Every kind does: a mode change (fsnotify.Chmod) too, since a
// file made unreadable or readable again reads differently.
func (n *notifier) handle(ev fsnotify.Event) bool {
	path := filepath.Clean(ev.Name)
	rel, ok := relPath(n.root, path)
	if !ok || n.opts.skips(rel) {
		return false
	}
	if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && n.watched[path] {
		n.forget(path)
	}
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Chmod) {
		// A folder created, or made readable again: watch what it holds, and
		// report it, since it may have changed unseen.
		if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
			n.addTree(path, true)
		}
	}
	n.pending[rel] = true
	return true
}

func (n *notifier) run(ctx context.Context) {
	defer close(n.out)
	defer n.w.Close()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var burstStart time.Time
	armed := false

	arm := func() {
		now := time.Now()
		if !armed {
			burstStart = now
			armed = true
		}
		wait := n.opts.Debounce * time.Duration(min(max(len(n.pending), 1), quietGrowth))
		if limit := burstStart.Add(n.opts.MaxBurst); now.Add(wait).After(limit) {
			wait = max(limit.Sub(now), 0)
		}
		timer.Reset(wait)
	}

	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			if n.handle(ev) {
				arm()
			}
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				n.overflow = true
				// Folders created during the lost events may be unwatched.
				n.addTree(n.root, false)
				arm()
			}
			// Other errors concern single paths; keep running.
		case <-timer.C:
			armed = false
			if len(n.pending) == 0 && !n.overflow {
				continue
			}
			b := Batch{Paths: sortedKeys(n.pending), Overflow: n.overflow}
			n.pending = map[string]bool{}
			n.overflow = false
			if !send(ctx, n.out, b) {
				return
			}
		}
	}
}

// fileState is what a poll compares between snapshots.
type fileState struct {
	info os.FileInfo
}

// changed reports whether the entry described by b differs from a.
func (a fileState) changed(b fileState) bool {
	if a.info.Mode().Type() != b.info.Mode().Type() {
		return true
	}
	if a.info.IsDir() {
		// A folder's own time and size change with its entries, which
		// are reported by themselves.
		return a.info.Mode() != b.info.Mode()
	}
	return a.info.Size() != b.info.Size() ||
		!a.info.ModTime().Equal(b.info.ModTime()) ||
		a.info.Mode() != b.info.Mode() ||
		!os.SameFile(a.info, b.info)
}

// poller is the polling watcher; it is owned by the goroutine running run.
type poller struct {
	root    string
	opts    Options
	out     chan Batch
	prev    map[string]fileState
	pending map[string]int // changed paths waiting to settle, with the polls they have waited

	ready map[string]bool // settled paths of the burst so far, not sent yet
	since time.Time       // when the first of them was ready
}

// maxSettle is how many polls a path that keeps changing waits before it is reported
// all the same.
const maxSettle = 20

// snapshot walks the tree and returns the state of every entry not
// ignored, by slash-separated relative path. Entries that cannot be read
// are left out.
func (p *poller) snapshot() map[string]fileState {
	snap := map[string]fileState{}
	filepath.WalkDir(p.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, ok := relPath(p.root, path)
		if !ok || p.opts.skips(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // vanished meanwhile
		}
		snap[rel] = fileState{info: info}
		return nil
	})
	return snap
}

// poll takes a snapshot and returns the paths that changed since the last one.
func (p *poller) poll() map[string]bool {
	cur := p.snapshot()
	set := map[string]bool{}
	for rel, st := range cur {
		if old, ok := p.prev[rel]; !ok || old.changed(st) {
			set[rel] = true
		}
	}
	for rel := range p.prev {
		if _, ok := cur[rel]; !ok {
			set[rel] = true
		}
	}
	p.prev = cur
	return set
}

// settled returns the changed paths that have stopped changing: a path is reported at
// the first poll that finds it unchanged since it changed, so that a file caught while
// an editor writes it is read only once the save is complete.
func (p *poller) settled(changedNow map[string]bool) map[string]bool {
	if p.pending == nil {
		p.pending = map[string]int{}
	}
	out := map[string]bool{}
	for rel, waited := range p.pending {
		if !changedNow[rel] || waited >= maxSettle {
			out[rel] = true
			delete(p.pending, rel)
		}
	}
	for rel := range changedNow {
		if !out[rel] {
			p.pending[rel]++
		}
	}
	return out
}

func (p *poller) run(ctx context.Context) {
	defer close(p.out)
	ticker := time.NewTicker(p.opts.Poll)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		if b, ok := p.burst(p.settled(p.poll()), time.Now()); ok && !send(ctx, p.out, b) {
			return
		}
	}
}

// burst adds the paths that settled at a poll (at now) to the burst, and returns the
// burst's batch once it ends: when no changed path is still settling, or MaxBurst
// after its first path was ready.
func (p *poller) burst(settled map[string]bool, now time.Time) (Batch, bool) {
	if len(settled) > 0 && len(p.ready) == 0 {
		p.ready, p.since = map[string]bool{}, now
	}
	maps.Copy(p.ready, settled)
	if len(p.ready) == 0 || (len(p.pending) > 0 && now.Sub(p.since) < p.opts.MaxBurst) {
		return Batch{}, false
	}
	b := Batch{Paths: sortedKeys(p.ready)}
	p.ready = nil
	return b, true
}
