package devserver

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad holds loadClients live-reload streams open, and a steady stream of page
// requests, while a principle is edited loadEdits times, one save at a time. Every
// request must succeed with a whole body, every stream must stay open, every client must
// be told of every change, in order, and once the clients are gone and the server has
// stopped, no goroutine may be left and the heap must not have grown with the edits.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const (
		loadClients = 200
		loadEdits   = 100
		fetchers    = 4
		warmup      = 10 // edits made before the first heap measurement
		// The heap growth allowed from then to the last edit. The site's output is about
		// 1.2 MB, of which an edit replaces about 0.2 MB (the page and the search index):
		// a server keeping every build it published would grow by some 18 MB. Events
		// queued for a client and never taken are caught by looking at the hub.
		maxGrowth = 8 << 20
		principle = "content/principles/ownership.md"
		page      = "/principles/ownership/"
	)
	baseline := runtime.NumGoroutine()

	dir := copyHandbook(t)
	log := &rebuildCounter{done: make(chan struct{}, 1)}
	srv, err := New(Config{Source: dir, Addr: "127.0.0.1:0", Drafts: true, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	base, stopServer := run(t, srv, 30*time.Second)
	ctx := t.Context()

	// One connection per stream, and enough idle ones kept for the page requests that
	// they do not open a new connection each.
	tr := &http.Transport{
		MaxConnsPerHost:     loadClients + 2*fetchers + 8,
		MaxIdleConns:        loadClients + 2*fetchers + 8,
		MaxIdleConnsPerHost: loadClients + 2*fetchers + 8,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	// The clients. The first is also the observer the edits wait for.
	var made atomic.Int64 // edits made so far
	observed := make(chan event, loadEdits+16)
	streamCtx, closeStreams := context.WithCancel(ctx)
	defer closeStreams()
	var closing atomic.Bool // set when the test closes the streams
	streams := make([]*loadStream, loadClients)
	var readers sync.WaitGroup
	for i := range streams {
		s := &loadStream{page: page, made: &made, closing: &closing}
		if i == 0 {
			s.observe = observed
		}
		streams[i] = s
		req, _ := http.NewRequestWithContext(streamCtx, "GET", base+"/_handbook/events?page="+url.QueryEscape(page), nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			t.Fatalf("stream %d: status %d", i, resp.StatusCode)
		}
		readers.Go(func() { s.read(resp.Body) })
	}
	// A stream's response arrives once it has subscribed, so all are counted now.
	if n := srv.hub.count(); n != loadClients {
		t.Fatalf("%d streams subscribed, want %d", n, loadClients)
	}

	// The page requests, round the pages a reader looks at while the author edits.
	var (
		stopFetching = make(chan struct{})
		fetching     sync.WaitGroup
		pause        sync.RWMutex // held for writing while the heap is measured
		requests     atomic.Int64
		failMu       sync.Mutex
		failures     []string
	)
	fail := func(format string, args ...any) {
		failMu.Lock()
		defer failMu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	pages := []string{"/", page, "/principles/", "/roles/professional-services/", "/roles/professional-services/levels.csv", "/search/", "/search/index.json", ""}
	for f := range fetchers {
		fetching.Go(func() {
			for i := f; ; i++ {
				select {
				case <-stopFetching:
					return
				default:
				}
				pause.RLock()
				u := pages[i%len(pages)]
				shard := u == ""
				if shard {
					// A fingerprinted search file: its name changes with the index, so it
					// is taken from what is served now.
					u = "/" + searchFile(srv, i)
				}
				status, body, err := fetch(client, base+u)
				pause.RUnlock()
				requests.Add(1)
				switch {
				case err != nil:
					fail("GET %s: %v", u, err)
				case status == http.StatusNotFound && shard && !srv.serves(strings.TrimPrefix(u, "/")):
					// Superseded by an edit between choosing the name and asking for it.
				case status != http.StatusOK:
					fail("GET %s: status %d", u, status)
				default:
					if msg := incomplete(u, body); msg != "" {
						fail("GET %s: %s", u, msg)
					}
				}
			}
		})
	}
	stopRequests := sync.OnceFunc(func() {
		close(stopFetching)
		fetching.Wait()
	})
	defer stopRequests()

	// heapInUse measures the heap with the page requests held off and the server idle.
	heapInUse := func() uint64 {
		pause.Lock()
		defer pause.Unlock()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}

	// The edits, one save at a time: each waits for its reload to reach the observer
	// and for the rebuild to finish, so that no two are batched into one.
	path := filepath.Join(dir, principle)
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	log.wait(t, 1) // the first build
	var heapWarm uint64
	start := time.Now()
	for k := 1; k <= loadEdits; k++ {
		made.Store(int64(k))
		saveAtomically(t, path, fmt.Appendf(bytes.Clone(original), "\nA sentence from save number %d.\n", k))
		select {
		case e := <-observed:
			if e.name != "reload" || !namesPage(e, page) {
				t.Fatalf("edit %d: event %s %s, want a reload of %s", k, e.name, e.data, page)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("edit %d: no reload within 30s", k)
		}
		log.wait(t, int64(k)+1)
		if k == warmup {
			heapWarm = heapInUse()
		}
	}
	editTime := time.Since(start)

	// Every client is told of every change.
	deadline := time.Now().Add(30 * time.Second)
	for !allTold(streams, loadEdits) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	heapEnd := heapInUse()
	srv.hub.mu.Lock()
	pending := 0
	for c := range srv.hub.clients {
		pending += len(c)
	}
	srv.hub.mu.Unlock()
	if pending > 0 {
		t.Errorf("%d events still queued for clients that have been told everything", pending)
	}
	stopRequests()
	t.Logf("%d edits in %s, %d page requests; heap in use %.1f MB after %d edits, %.1f MB after %d",
		loadEdits, editTime.Round(time.Millisecond), requests.Load(),
		float64(heapWarm)/(1<<20), warmup, float64(heapEnd)/(1<<20), loadEdits)
	if heapEnd > heapWarm+maxGrowth {
		t.Errorf("the heap grew by %.1f MB over %d edits", float64(heapEnd-heapWarm)/(1<<20), loadEdits-warmup)
	}
	for _, f := range failures {
		t.Error(f)
	}

	// The clients leave; the hub forgets them.
	closing.Store(true)
	closeStreams()
	readers.Wait()
	deadline = time.Now().Add(10 * time.Second)
	for srv.hub.count() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := srv.hub.count(); n > 0 {
		t.Errorf("%d clients still subscribed after all streams closed", n)
	}
	want := streams[0].sum
	for i, s := range streams {
		switch {
		case s.err != nil:
			t.Errorf("stream %d ended early: %v", i, s.err)
		case len(s.bad) > 0:
			t.Errorf("stream %d: %s", i, strings.Join(s.bad, "; "))
		case s.named.Load() != loadEdits || s.events.Load() != loadEdits:
			t.Errorf("stream %d: %d events, %d of them reloads of %s; want %d", i, s.events.Load(), s.named.Load(), page, loadEdits)
		case s.sum != want:
			t.Errorf("stream %d was told of the changes in another order than stream 0", i)
		}
	}

	// The server stops, even with a client stalled half-way through sending a request,
	// and nothing it started is left running.
	stalled, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	if _, err := io.WriteString(stalled, "GET / HTTP/1.1\r\nHost: localhost\r\n"); err != nil {
		t.Fatal(err)
	}
	if err := stopServer(); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	// Once Run has returned, the server has closed the connection: the read ends at
	// once, long before the connection's own header timeout.
	stalled.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := stalled.Read(make([]byte, 512)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("the server left open a connection it was reading a request from (read %d bytes, %v)", n, err)
	}
	stalled.Close()
	tr.CloseIdleConnections()
	deadline = time.Now().Add(20 * time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseline {
		var buf bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&buf, 1)
		t.Errorf("%d goroutines left running, %d before the server started:\n%s", n, baseline, buf.String())
	}
}

// loadStream is one client's live-reload stream.
type loadStream struct {
	page    string
	made    *atomic.Int64 // edits made so far
	closing *atomic.Bool  // the test is closing the streams
	observe chan<- event  // if not nil, receives each event after the first

	events atomic.Int64 // events after the first (hello)
	named  atomic.Int64 // reloads naming page

	// Set by read, to be looked at once it has returned.
	sum uint64   // a hash of the events in order
	bad []string // the first few events that should not have come
	err error    // why the stream ended before it was closed
}

func (s *loadStream) read(body io.ReadCloser) {
	defer body.Close()
	h := fnv.New64a()
	first := true
	err := readEvents(body, func(e event) {
		if first {
			if e.name != "hello" {
				s.complain("first event %s %s, want hello", e.name, e.data)
			}
			first = false
		} else {
			s.told(e, h)
		}
	})
	s.sum = h.Sum64()
	if !s.closing.Load() {
		s.err = err
		if s.err == nil {
			s.err = io.EOF
		}
	}
}

// told records an event after the first.
func (s *loadStream) told(e event, h io.Writer) {
	n := s.events.Add(1)
	fmt.Fprintf(h, "%s\x00%s\x00", e.name, e.data)
	if e.name != "reload" || !namesPage(e, s.page) {
		s.complain("event %d: %s %s, want a reload of %s", n, e.name, e.data, s.page)
	} else if k := s.named.Add(1); k > s.made.Load() {
		s.complain("reload %d came before edit %d was made", k, k)
	}
	if s.observe != nil {
		select {
		case s.observe <- e:
		default: // more events than edits: complained of above
		}
	}
}

func (s *loadStream) complain(format string, args ...any) {
	if len(s.bad) < 3 {
		s.bad = append(s.bad, fmt.Sprintf(format, args...))
	}
}

// namesPage reports whether a reload event names page itself (not "*").
func namesPage(e event, page string) bool {
	var r reload
	return json.Unmarshal([]byte(e.data), &r) == nil && slices.Contains(r.Pages, page)
}

// allTold reports whether every stream has had n events.
func allTold(streams []*loadStream, n int64) bool {
	for _, s := range streams {
		if s.events.Load() < n {
			return false
		}
	}
	return true
}

// rebuildCounter is a server log that counts the rebuilds finished, each with the check
// of its generation.
type rebuildCounter struct {
	n    atomic.Int64
	done chan struct{} // signalled after each
}

func (c *rebuildCounter) Write(p []byte) (int, error) {
	for line := range strings.Lines(string(p)) {
		if strings.HasPrefix(line, "checked ") {
			c.n.Add(1)
			select {
			case c.done <- struct{}{}:
			default:
			}
		}
	}
	return len(p), nil
}

// wait waits until n rebuilds have finished.
func (c *rebuildCounter) wait(t *testing.T, n int64) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for c.n.Load() < n {
		select {
		case <-c.done:
		case <-timeout:
			t.Fatalf("%d rebuilds finished, want %d", c.n.Load(), n)
		}
	}
}

// saveAtomically saves a file as editors that write a temporary file and rename it
// over the original do, so that no build reads it half-written.
func saveAtomically(t *testing.T, path string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// searchFile returns the i-th (in turn) of the fingerprinted search files served now.
func searchFile(srv *Server, i int) string {
	var names []string
	for p := range srv.served() {
		if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json") && p != "search/index.json" {
			names = append(names, p)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "search/index.json"
	}
	return names[i%len(names)]
}

// serves reports whether the site served now has the output file key.
func (s *Server) serves(key string) bool {
	_, ok := s.served()[key]
	return ok
}

// fetch gets url and reads the whole body.
func fetch(client *http.Client, url string) (int, []byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		err = fmt.Errorf("%d bytes of %d", len(body), resp.ContentLength)
	}
	return resp.StatusCode, body, err
}

// incomplete says what is wrong with a body that is not a whole file of its kind.
func incomplete(u string, body []byte) string {
	switch {
	case strings.HasSuffix(u, "/"):
		if !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) {
			return fmt.Sprintf("the page (%d bytes) does not end with </html>", len(body))
		}
	case strings.HasSuffix(u, ".json"):
		if !json.Valid(body) {
			return fmt.Sprintf("%d bytes of invalid JSON", len(body))
		}
	case strings.HasSuffix(u, ".csv"):
		records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil || len(records) < 2 {
			return fmt.Sprintf("%d records: %v", len(records), err)
		}
	}
	return ""
}

// TestHubStalledClient: a client that stops reading holds up neither the broadcasts nor
// the other clients, and still misses no reload: once its buffer is full, the events it
// cannot take are replaced by a reload of every page, which it reads last.
func TestHubStalledClient(t *testing.T) {
	h := newHub()
	stalled, _ := h.subscribe(2, "")
	live, _ := h.subscribe(2, "")
	defer h.unsubscribe(stalled)
	defer h.unsubscribe(live)
	for k := range 100 {
		e := jsonEvent("reload", reload{Pages: []string{fmt.Sprintf("/page-%d/", k)}})
		h.broadcast(e) // returns although stalled is full
		if got := <-live; got != e {
			t.Fatalf("the live client got %v, want %v", got, e)
		}
	}
	if len(stalled) != cap(stalled) {
		t.Fatalf("the stalled client has %d events queued, want a full buffer of %d", len(stalled), cap(stalled))
	}
	var last event
	for len(stalled) > 0 {
		last = <-stalled
	}
	if last.name != "reload" || !namesPage(last, "*") {
		t.Errorf("the stalled client's last event is %s %s, want a reload of every page", last.name, last.data)
	}
}
