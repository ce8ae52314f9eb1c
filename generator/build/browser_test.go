package build

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/output"
)

// TestNetlifyHeaders checks that the published headers are the ones the site is built and
// tested under.
func TestNetlifyHeaders(t *testing.T) {
	conf, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(conf)
	for _, want := range []string{
		`Content-Security-Policy = "` + output.CSP + `"`,
		`X-Content-Type-Options = "nosniff"`,
		`Referrer-Policy = "same-origin"`,
		`publish = "public"`,
		"--strict",
		`to = "/404.html"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("netlify.toml lacks %s", want)
		}
	}
	if !strings.Contains(output.CSP, "frame-ancestors 'none'") {
		t.Error("the policy allows framing")
	}
	// Only fingerprinted assets may be cached for long.
	immutable := regexp.MustCompile(`(?s)for = "([^"]+)"\s*\[headers.values\][^\[]*immutable`)
	for _, m := range immutable.FindAllStringSubmatch(text, -1) {
		if m[1] != "/assets/*" {
			t.Errorf("%s is cached as immutable, but only /assets/ names carry a content hash", m[1])
		}
	}
}

// TestSiteRunsUnderItsPolicy opens one page of every type of the real handbook in
// Chromium, served with the published policy, and fails on any violation or script
// error; the compare page, which needs its script, must produce its table.
func TestSiteRunsUnderItsPolicy(t *testing.T) {
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, diags := Build(repo, Options{Minify: true})
	if res == nil {
		t.Fatal(diags.Error())
	}
	base := browsertest.Serve(t, res.Files)
	pages := []string{
		"/", "/roles/", "/roles/professional-services/", "/roles/professional-services/ps-ii/",
		"/roles/professional-services/ps-ii-to-ps-iii/", "/dimensions/", "/dimensions/technical-excellence/",
		"/principles/", "/principles/bias-for-action/", "/interview/",
		"/interview/tell-me-about-a-time-when-you-didnt-have-enough-data-to-make-the-right-decision/",
		"/delivery/", "/delivery/technical-validation/", "/contributing/", "/search/?q=disagree",
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('h1').textContent`))
		if err != nil || h1 == "" {
			t.Errorf("%s: no heading (%v)", p, err)
		}
	}
	compare := base + "/compare/?a=professional-services/ps-i&b=manager-professional-services/sr-mgr"
	if err := chromedp.Do(ctx, chromedp.Navigate(compare), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	cells := 0
	for deadline := time.Now().Add(10 * time.Second); cells < 10 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		cells, _ = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#compare-result td').length`))
	}
	if cells < 10 {
		t.Errorf("the comparison shows %d cells", cells)
	}
	problems.Check(t)

	// The not-found page: its 404 status is expected, a policy violation is not.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/no-such-page/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	if h1, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('h1').textContent`)); h1 != "Page not found" {
		t.Errorf("404 page heading %q", h1)
	}
	for _, p := range problems.List() {
		if !strings.Contains(p, "status of 404") {
			t.Errorf("in the browser: %s", p)
		}
	}
}
