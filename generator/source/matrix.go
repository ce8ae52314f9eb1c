package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// The matrix's optional columns, by header (in any case).
const (
	columnPrinciples = "principles"
	columnID         = "id"
	columnFormerIDs  = "former ids" // also "aliases"
)

// buildRole assembles a role from its _index.md and levels.csv.
func (l *loader) buildRole(id string, rf *roleFiles) *model.Role {
	// A file that is there but could not be read has been reported already.
	switch {
	case rf.index == nil:
		if !l.failed[path.Join(path.Dir(rf.matrix.path), "_index.md")] {
			l.diags.Errorf(diag.Pos{File: rf.matrix.path}, "role %q has a matrix but no _index.md beside it with its title", id)
		}
		return nil
	case rf.matrix == nil:
		if !l.failed[path.Join(path.Dir(rf.index.path), "levels.csv")] {
			l.diags.Errorf(diag.Pos{File: rf.index.path}, "role %q has no levels.csv beside its _index.md", id)
		}
		return nil
	}
	f := rf.index
	r := &model.Role{
		Source:  source(f),
		ID:      id,
		Title:   l.title(f),
		Track:   f.meta.String("track").Text,
		Order:   f.meta.Int("order"),
		Intro:   f.doc.Whole(),
		CSVPath: rf.matrix.path,
		CSV:     rf.matrix.src,
	}
	r.FormerIDs = refs(f.meta.Strings("former_ids"))
	for _, id := range r.FormerIDs {
		if p := model.IDProblem(id.Text); p != "" {
			l.diags.Errorf(id.Pos, "former_ids: %s", p)
		}
	}
	for _, m := range f.meta.Maps("levels") {
		t, lid, former := m.String("title"), m.String("id"), refs(m.Strings("former_ids"))
		switch {
		case t.Text == "" || lid.Text == "":
			l.diags.Errorf(m.Pos(), "each item of levels needs a title (as in levels.csv) and an id, such as {title: Senior Engineer, id: senior}")
		case model.IDProblem(lid.Text) != "":
			l.diags.Errorf(lid.Pos, "level %q: %s", t.Text, model.IDProblem(lid.Text))
		}
		m.Done("a level")
		r.LevelRefs = append(r.LevelRefs, model.LevelRef{Title: t.Text, ID: lid.Text, FormerIDs: former, Pos: m.Pos()})
		for _, id := range former {
			if p := model.IDProblem(id.Text); p != "" {
				l.diags.Errorf(id.Pos, "former_ids: %s", p)
			}
		}
	}
	var ok bool
	r.Draft, ok = l.included(f)
	f.meta.Done("a role")
	if !ok {
		return nil
	}
	l.readMatrix(r, rf.matrix)
	return r
}

// readMatrix fills the role's levels, rows and cells from its CSV.
func (l *loader) readMatrix(r *model.Role, f *file) {
	src := bytes.TrimPrefix(f.src, []byte("\uFEFF")) // spreadsheets often save a BOM
	cr := csv.NewReader(bytes.NewReader(src))
	cr.FieldsPerRecord = -1
	at := func(line, col int) diag.Pos { return diag.Pos{File: f.path, Line: line, Col: col} }
	header, err := cr.Read()
	if err != nil {
		l.csvError(f, err, "the matrix has no header row")
		return
	}
	cols := l.columns(r, f, cr, header)
	if cols == nil {
		return
	}
	for {
		rec, err := cr.Read()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				l.csvError(f, err, "")
			}
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue // a blank line
			}
			l.diags.Errorf(at(line, 1), "row has %d fields but the header has %d", len(rec), len(header))
			continue
		}
		l.addRow(r, f, cr, rec, cols)
	}
	l.checkRowIDs(r)
	l.checkBlank(r)
}

// checkBlank warns of a row blank at every level and of a level blank in every row. A
// blank cell alone is no problem: it says the row has no expectation at that level,
// as a row that starts at a later level does.
func (l *loader) checkBlank(r *model.Role) {
	if len(r.Rows) == 0 {
		return
	}
	for _, row := range r.Rows {
		if allBlank(row.Cells) {
			l.diags.Warnf(row.Pos, "row %q has no expectation at any level: every cell of its line is blank; fill one in or delete the line", row.Title)
		}
	}
	for _, lv := range r.Levels {
		if allBlank(lv.Cells) {
			l.diags.Warnf(lv.Pos, "level %q has no expectation in any row: every cell of its column is blank; fill one in or delete the column", lv.Title)
		}
	}
}

