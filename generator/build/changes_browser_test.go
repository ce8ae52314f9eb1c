package build

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// The views of what changes between two levels, in Chromium under the site's policy,
// on testdata/sites/org-ladder-changes.txtar: rows the same at both levels, reworded,
// new at the upper level and ending there.
const (
	changesRole  = "/roles/ingenierie/"
	changesPromo = changesRole + "l1-to-l2/"
)

// browseChanges builds the ladder and serves it to a new Chromium; every policy
// violation and script error fails the test at its end.
func browseChanges(t *testing.T) (context.Context, string) {
	t.Helper()
	_, res := buildSite(t, "org-ladder-changes.txtar")
	ctx := browsertest.StartFor(t, 2*time.Minute)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { problems.Check(t) })
	return ctx, browsertest.Serve(t, res.Files)
}

// eval evaluates a JavaScript expression, failing the test on an error.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// changedRows is what a view of what changes shows of each row of its table: its
// title, its class (same, differs or new), whether a folded row is open, the words
// marked added and removed, and whether they are marked by more than colour.
const changedRows = `Array.from(document.querySelectorAll('main tbody tr'), tr => ({
  title: tr.querySelector('th > a, th').firstChild.textContent.trim(),
  kind: tr.className,
  open: !!tr.querySelector('details[open]'),
  visible: !tr.querySelector('details') || Array.from(tr.querySelectorAll('details > .prose')).some(p => p.checkVisibility()),
  added: Array.from(tr.querySelectorAll('ins'), n => n.textContent.trim()),
  removed: Array.from(tr.querySelectorAll('del'), n => n.textContent.trim()),
  marked: Array.from(tr.querySelectorAll('ins, del')).every(n =>
    getComputedStyle(n).textDecorationLine === (n.tagName === 'INS' ? 'underline' : 'line-through')),
  summary: (tr.querySelector('summary') || {}).textContent || '',
  isNew: !!tr.querySelector('.new-row')
}))`

type changedRow struct {
	Title, Kind, Summary  string
	Open, Visible, Marked bool
	Added, Removed        []string
	IsNew                 bool
}

// checkJuniorToConfirmed checks the rows from Junior to Confirmé·e, on the promotion
// view or the compare page: the two rows the same at both levels folded and closed,
// the reworded one marked word by word (underlined and struck out, and told in words
// to a screen reader), the row that starts at Confirmé·e marked new.
func checkJuniorToConfirmed(t *testing.T, where string, rows []changedRow) {
	t.Helper()
	byTitle := map[string]changedRow{}
	var titles []string
	for _, r := range rows {
		byTitle[r.Title] = r
		titles = append(titles, r.Title)
		if !r.Marked {
			t.Errorf("%s: %q marks words by colour alone", where, r.Title)
		}
	}
	if want := "Qualité du code|Livraison 🚀|Astreinte|Mentorat 🌱|Documentation"; strings.Join(titles, "|") != want {
		t.Errorf("%s: rows %q, want %q (a row blank at both levels left out)", where, titles, want)
	}
	for _, title := range []string{"Livraison 🚀", "Astreinte"} {
		if r := byTitle[title]; r.Kind != "same" || r.Open || r.Visible || r.Summary != "Same at both levels" {
			t.Errorf("%s: %q, the same at both levels, is not folded behind its summary: %+v", where, title, r)
		}
	}
	code := byTitle["Qualité du code"]
	if code.Kind != "differs" || len(code.Added) != 1 || !strings.Contains(code.Added[0], "added: whole features.") ||
		len(code.Removed) != 1 || !strings.Contains(code.Removed[0], "removed: their own tasks.") {
		t.Errorf("%s: the reworded row shows %+v, want \"their own tasks.\" removed and \"whole features.\" added", where, code)
	}
	if r := byTitle["Mentorat 🌱"]; !r.IsNew || r.Kind == "same" {
		t.Errorf("%s: the row that starts at Confirmé·e is not marked new: %+v", where, r)
	}
	if r := byTitle["Documentation"]; r.Kind != "differs" {
		t.Errorf("%s: the row that stops at Confirmé·e is not shown as a change: %+v", where, r)
	}
}

