// Package devserver is handbook serve: it loads the site's model, serves it on a
// loopback address, rendering each page when it is first asked for, watches the
// sources, and after every save makes a new generation of the site (build.Session)
// and tells open pages over Server-Sent Events: reload (keeping the scroll position)
// when the page they show changed, swap the stylesheet when only the style changed, or
// show the build's errors as an overlay, which clears itself once they are fixed.
//
// Nothing records which page shows which source. Each open page says which it is when
// it subscribes to the events; after a save, the server renders those pages from the
// new generation and compares them with what the last one rendered. Every other page
// and the downloads are made from the new generation when first asked for. Then, off
// the path from the save to the reload, the search index is updated from the last one
// for what the save changed (see searchIndex), and the whole new generation is
// rendered and checked as a build checks it, so the overlay shows what a build of
// those sources reports (broken links, template errors). A save whose sources do not
// load never replaces the last good site; one that loads but fails that check is shown,
// with the overlay over it.
//
// It recovers by itself from what a working copy goes through: content/ or themes/
// removed and created again, or created after the start (the site folder is watched
// for them), files made unreadable and readable again (mode changes are changes), and
// reads failing with an error that passes, such as too many open files (the build is
// tried again at growing intervals; Config.FS lets tests inject such faults).
//
// Served on a loopback address, it answers this machine alone. Served on the network
// (Config.Addr "0.0.0.0:1313"), it prints the URLs other devices reach it at, warns
// that drafts are visible, and answers requests naming this machine's addresses and
// host name; it refuses other names (DNS rebinding) and loopback names from elsewhere
// either way. Config.Limits bounds what clients may hold: timeouts for page requests
// and a cap on live-reload streams.
package devserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/highlight"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/watch"
)

// Config configures a Server.
type Config struct {
	Source string        // the site folder, holding content/ and themes/
	Addr   string        // where to listen; "127.0.0.1:1313" when empty, port 1313 when it has none
	Drafts bool          // show drafts (marked as such)
	Poll   time.Duration // > 0: poll the sources at this interval instead of using file events
	Log    io.Writer     // where to report rebuilds, from several goroutines at once; nil for nowhere
	Limits Limits        // what one client may hold; the zero value selects the defaults
	// FS is the site folder as the server reads it; nil for the folder Source on disk.
	// The sources are watched on disk, at Source, either way: FS lets tests put faults
	// between the disk and the build.
	FS fs.FS
}

// Limits bound what the preview's clients can hold of it, so that neither a stalled
// client nor a burst of connections (a phone's browser, a script) exhausts its file
// descriptors. A zero field selects its default.
type Limits struct {
	// ReadHeaderTimeout bounds the time to send a request's headers; default 10s.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the time to read a whole request; default 30s.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time to send a response; default 30s. The event
	// stream, which lives as long as its page, is exempt.
	WriteTimeout time.Duration
	// IdleTimeout is how long a kept-alive connection waits for its next request
	// before it is closed; default 60s.
	IdleTimeout time.Duration
	// MaxStreams is the most live-reload event streams open at once (one per open
	// page); default 256. Beyond it, a stream is refused with 503.
	MaxStreams int
}

// withDefaults returns l with every zero field set to its default.
func (l Limits) withDefaults() Limits {
	set := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
	}
	set(&l.ReadHeaderTimeout, 10*time.Second)
	set(&l.ReadTimeout, 30*time.Second)
	set(&l.WriteTimeout, 30*time.Second)
	set(&l.IdleTimeout, 60*time.Second)
	if l.MaxStreams <= 0 {
		l.MaxStreams = 256
	}
	return l
}

// Server is a running preview.
type Server struct {
	cfg   Config
	fsys  *readFS // the site folder
	build *build.Session
	hub   *hub
	hl    *highlight.Highlighter
	live  []byte // the live-reload stylesheet, with the highlighter's
	// policy decides which requests are answered; Run sets it from the address it
	// listens on.
	policy hostPolicy

	// genMu is held to read the files of the generation served (rendering them reads
	// its model), and to update the model, which a content patch does in place.
	genMu sync.RWMutex

	mu      sync.RWMutex
	gen     *build.Generation // served: the last that loaded; nil before the first does
	problem *event            // the current error overlay, nil when there is none
	loadErr bool              // the overlay is of sources that do not load
	checked *build.Generation // the last generation checked whole, with its problems
	found   diag.List
	done    chan struct{}

	checking atomic.Pointer[build.Generation] // the generation whose check may go on
	checks   sync.WaitGroup

	index searchIndex // the search index served, refreshed after every save
}

