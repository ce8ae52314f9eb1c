package render

import (
	"fmt"
	"path"
	"reflect"
	"slices"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// The template functions below feed the reading aids of templates/partials/aids.html:
// a page's table of contents and its previous and next page.

// Pager is a page's place in the sequence of its section, as templates/partials/aids.html's
// "pager" receives it: the sequence's name and the pages before and after the page,
// nil at either end.
type Pager struct {
	Label      string
	Prev, Next *Link
}

// pager returns the previous and next page of d's section, or nil for a page that is
// in no sequence: the principles, the questions (across their groups, in the order of
// the interview page), the roles, a role's levels, the dimensions, the delivery phases,
// the releases (older ones first), and the pages of one folder (the pages at the site's
// top level are no sequence).
func (r *renderer) pager(d *Data) *Pager {
	s, text := r.site, r.strings.Text
	switch {
	case d.List != nil:
		return r.listPager(d.List)
	case d.Principle != nil:
		return sequence(text("title.principles"), s.Principles, d.Principle, func(p *model.Principle) Link { return Link{p.Title, p.URL()} })
	case d.Question != nil:
		return sequenceAt(text("title.interview"), s.Questions, r.questionIndex(d.Question), func(q *model.Question) Link { return Link{q.Text, q.URL()} })
	case d.Kind == "level":
		return sequence(d.Role.Title, d.Role.Levels, d.Level, func(l *model.Level) Link { return Link{l.Title, l.URL()} })
	case d.Kind == "role":
		return sequence(text("title.roles"), s.Roles, d.Role, func(ro *model.Role) Link { return Link{ro.Title, ro.URL()} })
	case d.Dimension != nil:
		return sequence(text("title.dimensions"), s.Dimensions, d.Dimension, func(dm *model.Dimension) Link { return Link{dm.Title, dm.URL()} })
	case d.Phase != nil:
		return sequence(text("phase.pager"), s.Phases, d.Phase, func(p *model.Phase) Link { return Link{p.Title, p.URL()} })
	case d.Page != nil:
		return r.pagePager(d.Page)
	case d.Release != nil:
		return releasePager(text("title.changes"), d.History, d.Release)
	}
	return nil
}

// listPager places a page of a long list among its pages, or is nil for a list of one
// page.
func (r *renderer) listPager(l *List) *Pager {
	if l.Count < 2 {
		return nil
	}
	p := &Pager{Label: r.strings.Text("list.pages", l.Label)}
	link := func(n int) *Link {
		return &Link{r.strings.Text("list.page", n, l.Count), model.PageURL(l.base, n)}
	}
	if l.Number > 1 {
		p.Prev = link(l.Number - 1)
	}
	if l.Number < l.Count {
		p.Next = link(l.Number + 1)
	}
	return p
}

// releasePager places a release among the releases, older ones before it: the log
// lists them newest first.
func releasePager(label string, h *changes.Log, rel *changes.Release) *Pager {
	var list []*changes.Release
	for i := len(h.Releases) - 1; i >= 0; i-- {
		list = append(list, &h.Releases[i])
	}
	return sequence(label, list, rel, func(r *changes.Release) Link { return Link{r.Name, r.URL()} })
}

// pagePager places a page among the pages of its folder, in the site's order of pages.
func (r *renderer) pagePager(pg *model.Page) *Pager {
	dir := path.Dir(path.Clean(pg.URL))
	if dir == "/" {
		return nil
	}
	var same []*model.Page
	for _, o := range r.site.Pages {
		if path.Dir(path.Clean(o.URL)) == dir {
			same = append(same, o)
		}
	}
	label := dir
	if i := slices.IndexFunc(r.site.Pages, func(o *model.Page) bool { return o.URL == dir+"/" }); i >= 0 {
		label = r.site.Pages[i].Title
	}
	return sequence(label, same, pg, func(p *model.Page) Link { return Link{p.Title, p.URL} })
}

// sequence is item's place in list, named label; nil when item is not in it or is
// alone there.
func sequence[T comparable](label string, list []T, item T, link func(T) Link) *Pager {
	return sequenceAt(label, list, slices.Index(list, item), link)
}

// sequenceAt is sequence of the item at index i of list (-1: none).
func sequenceAt[T any](label string, list []T, i int, link func(T) Link) *Pager {
	if i < 0 || len(list) < 2 {
		return nil
	}
	p := &Pager{Label: label}
	if i > 0 {
		l := link(list[i-1])
		p.Prev = &l
	}
	if i+1 < len(list) {
		l := link(list[i+1])
		p.Next = &l
	}
	return p
}

// questionIndex returns the place of q in the site's questions (-1: none), looked up
// in a map made at the first question page: every question has a page, and finding
// each one's place by a search of the list would cost the square of their number.
func (r *renderer) questionIndex(q *model.Question) int {
	r.questionsOnce.Do(func() {
		r.questionAt = make(map[*model.Question]int, len(r.site.Questions))
		for i, q := range r.site.Questions {
			r.questionAt[q] = i
		}
	})
	if i, ok := r.questionAt[q]; ok {
		return i
	}
	return -1
}

// TOCMin is the fewest headings a page has a table of contents for: a shorter page is
// read at a glance.
const TOCMin = 4

// Heading is an entry of a page's table of contents: a heading of level 2 or 3 and
// the ID of the element it names.
type Heading struct {
	Level int
	Title string
	ID    string
}

// heading is the template function {{heading level id title}}: an entry for a
// heading the template writes itself. An id that is not a string, or is empty, gives
// no entry, so that a heading shown only with a list can be named with
// (and .List "its-id").
func heading(level int, id, title any) any {
	s, ok := id.(string)
	if !ok || s == "" {
		return nil
	}
	return Heading{level, fmt.Sprint(title), s}
}

// kitHeadings is the template function {{kitHeadings cells}}: the headings of a level
// page's interview kits (templates/partials/kit.html), one per cell that holds an
// expectation, each with the ID kit.html gives its section (the cell's anchor
// followed by "-h", where the search index links too).
func kitHeadings(cells []*model.Cell) []Heading {
	var out []Heading
	for _, c := range expectations(cells) {
		out = append(out, Heading{2, c.Row.Title, c.Anchor() + "-h"})
	}
	return out
}

// principleHeadings is the template function {{principleHeadings principles}}: the
// headings of the principles page (templates/principles.html), one per principle, each
// with the ID the page gives it ("p-" and the principle's ID).
func principleHeadings(ps []*model.Principle) []Heading {
	var out []Heading
	for _, p := range ps {
		out = append(out, Heading{2, p.Title, "p-" + p.ID})
	}
	return out
}

// interviewHeadings is the template function {{interviewHeadings PARTS}}: the
// headings of a page of the interview page (templates/interview.html) in its order,
// each principle ("p-" and its ID, "p-none" for the groups of no principle), then its
// groups (the group's ID). PARTS are the page's groups by principle (byPrinciple).
func (r *renderer) interviewHeadings(parts []PrincipleGroups) []Heading {
	var out []Heading
	for _, part := range parts {
		h := Heading{2, r.strings.Text("interview.unlinked"), "p-none"}
		if p := part.Principle; p != nil {
			h = Heading{2, p.Title, "p-" + p.ID}
		}
		out = append(out, h)
		for _, g := range part.Groups {
			out = append(out, Heading{3, g.Title, g.ID})
		}
	}
	return out
}

// headings is the template function {{headings part}}: the headings of levels 2 and 3
// in a markdown part, as the page shows them.
func headings(p markdown.Part) []Heading {
	var out []Heading
	for _, h := range p.Outline() {
		out = append(out, Heading{h.Level, h.Text, h.ID})
	}
	return out
}

// toc is the template function {{toc entries...}}: the entries, each a Heading or a
// list of them, as one list in order; nil when they are fewer than TOCMin. An empty
// value (what and gives for a missing section) adds nothing.
func toc(entries ...any) ([]Heading, error) {
	var out []Heading
	for _, e := range entries {
		switch e := e.(type) {
		case Heading:
			out = append(out, e)
		case []Heading:
			out = append(out, e...)
		default:
			if v := reflect.ValueOf(e); !v.IsValid() || v.IsZero() {
				continue
			}
			return nil, fmt.Errorf("toc: %T is not a heading", e)
		}
	}
	if len(out) < TOCMin {
		return nil, nil
	}
	return out, nil
}
