package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/gittest"
	"github.com/handbook-dev/handbook/generator/watch"
)

func TestPathSafety(t *testing.T) {
	tests := map[string]struct {
		key    string
		status int
	}{
		"/":                       {"index.html", 200},
		"/principles/ownership/":  {"principles/ownership/index.html", 200},
		"/roles/x/levels.csv":     {"roles/x/levels.csv", 200},
		"/../etc/passwd":          {"", 400},
		"/%2e%2e/etc/passwd":      {"", 400},
		"/a/%2e%2e/%2e%2e/x":      {"", 400},
		"/..%2f..%2fetc%2fpasswd": {"", 400},
		"/a%5c..%5cb":             {"", 400},
		"/.handbook-output":       {"", 404},
		"/.git/config":            {"", 404},
		"/a/./b":                  {"", 400},
		"/a%00b":                  {"", 400},
	}
	for target, want := range tests {
		r := httptest.NewRequest("GET", "http://localhost"+target, nil)
		key, status := outputKey(r)
		if key != want.key || status != want.status {
			t.Errorf("%s: %q, %d; want %q, %d", target, key, status, want.key, want.status)
		}
	}
}

// preview is a running dev server over a copy of the real handbook.
type preview struct {
	t      *testing.T
	srv    *Server
	dir    string
	url    string
	events chan event
}

func startPreview(t *testing.T, poll time.Duration) *preview {
	t.Helper()
	return startPreviewOf(t, copyHandbook(t), Config{Poll: poll})
}

// startPreviewOf runs a preview of the site folder dir, drafts shown, on a loopback
// port, with cfg's other settings, and listens to its event stream.
func startPreviewOf(t *testing.T, dir string, cfg Config) *preview {
	t.Helper()
	return startPreviewShowing(t, dir, cfg, "")
}

// startPreviewShowing is startPreviewOf with an event stream that says it shows the
// page at the URL path page, as live.js does ("" says nothing).
func startPreviewShowing(t *testing.T, dir string, cfg Config, page string) *preview {
	t.Helper()
	cfg.Source, cfg.Addr, cfg.Drafts = dir, "127.0.0.1:0", true
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	url, _ := run(t, srv, 10*time.Second)
	p := &preview{t: t, srv: srv, dir: dir, url: url, events: make(chan event, 64)}
	p.listen(t.Context(), page)
	p.expect("hello")
	return p
}

// serveLocal answers a GET of path from this machine with srv's handler, as the preview
// answers a browser, without a listening server.
func serveLocal(srv *Server, path string) (int, string) {
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "http://localhost"+path, nil)
	r.RemoteAddr = "127.0.0.1:50000"
	srv.Handler().ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

// siteOf writes the site of a txtar archive of the build's tests (testdata/sites/NAME)
// into a new site folder, a file named NAME.crlf.EXT as NAME.EXT.
func siteOf(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile("../build/testdata/sites/" + name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		path := filepath.Join(dir, filepath.FromSlash(strings.Replace(f.Name, ".crlf.", ".", 1)))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copyHandbook copies the real handbook's content and theme into a new site folder.
func copyHandbook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), os.DirFS("../../themes/default")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs srv until the test ends, waiting up to wait for it to serve. It returns the
// server's base URL and a function that stops it early and returns what Run returned.
func run(t *testing.T, srv *Server, wait time.Duration) (url string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Run(ctx, ready) }()
	stop = sync.OnceValue(func() error {
		cancel()
		return <-stopped
	})
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	select {
	case addr := <-ready:
		return "http://" + addr, stop
	case err := <-stopped:
		t.Fatalf("server stopped: %v", err)
	case <-time.After(wait):
		t.Fatal("server did not start")
	}
	return "", stop
}

// listen reads the event stream of a page showing the URL path page ("" for one that
// does not say) into p.events.
func (p *preview) listen(ctx context.Context, page string) {
	resp := p.streamOf(ctx, page)
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("event stream: %s", resp.Status)
	}
	go func() {
		defer resp.Body.Close()
		readEvents(resp.Body, func(e event) { p.events <- e })
	}()
}