// headMarkup is added to every page the preview serves.
const headMarkup = template.HTML(`<link rel="stylesheet" href="/_handbook/live.css"><script src="/_handbook/live.js" defer></script>`)

// New returns a Server for cfg; Run starts it.
func New(cfg Config) (*Server, error) {
	cfg.Addr = listenAddr(cfg.Addr)
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	cfg.Limits = cfg.Limits.withDefaults()
	if info, err := os.Stat(filepath.Join(cfg.Source, "content")); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%s holds no content folder", cfg.Source)
	}
	if cfg.FS == nil {
		cfg.FS = os.DirFS(cfg.Source)
	}
	s := &Server{cfg: cfg, fsys: &readFS{FS: cfg.FS}, hub: newHub(), hl: highlight.New(), done: make(chan struct{})}
	// The site folder's git history gives the preview its What changed pages, as it
	// gives the build; what each release changed is cached by commit, and a save
	// that changes content alone reads no history.
	s.build = build.NewSession(s.fsys, build.Options{Drafts: cfg.Drafts, Head: headMarkup, Dir: cfg.Source})
	css, err := s.hl.CSS()
	if err != nil {
		return nil, err
	}
	s.live = append(append([]byte(nil), liveCSS...), css...)
	return s, nil
}

// Run builds the site, serves it and rebuilds on every change until ctx is done. ready,
// if not nil, receives the address listened on once the first build is served.
func (s *Server) Run(ctx context.Context, ready chan<- string) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	bound, _ := ln.Addr().(*net.TCPAddr)
	s.policy = policyFor(bound, thisMachine)
	retry := s.rebuild(nil, nil)
	changes, err := s.watch(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	lim := s.cfg.Limits
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	announce(s.cfg.Log, bound, s.cfg.Drafts, thisMachine())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	// A build that met a read error that may pass is owed a whole build that meets
	// none: a rebuild of later changes alone would not read again what failed.
	var (
		wait  backoff
		again <-chan time.Time // when the owed build is due; nil when none is
	)
	for {
		if retry && again == nil {
			d := wait.next()
			fmt.Fprintf(s.cfg.Log, "a read failed with an error that may pass; building again in %s\n", d)
			again = time.After(d)
		}
		select {
		case <-changes.ready:
			retry = s.rebuild(changes.take(), changes.waiting) || retry
		case <-again:
			again = nil
			if retry = s.rebuild(nil, changes.waiting); !retry {
				wait = backoff{}
			}
		case err := <-serveErr:
			return err
		case <-ctx.Done():
			close(s.done)       // ends the event streams, so shutdown need not wait for them
			s.index.supersede() // and a refresh of the search index under way gives up
			shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			err := srv.Shutdown(shutdown)
			if errors.Is(err, context.DeadlineExceeded) {
				// A client still sending a request (or reading a response) slowly:
				// close its connection rather than leave it to the header timeout.
				return srv.Close()
			}
			return err
		}
	}
}

// watchedEntries are the entries of the site folder the preview watches.
func watchedEntries() []string { return []string{source.ContentDir, "themes"} }

// watch watches the content folder and the themes folder of the site folder. Either may
// be missing, created later, or removed and created again (as a branch switch may do):
// the site folder itself is watched for them. Either may be a symbolic link to a folder
// elsewhere, which is watched where it leads. The git repository holding the site
// folder is watched too (watchGit): a commit changes what the history gives the site.
func (s *Server) watch(ctx context.Context) (*pending, error) {
	out := &pending{ready: make(chan struct{}, 1)}
	opts := s.watchOptions()
	opts.Entries = watchedEntries()
	batches, err := watch.Watch(ctx, s.cfg.Source, opts)
	if err != nil {
		return nil, err
	}
	links := &linkWatches{s: s, out: out, watches: map[string]linkWatch{}}
	for _, name := range opts.Entries {
		links.follow(ctx, name)
	}
	go watchGit(ctx, s.cfg.Source, out)
	go func() {
		for b := range batches {
			for _, p := range b.Paths {
				// The folder itself changed: it may be a link now, or no more, or
				// lead elsewhere. Its files may then have the names of the old
				// folder's: only a whole build tells what changed.
				if slices.Contains(opts.Entries, p) && links.follow(ctx, p) {
					b.Overflow = true
				}
			}
			out.add(b)
		}
		links.stop()
	}()
	return out, nil
}

