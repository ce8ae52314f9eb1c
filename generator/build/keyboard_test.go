package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// keyboardProbe is evaluated in each page (through the DevTools protocol) before the
// test presses Tab. __kb.start lists the elements Tab should reach, in document order,
// and notes how each looks unfocused; __kb.step describes the focused element and what
// is wrong with its focus indicator.
const keyboardProbe = `window.__kb = (function () {
  'use strict';
  var SEL = 'a[href], area[href], button, input, select, textarea, iframe, details > summary:first-of-type, [tabindex], [contenteditable="true"], [contenteditable=""]';
  var list = [], looks = [];

  function rendered(el) {
    if (el.closest('[inert]')) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  }
  function stop(el) {
    if (el.disabled || el.tabIndex < 0 || el.type === 'hidden' || !rendered(el)) return false;
    if (el.type === 'radio' && el.name) { // one stop per group: the checked radio, else the first
      var group = Array.from(document.getElementsByName(el.name)).filter(function (r) {
        return r.type === 'radio' && r.form === el.form && !r.disabled && rendered(r);
      });
      return el === (group.find(function (r) { return r.checked; }) || group[0]);
    }
    return true;
  }
  function look(el) {
    var cs = getComputedStyle(el);
    return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset, cs.boxShadow].join(' ');
  }
  function describe(el) {
    if (!el || el === document.body || el === document.documentElement) return '(nothing)';
    var s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    var text = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim();
    return s + (text ? ' "' + text.slice(0, 50) + '"' : '');
  }

  function rgba(c) {
    var m = /rgba?\(([^)]*)\)/.exec(c);
    if (!m) return null;
    var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) { // top composited over an opaque bottom
    var a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  }
  // backdrop is the opaque colour painted behind el's box, from its ancestors' backgrounds.
  function backdrop(el) {
    var layers = [];
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      var c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    var dark = matchMedia('(prefers-color-scheme: dark)').matches;
    var out = dark ? [0, 0, 0, 1] : [255, 255, 255, 1];
    for (var i = layers.length - 1; i >= 0; i--) out = over(layers[i], out);
    return out;
  }
  function luminance(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  // clippers are el's ancestors whose overflow clips what is drawn outside their padding box.
  function clippers(el) {
    var out = [];
    for (var n = el.parentElement; n && n !== document.documentElement; n = n.parentElement) {
      var cs = getComputedStyle(n);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') out.push(n);
    }
    return out;
  }
  function paddingBox(n) {
    var r = n.getBoundingClientRect();
    return { left: r.left + n.clientLeft, top: r.top + n.clientTop, right: r.left + n.clientLeft + n.clientWidth, bottom: r.top + n.clientTop + n.clientHeight };
  }

  function problems(el, before) {
    var out = [], cs = getComputedStyle(el);
    var now = look(el);
    if (now === before) return ['has no focus indicator: its outline and box-shadow are as when unfocused (' + now + ')'];
    var width = cs.outlineStyle !== 'none' ? parseFloat(cs.outlineWidth) || 0 : 0;
    var r = el.getBoundingClientRect();
    if (width > 0) {
      var oc = rgba(cs.outlineColor);
      var behind = backdrop(el.parentElement || el);
      var ratio = oc ? contrast(over(oc, behind), behind) : 0;
      if (ratio < 3) out.push('its focus outline has a contrast of ' + ratio.toFixed(2) + ':1 with the background, below 3:1');
      var grow = width + (parseFloat(cs.outlineOffset) || 0);
      var box = { left: r.left - grow, top: r.top - grow, right: r.right + grow, bottom: r.bottom + grow };
      clippers(el).forEach(function (c) {
        var p = paddingBox(c), cc = getComputedStyle(c);
        var x = cc.overflowX !== 'visible' && (box.left < p.left - 0.5 || box.right > p.right + 0.5);
        var y = cc.overflowY !== 'visible' && (box.top < p.top - 0.5 || box.bottom > p.bottom + 0.5);
        if (x || y) out.push('its focus outline is cut off by ' + describe(c) + ' (outline ' + [box.left, box.top, box.right, box.bottom].map(Math.round).join(',') +
          ', scrollport ' + [p.left, p.top, p.right, p.bottom].map(Math.round).join(',') + ')');
      });
    } else if (cs.boxShadow === 'none') {
      out.push('has neither an outline nor a box-shadow when focused');
    }
    // Not hidden: the centre of a visible part of one of its boxes (a link may wrap over
    // lines) shows the element itself.
    var cut = clippers(el).map(paddingBox), seen = false, under = null;
    Array.from(el.getClientRects()).forEach(function (b) {
      var v = { left: Math.max(b.left, 0), top: Math.max(b.top, 0), right: Math.min(b.right, innerWidth), bottom: Math.min(b.bottom, innerHeight) };
      cut.forEach(function (p) {
        v = { left: Math.max(v.left, p.left), top: Math.max(v.top, p.top), right: Math.min(v.right, p.right), bottom: Math.min(v.bottom, p.bottom) };
      });
      if (seen || v.right - v.left < 1 || v.bottom - v.top < 1) return;
      var hit = document.elementFromPoint((v.left + v.right) / 2, (v.top + v.bottom) / 2);
      if (hit && (hit === el || el.contains(hit))) seen = true; else under = under || hit;
    });
    if (!seen && under) out.push('is hidden under ' + describe(under));
    else if (!seen) out.push('is focused out of sight (box ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ')');
    return out;
  }

  var ids = new WeakMap(), next = 0;
  function tabbables() { return Array.from(document.querySelectorAll(SEL)).filter(stop); }

  return {
    start: function () {
      list = tabbables();
      looks = list.map(look);
      return list.map(describe);
    },
    positive: function () {
      return Array.from(document.querySelectorAll('[tabindex]')).filter(function (el) { return el.tabIndex > 0; }).map(describe);
    },
    // step identifies the focused element by its position among the page's stops, so
    // that an element a script rebuilt while the focus moved keeps its place.
    step: function () {
      var el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { index: -1, key: 0, none: true, what: '(nothing)', problems: [] };
      if (!ids.has(el)) ids.set(el, ++next);
      var i = list.indexOf(el);
      if (i < 0) i = tabbables().indexOf(el);
      return { index: i, key: ids.get(el), what: describe(el), problems: problems(el, i >= 0 ? looks[i] : ''),
        scroller: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight };
    }
  };
})(); true`