// open opens the event stream of a page showing the URL path page, whose events are
// read and dropped: a page open in another tab.
func (p *preview) open(ctx context.Context, page string) {
	p.t.Helper()
	resp := p.streamOf(ctx, page)
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("event stream: %s", resp.Status)
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
	// The server registers the page once it has answered the stream.
	for deadline := time.Now().Add(5 * time.Second); !slices.Contains(p.srv.hub.pages(), page); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			p.t.Fatalf("the page %s is not registered as open", page)
		}
	}
}

// stream opens an event stream, open until ctx is done.
func (p *preview) stream(ctx context.Context) *http.Response {
	p.t.Helper()
	return p.streamOf(ctx, "")
}

// streamOf opens the event stream of a page showing the URL path page.
func (p *preview) streamOf(ctx context.Context, page string) *http.Response {
	p.t.Helper()
	target := p.url + "/_handbook/events"
	if page != "" {
		target += "?page=" + url.QueryEscape(page)
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", target, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp
}

// readEvents reads a Server-Sent Events stream, calling each for every event, until the
// stream ends; it returns why it ended (nil at its end).
func readEvents(r io.Reader, each func(event)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20) // an overlay event carries whole source lines
	var e event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			e.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			e.data = strings.TrimPrefix(line, "data: ")
		case line == "" && e.name != "":
			each(e)
			e = event{}
		}
	}
	return sc.Err()
}

// expect waits for the next event and requires its name.
func (p *preview) expect(name string) event {
	p.t.Helper()
	select {
	case e := <-p.events:
		if e.name != name {
			p.t.Fatalf("event %q (%s), want %q", e.name, e.data, name)
		}
		return e
	case <-time.After(10 * time.Second):
		p.t.Fatalf("no %q event within 10s", name)
	}
	return event{}
}

// expectAfterProblems waits for the named event, letting problem events pass first.
func (p *preview) expectAfterProblems(name string) event {
	p.t.Helper()
	for {
		select {
		case e := <-p.events:
			if e.name == name {
				return e
			}
			if e.name != "problem" {
				p.t.Fatalf("event %q (%s), want %q", e.name, e.data, name)
			}
		case <-time.After(10 * time.Second):
			p.t.Fatalf("no %q event within 10s", name)
		}
	}
}

// quiet requires that no event arrives for a while.
func (p *preview) quiet(d time.Duration) {
	p.t.Helper()
	select {
	case e := <-p.events:
		p.t.Fatalf("unexpected event %q (%s)", e.name, e.data)
	case <-time.After(d):
	}
}

func (p *preview) write(rel, text string) {
	p.t.Helper()
	path := filepath.Join(p.dir, rel)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(p.dir, rel))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func reloaded(e event) []string {
	var r reload
	json.Unmarshal([]byte(e.data), &r)
	return r.Pages
}

