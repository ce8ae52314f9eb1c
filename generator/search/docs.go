package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/theme"
	"github.com/handbook-dev/handbook/themes"
)

// Type is the kind of a document, one of the filters of the search page.
type Type int

// The document types, in the order results of equal score are listed.
const (
	Principle Type = iota // a principle's page
	Question              // an interview question's page
	Row                   // a dimension: one row's progression across levels and roles
	Cell                  // one row's expectation at one level, on its role's matrix
	Phase                 // a delivery phase
	Section               // a section of prose: an H2 of a free page or section intro, a role's or a level's page
	numTypes
)

// ID is the type's name in URLs: /search/?type=cell.
func (t Type) ID() string {
	return [...]string{"principle", "question", "row", "cell", "phase", "section"}[t]
}

// Label is the type's name as a reader sees it beside a result, in the theme's words
// (the string search.type.<id>).
func (t Type) Label(strs *theme.Strings) string {
	return strs.Text("search.type." + t.ID())
}

// Doc is one search document: what a result shows and the fields its terms come from.
type Doc struct {
	Type       Type
	Title      string // the title indexed
	Display    string // the title a result shows, when it is not Title: a cell's "Row · Level (Role)"
	URL        string // a site path with an optional fragment: "/roles/ps/ps-i/#scope--ps-i-h"
	Role       *model.Role
	Level      *model.Level
	Parent     string // where it lives, when role and level do not say: "Interview questions"
	Principles []*model.Principle
	Keys       string  // secondary titles: mechanism names, persona titles, a group's title
	Body       string  // the text shown in excerpts and indexed with the lowest weight
	order      int     // position of creation, for a stable sort
	role       int     // position of Role among the site's roles, plus one (0: none)
	boost      float64 // multiplies the type's prior; 0 means 1

	// A dimension's body is mostly its cells' texts: the index counts its terms from
	// the documents of its cells and from the titles between them, rather than read
	// the same words twice.
	cells  []*Doc
	titles string

	// What the index shows of the model, read while the model is: where the document
	// lives (Where's parts joined) and its level's position in its role, plus one (0:
	// none).
	place    string
	levelPos int
}

// whereSeparator separates the parts of Where.
const whereSeparator = " \u00b7 "

// ShownTitle is the title a result shows: Display, or Title.
func (d *Doc) ShownTitle() string {
	if d.Display != "" {
		return d.Display
	}
	return d.Title
}

// where returns the parts of Where, at most two. A cell's title names its level and
// role already.
func (d *Doc) where() (parts [2]string, n int) {
	if d.Type == Cell {
		return parts, 0
	}
	if d.Role != nil {
		parts[n], n = d.Role.Title, n+1
	}
	if d.Level != nil && d.Level.Title != d.Title {
		parts[n], n = d.Level.Title, n+1
	}
	if n == 0 && d.Parent != d.Title {
		parts[n], n = d.Parent, n+1
	}
	return parts, n
}

// Documents lists the site's search documents in index order: by type, then by role
// (documents of no role first), then in the order of the site itself. Document
// numbers in the index are positions in this list.
// Labels (where a document lives, a level page's text) are in the words of strs; nil
// takes those of the default theme.
func Documents(site *model.Site, strs *theme.Strings) []*Doc {
	docs, _, _ := documents(site, strs, readTexts{}, nil, false)
	return docs
}

// readTexts are the texts read from a model: each part's (see plain), and each cell's
// labels.
type readTexts struct {
	parts map[markdown.PartKey]string
	cells map[cellPlace]cellLabel
}

