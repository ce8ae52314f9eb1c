package build

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/output"
)

// The accessibility tests open one page of every type of the real handbook, drafts
// included, in Chromium under the published policy: axe-core finds no violation in light
// or dark mode (TestAxe), every page works with the keyboard alone (TestKeyboard), and on
// a 360 px phone no text is cut off and nothing scrolls the page sideways (TestPhone).

// a11yPage is a page the accessibility tests open, and what shows it is ready: a
// JavaScript condition, for the pages a script completes.
type a11yPage struct {
	kind, path, ready string
}

// a11yPages holds one page of each type, the draft badge included.
var a11yPages = []a11yPage{
	{"home", "/", ""},
	{"roles", "/roles/", ""},
	{"role", "/roles/professional-services/", ""},
	{"level", "/roles/professional-services/ps-ii/", ""},
	// The level's case, open (an address ending in #case opens it), with evidence in a box.
	{"case", "/roles/professional-services/ps-ii/#case", `(function (b) {
  if (b && !b.value) { b.value = 'Led the migration of the billing service.'; b.dispatchEvent(new Event('input')); }
  return b;
})(document.querySelector('#case textarea'))`},
	{"promotion", "/roles/professional-services/ps-ii-to-ps-iii/", ""},
	{"compare", "/compare/?a=professional-services/ps-i&b=manager-professional-services/sr-mgr",
		`document.querySelectorAll('#compare-result td').length > 10`},
	{"dimensions", "/dimensions/", ""},
	{"dimension", "/dimensions/technical-excellence/", ""},
	{"principles", "/principles/", ""},
	{"principle", "/principles/bias-for-action/", ""},
	{"interview", "/interview/", ""},
	{"question", "/interview/tell-me-about-a-time-when-you-didnt-have-enough-data-to-make-the-right-decision/", ""},
	{"delivery", "/delivery/", ""},
	{"phase", "/delivery/technical-validation/", ""},
	{"page", "/contributing/", ""},
	{"draft page", "/interview/preparation-notes/", ""},
	{"search", "/search/?q=disagree",
		`document.querySelector('#search-results li a') && !document.getElementById('search-filters').hidden`},
	{"404", "/no-such-page/", ""},
}

var (
	draftSiteOnce  sync.Once
	draftSiteFiles []output.File
	draftSiteErr   string
)

// draftSite builds the real handbook with its drafts, once for all the tests that
// need it.
func draftSite(t *testing.T) []output.File {
	t.Helper()
	draftSiteOnce.Do(func() {
		res, diags := Build(repo, Options{Drafts: true, Minify: true})
		if res == nil || len(diags) > 0 {
			draftSiteErr = diags.Error()
			return
		}
		draftSiteFiles = res.Files
	})
	if draftSiteFiles == nil {
		t.Fatalf("building content/ with drafts:\n%s", draftSiteErr)
	}
	return draftSiteFiles
}

// browseDrafts serves the handbook with its drafts under the site's policy and starts
// Chromium, allowed timeout for the whole test. Every policy violation and script error
// fails the test at its end (the 404 page's own status excepted).
func browseDrafts(t *testing.T, timeout time.Duration) (context.Context, string) {
	t.Helper()
	ctx := browsertest.StartFor(t, timeout)
	base := browsertest.Serve(t, draftSite(t))
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, p := range problems.List() {
			if !strings.Contains(p, "status of 404") {
				t.Errorf("in the browser: %s", p)
			}
		}
	})
	return ctx, base
}

// open loads a page and waits until its scripts are done with it.
func open(ctx context.Context, base string, p a11yPage) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		return err
	}
	cond := `document.readyState === 'complete'`
	if p.ready != "" {
		cond += ` && !!(` + p.ready + `)`
	}
	return waitFor(ctx, cond)
}

// waitFor polls a JavaScript condition for up to ten seconds.
func waitFor(ctx context.Context, cond string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out waiting for %s (%v)", cond, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// colorScheme emulates the reader's light or dark preference, and reduced motion, so
// that no smooth scrolling is under way when a test measures.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: scheme},
			{Name: "prefers-reduced-motion", Value: "reduce"},
		}})
		return err
	})
}