func TestPreviewFollowsEdits(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"events", 0}, {"poll", 50 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			// Two pages are open: the principle's, which the edit changes, and the
			// delivery framework's, which it does not.
			p := startPreviewShowing(t, copyHandbook(t), Config{Poll: mode.poll}, "/principles/ownership/")
			p.open(t.Context(), "/delivery/")
			const principle = "content/principles/ownership.md"
			original := p.read(principle)

			// An edit reloads the open pages that show the changed text, and only those.
			p.write(principle, original+"\nA brand new sentence about ownership.\n")
			pages := reloaded(p.expect("reload"))
			if !contains(pages, "/principles/ownership/") || contains(pages, "*") || contains(pages, "/delivery/") {
				t.Errorf("reload of %v", pages)
			}
			if _, body := p.get("/principles/ownership/"); !strings.Contains(body, "A brand new sentence about ownership.") {
				t.Error("the edited page does not show the new text")
			}

			// Saving the same text again changes no output: no event.
			p.write(principle, original+"\nA brand new sentence about ownership.\n")
			p.quiet(400 * time.Millisecond)

			// A broken source keeps the last good site and shows the problem with its place
			// and source lines; fixing it clears the overlay and reloads.
			group := "content/interview/hiring.md"
			good := p.read(group)
			p.write(group, strings.Replace(good, "Hire and Develop the Best", "Hire and Develop the Bets", 1))
			var overlay struct{ HTML string }
			json.Unmarshal([]byte(p.expect("problem").data), &overlay)
			for _, want := range []string{
				"<code>content/interview/hiring.md:5:5</code> unknown principle &#34;Hire and Develop the Bets&#34;; did you mean &#34;Hire and Develop the Best&#34;?",
				`<span class="hl-line hl-hl"><span class="hl-ln">5</span>`, // the line, marked among its neighbours
			} {
				if !strings.Contains(overlay.HTML, want) {
					t.Errorf("overlay lacks %q:\n%s", want, overlay.HTML)
				}
			}
			if status, body := p.get("/principles/ownership/"); status != 200 || !strings.Contains(body, "A brand new sentence") {
				t.Error("the last good site is not served during the error")
			}
			p.write(group, good)
			// A poll can catch the file half-written and report that too; what matters is
			// that the save, once complete, clears the problem.
			p.expectAfterProblems("fixed")
			p.quiet(300 * time.Millisecond) // the fixed sources build what was served before
			if p.srv.Problems() != "" {
				t.Error("the problem is still shown")
			}

			// Deleting a phase removes its page.
			if err := os.Remove(filepath.Join(p.dir, "content/delivery/close.md")); err != nil {
				t.Fatal(err)
			}
			p.expect("reload")
			if status, _ := p.get("/delivery/close/"); status != 404 {
				t.Errorf("deleted page: status %d", status)
			}

			// A new folder adds its role; renaming the folder moves its pages.
			p.write("content/roles/analyst/levels.csv", "Level,Analyst I,Principles\nAnalysis,Finds answers.,Dive Deep\n")
			p.write("content/roles/analyst/_index.md", "---\ntitle: Analyst\n---\nAnalysts analyse.\n")
			waitFor(t, p, func() bool { status, _ := p.get("/roles/analyst/analyst-i/"); return status == 200 })
			if err := os.Rename(filepath.Join(p.dir, "content/roles/analyst"), filepath.Join(p.dir, "content/roles/analysts")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, p, func() bool { status, _ := p.get("/roles/analysts/analyst-i/"); return status == 200 })
			if status, _ := p.get("/roles/analyst/"); status != 404 {
				t.Errorf("the renamed role's old page: status %d", status)
			}

			// A stylesheet-only change swaps the stylesheet instead of reloading.
			drain(p)
			css := "themes/default/assets/style.css"
			p.write(css, p.read(css)+"\n.only-a-test { color: red; }\n")
			e := p.expect("style")
			if !strings.Contains(e.data, "/assets/style.") {
				t.Errorf("style event %s", e.data)
			}

			// After all this, the preview serves exactly what a full build makes.
			res, diags := build.Build(os.DirFS(p.dir), build.Options{Drafts: true, Head: headMarkup})
			if res == nil {
				t.Fatal(diags.Error())
			}
			served := p.srv.served()
			if len(served) != len(res.Files) {
				t.Errorf("serving %d files, a full build has %d", len(served), len(res.Files))
			}
			for _, f := range res.Files {
				if !bytes.Equal(served[f.Path], f.Data) {
					t.Errorf("%s differs from a full build", f.Path)
				}
			}
		})
	}
}

// served returns every file the preview serves now, each made from the generation
// served as a request would make it.
func (s *Server) served() map[string][]byte {
	s.genMu.RLock()
	defer s.genMu.RUnlock()
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	if gen == nil {
		return nil
	}
	files := map[string][]byte{}
	for _, f := range gen.Files() {
		files[f.Path] = f.Data
	}
	return files
}

