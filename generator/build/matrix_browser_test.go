package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// matrixSites serves, for the matrix tests, the 8-level, 25-row ladder of
// testdata/sites/org-engineering-ladder.txtar (blank cells, nested lists, an accented
// and a Japanese level title) and the real handbook, and returns the role pages of both.
func matrixSites(t *testing.T) []string {
	t.Helper()
	_, res := buildSite(t, "org-engineering-ladder.txtar")
	ladder := browsertest.Serve(t, res.Files)
	real := browsertest.Serve(t, draftSite(t))
	pages := []string{ladder + "/roles/engineering/"}
	for _, f := range draftSite(t) {
		if parts := strings.Split(f.Path, "/"); len(parts) == 3 && parts[0] == "roles" && parts[2] == "index.html" {
			pages = append(pages, real+"/roles/"+parts[1]+"/")
		}
	}
	if len(pages) < 3 {
		t.Fatalf("the real handbook has %d roles", len(pages)-1)
	}
	return pages
}

// matrixProbe measures the open role page's matrix as it is on screen, after bringing
// its scrolling window into view: whether the page itself scrolls sideways, where the
// window is, and, for each level's column header, whether it is in view or brought into
// view by scrolling the window sideways, with that window's scrollbar on screen.
const matrixProbe = `(function () {
  'use strict';
  var wrap = document.querySelector('.matrix-wrap'), table = wrap.querySelector('table');
  wrap.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  wrap.scrollLeft = 0; wrap.scrollTop = 0;
  var cs = getComputedStyle(wrap), w = wrap.getBoundingClientRect();
  var out = { pageWidth: document.scrollingElement.scrollWidth, width: innerWidth, height: innerHeight,
    top: w.top, bottom: w.bottom, left: w.left, right: w.right, overflowX: cs.overflowX,
    scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, levels: [] };
  var corner = table.tHead.rows[0].cells[0];
  var inner = { left: w.left + wrap.clientLeft, right: w.left + wrap.clientLeft + wrap.clientWidth };
  Array.prototype.slice.call(table.tHead.rows[0].cells, 1).forEach(function (th) {
    wrap.scrollLeft = 0;
    var r = th.getBoundingClientRect(), shown = r.left >= inner.left - 1 && r.right <= Math.min(inner.right, innerWidth) + 1;
    var lv = { title: th.textContent.trim(), shown: shown, reached: shown };
    if (!shown) {
      var c = corner.getBoundingClientRect();
      wrap.scrollLeft = r.left - c.right;
      r = th.getBoundingClientRect();
      lv.reached = r.left >= c.right - 1 && r.right <= Math.min(inner.right, innerWidth) + 1;
    }
    out.levels.push(lv);
  });
  wrap.scrollLeft = 0;
  return out;
})()`

type matrixReport struct {
	PageWidth, Width, Height float64
	Top, Bottom, Left, Right float64
	OverflowX                string
	ScrollWidth, ClientWidth float64
	Levels                   []struct {
		Title          string
		Shown, Reached bool
	}
}

// stickyProbe reports, after the window has scrolled, where its level row and the first
// column are against the window's edges, and whether what is at those places on screen
// is the level row and a row title (not a cell scrolled under them).
const stickyProbe = `(function () {
  'use strict';
  var wrap = document.querySelector('.matrix-wrap'), table = wrap.querySelector('table');
  var w = wrap.getBoundingClientRect(), top = w.top + wrap.clientTop, left = w.left + wrap.clientLeft;
  var head = table.tHead.rows[0].cells[1].getBoundingClientRect(); // the row scrolls, its cells stick
  var hit = document.elementFromPoint(left + wrap.clientWidth - 20, top + 5);
  var rows = Array.prototype.filter.call(table.tBodies[0].rows, function (tr) { return tr.getBoundingClientRect().bottom > head.bottom + 20; });
  var th = rows[0].cells[0].getBoundingClientRect();
  var side = document.elementFromPoint(left + 10, Math.max(th.top, head.bottom) + 10);
  return { scrollTop: wrap.scrollTop, scrollLeft: wrap.scrollLeft, headTop: head.top - top, headOnScreen: head.top >= 0 && head.bottom <= innerHeight,
    headHit: !!(hit && hit.closest('thead')), colLeft: th.left - left, colHit: !!(side && side.closest('tbody th[scope=row]')) };
})()`