// kbStep is what __kb.step tells of the focused element.
type kbStep struct {
	Index    int      `json:"index"`
	Key      int      `json:"key"`
	None     bool     `json:"none"`
	What     string   `json:"what"`
	Problems []string `json:"problems"`
	Scroller bool     `json:"scroller"`
}

func evalJS[T any](ctx context.Context, js string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](js))
}

// keyboardSetup gives the page the focus (a headless window has none, and without it
// no :focus-visible style applies), and sets the viewport and the colour scheme.
func keyboardSetup(ctx context.Context, width, height int64, scheme string) error {
	return chromedp.Do(ctx, chromedp.EmulateViewport(width, height), colorScheme(scheme),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
			return err
		}))
}

// TestKeyboard presses Tab through one page of every type: the skip link comes first
// and moves the focus to the main content; Tab then reaches every focusable element in
// document order, each with a visible focus indicator, and comes back to the start, and
// Shift+Tab walks the same way back. In dark mode Tab goes through each page once more,
// for the focus indicators. Its subtests operate the widgets with the keys their markup
// promises.
func TestKeyboard(t *testing.T) {
	ctx, base := browseDrafts(t, 4*time.Minute)
	start := time.Now()
	stops := 0
	for _, scheme := range []string{"light", "dark"} {
		if err := keyboardSetup(ctx, 1280, 800, scheme); err != nil {
			t.Fatal(err)
		}
		for _, p := range a11yPages {
			stops += tabThrough(t, ctx, base, p, scheme, "")
		}
		// The matrix's cells are markdown and may hold links; put some in its last
		// columns, in a window narrow enough for the table to scroll them under its
		// sticky first column.
		if err := keyboardSetup(ctx, 800, 800, scheme); err != nil {
			t.Fatal(err)
		}
		stops += tabThrough(t, ctx, base, a11yPages[2], scheme, `document.querySelectorAll('.matrix tbody tr').forEach(function (tr, i) {
  if (i > 2) return;
  tr.querySelectorAll('td').forEach(function (td, j) {
    if (j < 1) return;
    var a = document.createElement('a');
    a.href = '#cell-link-' + i + '-' + j;
    a.textContent = 'a link in a cell';
    td.querySelector('.prose').prepend(a);
  });
})`)
	}
	t.Logf("%d pages twice, %d tab stops, in %v", len(a11yPages)+1, stops, time.Since(start).Round(time.Millisecond))

	if err := keyboardSetup(ctx, 1280, 800, "light"); err != nil {
		t.Fatal(err)
	}
	t.Run("HeaderSearch", func(t *testing.T) { headerSearchKeys(t, ctx, base) })
	t.Run("SearchPage", func(t *testing.T) { searchPageKeys(t, ctx, base) })
	t.Run("Compare", func(t *testing.T) { compareKeys(t, ctx, base) })
	t.Run("ScrollingTables", func(t *testing.T) { scrollingTableKeys(t, ctx, base) })
}