// shootChanges saves a screenshot of the whole page at each reader's width to
// $HANDBOOK_SCREENSHOTS (or the test's temporary folder), checking that nothing
// scrolls the page sideways.
func shootChanges(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shots := os.Getenv("HANDBOOK_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, w := range []int64{360, 768, 1024, 1280, 1920} {
		opts := []chromedp.EmulateViewportOption{}
		if w == 360 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800, opts...)); err != nil {
			t.Fatal(err)
		}
		if wide := eval[int](t, ctx, `document.documentElement.scrollWidth - innerWidth`); wide > 0 {
			t.Errorf("%s at %d px: the page scrolls %d px sideways", name, w, wide)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // PNG
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(shots, "changes-"+name+"-"+strconv.FormatInt(w, 10)+".png")
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s at %d px: %s", name, w, file)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
}

// TestPromotionShowsWhatChanges opens the promotion view from Junior to Confirmé·e:
// what changes is marked row by row, a folded row opens from the keyboard, and every
// folded row prints its text.
func TestPromotionShowsWhatChanges(t *testing.T) {
	ctx, base := browseChanges(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), colorScheme("light"), chromedp.Navigate(base+changesPromo), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	checkJuniorToConfirmed(t, changesPromo, eval[[]changedRow](t, ctx, changedRows))
	if legend := eval[string](t, ctx, `document.querySelector('.diff-legend').textContent`); !strings.Contains(legend, "2 rows say the same at both levels") {
		t.Errorf("the legend reads %q", legend)
	}
	shootChanges(t, ctx, "promotion")

	// The keyboard opens a folded row.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('tr.same summary').focus()`), browsertest.Press("Enter", false)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.querySelector('tr.same details').open && document.querySelector('tr.same details .prose').checkVisibility()`) {
		t.Error("Enter on a folded row's summary does not open it")
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('tr.same details').open = false`)); err != nil {
		t.Fatal(err)
	}

	// On paper every folded row shows its text.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	hidden := eval[int](t, ctx, `Array.from(document.querySelectorAll('tr.same details .prose')).filter(p => !p.checkVisibility() || !p.getBoundingClientRect().height).length`)
	if hidden > 0 {
		t.Errorf("printed, %d folded rows hide their text", hidden)
	}
}

// TestCompareShowsWhatChanges compares levels on /compare/: the same marks as the
// promotion view, the comparison in the page's title, a link from two levels next to
// each other to their promotion view, each comparison an entry of the history, and no
// caption saying again what the status line says.
func TestCompareShowsWhatChanges(t *testing.T) {
	ctx, base := browseChanges(t)
	show := func(query, wantHead string) {
		t.Helper()
		if err := waitFor(ctx, `location.search === `+strconv.Quote(query)+` && document.querySelectorAll('#compare-result thead th').length === 3 && document.querySelectorAll('#compare-result thead th')[2].textContent.indexOf(`+strconv.Quote(wantHead)+`) === 0`); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), colorScheme("light"), chromedp.Navigate(base+"/compare/?a=ingenierie/l1&b=ingenierie/l2"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	show("?a=ingenierie/l1&b=ingenierie/l2", "Confirmé·e")
	checkJuniorToConfirmed(t, "/compare/ Junior with Confirmé·e", eval[[]changedRow](t, ctx, changedRows))
	if got, want := eval[string](t, ctx, `document.title`), "Junior → Confirmé·e · Ingénierie logicielle · Atelier Nord 🧭"; got != want {
		t.Errorf("the title is %q, want %q", got, want)
	}
	if got := eval[string](t, ctx, `(document.querySelector('.compare-promotion a') || {}).pathname || ''`); got != changesPromo {
		t.Errorf("two levels next to each other link to %q, want their promotion view %s", got, changesPromo)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#compare-result caption').length`); n != 0 {
		t.Errorf("the comparison has %d captions repeating the status line", n)
	}
	status := eval[string](t, ctx, `document.getElementById('compare-status').textContent`)
	if text := eval[string](t, ctx, `document.querySelector('main').innerText`); strings.Count(text, "Junior compared with Confirmé·e") != 1 {
		t.Errorf("the page names the comparison %d times, want once (the status line %q)", strings.Count(text, "Junior compared with Confirmé·e"), status)
	}
	shootChanges(t, ctx, "compare")

	// A second comparison, chosen in the form, of levels not next to each other.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(function () {
  var b = document.getElementById('compare-b'); b.value = 'ingenierie/l4';
  document.querySelector('.compare-form button').click();
})()`)); err != nil {
		t.Fatal(err)
	}
	show("?a=ingenierie/l1&b=ingenierie/l4", "Staff, Principal")
	if got, want := eval[string](t, ctx, `document.title`), "Junior → Staff, Principal · Ingénierie logicielle · Atelier Nord 🧭"; got != want {
		t.Errorf("after a second comparison, the title is %q, want %q", got, want)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.compare-promotion').length`); n != 0 {
		t.Error("two levels not next to each other link to a promotion view")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#compare-result tr.same').length`); n != 1 {
		t.Errorf("Junior with Staff, Principal folds %d rows, want 1 (Astreinte)", n)
	}

	// Back returns to the first comparison, Forward to the second.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`history.back()`)); err != nil {
		t.Fatal(err)
	}
	show("?a=ingenierie/l1&b=ingenierie/l2", "Confirmé·e")
	if got := eval[string](t, ctx, `document.getElementById('compare-b').value + ' ' + document.title`); !strings.HasPrefix(got, "ingenierie/l2 Junior → Confirmé·e") {
		t.Errorf("after Back, the form and title are %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`history.forward()`)); err != nil {
		t.Fatal(err)
	}
	show("?a=ingenierie/l1&b=ingenierie/l4", "Staff, Principal")
}

