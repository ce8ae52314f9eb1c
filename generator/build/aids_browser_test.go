package build

import (
	"context"
	"fmt"
	"maps"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/gittest"
)

// The reading aids of the default theme (templates/partials/aids.html, handbook.js,
// scheme.js) in Chromium, on the real handbook, at the widths a reader's screen has.

// aidWidths are the screen widths the reading aids are looked at.
var aidWidths = []int{360, 768, 1024, 1280, 1920}

// tocWide is the narrowest screen with the table of contents in a side column (64em
// in style.css).
const tocWide = 1024

// aidPages are pages with a table of contents (the long ones) and one without, each
// with the pager it must have: "prev", "next", both or neither.
var aidPages = []struct {
	kind, path string
	toc        bool
	pager      string
}{
	{"delivery", "/delivery/", true, ""},
	{"level", "/roles/professional-services/ps-ii/", true, "prev next"},
	{"principle", "/principles/bias-for-action/", false, "prev next"},
	{"phase", "/delivery/delivery/", true, "prev next"},
	{"question", "/interview/tell-me-about-a-time-when-you-didnt-have-enough-data-to-make-the-right-decision/", true, "next"},
	{"role", "/roles/professional-services/", false, "next"},
	{"page", "/contributing/", true, ""},
	{"home", "/", false, ""},
	{"interview", "/interview/", true, ""},
	{"principles", "/principles/", true, ""},
}

// aidProbe measures the open page's reading aids.
const aidProbe = `(function () {
  'use strict';
  function shown(n) { return !!n && n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden'; }
  function box(n) { var r = n.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top + scrollY, width: r.width }; }
  var fold = document.querySelector('.toc-fold'), side = document.querySelector('.toc-side'), main = document.querySelector('main');
  var out = { width: innerWidth, scrollWidth: document.scrollingElement.scrollWidth,
    fold: shown(fold), foldOpen: !!(fold && fold.querySelector('details').open), side: shown(side),
    sideBox: side && shown(side) ? box(side) : null,
    contentRight: Math.max.apply(null, Array.from(main.children).filter(function (n) { return !n.classList.contains('toc-rail') && shown(n); })
      .map(function (n) { return n.getBoundingClientRect().right; })), h1Top: box(document.querySelector('h1')).top,
    tocLinks: 0, tocBroken: [],
    pager: Array.from(document.querySelectorAll('main .pager a[rel]')).map(function (a) { return a.rel; }).join(' ') };
  var toc = side || fold;
  if (toc) toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
    out.tocLinks++;
    if (!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))) out.tocBroken.push(a.getAttribute('href'));
  });
  out.anchors = ` + anchorProbe + `;
  return out;
})()`