// maxSave is the longest a stream of changes to the sources can postpone a rebuild.
const maxSave = 5 * time.Second

// watchOptions are the options of every watch the preview makes.
func (s *Server) watchOptions() watch.Options {
	// A save's events arrive within microseconds of each other: a short quiet time
	// batches them without adding noticeably to the time a reload takes. A save of
	// thousands of files (a principle renamed with every file naming it, a branch
	// switch) streams for longer than twenty such quiet times: it arrives whole all
	// the same, so that no build reads half of it and shows the problems of a state
	// that never was (references to a title the principle does not have yet).
	return watch.Options{Poll: s.cfg.Poll, Debounce: 10 * time.Millisecond, MaxBurst: maxSave, Ignore: source.IsIgnored}
}

// linkWatches watches the entries of the site folder that are symbolic links, where
// they lead: the site folder's own watch sees a link, not what it leads to. It is owned
// by the goroutine reading the site folder's batches.
type linkWatches struct {
	s       *Server
	out     *pending
	watches map[string]linkWatch // by entry name
}

type linkWatch struct {
	target string // where the link led when the watch began
	stop   context.CancelFunc
}

// follow starts, moves or stops the watch of the entry name, as it is now a link, a
// link elsewhere, or no link. It reports whether it did any of these.
func (l *linkWatches) follow(ctx context.Context, name string) (moved bool) {
	link := filepath.Join(l.s.cfg.Source, name)
	target := ""
	if info, err := os.Lstat(link); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if resolved, err := filepath.EvalSymlinks(link); err == nil {
			target = resolved
		}
	}
	old, had := l.watches[name]
	if had && old.target == target {
		return false
	}
	if had {
		old.stop()
		delete(l.watches, name)
	}
	if target == "" {
		return had
	}
	wctx, stop := context.WithCancel(ctx)
	batches, err := watch.Watch(wctx, link, l.s.watchOptions())
	if err != nil {
		stop()
		fmt.Fprintf(l.s.cfg.Log, "cannot watch %s: %v\n", link, err)
		return true
	}
	l.watches[name] = linkWatch{target: target, stop: stop}
	go func() {
		for b := range batches {
			for i, p := range b.Paths {
				b.Paths[i] = path.Join(name, p)
			}
			l.out.add(b)
		}
	}()
	return true
}

// stop ends every link's watch.
func (l *linkWatches) stop() {
	for _, w := range l.watches {
		w.stop()
	}
}

// pending gathers the changes the watchers report until the server takes them.
type pending struct {
	ready chan struct{} // holds a value while there are changes to take
	mu    sync.Mutex
	paths []string // relative to the site folder
	all   bool     // the changes cannot be named: rebuild everything
}

func (p *pending) add(b watch.Batch) {
	p.mu.Lock()
	for _, rel := range b.Paths {
		if rel != "." { // the site folder itself: its entries that matter are reported
			p.paths = append(p.paths, rel)
		}
	}
	p.all = p.all || b.Overflow
	p.mu.Unlock()
	select {
	case p.ready <- struct{}{}:
	default: // a rebuild is already due
	}
}

// waiting reports whether there are changes to take.
func (p *pending) waiting() bool { return len(p.ready) > 0 }

// take returns the changed paths and forgets them; nil means everything.
func (p *pending) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	paths, all := p.paths, p.all
	p.paths, p.all = nil, false
	if all {
		return nil
	}
	// Never nil here: a signal can outlive the changes an earlier take already took,
	// and nil would rebuild everything.
	return append([]string{}, paths...)
}

// Rebuild brings the site up to date after changes to the files changed (relative to
// the site folder; nil for unknown changes), tells the open pages what changed, and
// waits for the check of the new generation and its search index. It reports whether
// the build succeeded.
func (s *Server) Rebuild(changed []string) bool {
	s.rebuild(changed, nil)
	s.checks.Wait()
	s.index.all.Wait()
	return s.Problems() == ""
}

