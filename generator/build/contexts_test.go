package build

import (
	"os"
	"strings"
	"testing"
)

// TestMarkdownOutsideHTMLText checks that a theme showing markdown where HTML is not
// allowed (an attribute, a URL) gets it escaped there, as html/template escapes it,
// and never the rendered markdown's raw HTML.
func TestMarkdownOutsideHTMLText(t *testing.T) {
	home := `{{define "content"}}<h1>{{.Title}}</h1><div class="prose">{{md .Site.Home}}</div>` +
		`<p id="in-attr" title="{{md .Site.Home}}">x</p><a id="in-url" href="/search/?q={{md .Site.Home}}">y</a>{{end}}`
	res, diags := Build(os.DirFS(themedSite(t, map[string]string{"templates/home.html": home})), Options{Minify: true})
	if res == nil {
		t.Fatalf("build failed:\n%s", diags)
	}
	var page string
	for _, f := range res.Files {
		if f.Path == "index.html" {
			page = string(f.Data)
		}
	}
	for _, want := range []string{
		`<div class="prose"><p>Welcome to the <strong>test</strong> handbook.</p>`,
		`title="Welcome to the test handbook.`,
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
