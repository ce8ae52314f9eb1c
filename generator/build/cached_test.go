package build

import (
	"os"
	"path/filepath"
	"regexp"
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
			s := strings.Replace(string(base), `{{- cached "site-header" . .Kind}}`, `{{- template "site-header" .}}`, 1)
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

// pageKind reads a built page's kind from its body's class ("kind-role").
var pageKind = regexp.MustCompile(`<body class="kind-([a-z0-9-]+)"`)

// buildPages builds the site in dir and returns its HTML pages' text by path, and the
// kind of each page.
func buildPages(t *testing.T, dir string) (pages, kinds map[string]string) {
	t.Helper()
	res, diags := Build(os.DirFS(dir), Options{})
	if res == nil || diags.HasErrors(false) {
		t.Fatalf("build failed:\n%s", diags)
	}
	pages, kinds = map[string]string{}, map[string]string{}
	for _, f := range res.Files {
		if m := pageKind.FindSubmatch(f.Data); m != nil {
			pages[f.Path], kinds[f.Path] = string(f.Data), string(m[1])
		}
	}
	return pages, kinds
}

// TestThemeOverridesPartial checks that a site theme replaces one partial file of the
// default theme by its own, and that every page showing the partial's item shows the
// site's version: a principle's chip, made once per principle and shown on the home,
// dimension, phase, question, role, level and promotion pages.
func TestThemeOverridesPartial(t *testing.T) {
	const chip = `{{define "chip"}}<li><a class="chip site-chip" href="{{url .URL}}">★ {{.Title}}</a></li>{{end}}`
	pages, kinds := buildPages(t, themedSite(t, map[string]string{"templates/partials/chip.html": chip}))
	shown := map[string]bool{}
	for p, page := range pages {
		if strings.Contains(page, `<a class="chip" href=`) {
			t.Errorf("%s shows the default theme's chip", p)
		}
		if strings.Contains(page, `<a class="chip site-chip" href="/principles/ownership/">★ Ownership</a>`) {
			shown[kinds[p]] = true
		}
	}
	for _, kind := range []string{"home", "dimension", "phase", "question", "role", "level", "promotion"} {
		if !shown[kind] {
			t.Errorf("no %s page shows the site's chip", kind)
		}
	}
}

// TestCachedKeyHoldsDefinition checks that a template a page kind's file redefines
// for its own pages is cached apart from the others' definition: each page shows its
// own kind's version, whichever page was rendered first, also when the redefined
// template is executed by a cached partial that every kind shares (a row's header,
// which shows its principles' chips).
func TestCachedKeyHoldsDefinition(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("../../themes/default/templates/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		name, file, define, mark string
	}{
		{"footer in the first kind", "home.html", `{{define "footer-links"}}<a href="/" class="own-footer">Home's own</a>{{end}}`, "own-footer"},
		{"footer in a later kind", "question.html", `{{define "footer-links"}}<a href="/" class="own-footer">The question's own</a>{{end}}`, "own-footer"},
		{"chip under a shared cached partial", "role.html", `{{define "chip"}}<li><a class="own-chip" href="{{url .URL}}">{{.Title}}</a></li>{{end}}`, "own-chip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := strings.TrimSuffix(tc.file, ".html")
			pages, kinds := buildPages(t, themedSite(t, map[string]string{"templates/" + tc.file: read(tc.file) + tc.define}))
			n := 0
			for p, page := range pages {
				has := strings.Contains(page, tc.mark)
				switch {
				case kinds[p] == kind && !has:
					t.Errorf("%s (a %s page) lacks its kind's own version", p, kind)
				case kinds[p] != kind && has:
					t.Errorf("%s (a %s page) shows the version of %s", p, kinds[p], tc.file)
				}
				if has {
					n++
				}
			}
			if n == 0 {
				t.Fatalf("no page shows the version of %s", tc.file)
			}
		})
	}
}