// waitFor polls cond until it holds, for up to 10 seconds.
func waitFor(t *testing.T, p *preview, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 10s")
}

// drain discards the events that have arrived.
func drain(p *preview) {
	time.Sleep(300 * time.Millisecond)
	for {
		select {
		case <-p.events:
		default:
			return
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPendingChanges: the watcher's batches are gathered into the paths a rebuild is
// given, relative to the site folder; a dropped-events batch makes it rebuild all.
func TestPendingChanges(t *testing.T) {
	tests := []struct {
		name    string
		batches []watch.Batch
		want    []string // nil: rebuild everything
	}{
		{"a file", []watch.Batch{{Paths: []string{"content/principles/ownership.md"}}},
			[]string{"content/principles/ownership.md"}},
		{"two batches", []watch.Batch{{Paths: []string{"content/a.md"}}, {Paths: []string{"themes/default/assets/style.css"}}},
			[]string{"content/a.md", "themes/default/assets/style.css"}},
		{"a folder", []watch.Batch{{Paths: []string{"content"}}}, []string{"content"}},
		{"the site folder itself", []watch.Batch{{Paths: []string{".", "themes"}}}, []string{"themes"}},
		{"events dropped", []watch.Batch{{Paths: []string{"content/a.md"}, Overflow: true}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pending{ready: make(chan struct{}, 1)}
			for _, b := range tt.batches {
				p.add(b)
			}
			select {
			case <-p.ready:
			default:
				t.Fatal("no rebuild is due")
			}
			got := p.take()
			if (got == nil) != (tt.want == nil) || strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("take() = %q, want %q", got, tt.want)
			}
			if again := p.take(); again == nil || len(again) > 0 {
				t.Errorf("take() again = %q, want no paths", again)
			}
		})
	}
}

// TestPreviewShowsWhatChanged: a site folder with git history is previewed with its
// What changed pages, as it is built, and a content save keeps them.
func TestPreviewShowsWhatChanged(t *testing.T) {
	dir := gittest.Handbook(t)
	srv, err := New(Config{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, string) { return serveLocal(srv, path) }
	if !srv.Rebuild(nil) {
		t.Fatalf("first build failed: %s", srv.Problems())
	}
	if code, _ := get("/changes/"); code != http.StatusOK {
		t.Fatalf("/changes/: status %d, want 200", code)
	}
	file := filepath.Join(dir, "content", "principles", "ownership.md")
	data, _ := os.ReadFile(file)
	if err := os.WriteFile(file, append(data, "\nA sentence saved while previewing.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if !srv.Rebuild([]string{"content/principles/ownership.md"}) {
		t.Fatalf("save failed: %s", srv.Problems())
	}
	if code, body := get("/changes/"); code != http.StatusOK || !strings.Contains(body, "<h1") {
		t.Errorf("/changes/ after a save: status %d", code)
	}
}

// TestRebuildAllSeesUnreportedChanges: after dropped events the server rebuilds with no
// paths named, which must pick up a change no event reported.
func TestRebuildAllSeesUnreportedChanges(t *testing.T) {
	dir := copyHandbook(t)
	srv, err := New(Config{Source: dir, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if !srv.Rebuild(nil) {
		t.Fatal("first build failed")
	}
	file := filepath.Join(dir, "content", "principles", "ownership.md")
	data, _ := os.ReadFile(file)
	if err := os.WriteFile(file, append(data, "\nAn edit no event reported.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if !srv.Rebuild([]string{"content/principles/dive-deep.md"}) || !srv.Rebuild(nil) {
		t.Fatal("rebuild failed")
	}
	if _, body := serveLocal(srv, "/principles/ownership/"); !strings.Contains(body, "An edit no event reported.") {
		t.Error("the page does not show the edit after a rebuild of everything")
	}
}