// anchorProbe finds the open page's links to itself (partials/aids.html): one, shown,
// beside every heading with an ID in main (at its end) and every matrix cell (at the
// start of a role's matrix cell, in the heading of a dimension's step), leading to it
// and named for it in the theme's words: the heading's text, the cell's row and level.
const anchorProbe = `(function () {
  function shown(n) { return !!n && n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden'; }
  function squeeze(s) { return (s || '').replace(/\s+/g, ' ').trim(); }
  var out = { headings: 0, cells: 0, unlinked: [], doubled: [], badNames: [] };
  function check(el, within, want) {
    var links = within ? within.querySelectorAll(':scope > a.anchor') : [], a = links[0];
    if (links.length > 1) out.doubled.push(el.id + ': ' + links.length + ' links');
    if (!a || !shown(a) || a.getBoundingClientRect().width < 8) { out.unlinked.push(el.tagName.toLowerCase() + '#' + el.id); return; }
    if (decodeURIComponent(a.getAttribute('href')) !== '#' + el.id) out.unlinked.push(el.id + ': href ' + a.getAttribute('href'));
    if (!want(a.getAttribute('aria-label') || '')) out.badNames.push(el.id + ': ' + JSON.stringify(a.getAttribute('aria-label')));
  }
  document.querySelectorAll('main h2[id], main h3[id]').forEach(function (h) {
    if (!shown(h)) return;
    out.headings++;
    var text = squeeze(h.textContent), pre = 'Link to this section: ';
    check(h, h, function (n) { return n.indexOf(pre) === 0 && n.length > pre.length && text.indexOf(n.slice(pre.length)) === 0; });
  });
  document.querySelectorAll('main table.matrix td[id]').forEach(function (td) {
    if (!shown(td)) return;
    out.cells++;
    var want = 'Link to this cell: ' + squeeze(td.parentElement.querySelector('th[scope="row"]').firstChild.textContent) + ', ' + td.getAttribute('data-level');
    check(td, td, function (n) { return n === want; });
  });
  document.querySelectorAll('main .steps > li[id]').forEach(function (li) {
    if (!shown(li)) return;
    out.cells++;
    var h3 = li.querySelector(':scope > h3'), end = ', ' + squeeze(h3 && h3.textContent);
    check(li, h3, function (n) { return n.indexOf('Link to this cell: ') === 0 && n.slice(-end.length) === end; });
  });
  return out;
})()`

// anchorReport is what anchorProbe finds.
type anchorReport struct {
	Headings, Cells             int
	Unlinked, Doubled, BadNames []string
}

// checkAnchors reports the headings and cells of a page without their one link to
// themselves, or with a link named for something else.
func checkAnchors(t *testing.T, where string, r anchorReport) {
	t.Helper()
	if r.Headings == 0 {
		t.Errorf("%s: no heading with an ID to link to", where)
	}
	for _, u := range r.Unlinked {
		t.Errorf("%s: %s has no visible link to itself", where, u)
	}
	for _, d := range r.Doubled {
		t.Errorf("%s: %s to itself, want one", where, d)
	}
	for _, b := range r.BadNames {
		t.Errorf("%s: link to itself named %s", where, b)
	}
}

type aidReport struct {
	Width, ScrollWidth float64
	Fold, FoldOpen     bool
	Side               bool
	SideBox            *struct{ Left, Right, Top, Width float64 }
	ContentRight       float64
	H1Top              float64
	TocLinks           int
	TocBroken          []string
	Anchors            anchorReport
	Pager              string
}

// TestReadingAids opens long and short pages at every width: a long page has a table
// of contents, folded above the content below 1024 px and in a side column beside it
// from 1024 px, that stays in view when the page scrolls, and whose links all lead to
// an element of the page; a short one has none. Every heading with an ID and every
// matrix cell has a visible link to itself with a name that says what it links to;
// each page has the previous and next links of its section; nothing scrolls sideways.
// A screenshot of each page at each width is saved (see saveShot).
func TestReadingAids(t *testing.T) {
	ctx, base := browseDrafts(t, 4*time.Minute)
	for _, w := range aidWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 800), colorScheme("light")); err != nil {
			t.Fatal(err)
		}
		for _, p := range aidPages {
			where := fmt.Sprintf("%s page at %d px", p.kind, w)
			if err := open(ctx, base, a11yPage{path: p.path}); err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			r := mustEval[aidReport](t, ctx, aidProbe)
			checkAids(t, where, w, p.toc, p.pager, r)
			if p.toc && w >= tocWide {
				checkTocSticky(t, ctx, where)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Errorf("%s: screenshot: %v", where, err)
				continue
			}
			saveShot(t, fmt.Sprintf("aids-%s-%d.png", p.kind, w), shot)
			if r.Anchors.Cells > 0 { // the cells' links to themselves, on screen
				mustEval[bool](t, ctx, `(document.querySelector('table.matrix td[id]').scrollIntoView({ block: 'center' }), true)`)
				if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
					saveShot(t, fmt.Sprintf("aids-%s-cells-%d.png", p.kind, w), shot)
				}
			}
		}
	}
}

