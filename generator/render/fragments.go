package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"handbook/generator/model"
)

// fragments holds the HTML of links that appear on many pages (a principle's chip, a
// question's list item), made once per render instead of once per page that shows them,
// and finished (minified) then too when pages are (see splice.go). It is filled before
// pages render and only read while they do.
type fragments struct {
	chip     map[*model.Principle]string
	question map[*model.Question]string
	row      map[*model.Row]string // the row, its role and a link to each of its cells
	rowRole  map[*model.Row]string // a link to the row on its role's matrix, named by the role
	rowLink  map[*model.Row]string // a link to the row, named by its title
	rowMore  map[*model.Row]string // a paragraph linking to all the row's questions
	rowHead  map[*model.Row]string // the row's header cell in a matrix: its title and principles
	// progression opens the row's section on its dimension's page, up to its list of steps
	progression map[*model.Row]string
	levelTD     map[*model.Level]string // opens a matrix cell of the level
	levelLink   map[*model.Level]string // a link to the level, named by its title
	// dimension opens a dimension's item in a question's list of rows
	dimension map[*model.Dimension]string
}

func (r *renderer) makeFragments() {
	s := r.site
	f := fragments{
		chip:      make(map[*model.Principle]string, len(s.Principles)),
		question:  make(map[*model.Question]string, len(s.Questions)),
		dimension: make(map[*model.Dimension]string, len(s.Dimensions)),
		row:       map[*model.Row]string{},
		rowRole:   map[*model.Row]string{},
		rowLink:   map[*model.Row]string{},
		rowMore:   map[*model.Row]string{},
		rowHead:   map[*model.Row]string{},

		progression: map[*model.Row]string{},
		levelTD:     map[*model.Level]string{},
		levelLink:   map[*model.Level]string{},
	}
	for _, p := range s.Principles {
		f.chip[p] = r.finishFragment(`<li>` + r.link(p.URL(), "chip", p.Title) + "</li>")
	}
	for _, g := range s.Groups {
		for _, q := range g.Questions {
			f.question[q] = r.finishFragment(`<li>` + r.link(q.URL(), "", q.Text) + "</li>")
		}
	}
	for _, d := range s.Dimensions {
		f.dimension[d] = `<li>` + r.finishFragment(r.link(d.URL(), "", d.Title)) + ` <span class="where">in `
	}
	for _, role := range s.Roles {
		for _, row := range role.Rows {
			f.row[row] = r.finishFragment(r.rowItem(row))
			f.rowRole[row] = r.finishFragment(r.link(role.URL()+"#"+row.ID, "", role.Title))
			f.rowLink[row] = r.finishFragment(r.link(row.URL(), "", row.Title))
			f.rowHead[row] = r.finishFragment(`<th scope="row">` + r.link(row.URL(), "", row.Title) + string(list(`<ul class="chips">`, row.Principles, f.chip)) + "</th>")
			f.progression[row] = r.finishFragment(r.progression(row))
			if n := len(row.Questions); n > shownQuestions {
				f.rowMore[row] = r.finishFragment(`<p class="more">` + r.link(row.URL(), "", "All "+strconv.Itoa(n)+" questions for "+row.Title) + "</p>")
			}
		}
		for _, l := range role.Levels {
			f.levelTD[l] = r.finishFragment(`<td data-level="` + html.EscapeString(l.Title) + `">`)
			f.levelLink[l] = r.finishFragment(r.link(l.URL(), "", l.Title))
		}
	}
	r.frag = f
}

// progression opens a row's section on its dimension's page: its role, its title if
// the dimension's is another, and its list of steps.
func (r *renderer) progression(row *model.Row) string {
	id := html.EscapeString(row.Role.ID)
	s := `<section class="progression" aria-labelledby="` + id + `-h"><h2 id="` + id + `-h">` + r.link(row.Role.URL(), "", row.Role.Title)
	if row.Dimension != nil && row.Title != row.Dimension.Title {
		s += ": " + html.EscapeString(row.Title)
	}
	return s + `</h2><ol class="steps">`
}

// link is a link to the site path href, escaped.
func (r *renderer) link(href, class, text string) string {
	a := `<a href="`
	if class != "" {
		a = `<a class="` + html.EscapeString(class) + `" href="`
	}
	return a + html.EscapeString(r.url(href)) + `">` + html.EscapeString(text) + "</a>"
}

// rowItem is a row's entry in a list of rows: its dimension, its role, its cells.
func (r *renderer) rowItem(row *model.Row) string {
	var b strings.Builder
	link := func(href, text string) { b.WriteString(r.link(href, "", text)) }
	b.WriteString("<li>")
	link(row.URL(), row.Title)
	b.WriteString(` <span class="where">in `)
	link(row.Role.URL(), row.Role.Title)
	b.WriteString(`:</span> <span class="levels">`)
	for i, c := range row.Cells {
		if i > 0 {
			b.WriteString(", ")
		}
		link(c.URL(), c.Level.Title)
	}
	b.WriteString("</span></li>")
	return b.String()
}

// rowList returns the list of rows, each with its role and its cells, or nothing.
func (r *renderer) rowList(rows []*model.Row) template.HTML {
	return list(`<ul class="rows">`, rows, r.frag.row)
}

// questionItems returns the list items of questions, for a list the template opens.
func (r *renderer) questionItems(qs []*model.Question) template.HTML {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(r.frag.question[q])
	}
	return template.HTML(b.String()) // each item was escaped when it was made
}