// columns reads the header: level columns, and the positions of Principles and ID.
type columns struct {
	levels     []int // field index of each level
	principles int   // -1 when absent
	id         int
	formerIDs  int
}

func (l *loader) columns(r *model.Role, f *file, cr *csv.Reader, header []string) *columns {
	c := &columns{principles: -1, id: -1, formerIDs: -1}
	if len(header) > 0 {
		r.Corner = strings.TrimSpace(header[0])
	}
	levelIDs := map[string]string{} // level ID -> its title
	for i := 1; i < len(header); i++ {
		name := strings.TrimSpace(header[i])
		pos := f.fieldPos(cr, i)
		switch strings.ToLower(name) {
		case columnPrinciples:
			c.principles = i
			continue
		case columnID:
			c.id = i
			continue
		case columnFormerIDs, "former_ids", "aliases":
			c.formerIDs = i
			continue
		case "":
			l.diags.Errorf(pos, "level column %d has no title", i+1)
			continue
		}
		id, ref := levelID(r, name)
		lv := &model.Level{Source: model.Source{Path: f.path, Pos: pos}, Title: name, Index: len(r.Levels), Role: r, ID: id}
		if ref != nil {
			lv.FormerIDs = ref.FormerIDs
		}
		switch prev, dup := levelIDs[lv.ID]; {
		case lv.ID == "" && ref != nil: // reported with the levels: item
		case lv.ID == "":
			l.diags.Errorf(pos, "level %q has no letters or digits to make its ID and URL of: give it one in %s under levels:, such as {title: %s, id: level-%d}", name, r.Path, name, len(r.Levels)+1)
		case dup && ref != nil:
			// The ID was written in _index.md: that is where to change it.
			l.diags.Errorf(ref.Pos, "levels: %q has the ID %q, which level %q has too; give each level its own id", ref.Title, lv.ID, prev)
		case dup:
			l.diags.Errorf(pos, "two levels of role %q have the ID %q; give one another id under levels: in _index.md", r.ID, lv.ID)
		}
		if _, dup := levelIDs[lv.ID]; !dup {
			levelIDs[lv.ID] = name
		}
		c.levels = append(c.levels, i)
		r.Levels = append(r.Levels, lv)
	}
	l.checkLevelRefs(r, f)
	if len(r.Levels) == 0 {
		l.diags.Errorf(diag.Pos{File: f.path, Line: 1, Col: 1}, "the matrix has no level columns: after the row titles, each column is one level")
		return nil
	}
	return c
}

// checkLevelRefs reports each entry of levels: whose title no column of the matrix
// has. A title changed in one place only is the usual cause: the column it was then
// has no entry and gets another ID, so the error names both places to change, at each.
func (l *loader) checkLevelRefs(r *model.Role, f *file) {
	var unmatched []*model.Level // columns that no entry names
	for _, lv := range r.Levels {
		if !slices.ContainsFunc(r.LevelRefs, func(ref model.LevelRef) bool { return strings.EqualFold(lv.Title, ref.Title) }) {
			unmatched = append(unmatched, lv)
		}
	}
	titles := make([]string, len(unmatched))
	for i, lv := range unmatched {
		titles[i] = lv.Title
	}
	for _, ref := range r.LevelRefs {
		if slices.ContainsFunc(r.Levels, func(lv *model.Level) bool { return strings.EqualFold(lv.Title, ref.Title) }) {
			continue
		}
		suggest := titles
		if len(suggest) == 0 {
			suggest = levelTitles(r)
		}
		msg := fmt.Sprintf("levels: %q is not a column of %s", ref.Title, f.path)
		col := l.columnFor(ref, unmatched)
		if col == nil {
			l.diags.Errorf(ref.Pos, "%s%s", msg, didYouMean(ref.Title, suggest))
			continue
		}
		l.diags.Errorf(ref.Pos, "%s; did you mean %q? That column (%s) has no entry here: write the level's title the same in both places", msg, col.Title, col.Pos)
		l.diags.Errorf(col.Pos, "level %q has no entry under levels: in %s; the entry at %s is titled %q: write the level's title the same in both places", col.Title, r.Path, ref.Pos, ref.Title)
	}
}