// tabThrough checks one page with Tab and returns its number of tab stops. In light
// mode it checks the skip link and Shift+Tab too. A setup script, if any, changes the
// page before the walks.
func tabThrough(t *testing.T, ctx context.Context, base string, p a11yPage, scheme, setup string) int {
	t.Helper()
	where := scheme + " mode, " + p.kind + " page " + p.path
	full := scheme == "light"
	fail := func(format string, args ...any) { t.Errorf("%s: %s", where, fmt.Sprintf(format, args...)) }
	if err := open(ctx, base, p); err != nil {
		fail("%v", err)
		return 0
	}
	_, fragment, atFragment := strings.Cut(p.path, "#")
	if full {
		if atFragment {
			fragmentStart(t, ctx, where, fragment)
		} else {
			skipLink(t, ctx, where)
		}
		// A fresh load for the walks.
		if err := open(ctx, base, p); err != nil {
			fail("%v", err)
			return 0
		}
	}
	if atFragment { // the walks start at the skip link, as on a page opened at its top
		if _, err := evalJS[chromedp.Void](ctx, `document.querySelector('a.skip').focus()`); err != nil {
			fail("%v", err)
			return 0
		}
	}
	if setup != "" {
		where += " (with links in its cells)"
		if _, err := evalJS[chromedp.Void](ctx, setup); err != nil {
			fail("setup: %v", err)
			return 0
		}
	}
	if _, err := evalJS[bool](ctx, keyboardProbe); err != nil {
		fail("probe: %v", err)
		return 0
	}
	want, err := evalJS[[]string](ctx, `__kb.start()`)
	if err != nil || len(want) == 0 {
		fail("no focusable element (%v)", err)
		return 0
	}
	if pos, _ := evalJS[[]string](ctx, `__kb.positive()`); len(pos) > 0 {
		fail("positive tabindex reorders the focus: %s", strings.Join(pos, ", "))
	}
	forward, ok := walk(t, ctx, where, len(want), false)
	if !ok {
		return len(want)
	}
	reached := map[int]bool{0: true}
	last := 0
	for _, i := range forward {
		if i >= 0 {
			if i <= last {
				fail("Tab goes back from %s to %s, against the document order", want[last], want[i])
			}
			reached[i], last = true, i
		}
	}
	for i, w := range want {
		if !reached[i] {
			fail("Tab never reaches %s", w)
		}
	}
	if !full {
		return len(want)
	}
	// Shift+Tab: the same stops, the other way.
	backward, ok := walk(t, ctx, where, len(want), true)
	if ok {
		rev := make([]int, len(backward))
		for i, x := range backward {
			rev[len(backward)-1-i] = x
		}
		if fmt.Sprint(rev) != fmt.Sprint(forward) {
			fail("Shift+Tab does not retrace Tab:\n\tTab       %v\n\tShift+Tab %v", forward, backward)
		}
	}
	return len(want)
}