func checkAids(t *testing.T, where string, w int, toc bool, pager string, r aidReport) {
	t.Helper()
	if r.ScrollWidth > r.Width {
		t.Errorf("%s: the page scrolls sideways: %v px wide", where, r.ScrollWidth)
	}
	switch {
	case !toc && (r.Fold || r.Side):
		t.Errorf("%s: a table of contents on a short page", where)
	case toc && w < tocWide && (!r.Fold || r.Side):
		t.Errorf("%s: want the folded table of contents alone, folded %v, side column %v", where, r.Fold, r.Side)
	case toc && w < tocWide && r.FoldOpen:
		t.Errorf("%s: the table of contents is open before the reader opens it", where)
	case toc && w >= tocWide && (r.Fold || !r.Side):
		t.Errorf("%s: want the side column alone, folded %v, side column %v", where, r.Fold, r.Side)
	case toc && w >= tocWide && r.SideBox.Left < r.ContentRight:
		t.Errorf("%s: the side column (from %v px) overlaps the content (to %v px)", where, r.SideBox.Left, r.ContentRight)
	}
	if toc && r.TocLinks < 4 {
		t.Errorf("%s: the table of contents has %d links, want at least 4", where, r.TocLinks)
	}
	for _, b := range r.TocBroken {
		t.Errorf("%s: the table of contents links to %s, which is not on the page", where, b)
	}
	checkAnchors(t, where, r.Anchors)
	if r.Pager != pager {
		t.Errorf("%s: pager links %q, want %q", where, r.Pager, pager)
	}
}

// checkTocSticky scrolls the page far down: the side column must still be on screen.
func checkTocSticky(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	top := mustEval[float64](t, ctx, `(function () {
  scrollTo(0, document.scrollingElement.scrollHeight / 2);
  return document.querySelector('.toc-side').getBoundingClientRect().top;
})()`)
	if top < -1 || top > 100 {
		t.Errorf("%s: scrolled half-way down, the side column's top is at %v px of the screen", where, top)
	}
	mustEval[bool](t, ctx, `(scrollTo(0, 0), true)`)
}

