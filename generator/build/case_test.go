package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// The reader's case for a level (templates/partials/case.html, assets/case.js), in
// Chromium under the published policy, on another organisation's ladder: its first
// level has rows that start later (blank cells), cells with nested lists, line breaks
// and emoji.

const (
	casePath   = "/roles/engineering/l1/"
	casePrefix = "handbook-case:/:engineering:l1:"
	caseSaved  = "Saved in this browser."
)

// caseSite builds the ladder and returns it served under the site's policy, with the
// matrix it was built from.
func caseSite(t *testing.T) (string, *matrix) {
	t.Helper()
	fsys, res := buildSite(t, "org-engineering-ladder.txtar")
	return browsertest.Serve(t, res.Files), readMatrix(t, fsys, "engineering")
}

// caseBrowser starts Chromium on the case's level page: every policy violation and
// script error fails the test.
func caseBrowser(t *testing.T) (context.Context, string, *matrix) {
	t.Helper()
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { problems.Check(t) })
	base, m := caseSite(t)
	// Reduced motion: no smooth scrolling moves a button while a click aims at it.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	if err := open(ctx, base, a11yPage{path: casePath}); err != nil {
		t.Fatal(err)
	}
	return ctx, base, m
}

// caseStored returns this level's entries in the browser's local storage, by row ID.
func caseStored(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	got, err := evalJS[map[string]string](ctx, `(function () {
  var out = {};
  for (var i = 0; i < localStorage.length; i++) {
    var k = localStorage.key(i);
    out[k] = localStorage.getItem(k);
  }
  return out;
})()`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range got {
		id, ok := strings.CutPrefix(k, casePrefix)
		if !ok {
			t.Errorf("local storage holds %q, which is not this level's case", k)
		}
		out[id] = v
	}
	return out
}

// caseRow is what the worksheet shows of one row.
type caseRow struct {
	ID, Title, Label, Described, Expectation string
	Boxes                                    int
}

// mustEval evaluates js, failing the test on an error.
func mustEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := evalJS[T](ctx, js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// caseDownloads makes the browser save downloads into a new folder and returns a
// function that clicks the button matching css and returns the file it downloads,
// with the URL it was downloaded from.
func caseDownloads(t *testing.T, ctx context.Context) func(css string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true),
	}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	urls := map[string]string{}
	done := make(chan string, 4)
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			mu.Lock()
			urls[ev.GUID] = ev.URL + " " + ev.SuggestedFilename
			mu.Unlock()
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				done <- ev.GUID
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func(css string) (string, string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
			t.Fatal(err)
		}
		select {
		case guid := <-done:
			data, err := os.ReadFile(filepath.Join(dir, guid))
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			return string(data), urls[guid]
		case <-time.After(10 * time.Second):
			st, _ := evalJS[string](ctx, `document.querySelector('#case .case-status').textContent`)
			ls, _ := os.ReadDir(dir)
			t.Fatalf("no download (%s) %v", st, ls)
		}
		return "", ""
	}
}