// columnFor returns the column an unmatched levels: entry most likely names: the
// closest title among the columns no entry names, or the one such column at the
// entry's own position; nil when there is none.
func (l *loader) columnFor(ref model.LevelRef, unmatched []*model.Level) *model.Level {
	titles := make([]string, len(unmatched))
	for i, lv := range unmatched {
		titles[i] = lv.Title
	}
	if best := diag.Suggest(ref.Title, titles); best != "" {
		return unmatched[slices.Index(titles, best)]
	}
	if len(unmatched) == 1 {
		return unmatched[0]
	}
	return nil
}

func levelTitles(r *model.Role) []string {
	out := make([]string, len(r.Levels))
	for i, lv := range r.Levels {
		out[i] = lv.Title
	}
	return out
}

// levelID is the ID _index.md gives the level title, with the item that gives it, or
// the title's slug.
func levelID(r *model.Role, title string) (string, *model.LevelRef) {
	for i, ref := range r.LevelRefs {
		if strings.EqualFold(ref.Title, title) {
			return ref.ID, &r.LevelRefs[i]
		}
	}
	return model.Slug(title), nil
}

func (l *loader) addRow(r *model.Role, f *file, cr *csv.Reader, rec []string, c *columns) {
	rowPos := f.fieldPos(cr, 0)
	row := &model.Row{
		Source: model.Source{Path: f.path, Pos: rowPos},
		Title:  strings.TrimSpace(rec[0]),
		Index:  len(r.Rows),
		Role:   r,
	}
	if row.Title == "" {
		l.diags.Errorf(row.Pos, "row has no title in its first column")
		return
	}
	row.ID = model.Slug(row.Title)
	if c.id >= 0 && strings.TrimSpace(rec[c.id]) != "" {
		row.ID = strings.TrimSpace(rec[c.id])
		if problem := model.IDProblem(row.ID); problem != "" {
			l.diags.Errorf(f.fieldPos(cr, c.id), "row %q: %s", row.Title, problem)
		}
	} else if row.ID == "" {
		how := "add an ID column"
		if c.id >= 0 {
			how = "fill in its ID column"
		}
		l.diags.Errorf(row.Pos, "row %q has no letters or digits to make its ID and URL of: %s, such as %q", row.Title, how, "row-"+strconv.Itoa(row.Index+1))
	}
	if c.principles >= 0 {
		row.PrincipleRefs = splitRefs(f, cr, c.principles, rec[c.principles])
	}
	if c.formerIDs >= 0 {
		row.FormerIDs = splitRefs(f, cr, c.formerIDs, rec[c.formerIDs])
		for _, id := range row.FormerIDs {
			if p := model.IDProblem(id.Text); p != "" {
				l.diags.Errorf(id.Pos, "former ID of row %s: %s", diag.Quote(row.Title), p)
			}
		}
	}
	for li, fi := range c.levels {
		pos := f.fieldPos(cr, fi)
		lv := r.Levels[li]
		cell := &model.Cell{Source: model.Source{Path: f.path, Pos: pos}, Row: row, Level: lv, Text: rec[fi]}
		if !l.opts.CellText {
			doc := l.cellDoc(pos, rec[fi])
			if len(doc.RawHTML()) > 0 { // as in a file: dropped, and the author hears of it
				l.diags.Warnf(pos, "raw HTML is not rendered; write markdown instead")
			}
			cell.Body = doc.Whole()
		}
		cell.Blank = strings.TrimSpace(rec[fi]) == "" // no expectation at this level
		row.Cells = append(row.Cells, cell)
		lv.Cells = append(lv.Cells, cell)
	}
	r.Rows = append(r.Rows, row)
}