// TestCompareWithoutScript opens a shared comparison with scripts off: no form that
// would reset to the first level, but a link to each promotion view, which shows the
// comparison without a script.
func TestCompareWithoutScript(t *testing.T) {
	ctx, base := browseChanges(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"/compare/?a=ingenierie/l1&b=ingenierie/l2"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, `document.querySelector('.compare-form').getClientRects().length > 0`) {
		t.Error("without a script, the compare form shows, and would only reset to the first level")
	}
	links := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.compare-promotions a'), a => a.getClientRects().length ? a.pathname + ' ' + a.textContent : '')`)
	if want := changesPromo + " Junior to Confirmé·e"; !strings.Contains(strings.Join(links, "\n"), want) {
		t.Fatalf("without a script, the page offers %q, not %q", links, want)
	}
	shootChanges(t, ctx, "compare-noscript")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.compare-promotions a[href="`+changesPromo+`"]').click()`)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `location.pathname === `+strconv.Quote(changesPromo)+` && document.readyState === 'complete'`); err != nil {
		t.Fatal(err)
	}
	checkJuniorToConfirmed(t, "without a script, "+changesPromo, eval[[]changedRow](t, ctx, changedRows))
}

// TestWhatChangesAxe runs axe-core and the accessibility tests' own checks over the
// promotion view, with a folded row open and closed, and over a comparison, on a
// desktop screen and a phone, in both schemes.
func TestWhatChangesAxe(t *testing.T) {
	axe := axeScript(t)
	ctx, base := browseChanges(t)
	pages := []a11yPage{
		{"promotion", changesPromo, ""},
		{"promotion, a row open", changesPromo, `(document.querySelector('tr.same details').open = true)`},
		{"compare", "/compare/?a=ingenierie/l1&b=ingenierie/l3", `document.querySelectorAll('#compare-result tbody tr').length > 3`},
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, w := range []int64{360, 1280} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800), colorScheme(scheme)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				if err := open(ctx, base, p); err != nil {
					t.Fatal(err)
				}
				where := p.kind + ", " + scheme + ", " + strconv.FormatInt(w, 10) + " px"
				vs, err := audit(ctx, axe)
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				for _, v := range vs {
					t.Errorf("%s: %s", where, v)
				}
				for _, p := range eval[[]string](t, ctx, ownChecks) {
					t.Errorf("%s: %s", where, p)
				}
			}
		}
	}
}