// TestCase prepares a case for a level: the reader starts it, types evidence beside
// two expectations, finds it again after a reload, downloads it as markdown, prints it
// and clears it; a row with no expectation at the level has no evidence box.
func TestCase(t *testing.T) {
	ctx, _, m := caseBrowser(t)

	// The page as it was, with a button to start the case.
	if n := mustEval[int](t, ctx, `document.querySelectorAll('main textarea, #case').length`); n != 0 {
		t.Fatalf("the worksheet shows before the reader starts it (%d elements)", n)
	}
	if got := mustEval[string](t, ctx, `document.querySelector('.case-start button').textContent`); got != "Prepare my case for this level" {
		t.Errorf("the start button reads %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".case-start button"))); err != nil {
		t.Fatal(err)
	}
	kbCheck(t, ctx, "the case opens, with the focus on its heading", `document.activeElement.id === 'case-h' && location.hash === '#case' && document.querySelector('main .kits').hidden`,
		active+` + ' ' + location.hash`)

	// One box per expectation of the level, in the matrix's order; none for a blank cell.
	var want []string
	blanks := 0
	for i, title := range m.rows {
		if m.blank(i, 0) {
			blanks++
			continue
		}
		want = append(want, title)
	}
	if blanks == 0 {
		t.Fatal("the fixture's first level has no blank cell")
	}
	rows := mustEval[[]caseRow](t, ctx, `Array.from(document.querySelectorAll('#case .case-row'), function (li) {
  var box = li.querySelector('textarea'), label = box && document.querySelector('label[for="' + box.id + '"]');
  var d = box && document.getElementById(box.getAttribute('aria-describedby'));
  return {ID: li.dataset.row, Title: li.querySelector('h3').textContent, Boxes: li.querySelectorAll('textarea').length,
    Label: label ? label.textContent : '', Described: d ? d.textContent.trim() : '',
    Expectation: li.querySelector('.case-expectation-text').textContent.trim()};
})`)
	var titles []string
	for _, r := range rows {
		titles = append(titles, r.Title)
		if r.Boxes != 1 {
			t.Errorf("row %s has %d evidence boxes", r.ID, r.Boxes)
		}
		if r.Label != "My evidence for "+r.Title {
			t.Errorf("row %s: the box is labelled %q, want it to name the row", r.ID, r.Label)
		}
		if r.Expectation == "" || r.Described != r.Expectation {
			t.Errorf("row %s: the box is described by %q, want the expectation %q", r.ID, r.Described, r.Expectation)
		}
	}
	if !slices.Equal(titles, want) {
		t.Fatalf("the case lists the rows\n%q\nwant the level's expectations, blank cells left out:\n%q", titles, want)
	}

	// Evidence for two rows, saved as it is typed.
	first, second := rows[0], rows[3]
	evidence := map[string]string{
		first.ID:  "Led the *checkout* rewrite: 3 releases, no incident.",
		second.ID: "Wrote the runbook for the payments on-call 🚀, reviewed by Zoë.",
	}
	for _, r := range []caseRow{first, second} {
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#case-"+r.ID)), chromedp.KeyEvent(evidence[r.ID])); err != nil {
			t.Fatal(err)
		}
		kbCheck(t, ctx, "typing is saved", `document.querySelector('#case .case-status').textContent === `+jsQuote(caseSaved)+
			` && localStorage.getItem(`+jsQuote(casePrefix+r.ID)+`) === `+jsQuote(evidence[r.ID]),
			`document.querySelector('#case .case-status').textContent + ' ' + document.getElementById('case-`+r.ID+`').value`)
	}
	if got := caseStored(t, ctx); !mapsEqual(got, evidence) {
		t.Errorf("local storage holds %q, want %q", got, evidence)
	}

	if _, err := evalJS[chromedp.Void](ctx, `document.getElementById('case').scrollIntoView()`); err != nil {
		t.Fatal(err)
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	} else {
		saveShot(t, "case-desktop.png", shot)
	}

	// A reload keeps the case open, and the evidence in it.
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `document.readyState === 'complete' && document.querySelector('#case textarea')`); err != nil {
		t.Fatal(err)
	}
	for id, text := range evidence {
		if got := mustEval[string](t, ctx, `document.getElementById('case-`+id+`').value`); got != text {
			t.Errorf("after a reload, row %s holds %q, want %q", id, got, text)
		}
	}

	// The download: markdown made in the browser, the level and role in its heading, each
	// expectation and its evidence.
	download := caseDownloads(t, ctx)
	md, from := download(`#case [data-case="download"]`)
	if !strings.HasPrefix(from, "blob:") || !strings.HasSuffix(from, " case-engineering-l1.md") {
		t.Errorf("downloaded from %q, want a blob: URL named case-engineering-l1.md", from)
	}
	checkCaseMarkdown(t, md, m, rows, evidence)
	kbCheck(t, ctx, "the download is announced", `document.querySelector('#case .case-status').textContent === 'Downloaded as markdown.'`,
		`document.querySelector('#case .case-status').textContent`)

	// Copy gives the same markdown, through the clipboard (which the test reads with the
	// permission a reader's browser asks them for).
	allowClipboard(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#case [data-case="copy"]`))); err != nil {
		t.Fatal(err)
	}
	kbCheck(t, ctx, "the copy is announced", `document.querySelector('#case .case-status').textContent === 'Copied to the clipboard as markdown.'`,
		`document.querySelector('#case .case-status').textContent`)
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if copied != md {
		t.Errorf("Copy gives\n%s\nwant what Download gives:\n%s", copied, md)
	}

	// The Print button opens the browser's print dialog; on paper, the chrome is gone and
	// each expectation shows with its evidence.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#case [data-case="print"]`))); err != nil {
		t.Fatal(err)
	}
	casePrinted(t, ctx, evidence)

	// Clear: Escape keeps the case; confirming clears it from the browser.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#case [data-case="clear"]`))); err != nil {
		t.Fatal(err)
	}
	kbCheck(t, ctx, "Clear asks first", `document.querySelector('#case dialog').open && document.activeElement.dataset.case === 'keep'`, active)
	keysDo(t, ctx, "Escape", browsertest.Press("Escape", false))
	kbCheck(t, ctx, "Escape keeps the case", `!document.querySelector('#case dialog').open && document.activeElement.dataset.case === 'clear'`, active)
	if got := caseStored(t, ctx); !mapsEqual(got, evidence) {
		t.Errorf("after Escape, local storage holds %q, want %q", got, evidence)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#case [data-case="clear"]`)), chromedp.Click(chromedp.CSS(`#case [data-case="confirm-clear"]`))); err != nil {
		t.Fatal(err)
	}
	kbCheck(t, ctx, "the case is cleared", `!document.querySelector('#case dialog').open && Array.from(document.querySelectorAll('#case textarea')).every(function (b) { return b.value === ''; }) && document.querySelector('#case .case-status').textContent.startsWith('Cleared')`,
		`document.querySelector('#case .case-status').textContent`)
	if got := caseStored(t, ctx); len(got) != 0 {
		t.Errorf("after clearing, local storage holds %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `document.readyState === 'complete' && document.querySelector('#case textarea')`); err != nil {
		t.Fatal(err)
	}
	if n := mustEval[int](t, ctx, `Array.from(document.querySelectorAll('#case textarea')).filter(function (b) { return b.value; }).length`); n != 0 {
		t.Errorf("after clearing and a reload, %d boxes hold text", n)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// checkCaseMarkdown checks a downloaded case: its heading names the level and role,
// and each row's section holds every line of its expectation and the evidence
// written for it, or says there is none; nothing counts or scores.
func checkCaseMarkdown(t *testing.T, md string, m *matrix, rows []caseRow, evidence map[string]string) {
	t.Helper()
	if want := "# My case for Associate Engineer — Software Engineering\n\n"; !strings.HasPrefix(md, want) {
		t.Errorf("the markdown starts %q, want %q", md[:min(len(md), 80)], want)
	}
	sections := strings.Split(md, "\n## ")[1:]
	if len(sections) != len(rows) {
		t.Fatalf("the markdown has %d sections, want %d:\n%s", len(sections), len(rows), md)
	}
	for i, r := range rows {
		s := sections[i]
		if !strings.HasPrefix(s, r.Title+"\n\n**Expectation**\n\n> ") {
			t.Errorf("section %d starts %q, want the row %q and its expectation", i+1, s[:min(len(s), 60)], r.Title)
		}
		cell := m.cells[slices.Index(m.rows, r.Title)][0]
		for _, line := range strings.Split(cell, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.Contains(s, line) {
				t.Errorf("section %q lacks the expectation's line %q:\n%s", r.Title, line, s)
			}
		}
		want := "**My evidence**\n\n*No evidence written yet.*\n"
		if text, ok := evidence[r.ID]; ok {
			want = "**My evidence**\n\n" + text + "\n"
		}
		if !strings.HasSuffix(s, want) {
			t.Errorf("section %q ends %q, want %q", r.Title, s[max(0, len(s)-80):], want)
		}
	}
	t.Logf("the downloaded case:\n%s", md[:min(len(md), 1200)])
}

// casePrinted emulates print media: the site's chrome and the worksheet's controls are
// hidden, each expectation and its evidence shown. It saves a screenshot in
// $HANDBOOK_SCREENSHOTS (or the test's temporary folder).
func casePrinted(t *testing.T, ctx context.Context, evidence map[string]string) {
	t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	if err := chromedp.Do(ctx, media("print")); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := chromedp.Do(ctx, media("")); err != nil {
			t.Fatal(err)
		}
	}()
	shown := func(css string) bool {
		return mustEval[bool](t, ctx, `Array.from(document.querySelectorAll(`+jsQuote(css)+`)).some(function (n) { return n.getClientRects().length > 0; })`)
	}
	for _, css := range []string{".site-header", ".crumbs", ".site-footer", ".pager", ".case-start", ".case-tools", ".case-privacy", "#case textarea", ".kits"} {
		if shown(css) {
			t.Errorf("printed, the page shows %s", css)
		}
	}
	for _, css := range []string{"h1", "#case-h", ".case-row-title", ".case-expectation-text"} {
		if !shown(css) {
			t.Errorf("printed, the page does not show %s", css)
		}
	}
	for id, text := range evidence {
		got := mustEval[string](t, ctx, `(function (n) { return n.getClientRects().length ? n.textContent : '(hidden)'; })(document.querySelector('[data-row="`+id+`"] .case-printed'))`)
		if got != text {
			t.Errorf("printed, row %s shows the evidence %q, want %q", id, got, text)
		}
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, "case-print.png", shot)
}

// saveShot writes a screenshot into $HANDBOOK_SCREENSHOTS, or the test's temporary
// folder, for a person to look at.
func saveShot(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("HANDBOOK_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestCaseKeyboard prepares a case with the keyboard alone: Tab reaches the start
// button, Enter opens the case and moves the focus to it, Tab reaches a box to type
// in; Clear asks first, with the focus on keeping the case, and Close brings the focus
// back to the start button.
func TestCaseKeyboard(t *testing.T) {
	ctx, _, _ := caseBrowser(t)
	if err := keyboardSetup(ctx, 1280, 800, "light"); err != nil {
		t.Fatal(err)
	}
	tabTo(t, ctx, `.case-start button`)
	keysDo(t, ctx, "Enter", browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Enter on the start button opens the case, its heading focused", active+` === 'case-h' && !document.getElementById('case').hidden`, active)
	tabTo(t, ctx, `#case textarea`)
	id := mustEval[string](t, ctx, `document.activeElement.closest('.case-row').dataset.row`)
	const text = "Ran the incident review for the outage in March."
	keysDo(t, ctx, "type", chromedp.KeyEvent(text))
	kbCheck(t, ctx, "the typed evidence is saved", `localStorage.getItem(`+jsQuote(casePrefix+id)+`) === `+jsQuote(text)+
		` && document.querySelector('#case .case-status').textContent === `+jsQuote(caseSaved), `document.querySelector('#case .case-status').textContent`)

	tabTo(t, ctx, `#case [data-case="clear"]`)
	keysDo(t, ctx, "Enter", browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Enter on Clear asks first, the focus on keeping the case", `document.querySelector('#case dialog').open && document.activeElement.dataset.case === 'keep'`, active)
	keysDo(t, ctx, "Shift+Tab, Enter", browsertest.Press("Tab", true), browsertest.Press("Enter", false))
	kbCheck(t, ctx, "confirming clears the case and gives the focus back to Clear",
		`!document.querySelector('#case dialog').open && localStorage.length === 0 && document.activeElement.dataset.case === 'clear'`,
		active+` + ' ' + localStorage.length`)
	kbCheck(t, ctx, "the clearing is announced", `document.querySelector('#case [role="status"]').textContent.startsWith('Cleared')`,
		`document.querySelector('#case [role="status"]').textContent`)
	tabTo(t, ctx, `#case [data-case="close"]`)
	keysDo(t, ctx, "Enter", browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Close brings back the level and the focus to the start button",
		`document.getElementById('case').hidden && !document.querySelector('main .kits').hidden && document.activeElement.matches('.case-start button') && location.hash === ''`,
		active+` + ' ' + location.hash`)
}

// TestCasePhone opens the case on a 360 px phone, with long evidence typed in: the page
// does not scroll sideways and no text is cut off. It saves a screenshot as TestPhone
// does.
func TestCasePhone(t *testing.T) {
	ctx, _, _ := caseBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `document.querySelector('.case-start button')`); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".case-start button"))); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `document.activeElement.id === 'case-h'`); err != nil {
		t.Fatal(err)
	}
	long := "https://tickets.example.com/browse/PAYMENTS-12345/comments/999999999 " + strings.Repeat("evidence ", 40)
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#case textarea")), chromedp.KeyEvent(long)); err != nil {
		t.Fatal(err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[phoneReport](phoneProbe))
	if err != nil {
		t.Fatal(err)
	}
	if r.Width > 360 || r.ScrollWidth > 360 {
		t.Errorf("the open case is %v px wide (layout %v px) on a 360 px screen", r.ScrollWidth, r.Width)
	}
	for _, c := range r.Cut {
		t.Errorf("the open case: text %s", c)
	}
	boxes, err := evalJS[[]float64](ctx, `Array.from(document.querySelectorAll('#case textarea, #case button'), function (n) { return n.getBoundingClientRect().right; })`)
	if err != nil {
		t.Fatal(err)
	}
	for _, right := range boxes {
		if right > 360 {
			t.Errorf("a control of the case ends at %v px, past the 360 px screen", right)
		}
	}
	// The first screen of the case, as the reader meets it.
	if _, err := evalJS[chromedp.Void](ctx, `document.getElementById('case').scrollIntoView()`); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, "case-phone.png", shot)
}