// splitRefs splits a Principles field at semicolons, keeping where each part starts in
// the source: a quoted field may hold doubled quotes and line breaks before it.
func splitRefs(f *file, cr *csv.Reader, field int, text string) []model.Ref {
	line, byteCol := cr.FieldPos(field)
	src := fieldSource(f.src, line, byteCol)
	col := f.fieldPos(cr, field).Col
	quoted := len(src) > 0 && src[0] == '"'
	if quoted {
		src, col = src[1:], col+1
	}
	// walk moves line:col along the source to the byte of text at offset to.
	done, k := 0, 0 // bytes of text and of src walked
	walk := func(to int) {
		for ; done < to && k < len(src); done++ {
			switch {
			case quoted && src[k] == '"': // written doubled
				k, col = k+2, col+2
			case text[done] == '\n': // written \n or \r\n
				if src[k] == '\r' {
					k++
				}
				k, line, col = k+1, line+1, 1
			default: // columns count characters: a byte that starts one
				if utf8.RuneStart(src[k]) {
					col++
				}
				k++
			}
		}
	}
	var out []model.Ref
	offset := 0
	for part := range strings.SplitSeq(text, ";") {
		if trimmed := strings.TrimSpace(part); trimmed != "" {
			walk(offset + len(part) - len(strings.TrimLeftFunc(part, unicode.IsSpace)))
			ref := model.Ref{Text: trimmed, Pos: diag.Pos{File: f.path, Line: line, Col: col}}
			if len(out) > 0 {
				ref.Sep = ";"
			}
			out = append(out, ref)
		}
		offset += len(part) + 1
	}
	return out
}

// fieldSource returns src from line:col, where a field starts.
func fieldSource(src []byte, line, col int) []byte {
	for i := 1; i < line; i++ {
		nl := bytes.IndexByte(src, '\n')
		if nl < 0 {
			return nil
		}
		src = src[nl+1:]
	}
	if col-1 > len(src) {
		return nil
	}
	return src[col-1:]
}

func allBlank(cells []*model.Cell) bool {
	return !slices.ContainsFunc(cells, func(c *model.Cell) bool { return !c.Blank })
}

func (l *loader) checkRowIDs(r *model.Role) {
	seen := map[string]*model.Row{}
	for _, row := range r.Rows {
		if prev := seen[row.ID]; prev != nil {
			l.diags.Errorf(row.Pos, "row ID %q is used twice in role %q (also at line %d); give one an ID column value", row.ID, r.ID, prev.Pos.Line)
			continue
		}
		seen[row.ID] = row
	}
}

func (l *loader) csvError(f *file, err error, fallback string) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.diags.Errorf(f.pos(pe.Line, pe.Column), "%v", pe.Err)
		return
	}
	if fallback == "" {
		fallback = err.Error()
	}
	l.diags.Errorf(diag.Pos{File: f.path, Line: 1, Col: 1}, "%s", fallback)
}

// didYouMean formats a suggestion for s among candidates, or "".
func didYouMean(s string, candidates []string) string {
	if best := diag.Suggest(s, candidates); best != "" {
		return "; did you mean " + diag.Quote(best) + "?"
	}
	return ""
}

// fieldPos returns where field i of the record cr read last starts.
func (f *file) fieldPos(cr *csv.Reader, i int) diag.Pos {
	line, col := cr.FieldPos(i)
	return f.pos(line, col)
}

// pos turns a line and a byte column, as encoding/csv counts them, into a position
// whose column counts characters, as editors show them.
func (f *file) pos(line, byteCol int) diag.Pos {
	if f.lines == nil {
		f.lines = []int{0}
		for i, c := range f.src {
			if c == '\n' {
				f.lines = append(f.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(f.lines) {
		return diag.Pos{File: f.path, Line: line, Col: byteCol}
	}
	start := f.lines[line-1]
	return diag.Pos{File: f.path, Line: line, Col: diag.Column(f.src[start:], byteCol-1)}
}

// cellDoc is the document of a cell's text at pos: the one Options.Parsed has for them,
// or the text parsed.
func (l *loader) cellDoc(pos diag.Pos, text string) *markdown.Doc {
	if l.opts.Parsed != nil {
		if doc := l.opts.Parsed(pos, text); doc != nil {
			return doc
		}
	}
	return l.parser.ParseCell(pos, text)
}
