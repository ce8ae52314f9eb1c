package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// phoneProbe measures the open page as a 360 px phone shows it: how wide the document
// scrolls, which text is cut off (by an overflow that hides, by an ellipsis, or past the
// screen's edge) and where each table and each sideways scroller ends.
const phoneProbe = `(function () {
  'use strict';
  var W = innerWidth, h1 = document.querySelector('h1');
  var out = { width: W, scrollWidth: document.scrollingElement.scrollWidth, cut: [], tables: [], scrollers: [],
    h1Top: h1 ? h1.getBoundingClientRect().top + scrollY : -1, badge: 0 };
  // A draft's badge (previews only) is the page's own notice, not chrome.
  var badge = document.querySelector('main > .draft-badge');
  if (badge && h1) out.badge = h1.getBoundingClientRect().top - badge.getBoundingClientRect().top;

  function describe(el) {
    var s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    var text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return s + (text ? ' "' + text.slice(0, 40) + '"' : '');
  }
  // hiddenOnPurpose: the visually-hidden pattern (a 1px box clipped to nothing), which
  // screen readers read and no one is meant to see.
  function hiddenOnPurpose(el) {
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      var cs = getComputedStyle(n);
      if ((cs.clipPath === 'inset(50%)' || cs.clip === 'rect(0px, 0px, 0px, 0px)') && n.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  }
  function padding(n) {
    var r = n.getBoundingClientRect();
    return { left: r.left + n.clientLeft, top: r.top + n.clientTop, right: r.left + n.clientLeft + n.clientWidth, bottom: r.top + n.clientTop + n.clientHeight };
  }
  function scrolls(v) { return v === 'auto' || v === 'scroll'; }

  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim()) continue;
    var el = t.parentElement;
    if (!el || el.closest('script, style, noscript, template, select, [hidden]') || hiddenOnPurpose(el)) continue;
    var range = document.createRange();
    range.selectNodeContents(t);
    var rects = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0 && r.height > 0; });
    if (!rects.length) continue;
    var scroller = null, problem = '';
    for (var n = el; n && n !== document.body && !problem; n = n.parentElement) {
      var cs = getComputedStyle(n);
      if (cs.textOverflow === 'ellipsis' && cs.overflowX !== 'visible' && n.scrollWidth > n.clientWidth + 1) {
        problem = 'ends in an ellipsis in ' + describe(n);
        break;
      }
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      if (scrolls(cs.overflowX) && scrolls(cs.overflowY)) { scroller = scroller || n; continue; }
      var p = padding(n);
      rects.forEach(function (r) {
        var x = !scrolls(cs.overflowX) && cs.overflowX !== 'visible' && (r.left < p.left - 1 || r.right > p.right + 1);
        var y = !scrolls(cs.overflowY) && cs.overflowY !== 'visible' && (r.top < p.top - 1 || r.bottom > p.bottom + 1);
        if (!problem && (x || y)) problem = 'is cut off by ' + describe(n) + ' (overflow ' + cs.overflowX + ' ' + cs.overflowY + ')';
      });
      if (scrolls(cs.overflowX) || scrolls(cs.overflowY)) scroller = scroller || n;
    }
    if (!problem && !scroller) {
      rects.forEach(function (r) {
        if (!problem && (r.left < -1 || r.right > W + 1)) problem = 'runs off the screen (' + Math.round(r.left) + ' to ' + Math.round(r.right) + ' px)';
      });
    }
    if (problem) out.cut.push(JSON.stringify(t.data.replace(/\s+/g, ' ').trim().slice(0, 50)) + ' in ' + describe(el) + ' ' + problem);
  }

  document.querySelectorAll('table').forEach(function (table) {
    var r = table.getBoundingClientRect(), box = null;
    for (var n = table.parentElement; n && n !== document.body; n = n.parentElement) {
      if (scrolls(getComputedStyle(n).overflowX)) { box = n; break; }
    }
    out.tables.push({ what: describe(table), left: r.left, right: r.right, scroller: box ? describe(box) : '',
      region: !!box && box.tabIndex >= 0 && box.getAttribute('role') === 'region' && !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')),
      boxRight: box ? padding(box).right : W });
  });
  document.querySelectorAll('body *').forEach(function (n) {
    var cs = getComputedStyle(n);
    if (scrolls(cs.overflowX) && n.scrollWidth > n.clientWidth + 1) out.scrollers.push({ what: describe(n), focusable: n.tabIndex >= 0 });
  });
  return out;
})()`

