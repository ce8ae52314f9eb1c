package render

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
)

// smallSite is a site of three principles, a role of three levels and a question
// group of three questions.
func smallSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/_index.md":               file("---\ntitle: Handbook\n---\nHome.\n"),
		"content/principles/ownership.md": file("---\ntitle: Ownership\norder: 1\n---\nOwn it.\n"),
		"content/principles/dive-deep.md": file("---\ntitle: Dive Deep\norder: 2\n---\nGo deep.\n"),
		"content/principles/frugal.md":    file("---\ntitle: Frugal\norder: 3\n---\nSpend less.\n"),
		"content/roles/eng/_index.md":     file("---\ntitle: Engineer\nlevels:\n  - {title: Engineer I, id: e1}\n  - {title: Engineer II, id: e2}\n  - {title: Engineer III, id: e3}\n---\nEngineers build.\n"),
		"content/roles/eng/levels.csv":    file("Level,Engineer I,Engineer II,Engineer III,Principles,ID\nDelivery,Ships.,Ships more.,,Ownership; Frugal,delivery\nCraft,,Writes code.,Designs,Dive Deep,craft\n"),
		"content/interview/g.md":          file("---\ntitle: Group\nprinciples: [ownership, dive-deep]\n---\n## Questions\n1. Why?\n2. How?\n3. When?\n"),
	}
}

// renderSmallSite renders smallSite with the default theme, overridden file by file by
// top when it is not nil.
func renderSmallSite(t *testing.T, top fs.FS) (*model.Site, *Rendered) {
	t.Helper()
	site, diags := source.Load(smallSite(), source.Options{})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	graph.Build(site)
	th, diags := theme.Default("en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	if top != nil {
		th = &theme.Theme{FS: theme.Overlay(top, th.FS), Strings: th.Strings}
	}
	rd, diags := New(site, th, Options{})
	if diags.HasErrors(false) {
		t.Fatalf("render: %v", diags)
	}
	return site, rd
}

// TestCachedOncePerItem checks that the default theme's shared items are executed once
// per item for the whole site, whatever the kinds of the pages that show them: one
// cache entry per principle's chip, per question's list item and per row's header.
func TestCachedOncePerItem(t *testing.T) {
	_, rd := renderSmallSite(t, nil)
	r := rd.r
	for _, tc := range []struct {
		name string
		want int
	}{
		{"chip", 3},
		{"question-item", 3},
		{"row-head", 2},
	} {
		def, ok := r.defs.of("home", tc.name)
		if !ok {
			t.Fatalf("no template %q", tc.name)
		}
		for kind := range r.tmpl {
			if d, _ := r.defs.of(kind, tc.name); d != def {
				t.Errorf("%s pages have their own definition of %q", kind, tc.name)
			}
		}
		n := r.cacheEntries(def)
		if n != tc.want {
			t.Errorf("%q was executed for %d keys, want %d (one per item)", tc.name, n, tc.want)
		}
	}
}

// TestKeyOf checks the keys cached makes of its arguments: comparable values as they
// are, anything else as a string that names its parts.
func TestKeyOf(t *testing.T) {
	p, q := &Link{Title: "a"}, &Link{Title: "a"}
	tests := []struct {
		a, b any
		same bool
	}{
		{p, p, true},
		{p, q, false}, // two items, however alike
		{"x", "x", true},
		{Link{"a", "/a/"}, Link{"a", "/a/"}, true},
		{[]*Link{p}, []*Link{p}, true},
		{[]*Link{p}, []*Link{q}, false},
		{[]string{"a"}, "a", false},
		{nil, nil, true},
		{1, 1, true},
	}
	for _, tt := range tests {
		if got := keyOf(tt.a) == keyOf(tt.b); got != tt.same {
			t.Errorf("keyOf(%#v) == keyOf(%#v) is %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

// TestEachAsRange checks that {{each "name" LIST [SEP]}} writes what a range of
// {{cached "name" .}} writes (SEP escaped between two items), shares the cached
// executions with it, and names what is wrong when LIST is not a list.
func TestEachAsRange(t *testing.T) {
	const page = `{{define "content"}}<div id="each">{{each "chip" .Site.Principles}}</div><div id="range">{{range .Site.Principles}}{{cached "chip" .}}{{end}}</div>` +
		`<div id="sep">{{each "chip" .Site.Principles " & "}}</div><div id="sep-range">{{range $i, $p := .Site.Principles}}{{if $i}} &amp; {{end}}{{cached "chip" $p}}{{end}}</div>{{end}}`
	site, rd := renderSmallSite(t, fstest.MapFS{"templates/principles.html": &fstest.MapFile{Data: []byte(page)}})
	data, ok := rd.File("principles/index.html")
	if !ok {
		t.Fatal("no principles page")
	}
	html := string(data)
	each := between(html, `<div id="each">`, `</div>`)
	if each == "" || !strings.Contains(each, `class="chip"`) || each != between(html, `<div id="range">`, `</div>`) {
		t.Errorf("each and range write different lists:\n%s", html)
	}
	if sep := between(html, `<div id="sep">`, `</div>`); !strings.Contains(sep, "</li> &amp; <li>") || sep != between(html, `<div id="sep-range">`, `</div>`) {
		t.Errorf("each with a separator does not write it, escaped, between two items:\n%s", html)
	}
	def, _ := rd.r.defs.of("principles", "chip")
	n := rd.r.cacheEntries(def)
	if n != len(site.Principles) {
		t.Errorf("the chip was executed for %d keys, want %d (one per principle)", n, len(site.Principles))
	}

	w := rd.r.newWorker()
	w.page = rd.r.pages[0]
	if _, err := w.each("chip", site.Principles[0]); err == nil || !strings.Contains(err.Error(), "not a list") {
		t.Errorf("each of one principle: %v, want an error saying it is not a list", err)
	}
}

// between returns the text of s between the first from and the next to after it.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, to)
	return in
}

// cacheEntries counts the cached executions of the template definition def.
func (r *renderer) cacheEntries(def int) int {
	n := 0
	for k := range r.cache {
		if k.def == def {
			n++
		}
	}
	return n
}
