package render

import (
	"fmt"
	"testing"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/model"
)

// pagerString writes a pager as "label: prev < > next", "-" for a missing end, or "nil".
func pagerString(p *Pager) string {
	if p == nil {
		return "nil"
	}
	end := func(l *Link) string {
		if l == nil {
			return "-"
		}
		return l.Title + " " + l.URL
	}
	return p.Label + ": " + end(p.Prev) + " < > " + end(p.Next)
}

func TestPagePager(t *testing.T) {
	pages := []*model.Page{
		{URL: "/about/", Title: "About"},
		{URL: "/guides/", Title: "Guides"},
		{URL: "/guides/a/", Title: "A"},
		{URL: "/contributing/", Title: "Contributing"},
		{URL: "/guides/b/", Title: "B"},
		{URL: "/guides/c/", Title: "C"},
		{URL: "/notes/x/", Title: "X"},
	}
	r := &renderer{site: &model.Site{Pages: pages}}
	tests := []struct {
		page int
		want string
	}{
		{0, "nil"}, // the top level is no section
		{1, "nil"},
		{2, "Guides: - < > B /guides/b/"},
		{4, "Guides: A /guides/a/ < > C /guides/c/"},
		{5, "Guides: B /guides/b/ < > -"},
		{6, "nil"}, // alone in its folder
	}
	for _, tt := range tests {
		if got := pagerString(r.pagePager(pages[tt.page])); got != tt.want {
			t.Errorf("pager of %s = %q, want %q", pages[tt.page].URL, got, tt.want)
		}
	}
}

func TestReleasePager(t *testing.T) {
	h := &changes.Log{Releases: []changes.Release{{Name: "v3", Slug: "v3"}, {Name: "v2", Slug: "v2"}, {Name: "v1", Slug: "v1"}}}
	want := []string{
		"Changes: v2 /changes/v2/ < > -",
		"Changes: v1 /changes/v1/ < > v3 /changes/v3/",
		"Changes: - < > v2 /changes/v2/",
	}
	for i := range h.Releases {
		if got := pagerString(releasePager("Changes", h, &h.Releases[i])); got != want[i] {
			t.Errorf("pager of %s = %q, want %q", h.Releases[i].Name, got, want[i])
		}
	}
	one := &changes.Log{Releases: []changes.Release{{Name: "v1", Slug: "v1"}}}
	if got := releasePager("Changes", one, &one.Releases[0]); got != nil {
		t.Errorf("the one release has a pager: %s", pagerString(got))
	}
}

func TestTOC(t *testing.T) {
	h := func(id string) Heading { return Heading{2, "T " + id, id} }
	var none *model.Section
	tests := []struct {
		name    string
		entries []any
		want    string // the IDs, or "nil", or "error"
	}{
		{"too few", []any{h("a"), h("b"), h("c")}, "nil"},
		{"enough", []any{h("a"), h("b"), h("c"), h("d")}, "[a b c d]"},
		{"lists and headings in order", []any{h("a"), []Heading{h("b"), h("c")}, h("d")}, "[a b c d]"},
		{"empty values add nothing", []any{h("a"), nil, heading(2, "", "x"), heading(2, []int{}, "x"), []Heading(nil), none, h("b"), h("c")}, "nil"},
		{"a heading named by and", []any{heading(2, "a", "A"), h("b"), h("c"), heading(3, "d", 4)}, "[a b c d]"},
		{"another type", []any{h("a"), h("b"), h("c"), h("d"), "e"}, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := toc(tt.entries...)
			got := "nil"
			switch {
			case err != nil:
				got = "error"
			case list != nil:
				var ids []string
				for _, e := range list {
					ids = append(ids, e.ID)
				}
				got = fmt.Sprint(ids)
			}
			if got != tt.want {
				t.Errorf("toc = %s (%v), want %s", got, err, tt.want)
			}
		})
	}
	if got := heading(3, "d", 4); got != (Heading{3, "4", "d"}) {
		t.Errorf("heading(3, d, 4) = %+v", got)
	}
}