type phoneReport struct {
	Width       float64  `json:"width"`
	ScrollWidth float64  `json:"scrollWidth"`
	H1Top       float64  `json:"h1Top"`
	Badge       float64  `json:"badge"`
	Cut         []string `json:"cut"`
	Tables      []struct {
		What     string  `json:"what"`
		Left     float64 `json:"left"`
		Right    float64 `json:"right"`
		Scroller string  `json:"scroller"`
		Region   bool    `json:"region"`
		BoxRight float64 `json:"boxRight"`
	} `json:"tables"`
	Scrollers []struct {
		What      string `json:"what"`
		Focusable bool   `json:"focusable"`
	} `json:"scrollers"`
}

// phonePages are measured on a phone: the role matrix, the promotion view and the
// comparison first, which hold the widest tables, then every other page, and the
// pages under the role with the longest title, whose breadcrumbs are the longest.
var phonePages = func() []a11yPage {
	var first, rest []a11yPage
	for _, p := range a11yPages {
		switch p.kind {
		case "role", "promotion", "compare":
			first = append(first, p)
		default:
			rest = append(rest, p)
		}
	}
	return append(append(first, rest...),
		a11yPage{"long role", "/roles/manager-professional-services/", ""},
		a11yPage{"long role level", "/roles/manager-professional-services/mgr-iii/", ""},
		a11yPage{"long role promotion", "/roles/manager-professional-services/mgr-iii-to-sr-mgr/", ""})
}()

// phoneTitleTop is the lowest the top of a page's h1 may be on a phone: the chrome
// above it (the header, the section links, the breadcrumbs) leaves the first screen
// of an 800 px phone to the page.
const phoneTitleTop = 200

// TestPhone opens every page type on a 360x800 phone: the page's title must start
// within phoneTitleTop px of the top (below a draft's badge, in previews), the page must not scroll sideways, no text may
// be cut off, and a table wider than the screen must scroll in a labelled, focusable
// region of its own. A screenshot of the first screen and a full-page one of each are
// written to $HANDBOOK_SCREENSHOTS, or to the test's temporary folder, for a person to look at;
// the test itself judges only the measured numbers.
func TestPhone(t *testing.T) {
	ctx, base := browseDrafts(t, 3*time.Minute)
	shots := os.Getenv("HANDBOOK_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile, chromedp.EmulatePortrait), colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, p := range phonePages {
		where := p.kind + " page " + p.path
		if err := open(ctx, base, p); err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[phoneReport](phoneProbe))
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		if r.H1Top < 0 || r.H1Top-r.Badge > phoneTitleTop {
			t.Errorf("%s: the title starts %v px down the page (a draft's badge takes %v of them), want at most %v", where, r.H1Top, r.Badge, phoneTitleTop)
		}
		// A phone zooms out a page too wide for it: the layout viewport grows.
		if r.Width > 360 {
			t.Errorf("%s: the page is too wide for the screen: the browser zooms out to show %v px", where, r.Width)
		}
		if r.ScrollWidth > 360 {
			t.Errorf("%s: the page scrolls sideways: %v px wide on a 360 px screen", where, r.ScrollWidth)
		}
		for _, c := range r.Cut {
			t.Errorf("%s: text %s", where, c)
		}
		for _, tb := range r.Tables {
			if tb.Right <= tb.BoxRight+1 && tb.Left >= -1 {
				continue // it fits
			}
			if tb.Scroller == "" {
				t.Errorf("%s: %s runs %v px past the screen instead of scrolling in a container", where, tb.What, tb.Right-r.Width)
			} else if !tb.Region {
				t.Errorf("%s: %s scrolls in %s, which is not a labelled, focusable region", where, tb.What, tb.Scroller)
			}
		}
		var wide []string
		for _, s := range r.Scrollers {
			wide = append(wide, s.What)
			if !s.Focusable {
				t.Errorf("%s: %s scrolls sideways but the keyboard cannot reach it", where, s.What)
			}
		}
		top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Errorf("%s: screenshot: %v", where, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(shots, "phone-"+strings.ReplaceAll(p.kind, " ", "-")+"-top.png"), top, 0o644); err != nil {
			t.Error(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
		if err != nil {
			t.Errorf("%s: screenshot: %v", where, err)
			continue
		}
		name := filepath.Join(shots, "phone-"+strings.ReplaceAll(p.kind, " ", "-")+".jpg")
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("%s: title at %v px; %v px of %v; %d tables; sideways scrollers: %s; %s", where, r.H1Top, r.ScrollWidth, r.Width, len(r.Tables), orNone(wide), name)
	}
	t.Logf("%d pages in %v", len(phonePages), time.Since(start).Round(time.Millisecond))
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return fmt.Sprint(list)
}
