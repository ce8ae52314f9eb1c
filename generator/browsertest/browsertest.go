// Package browsertest lets tests drive a built site in headless Chromium, as a reader's
// browser would meet it: the site is served from memory on 127.0.0.1 under the
// Content-Security-Policy it is published with, and every CSP violation and uncaught
// script error is recorded, so a test can fail on any of them.
//
// It is test support only: nothing in the generator imports it. It is the one package
// that starts the browser (through github.com/chromedp/chromedp); tests drive pages
// with chromedp actions on the context Start returns. A test is skipped, with a
// message saying why, when no chromium binary is on PATH.
package browsertest

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/output"
)

// CSP is the Content-Security-Policy Serve sends: the policy of the published site,
// under which no inline script, style or foreign request may run.
const CSP = output.CSP

// Timeout bounds a whole browser test, so a page that never answers fails it rather
// than hanging the suite.
const Timeout = 60 * time.Second

// flags are the browser's command-line switches, exactly; chromedp adds only the
// debugging pipe or port it talks through, and the first page (about:blank).
var flags = []string{"headless", "no-sandbox", "disable-gpu", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync"}

// Start starts headless Chromium for the test with a fresh profile and returns a
// context for chromedp.Run with one tab open. The browser is closed when the test ends.
// The test is skipped when no chromium binary is on PATH.
func Start(t *testing.T) context.Context {
	t.Helper()
	return StartFor(t, Timeout)
}

// StartFor is Start for a test that drives many pages: the whole test may take up to
// timeout instead of Timeout.
func StartFor(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("browser test skipped: no chromium binary on PATH (on Debian: apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(bin), chromedp.UserDataDir(t.TempDir())}
	for _, f := range flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return bctx
}

// Serve serves files (a built site) on a new local HTTP server with the site's
// headers and returns its URL, "http://127.0.0.1:PORT". A folder's URL serves its
// index.html; a missing file serves 404.html with status 404.
func Serve(t *testing.T, files []output.File) string {
	t.Helper()
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = strings.TrimPrefix(name+"/index.html", "/")
		}
		data, ok := byPath[name]
		status := http.StatusOK
		if !ok {
			name, status = "404.html", http.StatusNotFound
			data = byPath[name]
		}
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			h.Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Problems records what went wrong in the pages of a browser context: CSP violations
// and uncaught script errors. It is safe for concurrent use.
type Problems struct {
	mu   sync.Mutex
	list []string
}

// reportViolations is evaluated in every page before its own scripts (through the
// DevTools protocol, which the page's CSP does not govern): it reports each violation
// on the console, where Watch hears it.
const reportViolations = `document.addEventListener('securitypolicyviolation', function (e) {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code') +
    ' in ' + e.sourceFile + ':' + e.lineNumber);
});`

// Watch starts recording the problems of every page later opened in ctx's tab.
func Watch(ctx context.Context) (*Problems, error) {
	p := &Problems{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				p.add("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.add("uncaught exception: %s at %s:%d", msg, d.URL, d.LineNumber+1)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				p.add("console error: %s", strings.Join(parts, " "))
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		return nil, err
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: reportViolations})
	return p, err
}

func (p *Problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// List returns the problems recorded so far.
func (p *Problems) List() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// Check fails the test with every problem recorded so far.
func (p *Problems) Check(t *testing.T) {
	t.Helper()
	for _, msg := range p.List() {
		t.Errorf("in the browser: %s", msg)
	}
}

// keys are the keys Press knows: DOM key, code and Windows key code.
var keys = map[string]struct {
	code string
	vk   int64
}{
	"Tab": {"Tab", 9}, "Enter": {"Enter", 13}, " ": {"Space", 32}, "Escape": {"Escape", 27},
	"ArrowDown": {"ArrowDown", 40}, "ArrowUp": {"ArrowUp", 38}, "ArrowRight": {"ArrowRight", 39},
	"ArrowLeft": {"ArrowLeft", 37}, "Home": {"Home", 36}, "End": {"End", 35}, "/": {"Slash", 191},
}

// Press presses and releases one key as a keyboard does: the keyDown carries the text
// the key types (Enter, Space, "/"), so that a handler preventing the keydown's default
// prevents the typing or the activation too. With shift, Shift is held down.
func Press(key string, shift bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		k, ok := keys[key]
		if !ok {
			return fmt.Errorf("Press: unknown key %q", key)
		}
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeRawKeyDown, Key: key, Code: k.code,
			WindowsVirtualKeyCode: k.vk, NativeVirtualKeyCode: k.vk}
		switch key {
		case "Enter":
			down.Type, down.Text, down.UnmodifiedText = input.DispatchKeyEventTypeKeyDown, "\r", "\r"
		case " ", "/":
			down.Type, down.Text, down.UnmodifiedText = input.DispatchKeyEventTypeKeyDown, key, key
		}
		if shift {
			down.Modifiers = int64(chromedp.ModifierShift)
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}