type stickyReport struct {
	ScrollTop, ScrollLeft float64
	HeadTop               float64
	HeadOnScreen, HeadHit bool
	ColLeft               float64
	ColHit                bool
}

// targetProbe reports where the cell the address names is and where its level's column
// header is, and whether each is what shows at its own place on screen.
const targetProbe = `(function () {
  'use strict';
  var cell = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  var table = cell.closest('table'), th = table.tHead.rows[0].cells[cell.cellIndex];
  var corner = cell.parentElement.cells[0].getBoundingClientRect();
  var c = cell.getBoundingClientRect(), h = th.getBoundingClientRect();
  function visible(r, el) {
    var x = Math.min(Math.max(r.left + 8, corner.right + 8), innerWidth - 8), y = Math.min(r.top + 8, innerHeight - 8);
    var hit = document.elementFromPoint(x, y);
    return r.top >= 0 && r.top < innerHeight - 24 && r.left < innerWidth - 24 && r.right > corner.right + 24 && !!hit && el.contains(hit);
  }
  return { level: th.textContent.trim(), cell: visible(c, cell), heading: visible(h, th) && h.bottom <= innerHeight,
    below: c.top >= h.bottom - 1, cellTop: c.top, headBottom: h.bottom };
})()`

type targetReport struct {
	Level         string
	Cell, Heading bool
	Below         bool
	CellTop       float64
	HeadBottom    float64
}

// matrixShots is where the matrix tests write their screenshots: $HANDBOOK_SCREENSHOTS,
// or the test's temporary folder.
func matrixShots(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HANDBOOK_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot writes what is on screen now to dir/name.
func screenshot(ctx context.Context, t *testing.T, dir, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
		t.Error(err)
	}
}

// openRole opens a role page at an address and waits for the page to have loaded.
func openRole(ctx context.Context, url string) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		return err
	}
	return waitFor(ctx, `document.readyState === 'complete'`)
}

// wheel turns the mouse wheel over the middle of the matrix's window by dx, dy and waits
// for the window to stop scrolling.
func wheel(ctx context.Context, dx, dy float64) error {
	p, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(function (r) { return [r.left + r.width / 2, r.top + r.height / 2]; })(document.querySelector('.matrix-wrap').getBoundingClientRect())`))
	if err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseWheel, X: p[0], Y: p[1], DeltaX: dx, DeltaY: dy})
		return err
	})); err != nil {
		return err
	}
	last := ""
	for i := 0; i < 40; i++ {
		time.Sleep(50 * time.Millisecond)
		now, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(function (w) { return w.scrollTop + ',' + w.scrollLeft + ',' + scrollY; })(document.querySelector('.matrix-wrap'))`))
		if now == last {
			break
		}
		last = now
	}
	return nil
}