// TestCaseWithoutJavaScript opens the level page with scripts off: it reads as it did
// before the case existed, every expectation with its kit and no control of the
// worksheet in sight, even at an address ending in #case.
func TestCaseWithoutJavaScript(t *testing.T) {
	ctx := browsertest.Start(t)
	base, m := caseSite(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := open(ctx, base, a11yPage{path: casePath + "#case"}); err != nil {
		t.Fatal(err)
	}
	// Evaluate runs through the DevTools protocol, which scripts being off does not stop.
	visible := mustEval[[]string](t, ctx, `Array.from(document.querySelectorAll('main button, main textarea, main dialog, main [id^="case"]')).filter(function (n) {
  return n.getClientRects().length > 0;
}).map(function (n) { return n.outerHTML.slice(0, 80); })`)
	if len(visible) > 0 {
		t.Errorf("without JavaScript, the page shows the worksheet's controls: %q", visible)
	}
	text := mustEval[string](t, ctx, `document.querySelector('main').innerText`)
	for _, w := range []string{"Prepare my case", "My evidence", "local storage", "My case"} {
		if strings.Contains(text, w) {
			t.Errorf("without JavaScript, the page reads %q", w)
		}
	}
	n := mustEval[int](t, ctx, `Array.from(document.querySelectorAll('main section.expectation')).filter(function (n) { return n.getClientRects().length > 0; }).length`)
	want := 0
	for i := range m.rows {
		if !m.blank(i, 0) {
			want++
		}
	}
	if n != want {
		t.Errorf("without JavaScript, the page shows %d expectations, want %d", n, want)
	}
}

// allowClipboard lets the open pages read and write the clipboard, with the
// permissions a reader's browser asks them for, on a focused 1280 px page (the
// clipboard wants one).
func allowClipboard(t *testing.T, ctx context.Context) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted,
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := keyboardSetup(ctx, 1280, 800, "light"); err != nil {
		t.Fatal(err)
	}
}