// axeScript returns the source of axe-core: the file HANDBOOK_AXE names, or the copy
// .ci/run installs under .ci/axe. The test is skipped without one.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("HANDBOOK_AXE")
	if path == "" {
		for _, p := range []string{"../../.ci/axe/node_modules/axe-core/axe.min.js", "../../.ci/node_modules/axe-core/axe.min.js"} {
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Skip("axe test skipped: axe-core not found; install it with `npm install --no-save --prefix .ci/axe axe-core@4.14.1` " +
			"or set HANDBOOK_AXE to the path of axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("HANDBOOK_AXE: %v", err)
	}
	abs, _ := filepath.Abs(path)
	t.Logf("axe-core from %s", abs)
	return string(src)
}

// axeViolation is what the test reports of one rule axe-core found broken.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axeRun runs over the whole document every rule axe-core enables by default (WCAG 2.x
// A and AA, and its best practices), the WCAG 2.2 target size, which it leaves off, and
// its experimental rules on table headers, headings and labels.
const axeRun = `axe.run(document, {resultTypes: ['violations'], rules: {
  'target-size': {enabled: true}, 'td-has-header': {enabled: true}, 'table-fake-caption': {enabled: true},
  'p-as-heading': {enabled: true}, 'label-content-name-mismatch': {enabled: true}, 'focus-order-semantics': {enabled: true}
}}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
      return {target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary};
    })};
  });
})`

// audit injects axe-core into the open page through the DevTools protocol, which the
// page's policy does not govern, and returns its violations.
func audit(ctx context.Context, axe string) ([]axeViolation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === 'object'`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			return nil, fmt.Errorf("loading axe-core: %v", err)
		}
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		target, _ := json.Marshal(n.Target)
		fmt.Fprintf(&b, "\n\t%s %s\n\t\t%s", target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t"))
	}
	return b.String()
}

// ownChecks is evaluated after axe-core, for what axe-core does not look at: the
// contrast of text the stylesheet generates (::before and ::after content, list markers,
// placeholders), which it skips, and live regions, which should announce a short
// message, not read out a table or a page of links whenever it changes.
const ownChecks = `(function () {
  'use strict';
  var out = [];
  function describe(el) {
    var s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    var text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return s + (text ? ' "' + text.slice(0, 40) + '"' : '');
  }
  function rgba(c) {
    var m = /rgba?\(([^)]*)\)/.exec(c);
    if (!m) return null;
    var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, bottom) {
    var a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  }
  function backdrop(el, own) {
    var layers = own && own[3] > 0 ? [own] : [];
    for (var n = el; n && n.nodeType === 1 && !(layers.length && layers[layers.length - 1][3] >= 1); n = n.parentElement) {
      var c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
    }
    var bg = matchMedia('(prefers-color-scheme: dark)').matches ? [0, 0, 0, 1] : [255, 255, 255, 1];
    for (var i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function large(cs) { var px = parseFloat(cs.fontSize), w = parseInt(cs.fontWeight, 10); return px >= 24 || (px >= 18.66 && w >= 700); }
  function check(el, pseudo, what) {
    var cs = getComputedStyle(el, pseudo), fg = rgba(cs.color);
    if (!fg || cs.visibility !== 'visible' || parseFloat(cs.opacity) === 0) return;
    var bg = backdrop(el, pseudo === '::marker' || pseudo === '::placeholder' ? null : rgba(cs.backgroundColor));
    var r = ratio(over(fg, bg), bg), need = large(cs) ? 3 : 4.5;
    if (r < need) out.push(what + ' of ' + describe(el) + ' has a contrast of ' + r.toFixed(2) + ':1, below ' + need + ':1');
  }
  document.querySelectorAll('body *').forEach(function (el) {
    if (!el.getClientRects().length || getComputedStyle(el).visibility !== 'visible') return;
    ['::before', '::after'].forEach(function (pseudo) {
      var c = getComputedStyle(el, pseudo).content;
      if (!c || c === 'none' || c === 'normal') return;
      var text = c.replace(/\/\s*"[^"]*"\s*$/, '').replace(/"/g, '');
      if (/^attr\(|\S/.test(text) && getComputedStyle(el, pseudo).display !== 'none') check(el, pseudo, pseudo + ' text');
    });
    if (getComputedStyle(el).display === 'list-item' && getComputedStyle(el).listStyleType !== 'none') check(el, '::marker', 'the list marker');
    if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.placeholder && !el.value) check(el, '::placeholder', 'the placeholder');
  });
  document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], output').forEach(function (n) {
    var text = n.textContent.replace(/\s+/g, ' ').trim();
    if (n.querySelector('table, a[href], button, input, select, textarea') || text.length > 200) {
      out.push('the live region ' + describe(n) + ' holds ' + text.length + ' characters and ' +
        n.querySelectorAll('table, a[href], button, input, select, textarea').length + ' tables and controls: a change would read them all out');
    }
  });
  return out;
})()`

// TestAxe runs axe-core and ownChecks over one page of every type in light and dark
// mode, on a desktop screen, then over the pages whose layout changes most on a phone,
// and over the header search box with its suggestions open; none may find a problem.
func TestAxe(t *testing.T) {
	axe := axeScript(t)
	ctx, base := browseDrafts(t, 4*time.Minute)
	start := time.Now()
	check := func(what string) {
		t.Helper()
		vs, err := audit(ctx, axe)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for _, v := range vs {
			t.Errorf("%s: %s", what, v)
		}
		own, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](ownChecks))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for _, p := range own {
			t.Errorf("%s: %s", what, p)
		}
	}
	audits := 0
	for _, scheme := range []string{"light", "dark"} {
		for _, screen := range []struct {
			name          string
			width, height int64
			opts          []chromedp.EmulateViewportOption
		}{
			{"desktop", 1280, 800, nil},
			{"phone", 360, 740, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulatePortrait}},
		} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(screen.width, screen.height, screen.opts...), colorScheme(scheme)); err != nil {
				t.Fatal(err)
			}
			for _, p := range a11yPages {
				if screen.name == "phone" && !strings.Contains(" role promotion compare delivery search page case ", " "+p.kind+" ") {
					continue
				}
				if err := open(ctx, base, p); err != nil {
					t.Fatalf("%s %s: %v", scheme, p.path, err)
				}
				check(fmt.Sprintf("%s mode, %s, %s page %s", scheme, screen.name, p.kind, p.path))
				audits++
			}

			// The header box's suggestions, open, with one chosen.
			if err := open(ctx, base, a11yPage{path: "/principles/"}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent("feedback")); err != nil {
				t.Fatal(err)
			}
			if err := waitFor(ctx, `!document.getElementById('search-q-list').hidden`); err != nil {
				t.Fatalf("%s: the header box shows no suggestions: %v", scheme, err)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
				t.Fatal(err)
			}
			check(fmt.Sprintf("%s mode, %s, header search suggestions", scheme, screen.name))
			audits++

			// The case's confirmation before clearing, open.
			if err := open(ctx, base, a11yPage{path: "/roles/professional-services/ps-ii/#case", ready: `document.querySelector('#case textarea')`}); err != nil {
				t.Fatal(err)
			}
			if _, err := evalJS[chromedp.Void](ctx, `document.querySelector('#case [data-case="clear"]').click()`); err != nil {
				t.Fatal(err)
			}
			if err := waitFor(ctx, `document.querySelector('#case dialog').open`); err != nil {
				t.Fatalf("%s: Clear asks nothing: %v", scheme, err)
			}
			check(fmt.Sprintf("%s mode, %s, the case's confirmation before clearing", scheme, screen.name))
			audits++
		}
	}
	version, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.version`))
	t.Logf("%d audits with axe-core %s in %v", audits, version, time.Since(start).Round(time.Millisecond))
}