// dimensionRows returns the rows a question probes as a list of their dimensions, each
// with links to its rows on their roles' matrices, or nothing for none. A question can
// probe hundreds of rows, so this list is made here rather than by the template.
func (r *renderer) dimensionRows(q *model.Question) template.HTML {
	groups := q.RowsByDimension()
	if len(groups) == 0 {
		return ""
	}
	const open, sep, closeItem, closeList = `<ul class="rows">`, ", ", "</span></li>", "</ul>"
	n := len(open) + len(closeList)
	for _, g := range groups {
		n += len(r.frag.dimension[g.Dimension]) + len(closeItem) + len(sep)*(len(g.Rows)-1)
		for _, row := range g.Rows {
			n += len(r.frag.rowRole[row])
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(open)
	for _, g := range groups {
		b.WriteString(r.frag.dimension[g.Dimension])
		for i, row := range g.Rows {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(r.frag.rowRole[row])
		}
		b.WriteString(closeItem)
	}
	b.WriteString(closeList)
	return template.HTML(b.String()) // each item was escaped when it was made
}

// chips returns the list of principles as links, or nothing for none.
func (r *renderer) chips(ps []*model.Principle) template.HTML {
	return list(`<ul class="chips">`, ps, r.frag.chip)
}

// questionList returns the list of questions as links, or nothing for none.
func (r *renderer) questionList(qs []*model.Question) template.HTML {
	return list(`<ul class="questions">`, qs, r.frag.question)
}

func list[T comparable](open string, items []T, html map[T]string) template.HTML {
	if len(items) == 0 {
		return ""
	}
	const closing = "</ul>"
	n := len(open) + len(closing)
	for _, it := range items {
		n += len(html[it])
	}
	var b strings.Builder
	b.Grow(n) // lists run to thousands of items: grow once, not by doubling
	b.WriteString(open)
	for _, it := range items {
		b.WriteString(html[it])
	}
	b.WriteString(closing)
	return template.HTML(b.String()) // each item was escaped when it was made
}

// shownQuestions is how many of a row's questions its kit lists.
const shownQuestions = 5

// kits returns a level's expectations, each with its interview kit: the row's
// principles and the first questions that probe it. A level page shows one per row,
// and there are thousands of level pages, so the list is made here rather than by the
// template (the theme's level.html calls it; a theme may range over the cells itself).
func (w *worker) kits(cells []*model.Cell) template.HTML {
	r := w.r
	var b strings.Builder
	b.Grow(len(cells) * 2048)
	for _, c := range cells {
		w.depend(c.Path)
		row := c.Row
		anchor := html.EscapeString(c.Anchor())
		b.WriteString(`<section class="expectation" aria-labelledby="` + anchor + `-h"><h2 id="` + anchor + `-h">` + r.frag.rowLink[row] + "</h2>")
		b.WriteString(`<div class="prose cell-text" data-row="` + html.EscapeString(row.ID) + `">` + string(r.cells[c]) + "</div>")
		if len(row.Principles) > 0 {
			b.WriteString(`<h3 class="label">Principles</h3>` + string(r.chips(row.Principles)))
		}
		if qs := row.Questions; len(qs) > 0 {
			b.WriteString(`<h3 class="label">Questions to probe it</h3>` + string(r.questionList(qs[:min(shownQuestions, len(qs))])))
			b.WriteString(r.frag.rowMore[row])
		}
		b.WriteString("</section>")
	}
	return template.HTML(b.String()) // each part was escaped when it was made
}

// promotionRows returns the body rows of a promotion view's table: each row's header,
// then its cells at levels a and b.
func (w *worker) promotionRows(a, b *model.Level) template.HTML {
	r := w.r
	w.depend(a.Role.CSVPath)
	var s strings.Builder
	s.Grow(len(a.Cells) * 4096)
	for i, row := range a.Role.Rows {
		s.WriteString("<tr>" + r.frag.rowHead[row])
		for _, c := range []*model.Cell{a.Cells[i], b.Cells[i]} {
			s.WriteString(r.frag.levelTD[c.Level] + `<div class="prose">` + string(r.cells[c]) + "</div></td>")
		}
		s.WriteString("</tr>")
	}
	return template.HTML(s.String()) // each part was escaped when it was made
}

// matrixRows returns the body rows of a role's matrix: each row's header, then its
// cell at every level.
func (w *worker) matrixRows(role *model.Role) template.HTML {
	r := w.r
	w.depend(role.CSVPath)
	var s strings.Builder
	s.Grow(len(role.Rows) * len(role.Levels) * 1024)
	for _, row := range role.Rows {
		s.WriteString(`<tr id="` + html.EscapeString(row.ID) + `">` + r.frag.rowHead[row])
		for _, c := range row.Cells {
			// levelTD is `<td data-level="...">`: the cell's ID goes before its level.
			s.WriteString(`<td id="` + html.EscapeString(c.Anchor()) + `"` + strings.TrimPrefix(r.frag.levelTD[c.Level], "<td") + `<div class="prose">` + string(r.cells[c]) + "</div></td>")
		}
		s.WriteString("</tr>")
	}
	return template.HTML(s.String()) // each part was escaped when it was made
}

// progressions returns a dimension's sections, one per row: the row's cells as steps,
// level by level.
func (w *worker) progressions(d *model.Dimension) template.HTML {
	r := w.r
	var s strings.Builder
	for _, row := range d.Rows {
		w.depend(row.Role.CSVPath)
		s.WriteString(r.frag.progression[row])
		for _, c := range row.Cells {
			s.WriteString(`<li id="` + html.EscapeString(c.Anchor()) + `"><h3>` + r.frag.levelLink[c.Level] + `</h3><div class="prose">` + string(r.cells[c]) + "</div></li>")
		}
		s.WriteString("</ol></section>")
	}
	return template.HTML(s.String()) // each part was escaped when it was made
}
