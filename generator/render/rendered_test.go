package render

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/markdown"
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

// TestNextRetitled checks the page list of a render after a principle is retitled
// (Rendered.Next with the principle): the pages whose listing names its title, and
// only those, are listed again, and every page and file is what a render from
// nothing of the retitled model makes.
func TestNextRetitled(t *testing.T) {
	site, diags := source.Load(retitleSite(), source.Options{})
	if site == nil || diags.HasErrors(true) {
		t.Fatalf("the site does not load:\n%s", diags.Error())
	}
	if diags := graph.Build(site); diags.HasErrors(true) {
		t.Fatal(diags.Error())
	}
	th, tdiags := theme.Default("en")
	if len(tdiags) > 0 {
		t.Fatal(tdiags.Error())
	}
	rd, diags := New(site, th, Options{})
	if diags.HasErrors(true) {
		t.Fatal(diags.Error())
	}
	p := site.Principles[0]
	if !p.HasQuestionList() || !p.HasRowList() || model.PageCount(len(p.MainQuestions), model.PerPage) < 2 {
		t.Fatalf("the principle has no paginated list of questions and no list of rows")
	}
	p.Title = "Eigenverantwortung · 責任"
	next, diags := rd.Next([]*model.Principle{p})
	if next == nil || len(diags) > 0 {
		t.Fatalf("Next: %v", diags)
	}
	fresh, diags := Prepare(site, th, Options{})
	if fresh == nil || len(diags) > 0 {
		t.Fatalf("Prepare: %v", diags)
	}
	if !next.r.listed {
		t.Fatal("the retitled render's list has problems")
	}
	got, want, before := next.r.pages, fresh.r.pages, rd.r.pages
	if len(got) != len(want) {
		t.Fatalf("%d pages listed, %d from nothing", len(got), len(want))
	}
	listedAgain := 0
	for i, d := range got {
		w := want[i]
		if d.URL != w.URL || d.Kind != w.Kind || d.Title != w.Title || !slices.Equal(d.Crumbs, w.Crumbs) ||
			(d.List == nil) != (w.List == nil) || (d.List != nil && d.List.Label != w.List.Label) {
			t.Errorf("page %d: listed as %s %s %q %v, from nothing as %s %s %q %v", i, d.Kind, d.URL, d.Title, d.Crumbs, w.Kind, w.URL, w.Title, w.Crumbs)
		}
		if d != before[i] {
			listedAgain++
			if d.Principle != p && d.RedirectTo != p.URL() && d.Kind != "redirect" {
				t.Errorf("%s was listed again; only the retitled principle's pages and the redirects are", d.URL)
			}
		}
	}
	if listedAgain == 0 {
		t.Error("no page was listed again: the retitled pages are not")
	}
	if fmt.Sprint(next.r.byURL) != fmt.Sprint(fresh.r.byURL) {
		t.Error("the pages' URLs are indexed otherwise than from nothing")
	}
	for path := range fresh.r.byPath {
		a, _ := next.File(path)
		b, _ := fresh.File(path)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from a render from nothing", path)
		}
	}
	if !strings.Contains(string(mustFile(t, next, "values/own/index.html")), "Eigenverantwortung") {
		t.Error("the former address's redirect page does not name the new title")
	}
}

// mustFile is the file at path of rd.
func mustFile(t *testing.T, rd *Rendered, path string) []byte {
	t.Helper()
	data, ok := rd.File(path)
	if !ok {
		t.Fatalf("no file %s", path)
	}
	return data
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

// TestNextKeepsUnchangedCells: when a matrix's CSV changed but its cells kept their
// documents (a rename saved with the matrices naming it), the next render keeps their
// text as rendered, without rendering it again; a cell given a new document is
// rendered again, and the matrix's links are those a render from nothing records.
func TestNextKeepsUnchangedCells(t *testing.T) {
	site, diags := source.Load(retitleSite(), source.Options{})
	if site == nil || diags.HasErrors(true) {
		t.Fatalf("the site does not load:\n%s", diags.Error())
	}
	if diags := graph.Build(site); diags.HasErrors(true) {
		t.Fatal(diags.Error())
	}
	th, _ := theme.Default("en")
	rd, diags := New(site, th, Options{})
	if diags.HasErrors(true) {
		t.Fatal(diags.Error())
	}
	rd.r.prepare()
	role := site.Roles[0]
	cells := expectations(slices.Concat(role.Levels[0].Cells, role.Levels[len(role.Levels)-1].Cells))
	if len(cells) < 2 {
		t.Fatal("the matrix has fewer than two cells")
	}
	before := map[*model.Cell]string{}
	for _, c := range cells {
		before[c] = string(rd.r.cells[c].html)
	}

	// The CSV saved again, one cell reworded into a link.
	role.CSV = append(slices.Clip(role.CSV), '\n')
	changed := cells[0]
	changed.Text = "Ships [with care](/principles/ownership/)."
	changed.Body = markdown.NewParser().ParseCell(changed.Pos, changed.Text).Whole()
	next, diags := rd.Next(nil)
	if next == nil || len(diags) > 0 {
		t.Fatalf("Next: %v", diags)
	}
	next.r.prepare()
	for _, c := range cells {
		got := string(next.r.cells[c].html)
		kept := unsafe.StringData(got) == unsafe.StringData(before[c]) // the same string, not one rendered equal
		switch {
		case c == changed && (kept || !strings.Contains(got, `href="/principles/ownership/"`)):
			t.Errorf("the reworded cell is %q, kept %v; want it rendered again", got, kept)
		case c != changed && !kept:
			t.Errorf("cell %s was rendered again; its document did not change", c.Anchor())
		}
	}
	fresh, _ := Prepare(site, th, Options{})
	fresh.r.prepare()
	if got, want := fmt.Sprint(next.r.cellLinks[role.CSVPath]), fmt.Sprint(fresh.r.cellLinks[role.CSVPath]); got != want {
		t.Errorf("the matrix's links are %s, from nothing %s", got, want)
	}
}