// documents is Documents, taking the texts of the model that known holds from it
// rather than read them again, and returning the texts of this site when keep says
// to; ok is false when stop, asked between documents, said to give up.
func documents(site *model.Site, strs *theme.Strings, known readTexts, stop func() bool, keep bool) (docs []*Doc, texts readTexts, ok bool) {
	if strs == nil {
		strs = defaultStrings(site)
	}
	c := &collector{site: site, strs: strs, text: strs.Text, texts: &partTexts{known: known.parts}, stop: stop, keep: keep}
	if keep {
		c.texts.texts = map[markdown.PartKey]string{}
	}
	c.labels.known = known.cells
	c.cellDocs()
	c.principles()
	c.questions()
	c.rows()
	c.cells()
	c.phases()
	c.sections()
	// Most of the work is the bodies' text: it is done on every core.
	parallel(workers(), len(c.docs), func(_, i int) {
		if !c.stopped() {
			c.docs[i].Body = c.bodies[i]()
		}
	})
	if c.stopped() {
		return nil, readTexts{}, false
	}
	roleIndex := make(map[*model.Role]int, len(site.Roles))
	for i, r := range site.Roles {
		roleIndex[r] = i + 1
	}
	for _, d := range c.docs {
		d.role = roleIndex[d.Role]
		parts, n := d.where()
		d.place = strings.Join(parts[:n], whereSeparator)
		if d.Level != nil {
			d.levelPos = d.Level.Index + 1
		}
	}
	// order is unique: the sort needs no stability.
	slices.SortFunc(c.docs, func(a, b *Doc) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.role, b.role), cmp.Compare(a.order, b.order))
	})
	return c.docs, readTexts{c.texts.texts, c.labels.made}, true
}

// pageBoost lifts role and level pages from a section's prior to a principle's.
const pageBoost = 1.45

type collector struct {
	site   *model.Site
	strs   *theme.Strings
	text   func(key string, args ...any) string // the theme's strings
	cellOf map[*model.Cell]*cellDoc             // each non-empty cell
	docs   []*Doc
	bodies []func() string // each document's body
	texts  *partTexts
	labels struct{ known, made map[cellPlace]cellLabel } // each cell's labels, known from an earlier site and made
	stop   func() bool                                   // nil: never give up
	keep   bool                                          // keep the texts read, for the site's next version
	gaveUp atomic.Bool
}

// stopped reports whether the collector gives up, as stop says.
func (c *collector) stopped() bool {
	if c.gaveUp.Load() {
		return true
	}
	if c.stop != nil && c.stop() {
		c.gaveUp.Store(true)
		return true
	}
	return false
}

// partTexts is the text of each part of the model read so far (see plain), taken from
// those of an earlier version of the site where the part is the same: after a change
// to content alone, the model keeps the parsed documents of the files it did not
// change, and the key of a part of one of them is as it was. It is safe for
// concurrent use.
type partTexts struct {
	known map[markdown.PartKey]string // read only
	mu    sync.Mutex
	texts map[markdown.PartKey]string
}

// plain returns plain(p), taken from known when it is there, and recorded in texts
// unless texts is nil.
func (t *partTexts) plain(p markdown.Part) string {
	if p.Empty() {
		return ""
	}
	k := p.Key()
	text, ok := t.known[k]
	if !ok {
		text = plain(p) // a part read twice is read twice: most are read once
	}
	if t.texts != nil {
		t.mu.Lock()
		t.texts[k] = text
		t.mu.Unlock()
	}
	return text
}

// writePlain writes the text of a part as writePlain does.
func (t *partTexts) writePlain(w *collapser, p markdown.Part) {
	// The text of a part is collapsed, and its blocks' texts hold no space at their
	// ends: it is written as writePlain writes its blocks, each followed by a space.
	if text := t.plain(p); text != "" {
		w.WriteCollapsed(text)
		w.WriteString(" ")
	}
}

// add adds a document with the function that returns its body, collapsed, which
// Documents calls once every document is known, on every core.
func (c *collector) add(d *Doc, body func() string) {
	d.order = len(c.docs)
	c.docs = append(c.docs, d)
	c.bodies = append(c.bodies, body)
}

// collapse joins the words of a text, its runs of characters other than white space
// (as strings.Fields finds them), with single spaces.
func collapse(s string) string {
	if collapsed(s) {
		return s
	}
	var w collapser
	w.Grow(len(s))
	w.WriteString(s)
	return w.String()
}

// collapsed reports whether s is its own collapse: words with single spaces between.
func collapsed(s string) bool {
	return s == "" || !isSpaceAt(s, 0) && wordsEnd(s) == len(s)
}