// skipLink checks that the first Tab on a page just opened focuses the skip link, that
// it shows, and that Enter on it moves the focus to the main content.
func skipLink(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	if err := chromedp.Do(ctx, browsertest.Press("Tab", false)); err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if got, _ := evalJS[string](ctx, `document.activeElement.matches('a.skip[href="#main"]') ? 'skip' : document.activeElement.outerHTML.slice(0, 80)`); got != "skip" {
		t.Errorf("%s: the first Tab focuses %s, want the skip link", where, got)
		return
	}
	if shown, _ := evalJS[bool](ctx, `(function (r) { return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 20 && r.height > 10; })(document.activeElement.getBoundingClientRect())`); !shown {
		t.Errorf("%s: the focused skip link is not in view", where)
	}
	if err := chromedp.Do(ctx, browsertest.Press("Enter", false)); err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if got, _ := evalJS[string](ctx, `document.activeElement.id + ' ' + location.hash`); got != "main #main" {
		t.Errorf("%s: Enter on the skip link leaves the focus on %q, want main #main", where, got)
	}
	if err := chromedp.Do(ctx, browsertest.Press("Tab", false)); err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if in, _ := evalJS[bool](ctx, `document.getElementById('main').contains(document.activeElement) && document.activeElement.id !== 'main'`); !in {
		got, _ := evalJS[string](ctx, `document.activeElement.outerHTML.slice(0, 80)`)
		t.Errorf("%s: after the skip link, Tab focuses %s, outside the main content", where, got)
	}
}

// fragmentStart checks that the first Tab on a page opened at a fragment (as a link
// to #case opens the level's case) focuses the first element inside the fragment's
// target, as it does on any page opened at an anchor.
func fragmentStart(t *testing.T, ctx context.Context, where, id string) {
	t.Helper()
	if err := chromedp.Do(ctx, browsertest.Press("Tab", false)); err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	in, _ := evalJS[bool](ctx, `(function (n) { return !!n && n !== document.activeElement && n.contains(document.activeElement); })(document.getElementById(`+jsQuote(id)+`))`)
	if !in {
		got, _ := evalJS[string](ctx, `document.activeElement.outerHTML.slice(0, 80)`)
		t.Errorf("%s: the first Tab focuses %s, want the first control inside #%s", where, got, id)
	}
}

// walk presses Tab (or Shift+Tab) until the focus comes back to the skip link, which
// holds the focus when walk starts or which Tab reaches first, checking the focus
// indicator of every element on the way. It returns the indexes, in __kb's list, of
// the elements focused in between, in order (-1 for one outside the list), and whether
// the focus came back.
func walk(t *testing.T, ctx context.Context, where string, n int, back bool) ([]int, bool) {
	t.Helper()
	name := "Tab"
	if back {
		name = "Shift+Tab"
	}
	var seq []int
	prev, prevKey, blank := "", 0, 0
	for presses := 0; presses < n+5; presses++ {
		if err := chromedp.Do(ctx, browsertest.Press("Tab", back)); err != nil {
			t.Errorf("%s: %v", where, err)
			return nil, false
		}
		st, err := evalJS[kbStep](ctx, `__kb.step()`)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return nil, false
		}
		if st.None { // past the last element the focus leaves the page, then comes back
			if blank++; blank > 2 {
				t.Errorf("%s: %s leaves the focus nowhere after %s", where, name, prev)
				return nil, false
			}
			continue
		}
		if st.Key == prevKey {
			t.Errorf("%s: focus is trapped: %s does not leave %s", where, name, st.What)
			return nil, false
		}
		prev, prevKey = st.What, st.Key
		if st.Index == 0 && (back || presses > 0) {
			return seq, true
		}
		for _, p := range st.Problems {
			t.Errorf("%s: %s %s", where, st.What, p)
		}
		if st.Index == 0 {
			continue
		}
		if st.Index < 0 && !st.Scroller {
			t.Errorf("%s: %s focuses %s, which is neither a link or control nor a scrolling box", where, name, st.What)
		}
		seq = append(seq, st.Index)
	}
	t.Errorf("%s: %s does not come back to the skip link after %d presses (last at %s)", where, name, n+5, prev)
	return nil, false
}