// TestMatrixWide opens each role's matrix (the 8-level, 25-row ladder and the real
// handbook's roles) at 768, 1024, 1280 and 1920 px: every level's column is in view or
// brought into view by scrolling the matrix's window sideways, whose scrollbar is on
// screen; the page itself never scrolls sideways; after the wheel scrolls the window
// down and across, the level row and the row titles are still at its edges and on top
// of the cells; and an address naming a cell shows the cell below its level's heading,
// both in view. Screenshots at each width, light and dark, go to $HANDBOOK_SCREENSHOTS.
func TestMatrixWide(t *testing.T) {
	ctx := browsertest.StartFor(t, 3*time.Minute)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pages := matrixSites(t)
	shots := matrixShots(t)
	for _, width := range []int64{768, 1024, 1280, 1920} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), colorScheme("light")); err != nil {
			t.Fatal(err)
		}
		for i, page := range pages {
			where := fmt.Sprintf("%s at %d px", page[strings.Index(page, "/roles/"):], width)
			if err := openRole(ctx, page); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			r, err := chromedp.Run(ctx, chromedp.Evaluate[matrixReport](matrixProbe))
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			checkMatrix(t, where, r)
			if i == 0 {
				checkSticky(ctx, t, where)
				for _, scheme := range []string{"light", "dark"} {
					if err := chromedp.Do(ctx, colorScheme(scheme)); err != nil {
						t.Fatal(err)
					}
					screenshot(ctx, t, shots, fmt.Sprintf("matrix-%d-%s.png", width, scheme))
				}
				if err := chromedp.Do(ctx, colorScheme("light")); err != nil {
					t.Fatal(err)
				}
			}
			checkTarget(ctx, t, where, page, i == 0)
			if i == 0 {
				screenshot(ctx, t, shots, fmt.Sprintf("matrix-%d-cell-link.png", width))
			}
		}
	}
	problems.Check(t)
}

func checkMatrix(t *testing.T, where string, r matrixReport) {
	t.Helper()
	if r.PageWidth > r.Width {
		t.Errorf("%s: the page scrolls sideways: %v px wide", where, r.PageWidth)
	}
	scrolls := (r.OverflowX == "auto" || r.OverflowX == "scroll") && r.ScrollWidth > r.ClientWidth
	barOnScreen := r.Top >= -1 && r.Bottom <= r.Height+1 && r.Left >= -1 && r.Right <= r.Width+1
	if len(r.Levels) == 0 {
		t.Fatalf("%s: no level columns", where)
	}
	var hidden []string
	for _, lv := range r.Levels {
		switch {
		case lv.Shown:
		case !lv.Reached || !scrolls:
			t.Errorf("%s: level %q is cut off and no scrolling brings it into view", where, lv.Title)
		case !barOnScreen:
			t.Errorf("%s: level %q is reached only by a scrollbar off screen: the window spans %v to %v px of a %v px screen", where, lv.Title, r.Top, r.Bottom, r.Height)
		default:
			hidden = append(hidden, lv.Title)
		}
	}
	t.Logf("%s: %d levels, %d reached by scrolling the %vx window sideways (%v of %v px)", where, len(r.Levels), len(hidden), r.Bottom-r.Top, r.ClientWidth, r.ScrollWidth)
}

func checkSticky(ctx context.Context, t *testing.T, where string) {
	t.Helper()
	if err := wheel(ctx, 600, 1500); err != nil {
		t.Fatal(err)
	}
	s, err := chromedp.Run(ctx, chromedp.Evaluate[stickyReport](stickyProbe))
	if err != nil {
		t.Fatal(err)
	}
	if s.ScrollTop < 500 {
		t.Errorf("%s: the wheel scrolled the matrix's window only %v px down", where, s.ScrollTop)
	}
	if s.HeadTop < -1 || s.HeadTop > 1 || !s.HeadOnScreen || !s.HeadHit {
		t.Errorf("%s: after scrolling %v px down the level row is %v px from the window's top (on screen: %v, on top: %v)", where, s.ScrollTop, s.HeadTop, s.HeadOnScreen, s.HeadHit)
	}
	if s.ScrollLeft > 0 && (s.ColLeft < -1 || s.ColLeft > 1 || !s.ColHit) {
		t.Errorf("%s: after scrolling %v px across the row titles are %v px from the window's left (on top: %v)", where, s.ScrollLeft, s.ColLeft, s.ColHit)
	}
}

