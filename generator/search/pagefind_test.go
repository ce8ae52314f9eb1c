package search_test

import (
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// TestPagefindFirstQuery measures, for BENCHMARKS.md, what Pagefind's own search API
// fetches for the first queries of firstQueries on a site it indexed: every file it
// loads, as compressed bytes on the wire (files gzipped at default level on the fly,
// except Pagefind's own .pagefind/.pf_* files, which are gzipped at rest). It runs only
// when HANDBOOK_PAGEFIND_SITE names a built site holding a pagefind/ folder, made by
//
//	npx --yes pagefind@latest --site DIR
//
// and it serves the site without a CSP: Pagefind needs 'wasm-unsafe-eval' and a worker.
func TestPagefindFirstQuery(t *testing.T) {
	dir := os.Getenv("HANDBOOK_PAGEFIND_SITE")
	if dir == "" {
		t.Skip("set HANDBOOK_PAGEFIND_SITE to a site indexed by Pagefind to measure it")
	}
	var sent counter
	srv := httptest.NewServer(gzipFiles(dir, &sent))
	defer srv.Close()
	ctx := browsertest.Start(t)
	worst := 0
	for _, q := range firstQueries {
		js := `(async () => {
			const pf = await import('/pagefind/pagefind.js');
			await pf.init();
			const r = await pf.search(` + jsString(q) + `);
			await Promise.all(r.results.slice(0, 8).map(x => x.data()));
			return r.results.length;
		})()`
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/blank.txt")); err != nil {
			t.Fatal(err)
		}
		sent.reset()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		bytes, files := sent.get()
		worst = max(worst, bytes)
		t.Logf("%-24q %6d bytes in %2d files; %5d results", q, bytes, files, n)
	}
	t.Logf("worst first query: %d bytes", worst)
}

// counter counts the responses and body bytes a server sent.
type counter struct {
	mu           sync.Mutex
	bytes, files int
}

func (c *counter) add(n int) { c.mu.Lock(); c.bytes += n; c.mu.Unlock() }
func (c *counter) file()     { c.mu.Lock(); c.files++; c.mu.Unlock() }
func (c *counter) reset()    { c.mu.Lock(); c.bytes, c.files = 0, 0; c.mu.Unlock() }
func (c *counter) get() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, c.files
}

type countingWriter struct {
	http.ResponseWriter
	c *counter
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.c.add(len(p))
	return w.ResponseWriter.Write(p)
}

// gzipFiles serves a folder, gzipping what is not compressed yet, with no caching so
// that each page load fetches again, and counts the bytes sent (after compression).
func gzipFiles(dir string, sent *counter) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/blank.txt" {
			return
		}
		sent.file()
		var w http.ResponseWriter = countingWriter{rw, sent}
		w.Header().Set("Cache-Control", "no-store")
		ext := filepath.Ext(r.URL.Path)
		if ext == ".pagefind" || strings.HasPrefix(ext, ".pf_") || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(p []byte) (int, error) { return g.gz.Write(p) }

func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
