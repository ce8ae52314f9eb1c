package build

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// planProbe reports how a level page's interview plan lies on screen: whether the
// page scrolls sideways, how many questions the plan shows and how many of those have
// what good looks like beside them, and whether the site's chrome shows.
const planProbe = `(function () {
  'use strict';
  function shown(n) { return !!n && n.getClientRects().length > 0; }
  var plan = document.getElementById('plan');
  var qs = plan ? Array.from(plan.querySelectorAll('.plan-questions > li')) : [];
  var beside = qs.filter(function (li) { return shown(li.querySelector('.plan-good li')); });
  var wide = Array.from(document.querySelectorAll('main *')).filter(function (n) { return n.getBoundingClientRect().right > document.documentElement.clientWidth + 1; });
  if (plan) plan.scrollIntoView({ block: 'start', behavior: 'instant' });
  return { pageWidth: document.scrollingElement.scrollWidth, width: document.documentElement.clientWidth,
    questions: qs.filter(shown).length, beside: beside.length, wide: wide.length,
    chrome: ['.site-header', '.site-footer', '.crumbs', '.pager'].filter(function (s) { return shown(document.querySelector(s)); }),
    breakBefore: plan ? getComputedStyle(plan).breakBefore : '' };
})()`

type planReport struct {
	PageWidth, Width  float64
	Questions, Beside int
	Wide              int
	Chrome            []string
	BreakBefore       string
}

// TestLevelPlanOnScreenAndPaper opens a level page of the real handbook at 360, 768,
// 1024, 1280 and 1920 px, in light and dark, and printed: the interview plan shows
// every question with what good looks like beside it, nothing runs past the window,
// and on paper the plan starts a sheet of its own without the site's chrome; opened at
// #plan, the page prints the plan alone under the level's title, and on screen the
// link to #plan leads there. It saves a screenshot of the plan at each width and of
// the printed pages to $HANDBOOK_SCREENSHOTS (or the test's temporary folder).
func TestLevelPlanOnScreenAndPaper(t *testing.T) {
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page := browsertest.Serve(t, draftSite(t)) + "/roles/professional-services/ps-ii/"
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	probe := func(name string) planReport {
		if err := openRole(ctx, page); err != nil {
			t.Fatal(err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[planReport](planProbe))
		if err != nil {
			t.Fatal(err)
		}
		if r.Questions < 5 || r.Beside != r.Questions {
			t.Errorf("%s: the plan shows %d questions, %d with what good looks like beside them", name, r.Questions, r.Beside)
		}
		if r.PageWidth > r.Width+1 || r.Wide > 0 {
			t.Errorf("%s: the page is %v px wide in a window of %v, %d elements run past it", name, r.PageWidth, r.Width, r.Wide)
		}
		return r
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, w := range []int64{360, 768, 1024, 1280, 1920} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), colorScheme(scheme)); err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("plan-%d-%s.png", w, scheme)
			if r := probe(name); len(r.Chrome) == 0 {
				t.Errorf("%s: the site's header and footer do not show", name)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			saveShot(t, name, shot)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1100), colorScheme("light"), media("print")); err != nil {
		t.Fatal(err)
	}
	r := probe("printed")
	if len(r.Chrome) > 0 || r.BreakBefore != "page" {
		t.Errorf("printed, the page shows %v and the plan breaks before %q, want none and a page", r.Chrome, r.BreakBefore)
	}
	// The probe left the plan's start in view: that sheet, then the whole page.
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, "plan-print-plan.png", shot)
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	saveShot(t, "plan-print.png", shot)
	// Opened at #plan (the link above the expectations), it prints the plan alone.
	page += "#plan"
	r = probe("printed at #plan")
	alone, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll('main .expectation').length,
  Array.from(document.querySelectorAll('main .expectation, main .pager, main .intro-kit, main .plan-link')).filter(function (n) { return n.getClientRects().length; }).length,
  document.querySelector('main h1').getClientRects().length]`))
	if err != nil {
		t.Fatal(err)
	}
	if alone[0] < 5 || alone[1] != 0 || alone[2] != 1 || r.BreakBefore != "auto" || len(r.Chrome) > 0 {
		t.Errorf("printed at #plan, %d of the %d expectations and the like show, the title %d times, the plan breaks before %q, chrome %v: want the title and the plan alone", alone[1], alone[0], alone[2], r.BreakBefore, r.Chrome)
	}
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	saveShot(t, "plan-print-alone.png", shot)
	if err := chromedp.Do(ctx, media("")); err != nil {
		t.Fatal(err)
	}
	// On screen the link leads to the plan.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	if err := openRole(ctx, strings.TrimSuffix(page, "#plan")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('.plan-link a').click(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `location.hash === '#plan' && Math.abs(document.getElementById('plan').getBoundingClientRect().top) < 100`); err != nil {
		t.Errorf("after the plan's link, the plan is not at the window's top: %v", err)
	}
	problems.Check(t)
}