// checkTarget opens addresses naming cells: a middle row at the last level and the last
// row at a middle level, loaded and (on the ladder) followed on the page.
func checkTarget(ctx context.Context, t *testing.T, where, page string, follow bool) {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function (rows) {
  var mid = rows[Math.floor(rows.length / 2)], last = rows[rows.length - 1];
  return [mid.cells[mid.cells.length - 1].id, last.cells[Math.ceil(last.cells.length / 2)].id];
})(document.querySelector('.matrix tbody').rows)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := openRole(ctx, page+"#"+id); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		report(ctx, t, where+", loaded #"+id)
	}
	if !follow {
		return
	}
	// Followed on the page: from the first cell's address to the other's.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`location.hash = `+jsString(ids[0]))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	report(ctx, t, where+", followed to #"+ids[0])
}

func report(ctx context.Context, t *testing.T, where string) {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[targetReport](targetProbe))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	if !r.Cell || !r.Heading || !r.Below {
		t.Errorf("%s: the cell is in view: %v; its level %q is in view: %v; the cell's top (%v px) is below the heading (%v px): %v",
			where, r.Cell, r.Level, r.Heading, r.CellTop, r.HeadBottom, r.Below)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// phoneMatrixProbe counts, row by row, the cells the reader sees on the phone.
const phoneMatrixProbe = `(function () {
  var rows = document.querySelectorAll('.matrix tbody tr'), shown = [];
  rows.forEach(function (tr) {
    shown.push(Array.prototype.filter.call(tr.cells, function (c) { return c.tagName === 'TD' && c.getClientRects().length > 0; })
      .map(function (c) { return c.getAttribute('data-level'); }).join('|'));
  });
  var pick = document.querySelector('.level-pick');
  return { shown: shown, pick: !!pick && pick.getClientRects().length > 0, height: document.querySelector('.matrix').getBoundingClientRect().height,
    pageWidth: document.scrollingElement.scrollWidth };
})()`

type phoneMatrix struct {
	Shown     []string
	Pick      bool
	Height    float64
	PageWidth float64
}

// TestMatrixPhone narrows the ladder's cards on a 360 px phone to one level with the
// keyboard alone: Tab reaches the level filter (a select named by its label) from the
// last level link, the arrow keys choose a level, every card then holds that level's
// cell only, the page still does not scroll sideways and axe-core finds nothing; End
// chooses the last level, Home all levels again. axe-core runs where
// HANDBOOK_AXE or .ci/axe holds it. Without JavaScript the filter is not
// shown and every level is. Screenshots, light and dark, go to $HANDBOOK_SCREENSHOTS.
func TestMatrixPhone(t *testing.T) {
	ctx := browsertest.StartFor(t, 2*time.Minute)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page := matrixSites(t)[0]
	shots := matrixShots(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulatePortrait), colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	if err := openRole(ctx, page); err != nil {
		t.Fatal(err)
	}
	levels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.matrix thead th:not(:first-child)'), th => th.textContent.trim())`))
	if err != nil || len(levels) != 8 {
		t.Fatalf("the ladder shows levels %q (%v), want 8", levels, err)
	}
	all := strings.Join(levels, "|")
	state := func(what string) phoneMatrix {
		t.Helper()
		m, err := chromedp.Run(ctx, chromedp.Evaluate[phoneMatrix](phoneMatrixProbe))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if m.PageWidth > 360 {
			t.Errorf("%s: the page scrolls sideways: %v px wide", what, m.PageWidth)
		}
		return m
	}
	expect := func(what string, m phoneMatrix, want string) {
		t.Helper()
		if len(m.Shown) != 25 {
			t.Fatalf("%s: %d rows, want 25", what, len(m.Shown))
		}
		for i, got := range m.Shown {
			if got != want {
				t.Errorf("%s: row %d shows the levels %q, want %q", what, i+1, got, want)
				return
			}
		}
	}
	before := state("before choosing")
	expect("before choosing", before, all)
	if !before.Pick {
		t.Fatal("the level filter is not shown")
	}
	name, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function (s) { return s.labels.length === 1 ? s.labels[0].textContent.replace(/\s+/g, ' ').trim() : ''; })(document.querySelector('.level-pick select'))`))
	if err != nil || !strings.HasPrefix(name, "Levels shown") {
		t.Errorf("the level filter's label reads %q (%v), want it to start with \"Levels shown\"", name, err)
	}
	focused := `document.activeElement === document.querySelector('.level-pick select')`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(function (a) { a[a.length - 1].focus(); })(document.querySelectorAll('.level-links a'))`)); err != nil {
		t.Fatal(err)
	}
	// Between them is the matrix heading's link to itself (handbook.js).
	if err := chromedp.Do(ctx, browsertest.Press("Tab", false)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector('h2#matrix > a.anchor')`)); !ok {
		t.Fatal("Tab from the last level link does not reach the matrix heading's link")
	}
	if err := chromedp.Do(ctx, browsertest.Press("Tab", false)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](focused)); !ok {
		t.Fatal("Tab from the matrix heading's link does not reach the level filter")
	}
	if err := chromedp.Do(ctx, browsertest.Press("ArrowDown", false)); err != nil {
		t.Fatal(err)
	}
	one := state("after ArrowDown")
	expect("after ArrowDown", one, levels[0])
	if one.Height >= before.Height/3 {
		t.Errorf("one level's cards are %v px tall, all levels' %v px", one.Height, before.Height)
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, colorScheme(scheme)); err != nil {
			t.Fatal(err)
		}
		screenshot(ctx, t, shots, "matrix-360-"+scheme+".png")
		t.Run("axe-"+scheme, func(t *testing.T) {
			v, err := audit(ctx, axeScript(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range v {
				t.Errorf("axe-core, %s, one level chosen: %s", scheme, x)
			}
		})
	}
	if err := chromedp.Do(ctx, browsertest.Press("End", false)); err != nil {
		t.Fatal(err)
	}
	expect("after End", state("after End"), levels[7])
	if err := chromedp.Do(ctx, browsertest.Press("Home", false)); err != nil {
		t.Fatal(err)
	}
	expect("after Home", state("after Home"), all)
	problems.Check(t)

	// Without JavaScript.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	html, err := chromedp.Run(ctx, chromedp.OuterHTML[string]("body"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html, `<p class="level-pick" hidden="">`) || strings.Contains(html, "other-level") {
		t.Error("without JavaScript the level filter shows or hides a level")
	}
}

// TestMatrixPrint prints the 8-level ladder's matrix: on paper it is no scrolling
// window, every level and every row is on the page, and the level filter is not there.
func TestMatrixPrint(t *testing.T) {
	ctx := browsertest.Start(t)
	page := matrixSites(t)[0]
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 900), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := openRole(ctx, page); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(function (w) {
  var cs = getComputedStyle(w), t = w.querySelector('table');
  return { overflow: cs.overflowX + ' ' + cs.overflowY, maxHeight: cs.maxHeight, clipped: w.scrollWidth > w.clientWidth + 1 || w.scrollHeight > w.clientHeight + 1,
    right: t.getBoundingClientRect().right, width: document.documentElement.clientWidth,
    cells: Array.from(t.querySelectorAll('td')).filter(function (c) { return c.getClientRects().length; }).length,
    pick: document.querySelector('.level-pick').getClientRects().length };
})(document.querySelector('.matrix-wrap'))`))
	if err != nil {
		t.Fatal(err)
	}
	if got["overflow"] != "visible visible" || got["maxHeight"] != "none" || got["clipped"] != false {
		t.Errorf("printed, the matrix is a scrolling window: %v", got)
	}
	if got["right"].(float64) > got["width"].(float64)+1 {
		t.Errorf("printed, the matrix runs past the page: %v", got)
	}
	if got["cells"].(float64) != 8*25 || got["pick"].(float64) != 0 {
		t.Errorf("printed, the matrix shows %v cells (want 200) and the level filter %v times", got["cells"], got["pick"])
	}
}
