package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/handbook-dev/handbook/generator/output"
)

// TestWatchReportsViolations serves a page that breaks the policy in three ways and one
// that does not, and wants Watch to hear each violation and nothing from the clean page.
func TestWatchReportsViolations(t *testing.T) {
	url := Serve(t, []output.File{
		{Path: "bad/index.html", Data: []byte(`<!doctype html><title>bad</title><script>document.title = "ran"</script>` +
			`<p style="color:red">styled</p><script src="/app.js"></script>`)},
		{Path: "app.js", Data: []byte(`fetch("https://example.invalid/x").catch(function () {});`)},
		{Path: "good/index.html", Data: []byte(`<!doctype html><title>good</title><script src="/ok.js"></script>`)},
		{Path: "ok.js", Data: []byte(`document.title = "ok";`)},
		{Path: "favicon.ico"},
	})
	ctx := Start(t)
	problems, err := Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	title, err := navigateTitle(ctx, url+"/good/")
	if err != nil {
		t.Fatal(err)
	}
	if title != "ok" || len(problems.List()) > 0 {
		t.Fatalf("clean page: title %q, problems %q", title, problems.List())
	}
	if title, err = navigateTitle(ctx, url+"/bad/"); err != nil {
		t.Fatal(err)
	}
	if title != "bad" {
		t.Errorf("the inline script ran under the policy: title %q", title)
	}
	all := strings.Join(problems.List(), "\n")
	for _, want := range []string{"script-src", "style-src", "connect-src"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s violation reported; got:\n%s", want, all)
		}
	}
}

func TestServe404(t *testing.T) {
	url := Serve(t, []output.File{{Path: "404.html", Data: []byte(`<!doctype html><title>missing</title>`)}})
	ctx := Start(t)
	title, err := navigateTitle(ctx, url+"/nowhere/")
	if err != nil {
		t.Fatal(err)
	}
	if title != "missing" {
		t.Errorf("a missing page shows %q, want the 404 page", title)
	}
}

// navigateTitle opens url, lets its scripts run and returns the document's title.
func navigateTitle(ctx context.Context, url string) (string, error) {
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Sleep(300*time.Millisecond)); err != nil {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Title())
}