// kbCheck fails the test when a JavaScript condition does not hold within ten
// seconds, saying what state (a JavaScript expression) shows instead.
func kbCheck(t *testing.T, ctx context.Context, what, cond, state string) bool {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := evalJS[bool](ctx, `!!(`+cond+`)`)
		if err == nil && ok {
			return true
		}
		if time.Now().After(deadline) {
			got, _ := evalJS[string](ctx, `String(`+state+`)`)
			t.Errorf("%s: want %s; got %s (%v)", what, cond, got, err)
			return false
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func keysDo(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// tabTo presses Tab until the element matching css has the focus.
func tabTo(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if ok, _ := evalJS[bool](ctx, `!!document.activeElement && document.activeElement.matches(`+jsQuote(css)+`)`); ok {
			return
		}
		keysDo(t, ctx, "Tab", browsertest.Press("Tab", false))
	}
	t.Fatalf("Tab never reaches %s", css)
}

func jsQuote(s string) string { return fmt.Sprintf("%q", s) }

const active = `(document.activeElement.id || document.activeElement.tagName)`

// headerSearchKeys operates the header box, an ARIA combobox, from the keyboard.
func headerSearchKeys(t *testing.T, ctx context.Context, base string) {
	const (
		box      = `document.getElementById('search-q')`
		list     = `document.getElementById('search-q-list')`
		options  = `document.querySelectorAll('#search-q-list [role="option"]')`
		selected = `document.querySelector('#search-q-list [aria-selected="true"]')`
	)
	if err := open(ctx, base, a11yPage{path: "/roles/"}); err != nil {
		t.Fatal(err)
	}
	// "/" jumps to the box from anywhere but a text field.
	keysDo(t, ctx, "/", browsertest.Press("/", false))
	kbCheck(t, ctx, "/ focuses the header box", active+` === 'search-q' && `+box+`.value === ''`, active)
	keysDo(t, ctx, "type", chromedp.KeyEvent("feedback"))
	if !kbCheck(t, ctx, "typing shows suggestions", `!`+list+`.hidden && `+options+`.length > 2 && `+box+`.getAttribute('aria-expanded') === 'true'`,
		box+`.getAttribute('aria-expanded') + ' ' + `+options+`.length`) {
		return
	}
	n, _ := evalJS[int](ctx, options+`.length`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	kbCheck(t, ctx, "ArrowDown chooses the first suggestion", box+`.getAttribute('aria-activedescendant') === `+options+`[0].id && `+options+`[0].getAttribute('aria-selected') === 'true'`,
		box+`.getAttribute('aria-activedescendant')`)
	kbCheck(t, ctx, "the chosen suggestion looks chosen",
		`getComputedStyle(`+options+`[0]).backgroundColor !== getComputedStyle(`+options+`[1]).backgroundColor || getComputedStyle(`+options+`[0]).boxShadow !== getComputedStyle(`+options+`[1]).boxShadow`,
		`getComputedStyle(`+options+`[0]).backgroundColor`)
	kbCheck(t, ctx, "the focus stays in the box", active+` === 'search-q'`, active)
	keysDo(t, ctx, "ArrowUp", browsertest.Press("ArrowUp", false))
	kbCheck(t, ctx, "ArrowUp from the first wraps to the last", `(`+selected+` || {}).id === `+options+`[`+fmt.Sprint(n-1)+`].id`,
		`(`+selected+` || {}).id`)
	keysDo(t, ctx, "Escape", browsertest.Press("Escape", false))
	kbCheck(t, ctx, "Escape closes the suggestions", list+`.hidden && `+box+`.getAttribute('aria-expanded') === 'false' && !`+box+`.hasAttribute('aria-activedescendant') && `+box+`.value === 'feedback'`,
		list+`.hidden + ' ' + `+box+`.value`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	kbCheck(t, ctx, "ArrowDown opens them again", `!`+list+`.hidden`, list+`.hidden`)
	keysDo(t, ctx, "Tab", browsertest.Press("Tab", false))
	kbCheck(t, ctx, "Tab closes them and moves on", list+`.hidden && document.activeElement.matches('.search-box button')`, active)
	keysDo(t, ctx, "Shift+Tab", browsertest.Press("Tab", true))
	kbCheck(t, ctx, "Shift+Tab comes back to the box", active+` === 'search-q'`, active)
	keysDo(t, ctx, "Escape", browsertest.Press("Escape", false))
	kbCheck(t, ctx, "Escape closes", list+`.hidden && `+box+`.value === 'feedback'`, list+`.hidden + ' ' + `+box+`.value`)
	keysDo(t, ctx, "Escape", browsertest.Press("Escape", false))
	kbCheck(t, ctx, "Escape in a closed box empties it", box+`.value === ''`, box+`.value`)
	keysDo(t, ctx, "type", chromedp.KeyEvent("ownership"))
	kbCheck(t, ctx, "suggestions for ownership", `!`+list+`.hidden`, list+`.hidden`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	href, _ := evalJS[string](ctx, options+`[0].getAttribute('href')`)
	keysDo(t, ctx, "Enter", browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Enter opens the chosen suggestion", `location.pathname === `+jsQuote(href), `location.pathname`)

	// Enter without a chosen suggestion goes to the search page.
	if err := open(ctx, base, a11yPage{path: "/"}); err != nil {
		t.Fatal(err)
	}
	keysDo(t, ctx, "/ and type", browsertest.Press("/", false), chromedp.KeyEvent("trust"), browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Enter searches", `location.pathname === '/search/' && location.search === '?q=trust'`, `location.href`)
}

// searchPageKeys operates the search page's filters and its "Show more" button.
func searchPageKeys(t *testing.T, ctx context.Context, base string) {
	const status = `document.getElementById('search-status').textContent`
	if err := open(ctx, base, a11yPage{path: "/search/?q=customer", ready: `document.getElementById('f-type-all')`}); err != nil {
		t.Fatal(err)
	}
	total, _ := evalJS[string](ctx, status)
	// Tab reaches the type filter's checked radio; the arrows move along the group, and
	// the focus stays on the choice while the results and counts are rebuilt.
	tabTo(t, ctx, `input[name="type"]`)
	kbCheck(t, ctx, "Tab stops at the checked radio", `document.activeElement.checked && document.activeElement.id === 'f-type-all'`, active)
	next, _ := evalJS[string](ctx, `document.querySelectorAll('input[name="type"]')[1].id`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	kbCheck(t, ctx, "ArrowDown picks the next type", `location.search.includes('type=') && `+active+` === `+jsQuote(next)+` && document.getElementById(`+jsQuote(next)+`).checked && `+status+` !== `+jsQuote(total),
		active+` + ' ' + location.search + ' ' + `+status)
	keysDo(t, ctx, "ArrowUp", browsertest.Press("ArrowUp", false))
	kbCheck(t, ctx, "ArrowUp goes back to All", `!location.search.includes('type=') && `+active+` === 'f-type-all' && `+status+` === `+jsQuote(total),
		active+` + ' ' + location.search`)

	// The level select: the arrows change it, the focus stays on it.
	tabTo(t, ctx, `#f-level`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	kbCheck(t, ctx, "ArrowDown on the level filter picks a level", `location.search.includes('level=') && `+active+` === 'f-level' && document.getElementById('f-level').value !== ''`,
		active+` + ' ' + location.search`)
	keysDo(t, ctx, "ArrowUp", browsertest.Press("ArrowUp", false))
	kbCheck(t, ctx, "ArrowUp on the level filter goes back to any level", `!location.search.includes('level=') && `+active+` === 'f-level'`, active+` + ' ' + location.search`)

	// "Show more results" with Enter, then with Space: the focus goes to the first new result.
	for _, key := range []string{"Enter", " "} {
		shown, _ := evalJS[int](ctx, `document.querySelectorAll('#search-results li').length`)
		if ok, _ := evalJS[bool](ctx, `!!document.querySelector('#search-results .search-more')`); !ok {
			t.Fatalf("no Show more button with %d results shown (%s)", shown, total)
		}
		tabTo(t, ctx, `.search-more`)
		keysDo(t, ctx, "press "+key, browsertest.Press(key, false))
		kbCheck(t, ctx, fmt.Sprintf("%q on Show more", key),
			fmt.Sprintf(`document.querySelectorAll('#search-results li').length > %d && document.activeElement === document.querySelectorAll('#search-results li')[%d].querySelector('a')`, shown, shown),
			`document.querySelectorAll('#search-results li').length + ' ' + `+active)
	}
}

// compareKeys picks two levels and compares them with the keyboard alone.
func compareKeys(t *testing.T, ctx context.Context, base string) {
	if err := open(ctx, base, a11yPage{path: "/compare/"}); err != nil {
		t.Fatal(err)
	}
	tabTo(t, ctx, `#compare-a`)
	keysDo(t, ctx, "ArrowDown", browsertest.Press("ArrowDown", false))
	kbCheck(t, ctx, "ArrowDown picks the second level", `document.getElementById('compare-a').selectedIndex === 1`, `document.getElementById('compare-a').selectedIndex`)
	keysDo(t, ctx, "Tab, End", browsertest.Press("Tab", false), browsertest.Press("End", false))
	kbCheck(t, ctx, "End picks the last level", `document.getElementById('compare-b').selectedIndex === document.getElementById('compare-b').options.length - 1`,
		`document.getElementById('compare-b').selectedIndex`)
	keysDo(t, ctx, "Tab, Enter", browsertest.Press("Tab", false), browsertest.Press("Enter", false))
	kbCheck(t, ctx, "Enter on Compare shows the comparison",
		`document.querySelectorAll('#compare-result td').length > 4 && location.search.includes('a=') && document.activeElement.matches('.compare-form button')`,
		`document.getElementById('compare-result').textContent.slice(0, 80)`)
	keysDo(t, ctx, "Shift+Tab, ArrowUp, Tab, Space", browsertest.Press("Tab", true), browsertest.Press("ArrowUp", false), browsertest.Press("Tab", false), browsertest.Press(" ", false))
	kbCheck(t, ctx, "Space on Compare compares again",
		`/\bb=[^&]+/.test(location.search) && document.querySelectorAll('#compare-result thead th').length === 3 && document.querySelectorAll('#compare-result thead th')[2].textContent.includes(document.getElementById('compare-b').selectedOptions[0].text.trim())`,
		`location.search`)
	// The table's region is reachable, so a keyboard can scroll it.
	keysDo(t, ctx, "Tab", browsertest.Press("Tab", false))
	kbCheck(t, ctx, "Tab reaches the comparison", `document.activeElement.matches('#compare-result .matrix-wrap[role="region"][aria-label]')`, active)
}

// scrollingTableKeys scrolls the tables too wide for their column with the arrow keys,
// once Tab has reached them: the matrix in a narrow window, and a markdown table given
// more columns than any window holds.
func scrollingTableKeys(t *testing.T, ctx context.Context, base string) {
	defer func() {
		if err := keyboardSetup(ctx, 1280, 800, "light"); err != nil {
			t.Fatal(err)
		}
	}()
	if err := keyboardSetup(ctx, 800, 800, "light"); err != nil {
		t.Fatal(err)
	}
	if err := open(ctx, base, a11yPages[2]); err != nil {
		t.Fatal(err)
	}
	tabTo(t, ctx, `.matrix-wrap`)
	keysDo(t, ctx, "ArrowRight", browsertest.Press("ArrowRight", false), browsertest.Press("ArrowRight", false))
	kbCheck(t, ctx, "ArrowRight scrolls the matrix", `document.querySelector('.matrix-wrap').scrollLeft > 0`, `document.querySelector('.matrix-wrap').scrollLeft`)

	if err := open(ctx, base, a11yPage{path: "/contributing/"}); err != nil {
		t.Fatal(err)
	}
	const widen = `(function () {
  var t = document.querySelector('.prose table');
  if (!t) return false;
  t.querySelectorAll('tr').forEach(function (tr) {
    for (var i = 0; i < 40; i++) {
      var c = document.createElement(tr.parentNode.tagName === 'THEAD' ? 'th' : 'td');
      c.textContent = 'an extra column, ' + i;
      tr.appendChild(c);
    }
  });
  window.dispatchEvent(new Event('resize'));
  return true;
})()`
	if ok, err := evalJS[bool](ctx, widen); err != nil || !ok {
		t.Fatalf("no markdown table on /contributing/ (%v)", err)
	}
	kbCheck(t, ctx, "a markdown table that scrolls joins the tab order", `document.querySelector('.prose table').getAttribute('tabindex') === '0'`,
		`document.querySelector('.prose table').outerHTML.slice(0, 60)`)
	if err := open(ctx, base, a11yPage{path: "/contributing/"}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := evalJS[bool](ctx, `document.querySelector('.prose table').hasAttribute('tabindex')`); ok {
		t.Error("a markdown table that fits its column is a tab stop")
	}
	if _, err := evalJS[bool](ctx, widen); err != nil {
		t.Fatal(err)
	}
	kbCheck(t, ctx, "the widened table joins the tab order", `document.querySelector('.prose table').tabIndex === 0`, `document.querySelector('.prose table').tabIndex`)
	tabTo(t, ctx, `.prose table`)
	keysDo(t, ctx, "ArrowRight", browsertest.Press("ArrowRight", false), browsertest.Press("ArrowRight", false))
	kbCheck(t, ctx, "ArrowRight scrolls the markdown table", `document.querySelector('.prose table').scrollLeft > 0`, `document.querySelector('.prose table').scrollLeft`)
}