// wordsEnd returns the length of the longest prefix of s, which starts with a word,
// made of words with single spaces between.
func wordsEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := spaceClass[s[i]]
		if c == notSpace {
			continue
		}
		if c == otherSpace || c == maybeSpace && isSpaceAt(s, i) || c == blank && (i+1 == len(s) || isSpaceAt(s, i+1)) {
			return i
		}
	}
	return len(s)
}

// The classes of bytes as far as white space goes: a byte that is no space and starts
// none, the ASCII space, another ASCII space, and the first byte of the UTF-8 encoding
// of every other white space character (U+0085, U+00A0, U+1680, U+2000 to U+200A,
// U+2028, U+2029, U+202F, U+205F, U+3000), which may start one. No byte of the last
// three classes continues a character: each starts one.
const (
	notSpace = iota
	blank
	otherSpace
	maybeSpace
)

var spaceClass = [256]uint8{
	' ': blank, '\t': otherSpace, '\n': otherSpace, '\v': otherSpace, '\f': otherSpace, '\r': otherSpace,
	0xc2: maybeSpace, 0xe1: maybeSpace, 0xe2: maybeSpace, 0xe3: maybeSpace,
}

// isSpaceAt reports whether the character at s[i] is white space.
func isSpaceAt(s string, i int) bool {
	sp, _ := spaceAt(s, i)
	return sp
}

// spaceAt reports whether the character at s[i] is white space, and its length in
// bytes (1 when it is not).
func spaceAt(s string, i int) (bool, int) {
	switch spaceClass[s[i]] {
	case blank, otherSpace:
		return true, 1
	case maybeSpace:
		if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			return true, size
		}
	}
	return false, 1
}

// collapser builds the collapse of everything written to it, as if it were one string:
// a word may continue from one write to the next.
type collapser struct {
	b     strings.Builder
	space bool // white space since the last word
}

// Grow makes room for n more bytes.
func (w *collapser) Grow(n int) { w.b.Grow(n) }

// WriteString writes s, copying each run of words with single spaces between at once.
func (w *collapser) WriteString(s string) {
	for i := 0; i < len(s); {
		if sp, size := spaceAt(s, i); sp {
			w.space = true
			i += size
			continue
		}
		n := wordsEnd(s[i:])
		if w.space && w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.space = false
		w.b.WriteString(s[i : i+n])
		i += n
	}
}

// WriteCollapsed writes s, which is collapsed already, as WriteString would.
func (w *collapser) WriteCollapsed(s string) {
	if s == "" {
		return
	}
	if w.space && w.b.Len() > 0 {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.space = false
}

func (w *collapser) String() string { return w.b.String() }

// text returns a constant body.
func text(s string) func() string { return func() string { return collapse(s) } }

// textOf returns the body that is the text of a part.
func (c *collector) textOf(p markdown.Part) func() string {
	return func() string { return c.texts.plain(p) }
}

// plain returns the text of a part, collapsed, with its blocks kept apart: a block
// that does not end a sentence (a list item, a heading) is followed by a separator,
// so that an excerpt does not run the items of a list together.
func plain(p markdown.Part) string {
	var w collapser
	writePlain(&w, p)
	return w.String()
}

// writePlain writes the text of a part as plain does.
func writePlain(w *collapser, p markdown.Part) {
	blocks := p.Blocks()
	for i, b := range blocks {
		w.WriteString(b)
		if i < len(blocks)-1 && !endsSentence(b) {
			w.WriteString(blockSeparator)
		}
		w.WriteString(" ")
	}
}

// blockSeparator follows a block of text that does not end a sentence.
const blockSeparator = " \u00b7"

// endsSentence reports whether a text ends with a sentence's punctuation, closing
// quotes aside.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'\u2019\u201d\u00bb")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;\u2026\u3002\uff01\uff1f", r)
}

func (c *collector) principles() {
	for _, p := range c.site.Principles {
		c.add(&Doc{Type: Principle, Title: p.Title, URL: p.URL(), Parent: c.text("title.principles"), Principles: []*model.Principle{p}}, c.textOf(p.Body))
	}
}

