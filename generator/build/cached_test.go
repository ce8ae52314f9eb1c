package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestCachedPartial checks the template function cached, which executes a template once
// per key and reuses its HTML: a theme that caches its header by the page's kind makes
// the same site as one that executes it on every page, and a save that changes the text
// the cached header shows reaches every page in the dev server's session.
func TestCachedPartial(t *testing.T) {
	// The header shows the home page's text, so that it depends on a content file.
	const header = `{{define "site-header"}}<header class="site-header"><a class="brand" href="{{url "/"}}">{{.Site.Title}}</a><div class="banner">{{md .Site.Home}}</div>` +
		`<nav class="site-nav" aria-label="Sections"><a href="{{url "/roles/"}}"{{if eq .Kind "roles" "role"}} aria-current="true"{{end}}>Roles</a></nav></header>{{end}}`
	site := func(t *testing.T, useCache bool) string {
		theme := map[string]string{"templates/partials/header.html": header}
		if !useCache {
			base, err := os.ReadFile("../../themes/default/templates/base.html")
			if err != nil {
				t.Fatal(err)
			}
			s := strings.Replace(string(base), `{{cached "site-header" . .Kind}}`, `{{template "site-header" .}}`, 1)
			if s == string(base) {
				t.Fatal("the default theme's base.html no longer caches its header: update the test")
			}
			theme["templates/base.html"] = s
		}
		return themedSite(t, theme)
	}
	cachedDir, plainDir := site(t, true), site(t, false)
	build := func(dir string) *Result {
		res, diags := Build(os.DirFS(dir), Options{})
		if res == nil || diags.HasErrors(false) {
			t.Fatalf("build failed:\n%s", diags)
		}
		return res
	}
	cached := build(cachedDir)
	sameFiles(t, "cached header", cached, build(plainDir))
	for _, f := range cached.Files {
		if f.Path == "roles/index.html" && !strings.Contains(string(f.Data), `aria-current="true">Roles`) {
			t.Errorf("%s: the header cached for another kind of page was used", f.Path)
		}
	}

	session := NewSession(os.DirFS(cachedDir), Options{})
	if res, diags := session.Rebuild(nil); res == nil {
		t.Fatalf("first build failed:\n%s", diags)
	}
	home := filepath.Join(cachedDir, "content", "_index.md")
	data, _ := os.ReadFile(home)
	edited := strings.Replace(string(data), "Welcome to", "Welcome back to", 1)
	if edited == string(data) {
		t.Fatal("the test site's home page no longer says \"Welcome to\": update the test")
	}
	write(t, cachedDir, "content/_index.md", edited)
	got, diags := session.Rebuild([]string{"content/_index.md"})
	if got == nil {
		t.Fatalf("rebuild failed:\n%s", diags)
	}
	sameFiles(t, "home page edited", got, build(cachedDir))
	for _, f := range got.Files {
		if strings.HasSuffix(f.Path, ".html") && strings.Contains(string(f.Data), `class="banner"`) && !strings.Contains(string(f.Data), "Welcome back to") {
			t.Errorf("%s still shows the cached header from before the edit", f.Path)
		}
	}
}

// themedSite writes testdata/sites/crosslinks.txtar's content into a new site folder,
// with a theme "custom" made of the given files (paths under themes/custom/) over the
// default one if any are given, and returns the folder.
func themedSite(t *testing.T, theme map[string]string) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/crosslinks.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		data := string(f.Data)
		if f.Name == "content/_index.md" && len(theme) > 0 {
			data = strings.Replace(data, "---\n", "---\ntheme: custom\n", 1)
		}
		if strings.HasPrefix(f.Name, "content/") {
			write(t, dir, f.Name, data)
		}
	}
	for name, data := range theme {
		write(t, dir, "themes/custom/"+name, data)
	}
	return dir
}
