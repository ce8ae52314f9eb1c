package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
)

// retitleSite is a site whose principle "ownership" has every kind of page whose
// listing names its title: its own page with a former address (a redirect page), a
// list of its questions over two pages and a list of the rows naming it. Another
// principle has a former address too, and keeps its title.
func retitleSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	var questions, rows strings.Builder
	for i := range model.PerPage + 5 {
		fmt.Fprintf(&questions, "%d. Question %d?\n", i+1, i+1)
	}
	rows.WriteString("Row,L1,L2,Principles,ID\n")
	for i := range model.Shown + 3 {
		fmt.Fprintf(&rows, "Row %d,Does %d.,Does more %d.,ownership,row-%d\n", i, i, i, i)
	}
	return fstest.MapFS{
		"content/_index.md":               file("---\ntitle: Handbook\n---\nHome.\n"),
		"content/principles/ownership.md": file("---\ntitle: Ownership\norder: 1\naliases: [/values/own/]\n---\nOwn it.\n"),
		"content/principles/frugal.md":    file("---\ntitle: Frugal\norder: 2\naliases: [/values/frugal/]\n---\nSpend less.\n"),
		"content/roles/eng/_index.md":     file("---\ntitle: Engineer\n---\nEngineers build.\n"),
		"content/roles/eng/levels.csv":    file(rows.String()),
		"content/interview/g.md":          file("---\ntitle: Group\nprinciples: [ownership, frugal]\n---\n## Questions\n" + questions.String()),
	}
}

// TestAliasOfAPrincipleWithLists checks that a principle's former address leads to the
// principle's own page alone, when its questions and rows have pages of their own
// too: each of those pages once claimed it as well, and the build failed with "a
// former address leads to one page".
func TestAliasOfAPrincipleWithLists(t *testing.T) {
	site, _ := source.Load(retitleSite(), source.Options{})
	graph.Build(site)
	th, _ := theme.Default("en")
	rd, diags := New(site, th, Options{})
	if len(diags) > 0 {
		t.Fatalf("render: %v", diags)
	}
	var redirects []string
	for _, d := range rd.r.pages {
		if d.Kind == "redirect" {
			redirects = append(redirects, d.URL+" -> "+d.RedirectTo)
		}
	}
	want := []string{"/values/own/ -> /principles/ownership/", "/values/frugal/ -> /principles/frugal/"}
	if !slices.Equal(redirects, want) {
		t.Errorf("redirects %q, want %q", redirects, want)
	}
}
