package devserver

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// TestBrowserSeesEditInPlace opens a long page in Chromium, scrolls down, edits the
// page's source, and waits for the new text to appear by itself with the scroll position
// kept; then breaks the source, sees the error overlay, fixes it and sees the overlay go.
func TestBrowserSeesEditInPlace(t *testing.T) {
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := startPreview(t, 0)
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	waitJS := func(what, cond string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			// While the page reloads there may be no document to ask: try again.
			if v, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")")); err == nil && v {
				return
			}
		}
		t.Fatalf("%s: not within 10s", what)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(p.url+"/principles/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, p, func() bool { return p.srv.hub.count() >= 2 }) // the test's stream and the page's
	// Chromium restores the scroll position of a reloaded page by itself; turn that off,
	// as other browsers do when the page changed, so the preview's own restoring is tested.
	eval(`history.scrollRestoration = 'manual'; window.scrollTo({top: 900, behavior: 'instant'}); ''`)
	waitJS("the page scrolls", `window.scrollY > 800`)
	before := eval(`String(window.scrollY)`)

	const principle = "content/principles/dive-deep.md"
	original := p.read(principle)
	p.write(principle, original+"\nA sentence the browser must show without a manual reload.\n")
	waitJS("the new text appears", `document.body.textContent.includes('A sentence the browser must show without a manual reload.')`)
	waitJS("the scroll position is restored", `Math.abs(window.scrollY - `+before+`) < 5`)

	p.write(principle, strings.Replace(original, "title: Dive Deep", "title: [Dive Deep", 1))
	waitJS("the overlay shows the problem", `document.querySelector('#hb-problem') && document.querySelector('#hb-problem').textContent.includes('content/principles/dive-deep.md:2')`)
	p.write(principle, original)
	waitJS("the overlay clears", `!document.querySelector('#hb-problem')`)
	problems.Check(t)
}
