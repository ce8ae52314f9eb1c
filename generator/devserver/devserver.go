// Package devserver is handbook serve: it builds the site in memory, serves it on a
// loopback address, watches the sources, rebuilds on every save and tells open pages
// over Server-Sent Events: reload (keeping the scroll position) when a page they show
// changed, swap the stylesheet when only the style changed, or show the build's errors
// as an overlay, which clears itself once they are fixed. A failed rebuild never
// replaces the last good site.
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
	"slices"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
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
	Log    io.Writer     // where to report rebuilds; nil for nowhere
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

	mu      sync.RWMutex
	site    *snapshot // the last good build; nil before the first succeeds
	problem *event    // the current error overlay, nil when the last build succeeded
	done    chan struct{}
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
	s.build = build.NewSession(s.fsys, build.Options{Drafts: cfg.Drafts, Head: headMarkup})
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
	retry := s.rebuild(nil)
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
			retry = s.rebuild(changes.take()) || retry
		case <-again:
			again = nil
			if retry = s.rebuild(nil); !retry {
				wait = backoff{}
			}
		case err := <-serveErr:
			return err
		case <-ctx.Done():
			close(s.done) // ends the event streams, so shutdown need not wait for them
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
// elsewhere, which is watched where it leads.
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

// watchOptions are the options of every watch the preview makes.
func (s *Server) watchOptions() watch.Options {
	// A save's events arrive within microseconds of each other: a short quiet time
	// batches them without adding noticeably to the time a reload takes.
	return watch.Options{Poll: s.cfg.Poll, Debounce: 10 * time.Millisecond, Ignore: source.IsIgnored}
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
// the site folder; nil for unknown changes) and tells the open pages what changed. It
// reports whether the build succeeded.
func (s *Server) Rebuild(changed []string) bool {
	s.rebuild(changed)
	return s.Problems() == ""
}

// rebuild is Rebuild; it reports whether the build must be tried again, because a read
// failed with an error that may pass by itself (such as too many open files): the build
// may have failed because of it, or missed a change.
func (s *Server) rebuild(changed []string) (retry bool) {
	s.fsys.transient.Store(false)
	defer func() { retry = s.fsys.transient.Load() }()
	start := time.Now()
	res, diags := s.build.Rebuild(changed, s.publish)
	for _, d := range diags.Sorted() {
		fmt.Fprintln(s.cfg.Log, d)
	}
	if res == nil {
		e := event{name: "problem", data: s.overlay(diags)}
		s.mu.Lock()
		s.problem = &e
		s.mu.Unlock()
		s.hub.broadcast(e)
		fmt.Fprintf(s.cfg.Log, "rebuild failed in %s; still serving the last good site\n", time.Since(start).Round(time.Millisecond))
		return
	}
	s.publish(res)
	fmt.Fprintf(s.cfg.Log, "rebuilt %d of %d pages in %s\n", res.Rendered, res.Pages, time.Since(start).Round(time.Millisecond))
	return
}

// publish serves a build and tells the open pages what it changed.
func (s *Server) publish(res *build.Result) {
	next := newSnapshot(res.Files)
	s.mu.Lock()
	prev, hadProblem := s.site, s.problem != nil
	s.site, s.problem = next, nil
	s.mu.Unlock()
	if hadProblem {
		s.hub.broadcast(event{name: "fixed", data: "{}"})
	}
	if e, changed := prev.changes(next); changed {
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
	s.mu.RLock()
	site := s.site
	s.mu.RUnlock()
	// The policy the published site runs under, so the preview shows what it breaks.
	w.Header().Set("Content-Security-Policy", output.CSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if site == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, waitingPage)
		return
	}
	data, ok := site.files[key]
	if !ok {
		if _, dir := site.files[key+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(site.files["404.html"])
		return
	}
	w.Header().Set("Content-Type", contentType(key))
	w.Write(data)
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
	c, ok := s.hub.subscribe(s.cfg.Limits.MaxStreams)
	if !ok {
		w.Header().Set("Retry-After", "5")
		http.Error(w, fmt.Sprintf("Service Unavailable: %d live-reload streams are open, the most this preview serves; close some of its tabs", s.cfg.Limits.MaxStreams), http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
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
