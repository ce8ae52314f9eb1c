package build

import (
	"os"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/output"
)

// TestSplicedPagesAreMinifiedPages checks that pages finished with their shared
// fragments minified apart and put back (render's splice.go) are exactly the pages
// minified whole (but for the assets' names: the minified site's assets are minified).
func TestSplicedPagesAreMinifiedPages(t *testing.T) {
	fsys := os.DirFS(themedSite(t, nil))
	plain, diags := Build(fsys, Options{})
	if plain == nil {
		t.Fatalf("build failed:\n%s", diags)
	}
	spliced, diags := Build(fsys, Options{Minify: true})
	if spliced == nil {
		t.Fatalf("build failed:\n%s", diags)
	}
	min := output.NewMinifier()
	want := map[string]string{}
	for _, f := range plain.Files {
		want[f.Path] = assetHash.ReplaceAllString(string(min.File(f.Path, f.Data)), ".$1")
	}
	pages := 0
	for _, f := range spliced.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		if got := assetHash.ReplaceAllString(string(f.Data), ".$1"); got != want[f.Path] {
			t.Errorf("%s differs from the page minified whole:\n got: %.300s\nwant: %.300s", f.Path, got, want[f.Path])
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages compared", pages)
	}
}

// TestFragmentsOutsideHTMLText checks that a theme showing markdown where HTML is not
// allowed (an attribute, a URL) gets it escaped there, as html/template escapes it,
// and never a fragment's raw HTML or its mark.
func TestFragmentsOutsideHTMLText(t *testing.T) {
	home := `{{define "content"}}<h1>{{.Title}}</h1><div class="prose">{{md .Site.Home}}</div>` +
		`<p id="in-attr" title="{{md .Site.Home}}">x</p><a id="in-url" href="/search/?q={{md .Site.Home}}">y</a>{{end}}`
	res, diags := Build(os.DirFS(themedSite(t, map[string]string{"templates/home.html": home})), Options{Minify: true})
	if res == nil {
		t.Fatalf("build failed:\n%s", diags)
	}
	var page string
	for _, f := range res.Files {
		if strings.Contains(string(f.Data), "<!--#fragment") {
			t.Errorf("%s holds a fragment mark", f.Path)
		}
		if f.Path == "index.html" {
			page = string(f.Data)
		}
	}
	for _, want := range []string{
		`<div class="prose"><p>Welcome to the <strong>test</strong> handbook.</p></div>`,
		`title="Welcome to the test handbook."`,
		`href="/search/?q=%3cp%3eWelcome`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the home page lacks %s:\n%s", want, page)
		}
	}
	for _, bad := range []string{`title="<`, `q=<`} {
		if strings.Contains(page, bad) {
			t.Errorf("the home page holds raw HTML in an attribute (%s):\n%s", bad, page)
		}
	}
}
