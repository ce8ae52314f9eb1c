package render

import (
	"html"
	"html/template"
	"strings"

	"github.com/handbook-dev/handbook/generator/model"
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
	// the headings of a kit's lists, in the theme's words
	kitPrinciples, kitQuestions string
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

		kitPrinciples: `<h3 class="label">` + html.EscapeString(r.strings.Text("label.principles")) + `</h3>`,
		kitQuestions:  `<h3 class="label">` + html.EscapeString(r.strings.Text("label.probe")) + `</h3>`,
	}
	for _, p := range s.Principles {
		f.chip[p] = `<li>` + r.link(p.URL(), "chip", p.Title) + "</li>"
	}
	for _, g := range s.Groups {
		for _, q := range g.Questions {
			f.question[q] = `<li>` + r.link(q.URL(), "", q.Text) + "</li>"
		}
	}
	for _, d := range s.Dimensions {
		f.dimension[d] = r.link(d.URL(), "", d.Title)
	}
	for _, role := range s.Roles {
		for _, row := range role.Rows {
			f.row[row] = r.rowItem(row)
			f.rowRole[row] = r.link(role.URL()+"#"+row.ID, "", role.Title)
			f.rowLink[row] = r.link(row.URL(), "", row.Title)
			var chips pieceWriter
			writeList(&chips, chipsOpen, row.Principles, f.chip)
			f.rowHead[row] = `<th scope="row">` + r.link(row.URL(), "", row.Title) + chips.b.String() + "</th>"
			f.progression[row] = r.progression(row)
			if n := len(row.Questions); n > shownQuestions {
				f.rowMore[row] = `<p class="more">` + r.link(row.URL(), "", r.strings.Text("kits.more", n, row.Title)) + "</p>"
			}
		}
		for _, l := range role.Levels {
			f.levelTD[l] = `<td data-level="` + html.EscapeString(l.Title) + `">`
			f.levelLink[l] = r.link(l.URL(), "", l.Title)
		}
	}
	finishValues(r, f.chip)
	finishValues(r, f.question)
	finishValues(r, f.dimension)
	for _, m := range []map[*model.Row]string{f.row, f.rowRole, f.rowLink, f.rowMore, f.rowHead, f.progression} {
		finishValues(r, m)
	}
	finishValues(r, f.levelTD)
	finishValues(r, f.levelLink)
	for d, link := range f.dimension { // the item is left open for the rows
		f.dimension[d] = `<li>` + link + ` <span class="where">` + html.EscapeString(r.strings.Text("where.in")) + ` `
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
	b.WriteString(` <span class="where">` + html.EscapeString(r.strings.Text("where.in")) + ` `)
	link(row.Role.URL(), row.Role.Title)
	b.WriteString(`:</span> <span class="levels">`)
	first := true
	for _, c := range row.Cells {
		if c.Blank {
			continue // no expectation there to link to
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		link(c.URL(), c.Level.Title)
	}
	b.WriteString("</span></li>")
	return b.String()
}

// pieceWriter receives a fragment made in Go, piece by piece: into the pieces of the
// page being spliced, which are copied once into the finished page, or into a string.
// A fragment made of pieces already escaped and kept (a link, a cell) thus costs no
// copy of its own.
type pieceWriter struct {
	w *worker // set when splicing: pieces go to w.pieces
	b strings.Builder
}

// write writes pieces, in order.
func (p *pieceWriter) write(pieces ...string) {
	if p.w != nil {
		p.w.pieces = append(p.w.pieces, pieces...)
		return
	}
	for _, s := range pieces {
		p.b.WriteString(s)
	}
}

// made returns the fragment write writes, or "" if it writes nothing: when w splices,
// a mark standing for the pieces written. Every fragment made this way must be
// block-bounded (see blockBounded), as they all are: lists, table rows, sections.
func (w *worker) made(write func(*pieceWriter)) template.HTML {
	if w == nil || !w.splicing {
		var p pieceWriter
		write(&p)
		return template.HTML(p.b.String()) // each piece was escaped when it was made
	}
	start := len(w.pieces)
	write(&pieceWriter{w: w})
	if len(w.pieces) == start {
		return ""
	}
	w.frags = append(w.frags, fragment{start, len(w.pieces)})
	return fragmentMark
}

// writeList writes a list of items, or nothing for none.
func writeList[T comparable](p *pieceWriter, open string, items []T, html map[T]string) {
	if len(items) == 0 {
		return
	}
	p.write(open)
	for _, it := range items {
		p.write(html[it])
	}
	p.write("</ul>")
}

const (
	chipsOpen     = `<ul class="chips">`
	questionsOpen = `<ul class="questions">`
	rowsOpen      = `<ul class="rows">`
)

// chips returns the list of principles as links, or nothing for none.
func (w *worker) chips(ps []*model.Principle) template.HTML {
	return w.made(func(p *pieceWriter) { writeList(p, chipsOpen, ps, w.r.frag.chip) })
}

// questionList returns the list of questions as links, or nothing for none.
func (w *worker) questionList(qs []*model.Question) template.HTML {
	return w.made(func(p *pieceWriter) { writeList(p, questionsOpen, qs, w.r.frag.question) })
}

// rowList returns the list of rows, each with its role and its cells, or nothing.
func (w *worker) rowList(rows []*model.Row) template.HTML {
	return w.made(func(p *pieceWriter) { writeList(p, rowsOpen, rows, w.r.frag.row) })
}

// questionItems returns the list items of questions, for a list the template opens.
func (w *worker) questionItems(qs []*model.Question) template.HTML {
	return w.made(func(p *pieceWriter) {
		for _, q := range qs {
			p.write(w.r.frag.question[q])
		}
	})
}

// dimensionRows returns rows (those a question probes) as a list of their dimensions,
// each with links to its rows on their roles' matrices, or nothing for none. A question
// can probe hundreds of rows, so this list is made here rather than by the template.
func (w *worker) dimensionRows(rows []*model.Row) template.HTML {
	groups := model.RowsByDimension(rows)
	return w.made(func(p *pieceWriter) {
		if len(groups) == 0 {
			return
		}
		p.write(rowsOpen)
		for _, g := range groups {
			p.write(w.r.frag.dimension[g.Dimension])
			for i, row := range g.Rows {
				if i > 0 {
					p.write(", ")
				}
				p.write(w.r.frag.rowRole[row])
			}
			p.write("</span></li>")
		}
		p.write("</ul>")
	})
}

// shownQuestions is how many of a row's questions its kit lists.
const shownQuestions = 5

// kits returns a level's expectations, each with its interview kit: the row's
// principles and the first questions that probe it. A level page shows one per row,
// and there are thousands of level pages, so the list is made here rather than by the
// template (the theme's level.html calls it; a theme may range over the cells itself).
// A row with no expectation at the level (a blank cell) is left out: it has nothing to
// probe. kits returns nothing when every cell is blank.
func (w *worker) kits(cells []*model.Cell) template.HTML {
	r := w.r
	return w.made(func(p *pieceWriter) {
		for _, c := range cells {
			if c.Blank {
				continue
			}
			row := c.Row
			anchor := anchorID(c)
			p.write(`<section class="expectation" aria-labelledby="`, anchor, `-h"><h2 id="`, anchor, `-h">`, r.frag.rowLink[row], "</h2>",
				`<div class="prose cell-text" data-row="`, html.EscapeString(row.ID), `">`, string(r.cells[c]), "</div>", r.changed[c])
			if len(row.Principles) > 0 {
				p.write(r.frag.kitPrinciples)
				writeList(p, chipsOpen, row.Principles, r.frag.chip)
			}
			if qs := row.Questions; len(qs) > 0 {
				p.write(r.frag.kitQuestions)
				writeList(p, questionsOpen, qs[:min(shownQuestions, len(qs))], r.frag.question)
				p.write(r.frag.rowMore[row])
			}
			p.write("</section>")
		}
	})
}

// anchorID is a cell's anchor (see model.Cell.Anchor), escaped for an attribute.
func anchorID(c *model.Cell) string { return html.EscapeString(c.Anchor()) }

// promotionRows returns the body rows of a promotion view's table: each row's header,
// then its cells at levels a and b. A row blank at both levels is left out; one that
// starts at b (blank at a) is marked new.
func (w *worker) promotionRows(a, b *model.Level) template.HTML {
	r := w.r
	return w.made(func(p *pieceWriter) {
		for i, row := range a.Role.Rows {
			ca, cb := a.Cells[i], b.Cells[i]
			switch {
			case ca.Blank && cb.Blank:
				continue
			case ca.Blank:
				p.write(`<tr class="new">`, r.frag.rowHead[row])
			default:
				p.write("<tr>", r.frag.rowHead[row])
			}
			p.write(r.frag.levelTD[ca.Level], `<div class="prose">`, string(r.cells[ca]), "</div></td>", r.frag.levelTD[cb.Level])
			if ca.Blank {
				p.write(r.marks.newRow)
			}
			p.write(`<div class="prose">`, string(r.cells[cb]), "</div></td></tr>")
		}
	})
}

// matrixRows returns the body rows of a role's matrix: each row's header, then its
// cell at every level.
func (w *worker) matrixRows(role *model.Role) template.HTML {
	r := w.r
	return w.made(func(p *pieceWriter) {
		for _, row := range role.Rows {
			p.write(`<tr id="`, html.EscapeString(row.ID), `">`, r.frag.rowHead[row])
			for _, c := range row.Cells {
				// levelTD is `<td data-level="...">`: the cell's ID goes before its level.
				p.write(`<td id="`, anchorID(c), `"`, r.frag.levelTD[c.Level][len("<td"):], `<div class="prose">`, string(r.cells[c]), "</div>", r.changed[c], "</td>")
			}
			p.write("</tr>")
		}
	})
}

// progressions returns a dimension's sections, one per row: the row's cells as steps,
// level by level.
func (w *worker) progressions(d *model.Dimension) template.HTML {
	r := w.r
	return w.made(func(p *pieceWriter) {
		for _, row := range d.Rows {
			p.write(r.frag.progression[row])
			for _, c := range row.Cells {
				p.write(`<li id="`, anchorID(c), `"><h3>`, r.frag.levelLink[c.Level], `</h3><div class="prose">`, string(r.cells[c]), "</div>", r.changed[c], "</li>")
			}
			p.write("</ol></section>")
		}
	})
}
