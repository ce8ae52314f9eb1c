package build

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// waitText evaluates the script until it gives a text holding want, or ten seconds
// pass, and returns the last text.
func waitText(t *testing.T, ctx context.Context, script, want string) string {
	t.Helper()
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, _ = chromedp.Run(ctx, chromedp.Evaluate[string](script))
		if strings.Contains(got, want) {
			break
		}
	}
	return got
}

// TestScriptsSpeakTheHandbooksLanguage opens the German handbook in Chromium under the
// site's policy: the compare page's, the header box's and the search page's messages
// are the German strings, with their counts filled in.
func TestScriptsSpeakTheHandbooksLanguage(t *testing.T) {
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, built := buildSite(t, "org-german.txtar")
	base := browsertest.Serve(t, built.Files)
	checks := []struct {
		url, script, want string
	}{
		{"/compare/?a=softwareentwicklung/junior&b=softwareentwicklung/senior",
			`document.getElementById('compare-status').textContent`,
			"Junior-Entwickler:in verglichen mit Senior-Entwickler:in: 4 Kompetenzen."},
		{"/compare/?a=softwareentwicklung/junior&b=softwareentwicklung/senior",
			`document.querySelector('#compare-result th').textContent`, "Kompetenz"},
		{"/compare/?a=softwareentwicklung/nobody&b=softwareentwicklung/senior",
			`document.getElementById('compare-status').textContent`, "Die Adresse nennt eine Stufe, die es nicht gibt: softwareentwicklung/nobody."},
		{"/search/?q=kunden", `document.getElementById('search-status').textContent`, "Ergebnisse."},
		{"/search/?q=kunden", `document.querySelector('#search-filters legend').textContent`, "Art"},
		{"/search/", `document.getElementById('search-status').textContent`, "Geben Sie ein Wort ein, um das Handbuch zu durchsuchen."},
	}
	for _, c := range checks {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+c.url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if got := waitText(t, ctx, c.script, c.want); !strings.Contains(got, c.want) {
			t.Errorf("%s: %s is %q, want %q", c.url, c.script, got, c.want)
		}
	}
	// The header box: its list's label and its live region.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitReady(chromedp.CSS("#search-q")),
		chromedp.SendKeys("#search-q", "kunden")); err != nil {
		t.Fatal(err)
	}
	live := `document.querySelector('form.search-box [role=status]').textContent + ' | ' + document.getElementById('search-q-list').getAttribute('aria-label')`
	if got, want := waitText(t, ctx, live, "Pfeiltasten"), "Mit den Pfeiltasten wählen. | Suchergebnisse"; !strings.Contains(got, want) {
		t.Errorf("the header box says %q, want %q", got, want)
	}
	problems.Check(t)
}

// TestRedirectPagesSendReadersOn opens former addresses of renamed pages in Chromium,
// under the site's policy, and lands on the pages they name now: the meta refresh
// needs no script.
func TestRedirectPagesSendReadersOn(t *testing.T) {
	ctx := browsertest.Start(t)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, built := buildSite(t, "renames.txtar")
	base := browsertest.Serve(t, built.Files)
	for from, to := range map[string]string{
		"/principles/owner/":                 "/principles/ownership/",
		"/roles/swe/junior-to-intermediate/": "/roles/eng/e1-to-e2/",
		"/dimensions/shipping/":              "/dimensions/delivery/",
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+from)); err != nil {
			t.Fatalf("%s: %v", from, err)
		}
		got := waitText(t, ctx, `location.pathname`, to)
		if got != to {
			t.Errorf("%s led to %q, want %q", from, got, to)
		}
	}
	problems.Check(t)
}