// questions adds every question with the text its page shows: the group's follow-ups,
// example answer and coaching notes.
func (c *collector) questions() {
	for _, g := range c.site.Groups {
		// Most questions have no text of their own: their documents share one body.
		shared := sync.OnceValue(func() string {
			var w collapser
			c.texts.writePlain(&w, g.FollowUps)
			for _, a := range g.Answer {
				if a.Label != "" {
					w.WriteString("\n" + a.Label + blockSeparator + "\n")
				}
				c.texts.writePlain(&w, a.Body)
			}
			w.WriteString("\n")
			c.texts.writePlain(&w, g.Coaching)
			return w.String()
		})
		keys := strings.Join(append([]string{g.Title, answerForm(g.Answer)}, principleTitles(g.Principles)...), "\n")
		for _, q := range g.Questions {
			c.add(&Doc{Type: Question, Title: q.Text, URL: q.URL(), Parent: g.Title, Principles: g.Principles, Keys: keys}, func() string {
				own := c.texts.plain(q.Body)
				if own == collapse(q.Text) {
					return shared()
				}
				var w collapser
				w.Grow(len(own) + 1 + len(shared()))
				w.WriteCollapsed(own)
				w.WriteString("\n")
				w.WriteCollapsed(shared())
				return w.String()
			})
		}
	}
}

// principleTitles returns the titles of principles. A question's or a row's keys hold
// those of its principles, so that a principle's name finds what probes it.
func principleTitles(ps []*model.Principle) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Title
	}
	return out
}