// rebuild is Rebuild without waiting for the check; it reports whether the build must
// be tried again, because a read failed with an error that may pass by itself (such as
// too many open files): the build may have failed because of it, or missed a change.
//
// A build that fails while more changes wait (more, when not nil, says so) reports
// nothing: it read the sources in the middle of a save that was still being written
// (a branch switch that paused), and its problems are those of a state that never was.
// The changes waiting are built next, and that build reports.
func (s *Server) rebuild(changed []string, more func() bool) (retry bool) {
	s.fsys.transient.Store(false)
	defer func() { retry = s.fsys.transient.Load() }()
	start := time.Now()
	s.checking.Store(nil) // a check of the last generation gives up
	s.index.supersede()   // and so does the refresh of its search index, which reads the model
	s.genMu.Lock()
	gen, change, diags := s.build.Update(changed)
	s.mu.Lock()
	prev, fixed := s.gen, gen != nil && s.problem != nil && s.loadErr
	if gen != nil {
		s.gen = gen // from now on, requests are answered from it
	}
	if fixed {
		s.problem = nil // the sources load again: what a check finds is shown later
	}
	s.mu.Unlock()
	s.genMu.Unlock()
	if fixed {
		s.hub.broadcast(event{name: "fixed", data: "{}"})
	}
	if gen == nil && more != nil && more() {
		fmt.Fprintf(s.cfg.Log, "rebuild failed in %s while more changes came: building them\n", time.Since(start).Round(time.Millisecond))
		return
	}
	for _, d := range diags.Sorted() {
		fmt.Fprintln(s.cfg.Log, d)
	}
	if gen == nil {
		if prev != nil {
			s.refreshIndex(prev) // the site served is the last good one still
		}
		s.showProblem(diags, false)
		fmt.Fprintf(s.cfg.Log, "rebuild failed in %s; still serving the last good site\n", time.Since(start).Round(time.Millisecond))
		return
	}
	open := s.hub.pages()
	s.genMu.RLock()
	e, changes := changes(prev, gen, change, open)
	s.genMu.RUnlock()
	if changes {
		s.hub.broadcast(e)
	}
	s.refreshIndex(gen) // after the reload: no page waits for it
	fmt.Fprintf(s.cfg.Log, "rebuilt (%s) in %s, rendering %d open pages of %d\n", changeName(change), time.Since(start).Round(time.Millisecond), len(open), gen.Pages())
	s.check(gen, diags)
	return
}

// changeName names a kind of change for the log.
func changeName(c build.Change) string {
	return map[build.Change]string{build.Unchanged: "nothing changed", build.Content: "content patched", build.Whole: "loaded whole"}[c]
}

// check renders the rest of gen and checks it whole, in the background, unless it is
// checked already; then it shows the problems found with those loading it reported
// (loaded), or clears the overlay. A newer rebuild stops it.
func (s *Server) check(gen *build.Generation, loaded diag.List) {
	s.checking.Store(gen)
	s.mu.RLock()
	done, found := s.checked == gen, s.found
	s.mu.RUnlock()
	if done {
		s.settle(gen, found)
		return
	}
	s.checks.Go(func() {
		start := time.Now()
		s.genMu.RLock()
		// One worker: the check is off the path to the reload, and leaves the other
		// cores to the pages a reloading browser asks for.
		diags, ok := gen.Check(1, func() bool { return s.checking.Load() != gen })
		s.genMu.RUnlock()
		if !ok {
			return
		}
		for _, d := range diags.Sorted() {
			fmt.Fprintln(s.cfg.Log, d)
		}
		all := append(slices.Clip(loaded), diags...)
		s.mu.Lock()
		s.checked, s.found = gen, all
		s.mu.Unlock()
		s.settle(gen, all)
		took := time.Since(start)
		// Rendering every page left garbage the collector would otherwise mark in the
		// middle of the next save, with the whole model live (a third of a rename's
		// time at 50,000 pages): it is collected now, while the author reads.
		runtime.GC()
		fmt.Fprintf(s.cfg.Log, "checked %d pages in %s\n", gen.Pages(), took.Round(time.Millisecond))
	})
}

// settle shows the problems a check of gen found, or clears the overlay when there are
// none, unless a newer rebuild has begun.
func (s *Server) settle(gen *build.Generation, found diag.List) {
	if s.checking.Load() != gen {
		return
	}
	if found.HasErrors(false) {
		s.showProblem(found, true)
		return
	}
	s.mu.Lock()
	hadProblem := s.problem != nil
	s.problem = nil
	s.mu.Unlock()
	if hadProblem {
		s.hub.broadcast(event{name: "fixed", data: "{}"})
	}
}