// TestTableOfContentsWithoutJavaScript opens a long page on a phone with scripts off:
// the folded table of contents opens from its summary and its links lead to the
// headings, and the colour choice, which needs the script, is not shown. Every heading
// with an ID and every matrix cell of the reading aids' pages and of a dimension's has
// its link to itself all the same, shown and named.
func TestTableOfContentsWithoutJavaScript(t *testing.T) {
	ctx, base := browseDrafts(t, time.Minute)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := open(ctx, base, a11yPage{path: "/delivery/"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".toc-fold summary"))); err != nil {
		t.Fatal(err)
	}
	r := mustEval[struct {
		Open     bool
		Links    int
		Pick     bool
		Scheme   string
		Target   string
		Scrolled float64
	}](t, ctx, `(function () {
  var d = document.querySelector('.toc-fold details'), links = d.querySelectorAll('a');
  return { open: d.open, links: Array.from(links).filter(function (a) { return a.getClientRects().length > 0; }).length,
    pick: document.querySelector('.scheme-pick').getClientRects().length > 0,
    scheme: document.documentElement.getAttribute('data-scheme') || '',
    target: links.length ? links[links.length - 1].getAttribute('href') : '' };
})()`)
	if !r.Open || r.Links < 4 {
		t.Errorf("without JavaScript, the table of contents opened %v with %d links shown", r.Open, r.Links)
	}
	if r.Pick || r.Scheme != "" {
		t.Errorf("without JavaScript, the colour choice shows (%v) or a scheme is set (%q)", r.Pick, r.Scheme)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.toc-fold a[href="`+r.Target+`"]`))); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `location.hash === `+jsString(r.Target)+` && Math.abs(document.getElementById(location.hash.slice(1)).getBoundingClientRect().top) < 40`); err != nil {
		t.Errorf("following the table of contents' last link: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		saveShot(t, "aids-toc-nojs-360.png", shot)
	}
	pages := []struct{ kind, path string }{{"dimension", "/dimensions/technical-excellence/"}}
	for _, p := range aidPages {
		pages = append(pages, struct{ kind, path string }{p.kind, p.path})
	}
	for _, p := range pages {
		if err := open(ctx, base, a11yPage{path: p.path}); err != nil {
			t.Fatal(err)
		}
		r := mustEval[anchorReport](t, ctx, anchorProbe)
		checkAnchors(t, "without JavaScript, the "+p.kind+" page", r)
		if p.kind == "role" || p.kind == "dimension" {
			if r.Cells == 0 {
				t.Errorf("without JavaScript, the %s page shows no matrix cell", p.kind)
			}
			if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(`table.matrix td[id] > a.anchor, .steps > li[id] a.anchor`))); err != nil {
				t.Fatal(err)
			}
			if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
				saveShot(t, "aids-nojs-"+p.kind+"-cells-360.png", shot)
			}
		}
	}
}

// TestCopyLink clicks the link beside a heading and beside a matrix cell where the
// page may write the clipboard: the address of the heading or cell is on the
// clipboard, the page's address has its fragment, and the link says it was copied.
func TestCopyLink(t *testing.T) {
	ctx, base := browseDrafts(t, time.Minute)
	allowClipboard(t, ctx)
	for _, c := range []struct{ page, sel string }{
		{"/delivery/", `main h2[id] > a.anchor`},
		{"/roles/professional-services/", `table.matrix td[id] > a.anchor`},
	} {
		if err := open(ctx, base, a11yPage{path: c.page}); err != nil {
			t.Fatal(err)
		}
		want := mustEval[string](t, ctx, `document.querySelector('`+c.sel+`').href`)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(c.sel))); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, `document.querySelector('.copied-note[role="status"]') && document.querySelector('.copied-note[role="status"]').textContent === 'Link copied'`); err != nil {
			t.Errorf("%s: %v", c.page, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: the clipboard holds %q, want %q", c.page, got, want)
		}
		if here := mustEval[string](t, ctx, `location.href`); here != want {
			t.Errorf("%s: the page is at %q after the click, want %q", c.page, here, want)
		}
		if !mustEval[bool](t, ctx, `document.querySelector('`+c.sel+`').classList.contains('copied')`) {
			t.Errorf("%s: the link does not show it was copied", c.page)
		}
	}
}

// schemeProbe is the page's scheme as a reader sees it: the root's mark, the page's
// background, the choice shown and kept.
const schemeProbe = `(function () {
  var sel = document.querySelector('.scheme-pick select');
  return { mark: document.documentElement.getAttribute('data-scheme') || '', bg: getComputedStyle(document.body).backgroundColor,
    code: getComputedStyle(document.querySelector('.hl-chroma') || document.body).backgroundColor,
    shown: sel.value, kept: localStorage.getItem('handbook-scheme') || '', visible: document.querySelector('.scheme-pick').getClientRects().length > 0 };
})()`

type schemeReport struct {
	Mark, Bg, Code, Shown, Kept string
	Visible                     bool
}

const (
	lightBg = "rgb(255, 255, 255)"
	darkBg  = "rgb(13, 17, 23)"
)

// TestColourChoice chooses each scheme with the keyboard in the footer's choice,
// against each system preference: the page and its code take the chosen colours at
// once (the code those of the same scheme chosen by the system), and so does the next
// page, from a script in the head that runs before the first paint; the choice is kept
// in the browser, and "as the system" forgets it. Screenshots of the chosen dark scheme
// against a light system are saved at every width.
func TestColourChoice(t *testing.T) {
	ctx, base := browseDrafts(t, 2*time.Minute)
	const page = "/contributing/" // it shows code
	codeBg := map[string]string{} // page background -> code background
	for _, c := range []struct {
		system, choose, wantBg string
	}{
		{"light", "dark", darkBg},
		{"dark", "light", lightBg},
		{"dark", "", darkBg},
		{"light", "", lightBg},
	} {
		where := fmt.Sprintf("system %s, chosen %q", c.system, c.choose)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), colorScheme(c.system)); err != nil {
			t.Fatal(err)
		}
		if err := open(ctx, base, a11yPage{path: page}); err != nil {
			t.Fatal(err)
		}
		pickScheme(t, ctx, c.choose)
		r := mustEval[schemeReport](t, ctx, schemeProbe)
		if !r.Visible || r.Mark != c.choose || r.Kept != c.choose || r.Bg != c.wantBg {
			t.Errorf("%s: after choosing: %+v, want the mark and kept choice %q, background %s", where, r, c.choose, c.wantBg)
		}
		// The code colours follow the page's: a chosen scheme's are the system's.
		if code, ok := codeBg[r.Bg]; ok && code != r.Code {
			t.Errorf("%s: code on %s has the background %s, another page on it %s", where, r.Bg, r.Code, code)
		}
		codeBg[r.Bg] = r.Code
		// The next page: its colours are the choice's from its first paint.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/principles/")); err != nil {
			t.Fatal(err)
		}
		first := mustEval[schemeReport](t, ctx, `(function () {
  return { mark: document.documentElement.getAttribute('data-scheme') || '', shown: '' };
})()`)
		if first.Mark != c.choose {
			t.Errorf("%s: the next page has the mark %q when loaded, want %q", where, first.Mark, c.choose)
		}
		// What sets it runs before the page is painted: a script in the head, neither
		// deferred nor async, before the stylesheet.
		if !mustEval[bool](t, ctx, `(function (s, css) {
  return !!s && !!css && !s.defer && !s.async && !!(s.compareDocumentPosition(css) & Node.DOCUMENT_POSITION_FOLLOWING);
})(document.querySelector('head script[src*="/scheme."]'), document.querySelector('head link[rel="stylesheet"]'))`) {
			t.Errorf("%s: the scheme is not set by a blocking script in the head before the stylesheet", where)
		}
		if err := waitFor(ctx, `document.readyState === 'complete'`); err != nil {
			t.Fatal(err)
		}
		r = mustEval[schemeReport](t, ctx, schemeProbe)
		if r.Shown != c.choose || r.Bg != c.wantBg {
			t.Errorf("%s: on the next page: %+v, want the choice %q shown, background %s", where, r, c.choose, c.wantBg)
		}
	}
	if len(codeBg) != 2 || codeBg[lightBg] == codeBg[darkBg] || codeBg[lightBg] == "" {
		t.Errorf("code backgrounds by page background: %v, want one for each scheme, and two", codeBg)
	}
	if err := chromedp.Do(ctx, colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	if err := open(ctx, base, a11yPage{path: "/delivery/"}); err != nil {
		t.Fatal(err)
	}
	pickScheme(t, ctx, "dark")
	for _, w := range aidWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 800)); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, fmt.Sprintf("aids-dark-delivery-%d.png", w), shot)
	}
	pickScheme(t, ctx, "")
}

// pickScheme chooses a scheme in the footer's choice with the keyboard: it focuses the
// select, goes to its first option ("as the system") and down to the one wanted.
func pickScheme(t *testing.T, ctx context.Context, value string) {
	t.Helper()
	mustEval[bool](t, ctx, `(document.querySelector('.scheme-pick select').focus(), true)`)
	steps := map[string]int{"": 0, "light": 1, "dark": 2}[value]
	keys := []chromedp.Action[chromedp.Void]{browsertest.Press("ArrowUp", false), browsertest.Press("ArrowUp", false)}
	for range steps {
		keys = append(keys, browsertest.Press("ArrowDown", false))
	}
	if err := chromedp.Do(ctx, keys...); err != nil {
		t.Fatal(err)
	}
	if got := mustEval[string](t, ctx, `document.querySelector('.scheme-pick select').value`); got != value {
		t.Fatalf("the keyboard chose %q, want %q", got, value)
	}
}

// lastChanged is when each content file of the commits was last changed, as git sees
// it: the date of the last commit that gave it other content than the one before.
func lastChanged(commits []gittest.Commit) map[string]time.Time {
	tree, out := map[string]string{}, map[string]time.Time{}
	for _, c := range commits {
		at, err := time.Parse(time.RFC3339, c.Date)
		if err != nil {
			panic(err)
		}
		next := map[string]string{}
		if !c.Whole {
			maps.Copy(next, tree)
		}
		maps.Copy(next, c.Files)
		for p, data := range next {
			if old, ok := tree[p]; !ok || old != data {
				out[p] = at
			}
		}
		tree = next
	}
	return out
}

// TestLastUpdated builds the handbook of gittest.Releases from its repository: each
// page's footer says when its content file was last changed, as the commits say, in
// the handbook's words; built from a folder outside git the footer says nothing of it.
// Screenshots of a footer are saved at every width, where it must not scroll sideways.
func TestLastUpdated(t *testing.T) {
	dir := gittest.Handbook(t)
	res, diags := Build(os.DirFS(dir), Options{Minify: true, Dir: dir, HistoryCache: t.TempDir()})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	plain, diags := Build(os.DirFS(dir), Options{Minify: true})
	if plain == nil || len(diags) > 0 {
		t.Fatalf("build without git: %v", diags)
	}
	changed := lastChanged(gittest.Releases())
	ctx := browsertest.StartFor(t, 2*time.Minute)
	base, without := browsertest.Serve(t, res.Files), browsertest.Serve(t, plain.Files)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	footer := `(function (f) { var u = f.querySelector('.updated'); return { text: u ? u.textContent : '', source: (f.querySelector('.source code') || {}).textContent || '',
  wide: document.scrollingElement.scrollWidth > innerWidth }; })(document.querySelector('.site-footer'))`
	type foot struct {
		Text, Source string
		Wide         bool
	}
	pages := []string{"/", "/roles/ingenierie/", "/roles/ingenierie/i2/", "/principles/ownership/", "/delivery/discovery/"}
	for _, p := range pages {
		if err := open(ctx, base, a11yPage{path: p}); err != nil {
			t.Fatal(err)
		}
		f := mustEval[foot](t, ctx, footer)
		at, ok := changed[f.Source]
		if !ok {
			t.Errorf("%s: the footer names the source %q, which no commit holds", p, f.Source)
			continue
		}
		if want := "Last updated " + at.Format("2 January 2006"); f.Text != want {
			t.Errorf("%s (%s): the footer says %q, want %q", p, f.Source, f.Text, want)
		}
		if err := open(ctx, without, a11yPage{path: p}); err != nil {
			t.Fatal(err)
		}
		if f := mustEval[foot](t, ctx, footer); f.Text != "" {
			t.Errorf("%s built outside git: the footer says %q", p, f.Text)
		}
	}
	if err := open(ctx, base, a11yPage{path: "/roles/ingenierie/i2/"}); err != nil {
		t.Fatal(err)
	}
	for _, w := range aidWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 800), colorScheme("light")); err != nil {
			t.Fatal(err)
		}
		if f := mustEval[foot](t, ctx, `(scrollTo(0, document.scrollingElement.scrollHeight), `+footer+`)`); f.Wide {
			t.Errorf("at %d px the page with its footer scrolls sideways", w)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, fmt.Sprintf("aids-updated-%d.png", w), shot)
	}
	for _, p := range problems.List() {
		t.Errorf("in the browser: %s", p)
	}
}