// answerForm names the form of an example answer by the initials of its parts'
// labels ("STAR" for Situation, Task, Action, Result), so that a reader asking for
// the form finds the questions answered in it; "" for an answer of fewer than three
// parts or with a part that has no label.
func answerForm(parts []model.AnswerPart) string {
	if len(parts) < 3 {
		return ""
	}
	var b strings.Builder
	for _, p := range parts {
		r, _ := utf8.DecodeRuneInString(p.Label)
		if !unicode.IsLetter(r) {
			return ""
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// rows adds one document per dimension: a row ID shared by several roles is one page.
func (c *collector) rows() {
	for _, dim := range c.site.Dimensions {
		d := &Doc{Type: Row, Title: dim.Title, URL: dim.URL(), Principles: dim.Principles, Keys: strings.Join(principleTitles(dim.Principles), "\n")}
		if len(dim.Rows) == 1 {
			d.Role = dim.Rows[0].Role
		} else {
			d.Parent = c.text("search.roles", len(dim.Rows))
		}
		d.cells, d.titles = c.rowParts(dim)
		c.add(d, func() string { return c.rowText(dim) })
	}
}

// rowParts returns the documents of a dimension's cells, and the text of its body
// that is not theirs: its rows' titles and its cells' levels. It returns no documents
// when a cell has none, and the body is then indexed as it is.
func (c *collector) rowParts(dim *model.Dimension) ([]*Doc, string) {
	var docs []*Doc
	var titles []string
	for _, r := range dim.Rows {
		if r.Title != dim.Title {
			titles = append(titles, r.Title)
		}
		for _, cell := range r.Cells {
			cd := c.cellOf[cell]
			if cd == nil {
				continue
			}
			if cd.doc == nil {
				return nil, ""
			}
			docs = append(docs, cd.doc)
			titles = append(titles, cell.Level.Title)
		}
	}
	return docs, strings.Join(titles, "\n")
}

// rowText is a dimension's body: its rows' titles where they differ from its own, and
// each non-empty cell as "Level: text", collapsed.
func (c *collector) rowText(dim *model.Dimension) string {
	var w collapser
	size := 0
	for _, r := range dim.Rows {
		size += len(r.Title) + 1
		for _, cell := range r.Cells {
			if cd := c.cellOf[cell]; cd != nil {
				size += len(cell.Level.Title) + 3 + len(cd.text)
			}
		}
	}
	w.Grow(size)
	for _, r := range dim.Rows {
		if r.Title != dim.Title {
			w.WriteString(r.Title)
			w.WriteString("\n")
		}
		for _, cell := range r.Cells {
			if cd := c.cellOf[cell]; cd != nil {
				w.WriteString(cell.Level.Title)
				w.WriteString(": ")
				w.WriteCollapsed(cd.text)
				w.WriteString("\n")
			}
		}
	}
	return w.String()
}

// cellDoc is a non-empty cell's text, collapsed, which both its own and its row's
// documents hold, and its own document when it is on a role's matrix.
type cellDoc struct {
	text  string
	doc   *Doc
	added bool // whether cells has added doc
}

// cellDocs makes the text and document of every non-empty cell once, on every core.
func (c *collector) cellDocs() {
	type place struct {
		cell *model.Cell
		row  *model.Row
		role *model.Role // nil for a cell on a dimension only
	}
	var places []place
	c.cellOf = map[*model.Cell]*cellDoc{}
	add := func(p place) {
		if _, dup := c.cellOf[p.cell]; !dup && !p.cell.Blank {
			c.cellOf[p.cell] = nil // set below
			places = append(places, p)
		}
	}
	for _, role := range c.site.Roles {
		for _, row := range role.Rows {
			for _, cell := range row.Cells {
				add(place{cell, row, role})
			}
		}
	}
	for _, dim := range c.site.Dimensions {
		for _, row := range dim.Rows {
			for _, cell := range row.Cells {
				add(place{cell, row, nil})
			}
		}
	}
	docs := make([]cellDoc, len(places))
	labels := make([]cellLabel, len(places))
	parallel(workers(), len(places), func(_, i int) {
		p := &places[i]
		text := c.texts.plain(p.cell.Body)
		docs[i].text = text
		if p.role != nil {
			labels[i] = c.label(p.cell, p.row, p.role)
			docs[i].doc = labels[i].doc(p.cell, p.row, p.role)
			docs[i].doc.Body = text
		}
	})
	if c.keep {
		c.labels.made = make(map[cellPlace]cellLabel, len(places))
	}
	for i, p := range places {
		c.cellOf[p.cell] = &docs[i]
		if p.role != nil && c.keep {
			c.labels.made[cellPlace{p.cell, p.row, p.role}] = labels[i]
		}
	}
}

// cellPlace is a cell on a row of a role's matrix.
type cellPlace struct {
	cell *model.Cell
	row  *model.Row
	role *model.Role
}

// cellLabel is what a cell's document shows of its row, level and role (its title and
// address), with what they are made of.
type cellLabel struct {
	from         [8]string // the titles and IDs they are made of
	strs         *theme.Strings
	display, url string
}

// label returns the labels of a cell's document, taken from those of an earlier site
// when they are made of the same titles and IDs.
func (c *collector) label(cell *model.Cell, row *model.Row, role *model.Role) cellLabel {
	from := [8]string{row.Title, cell.Level.Title, role.Title, cell.Row.ID, cell.Row.Role.ID, cell.Level.ID, cell.Level.Role.ID, role.ID}
	if l, ok := c.labels.known[cellPlace{cell, row, role}]; ok && l.from == from && l.strs == c.strs {
		return l
	}
	return cellLabel{from: from, strs: c.strs, display: c.text("search.cell.title", row.Title, cell.Level.Title, role.Title), url: levelURL(cell)}
}

// doc returns the document of a cell with these labels, without its body.
func (l cellLabel) doc(cell *model.Cell, row *model.Row, role *model.Role) *Doc {
	return &Doc{Type: Cell, Title: row.Title, URL: l.url, Role: role, Level: cell.Level, Principles: row.Principles, Display: l.display}
}

// cells adds every non-empty expectation, row by row so that one row's levels sit
// side by side in the index (and so in the same document chunk).
func (c *collector) cells() {
	for _, role := range c.site.Roles {
		for _, row := range role.Rows {
			for _, cell := range row.Cells {
				cd := c.cellOf[cell]
				if cd == nil {
					continue
				}
				d := cd.doc
				if cd.added { // the cell is listed twice: so is its document
					d = c.cellDoc(cell, row, role)
				}
				cd.added = true
				c.add(d, func() string { return cd.text })
			}
		}
	}
}

// cellDoc returns the document of a row's expectation at a level, without its body:
// titled by its row, level and role, since a row's expectations at several levels and
// roles are found together, and leading to the row on its level's page, where the
// expectation is shown with what probes it.
func (c *collector) cellDoc(cell *model.Cell, row *model.Row, role *model.Role) *Doc {
	return c.label(cell, row, role).doc(cell, row, role)
}

// levelURL returns the address of a cell's row on its level's page: the heading of
// the row's section there, whose ID is the cell's anchor followed by "-h".
func levelURL(cell *model.Cell) string {
	fragment := strings.TrimPrefix(cell.URL(), cell.Row.Role.URL()) // "#" and the escaped anchor
	return cell.Level.URL() + fragment + "-h"
}

func (c *collector) phases() {
	for _, p := range c.site.Phases {
		var keys []string
		for _, m := range p.Mechanisms {
			keys = append(keys, m.Name, m.Short, m.When)
		}
		for _, ps := range p.Personas {
			keys = append(keys, ps.Title)
		}
		parent := c.text("title.delivery")
		if c.site.Delivery != nil {
			parent = c.site.Delivery.Title
		}
		c.add(&Doc{Type: Phase, Title: p.Title, URL: p.URL(), Parent: parent, Principles: p.Principles, Keys: strings.Join(keys, "\n")}, c.textOf(p.Body))
	}
}

// sections adds the prose: the home page, the section introductions, each role's
// introduction and levels, each question group's introduction and the free pages,
// one document per H2 section.
func (c *collector) sections() {
	s := c.site
	c.prose(s.Title, "/", "", s.Home)
	if sec := s.PrinciplesIntro; sec != nil {
		c.prose(sec.Title, "/principles/", "", sec.Body)
	}
	if sec := s.InterviewIntro; sec != nil {
		c.prose(sec.Title, "/interview/", "", sec.Body)
	}
	for _, g := range s.Groups {
		c.add(&Doc{Type: Section, Title: g.Title, URL: g.URL(), Parent: c.text("title.interview"), Principles: g.Principles}, func() string {
			var w collapser
			c.texts.writePlain(&w, g.Intro)
			for _, o := range g.Other {
				w.WriteString("\n" + o.Title + "\n")
				c.texts.writePlain(&w, o)
			}
			return w.String()
		})
	}
	if sec := s.Delivery; sec != nil {
		c.prose(sec.Title, "/delivery/", "", sec.Body)
	}
	for _, r := range s.Roles {
		// A role's and a level's pages are what a reader naming them means: they rank
		// as a principle does.
		c.add(&Doc{Type: Section, Title: r.Title, URL: r.URL(), Role: r, Keys: r.Track, boost: pageBoost}, c.textOf(r.Intro))
		for _, lv := range r.Levels {
			c.add(&Doc{Type: Section, Title: lv.Title, URL: lv.URL(), Role: r, Level: lv, boost: pageBoost},
				text(c.text("search.levelpage", lv.Index+1, len(r.Levels), r.Title)))
		}
	}
	for _, p := range s.Pages {
		c.prose(p.Title, p.URL, p.Description, p.Body)
	}
}

// prose adds a page's text before its first H2 under the page's title, and each H2
// section under its own title, linked by the heading's anchor.
func (c *collector) prose(title, url, description string, body markdown.Part) {
	intro, sections := body.Sections(2)
	c.add(&Doc{Type: Section, Title: title, URL: url, Keys: description}, c.textOf(intro))
	for _, sec := range sections {
		u := url
		if sec.ID != "" {
			u += "#" + sec.ID
		}
		c.add(&Doc{Type: Section, Title: sec.Title, URL: u, Parent: title}, c.textOf(sec))
	}
}

// defaultStrings returns the default theme's strings in the site's language.
func defaultStrings(site *model.Site) *theme.Strings {
	strs, _ := theme.LoadStrings(themes.Default(), site.Language) // the default theme's strings are whole
	return strs
}