// showProblem shows the errors of diags as the overlay, on every open page and on those
// opened later; shown tells whether the preview shows the version that has them.
func (s *Server) showProblem(diags diag.List, shown bool) {
	e := event{name: "problem", data: s.overlay(diags, shown)}
	s.mu.Lock()
	same := s.problem != nil && *s.problem == e
	s.problem, s.loadErr = &e, !shown
	s.mu.Unlock()
	if !same {
		s.hub.broadcast(e)
	}
}

// Handler returns the preview's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_handbook/events", s.events)
	mux.HandleFunc("GET /_handbook/live.js", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, "application/javascript", liveJS)
	})
	mux.HandleFunc("GET /_handbook/live.css", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, "text/css", s.live)
	})
	mux.HandleFunc("GET /", s.page)
	return guard(s.policy, mux)
}

func serveBytes(w http.ResponseWriter, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	key, status := outputKey(r)
	if status != http.StatusOK {
		http.Error(w, http.StatusText(status), status)
		return
	}
	// The policy the published site runs under, so the preview shows what it breaks.
	w.Header().Set("Content-Security-Policy", output.CSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if isIndexFile(key) {
		s.serveIndexFile(w, r, key)
		return
	}
	s.genMu.RLock()
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	var data, notFound []byte
	ok, dir := false, false
	if gen != nil {
		if data, ok = gen.File(key); !ok {
			if dir = gen.IsPage(key + "/index.html"); !dir {
				notFound, _ = gen.File("404.html")
			}
		}
	}
	s.genMu.RUnlock()
	switch {
	case gen == nil:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, waitingPage)
	case dir:
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
	case !ok:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
	default:
		w.Header().Set("Content-Type", contentType(key))
		w.Write(data)
	}
}

// serveIndexFile serves a file of the search index (see searchIndex).
func (s *Server) serveIndexFile(w http.ResponseWriter, r *http.Request, key string) {
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	if gen == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, waitingPage)
		return
	}
	data, ok := s.indexFile(r.Context(), key)
	if !ok {
		s.genMu.RLock()
		notFound, _ := gen.File("404.html")
		s.genMu.RUnlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
		return
	}
	w.Header().Set("Content-Type", contentType(key))
	w.Write(data)
}

// render renders the page at the URL path u of the generation served, if it has not
// been, so that the next rebuild can tell whether it changed.
func (s *Server) render(u string) {
	s.genMu.RLock()
	defer s.genMu.RUnlock()
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	if gen != nil && u != "" {
		gen.File(fileOf(gen, u))
	}
}

// waitingPage is served until a first build succeeds: it carries the live-reload script,
// so it shows the errors and turns into the site once they are fixed.
const waitingPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Building…</title>` + string(headMarkup) + `</head><body><main><h1>The site does not build yet</h1><p>Fix the problems shown here; this page reloads by itself.</p></main></body></html>`

// events streams live-reload events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page := r.URL.Query().Get("page") // the URL path of the page, as live.js sends it
	if !strings.HasPrefix(page, "/") {
		page = ""
	}
	c, ok := s.hub.subscribe(s.cfg.Limits.MaxStreams, page)
	if !ok {
		w.Header().Set("Retry-After", "5")
		http.Error(w, fmt.Sprintf("Service Unavailable: %d live-reload streams are open, the most this preview serves; close some of its tabs", s.cfg.Limits.MaxStreams), http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	s.render(page)
	// The stream lives as long as its page: the server's read and write deadlines,
	// meant for page requests, would cut it off.
	rc := http.NewResponseController(w)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	rc.SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 500\n\n")
	s.mu.RLock()
	problem := s.problem
	s.mu.RUnlock()
	if problem != nil {
		writeEvent(w, *problem)
	} else {
		writeEvent(w, event{name: "hello", data: "{}"})
	}
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case e := <-c:
			writeEvent(w, e)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
		flusher.Flush()
	}
}

func writeEvent(w io.Writer, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}

// jsonEvent makes an event whose data is v as JSON.
func jsonEvent(name string, v any) event {
	b, _ := json.Marshal(v) // the values here are plain strings and slices
	return event{name: name, data: string(b)}
}

// Problems returns the diagnostics overlay currently shown, for tests; "" when none.
func (s *Server) Problems() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.problem == nil {
		return ""
	}
	return s.problem.data
}
