package search_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/build"
)

// browse builds the real handbook as published (minified), serves it under the site's
// CSP, starts Chromium and records every CSP violation and script error, which fail
// the test at its end.
func browse(t *testing.T) (context.Context, string) {
	t.Helper()
	res, diags := build.Build(os.DirFS("../.."), build.Options{Minify: true})
	if res == nil {
		t.Fatalf("building the handbook:\n%s", diags.Error())
	}
	base := browsertest.Serve(t, res.Files)
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { problems.Check(t) })
	return ctx, base
}

// until polls a JavaScript condition until it holds, and fails the test with what
// state returns (a JavaScript expression) when it never does.
func until(t *testing.T, ctx context.Context, what, cond, state string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("String("+state+")"))
			t.Fatalf("%s: timed out waiting for %s; state: %s (%v)", what, cond, got, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

const (
	options     = `document.querySelectorAll('#search-q-list [role="option"]')`
	firstOption = `(document.querySelector('#search-q-list [role="option"]') || {}).textContent`
	activeID    = `document.getElementById('search-q').getAttribute('aria-activedescendant')`
	expanded    = `document.getElementById('search-q').getAttribute('aria-expanded')`
)

// TestHeaderBox types in the header box as a reader would, on a phone-sized screen,
// and checks the first result, the combobox's state and the keyboard path to a page.
func TestHeaderBox(t *testing.T) {
	ctx, base := browse(t)
	do(t, ctx, "open the home page", chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.CSS("body")))

	// "/" focuses the box (handbook.js); search.js owns everything after.
	do(t, ctx, "press /", browsertest.Press("/", false))
	until(t, ctx, "/ focuses the box", `document.activeElement && document.activeElement.id === 'search-q'`, `document.activeElement.id`)
	if role := eval[string](t, ctx, `document.getElementById('search-q').getAttribute('role')`); role != "combobox" {
		t.Errorf("the box's role is %q, want combobox", role)
	}
	if v := eval[string](t, ctx, `document.getElementById('search-q').value`); v != "" {
		t.Errorf("the / typed into the box: %q", v)
	}

	do(t, ctx, "type disagree", chromedp.KeyEvent("disagree"))
	until(t, ctx, "results for disagree", firstOption+` && `+firstOption+`.includes('Have Backbone; Disagree and Commit')`, firstOption)
	if got := eval[string](t, ctx, expanded); got != "true" {
		t.Errorf("aria-expanded = %q with results shown", got)
	}
	until(t, ctx, "the live count", `/\d+ results?/.test(document.querySelector('.search-box [role="status"]').textContent)`,
		`document.querySelector('.search-box [role="status"]').textContent`)
	if n := eval[int](t, ctx, `document.querySelectorAll('#search-q-list mark').length`); n == 0 {
		t.Error("no matched word is marked in the results")
	}
	if meta := eval[string](t, ctx, `document.querySelector('#search-q-list .search-meta').textContent`); !strings.Contains(meta, "Principle") {
		t.Errorf("the first result's type line is %q, want it to say Principle", meta)
	}

	// Arrows move, Escape closes, Enter opens.
	do(t, ctx, "ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	first := eval[string](t, ctx, options+`[0].id`)
	if got := eval[string](t, ctx, activeID); got != first {
		t.Errorf("after ArrowDown the active option is %q, want %q", got, first)
	}
	do(t, ctx, "ArrowDown ArrowDown ArrowUp", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp))
	second := eval[string](t, ctx, options+`[1].id`)
	if got := eval[string](t, ctx, activeID); got != second {
		t.Errorf("after Down Down Up the active option is %q, want %q", got, second)
	}
	if sel := eval[string](t, ctx, options+`[1].getAttribute('aria-selected')`); sel != "true" {
		t.Errorf("the active option has aria-selected=%q", sel)
	}
	do(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape))
	if got := eval[string](t, ctx, expanded); got != "false" {
		t.Errorf("aria-expanded = %q after Escape", got)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById('search-q-list').hidden`); !hidden {
		t.Error("the list is still shown after Escape")
	}
	do(t, ctx, "reopen and choose the first", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), browsertest.Press("Enter", false))
	until(t, ctx, "Enter opens the first result", `location.pathname === '/principles/have-backbone-disagree-and-commit/'`, `location.href`)

	// On another page, the misspelled dimension and the mechanism's short name.
	for _, tc := range []struct{ query, title, kind string }{
		{"technical excelence", "Consistently Demonstrate Technical Excellence", "Dimension"},
		{"OQR", "Technical validation", "Delivery phase"},
	} {
		do(t, ctx, "focus with /", chromedp.WaitReady(chromedp.CSS("#search-q[role=combobox]")), browsertest.Press("/", false))
		until(t, ctx, "/ focuses the box", `document.activeElement.id === 'search-q'`, `document.activeElement.id`)
		do(t, ctx, "type "+tc.query, chromedp.KeyEvent(tc.query))
		until(t, ctx, "results for "+tc.query, firstOption+` && `+firstOption+`.startsWith(`+jsString(tc.title)+`)`, firstOption)
		if meta := eval[string](t, ctx, `document.querySelector('#search-q-list .search-meta').textContent`); !strings.Contains(meta, tc.kind) {
			t.Errorf("%s: the first result's type line is %q, want %s", tc.query, meta, tc.kind)
		}
		// Escape closes, a second Escape empties the box.
		do(t, ctx, "Escape twice", chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
		if v := eval[string](t, ctx, `document.getElementById('search-q').value`); v != "" {
			t.Errorf("the box holds %q after Escape twice", v)
		}
		do(t, ctx, "leave the box", chromedp.Blur(chromedp.CSS("#search-q")))
	}
}

// TestSearchPage opens /search/ from an address, narrows the results with the type
// and role filters, and checks that the address keeps the state.
func TestSearchPage(t *testing.T) {
	ctx, base := browse(t)
	// The number of results, as the status line says (the list shows them ten at a time).
	items := `(parseInt(document.getElementById('search-status').textContent, 10) || 0)`
	do(t, ctx, "open the search page", chromedp.Navigate(base+"/search/?q=excellence"))
	until(t, ctx, "results for excellence", items+` > 0 && document.getElementById('f-type-cell')`, `document.getElementById('search-status').textContent`)
	all := eval[int](t, ctx, items)
	if got := eval[string](t, ctx, `document.getElementById('page-q').value`); got != "excellence" {
		t.Errorf("the page's box holds %q, want the query of the address", got)
	}
	cellCount := eval[string](t, ctx, `document.querySelector('label[for="f-type-cell"] .search-count').textContent`)

	do(t, ctx, "filter by type", chromedp.Click(chromedp.CSS("#f-type-cell")))
	until(t, ctx, "the type filter in the address", `location.search.includes('type=cell')`, `location.search`)
	until(t, ctx, "only level expectations", items+` > 0 && [...document.querySelectorAll('#search-results .search-meta')].every(m => m.textContent.startsWith('Level expectation'))`,
		`[...document.querySelectorAll('#search-results .search-meta')].map(m => m.textContent).join(' | ')`)
	cells := eval[int](t, ctx, items)
	if cells >= all || fmt.Sprint(" ", cells) != cellCount {
		t.Errorf("type=cell shows %d results of %d, and its count said %q", cells, all, cellCount)
	}

	do(t, ctx, "filter by role", chromedp.Click(chromedp.CSS("#f-role-manager-professional-services")))
	until(t, ctx, "the role filter in the address", `location.search.includes('role=manager-professional-services')`, `location.search`)
	until(t, ctx, "fewer results", items+` > 0 && `+items+` < `+fmt.Sprint(cells), items)
	narrowed := eval[int](t, ctx, items)
	shared := eval[string](t, ctx, `location.href`)

	// The address alone brings the same page back.
	do(t, ctx, "open the shared address", chromedp.Navigate(base+"/"), chromedp.Navigate(shared))
	until(t, ctx, "the same results", items+` === `+fmt.Sprint(narrowed)+` && document.getElementById('f-type-cell').checked && document.getElementById('f-role-manager-professional-services').checked`,
		items)

	// A query that looks like markup stays text.
	evil := `<img src=x onerror=alert(1)>"excellence`
	do(t, ctx, "search for markup", chromedp.Navigate(base+"/search/?q="+url.QueryEscape(evil)))
	until(t, ctx, "results for the markup query", items+` > 0`, `document.getElementById('search-status').textContent`)
	if n := eval[int](t, ctx, `document.querySelectorAll('main img, #search-results script').length`); n != 0 {
		t.Errorf("the query injected %d elements", n)
	}
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }
