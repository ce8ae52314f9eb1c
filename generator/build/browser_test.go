package build

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/output"
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

// TestCompareBlank compares two levels of another organisation's ladder in Chromium:
// a row blank at one level shows the theme's blank mark in that level's column, and a
// row blank at both is left out, as on the promotion view.
func TestCompareBlank(t *testing.T) {
	fsys, res := buildSite(t, "org-engineering-ladder.txtar")
	m := readMatrix(t, fsys, "engineering")
	var rows []string
	marks := 0
	for i := range m.rows {
		a, b := m.blank(i, 0), m.blank(i, 2) // Associate Engineer, Senior Engineer
		if !a || !b {
			rows = append(rows, m.rows[i])
		}
		if a != b {
			marks++
		}
	}
	if marks == 0 {
		t.Fatal("the ladder has no row that starts between the two levels")
	}

	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, res.Files)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/compare/?a=engineering/l1&b=engineering/l3"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	count := func(sel string) int {
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		return n
	}
	for deadline := time.Now().Add(10 * time.Second); count("#compare-result tbody tr") == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
	}
	got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#compare-result tbody th'), th => th.textContent.trim())`))
	if !slices.Equal(got, rows) {
		t.Errorf("the comparison shows the rows\n%q\nwant those not blank at both levels, in the matrix's order:\n%q", got, rows)
	}
	if got := count("#compare-result td > p.blank"); got != marks {
		t.Errorf("the comparison shows %d blank marks, want %d", got, marks)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#compare-result td > p.blank').textContent`))
	if want := "No expectation at this level"; text != want {
		t.Errorf("the blank mark reads %q, want %q", text, want)
	}
	problems.Check(t)
}

// TestTableColumnsAligned opens a delivery page of another organisation whose table
// aligns its columns left, centre and right, and measures each cell's alignment in
// Chromium under the site's policy, which drops inline styles: the columns must show
// as the author aligned them, with no policy violation. A screenshot is saved.
func TestTableColumnsAligned(t *testing.T) {
	_, res := buildSite(t, "org-atelier.txtar")
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, res.Files)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 600), chromedp.Navigate(base+"/delivery/cadrage/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll('.prose table tr'),
  tr => Array.from(tr.cells, c => getComputedStyle(c).textAlign))`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"left", "center", "right"}
	if len(got) != 3 {
		t.Fatalf("the page's table has %d rows, want 3", len(got))
	}
	for i, row := range got {
		if !slices.Equal(row, want) {
			t.Errorf("row %d is aligned %q, want %q", i+1, row, want)
		}
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, "table-aligned.png", shot)
	problems.Check(t)
}
