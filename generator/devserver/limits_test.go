package devserver

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// openFiles counts the test process's open file descriptors: the server's and the
// clients' sockets alike.
func openFiles(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count open files: %v", err)
	}
	return len(entries)
}

// TestIdleConnectionsClosed: 2,000 connections left idle, half after a kept-alive request
// and half without ever sending one, are all closed by the server after its timeouts, so
// the file descriptors return to their level.
func TestIdleConnectionsClosed(t *testing.T) {
	const (
		conns = 2000
		limit = time.Second
		// How long a client waits for the server to close its connection: long enough
		// for a loaded machine, far shorter than the defaults a server without limits
		// would need, if it had any.
		patience = 5 * time.Second
		slack    = 16 // descriptors the runtime may open meanwhile
	)
	dir := copyHandbook(t)
	srv, err := New(Config{Source: dir, Addr: "127.0.0.1:0", Drafts: true,
		Limits: Limits{ReadHeaderTimeout: limit, IdleTimeout: limit}})
	if err != nil {
		t.Fatal(err)
	}
	url, _ := run(t, srv, 10*time.Second)
	addr := strings.TrimPrefix(url, "http://")
	before := openFiles(t)

	var (
		wg       sync.WaitGroup
		closed   atomic.Int64 // connections the server closed
		failMu   sync.Mutex
		failures []string
	)
	fail := func(err error) {
		failMu.Lock()
		defer failMu.Unlock()
		if len(failures) < 5 {
			failures = append(failures, err.Error())
		}
	}
	for i := range conns {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		wg.Go(func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(patience))
			br := bufio.NewReader(conn)
			if i%2 == 0 {
				if _, err := io.WriteString(conn, "GET /_handbook/live.css HTTP/1.1\r\nHost: localhost\r\n\r\n"); err != nil {
					fail(err)
					return
				}
				resp, err := http.ReadResponse(br, nil)
				if err != nil {
					fail(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || resp.Close {
					fail(errors.New("the request was not answered on a kept-alive connection: " + resp.Status))
					return
				}
			}
			// Idle now: the server must end the connection.
			if _, err := br.ReadByte(); errors.Is(err, io.EOF) {
				closed.Add(1)
			} else {
				fail(err)
			}
		})
	}
	peak := openFiles(t)
	wg.Wait()
	if n := closed.Load(); n != conns {
		t.Errorf("the server closed %d of %d idle connections within %s; for example: %q", n, conns, patience, failures)
	}
	// The server's ends are closed once it has noticed the clients' close, at once.
	var after int
	for deadline := time.Now().Add(patience); ; time.Sleep(20 * time.Millisecond) {
		if after = openFiles(t); after <= before+slack || time.Now().After(deadline) {
			break
		}
	}
	t.Logf("open files: %d before, %d with the connections open, %d after", before, peak, after)
	if after > before+slack {
		t.Errorf("%d files open after the idle timeout, %d before", after, before)
	}
	// The server still serves.
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after the idle connections, GET /: %s", resp.Status)
	}
}

// TestEventStreamOutlivesTimeouts: the timeouts meant for page requests do not cut off
// the live-reload stream, which lives as long as its page.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	const limit = 200 * time.Millisecond
	p := startPreviewShowing(t, copyHandbook(t), Config{Limits: Limits{
		ReadHeaderTimeout: limit, ReadTimeout: limit, WriteTimeout: limit, IdleTimeout: limit,
	}}, "/principles/ownership/")
	time.Sleep(4 * limit)
	const principle = "content/principles/ownership.md"
	p.write(principle, p.read(principle)+"\nWritten long after the timeouts.\n")
	if pages := reloaded(p.expect("reload")); !contains(pages, "/principles/ownership/") {
		t.Errorf("reload of %v", pages)
	}
	if _, body := p.get("/principles/ownership/"); !strings.Contains(body, "Written long after the timeouts.") {
		t.Error("the page does not show the edit")
	}
}

// TestEventStreamCap: beyond Limits.MaxStreams open streams, another is refused with a
// 503 that says why; once a page closes, a new one gets its stream.
func TestEventStreamCap(t *testing.T) {
	const max = 3
	p := startPreviewOf(t, copyHandbook(t), Config{Limits: Limits{MaxStreams: max}})
	// p holds one stream; open the others.
	var cancels []func()
	for range max - 1 {
		ctx, cancel := context.WithCancel(t.Context())
		cancels = append(cancels, cancel)
		resp := p.stream(ctx)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("stream within the cap: %s", resp.Status)
		}
		defer resp.Body.Close()
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	resp := p.stream(ctx)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "3 live-reload streams are open, the most this preview serves") {
		t.Errorf("stream beyond the cap: %s %q", resp.Status, body)
	}
	if status, _ := p.get("/principles/ownership/"); status != http.StatusOK {
		t.Errorf("a page beyond the stream cap: status %d", status)
	}

	cancels[0]()
	waitFor(t, p, func() bool { return p.srv.hub.count() < max })
	resp = p.stream(ctx)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("stream after one closed: %s", resp.Status)
	}
	for _, c := range cancels[1:] {
		c()
	}
}
