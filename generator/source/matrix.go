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

	"handbook/generator/diag"
	"handbook/generator/model"
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
		if !model.ValidID(id.Text) {
			l.diags.Errorf(id.Pos, "former_ids: %q is not an ID of lowercase letters, digits and hyphens", id.Text)
		}
	}
	for _, m := range f.meta.Maps("levels") {
		t, lid, former := m.String("title"), m.String("id"), refs(m.Strings("former_ids"))
		if t.Text == "" || !model.ValidID(lid.Text) {
			l.diags.Errorf(m.Pos(), "each item of levels needs a title (as in levels.csv) and an id of lowercase letters, digits and hyphens")
		}
		m.Done("a level")
		r.LevelRefs = append(r.LevelRefs, model.LevelRef{Title: t.Text, ID: lid.Text, FormerIDs: former, Pos: m.Pos()})
		for _, id := range former {
			if !model.ValidID(id.Text) {
				l.diags.Errorf(id.Pos, "former_ids: %q is not an ID of lowercase letters, digits and hyphens", id.Text)
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
	levelIDs := map[string]bool{}
	for i := 1; i < len(header); i++ {
		name := strings.TrimSpace(header[i])
		line, col := cr.FieldPos(i)
		pos := diag.Pos{File: f.path, Line: line, Col: col}
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
		lv := &model.Level{Source: model.Source{Path: f.path, Pos: pos}, Title: name, Index: len(r.Levels), Role: r, ID: l.levelID(r, name)}
		if i := slices.IndexFunc(r.LevelRefs, func(ref model.LevelRef) bool { return strings.EqualFold(ref.Title, name) }); i >= 0 {
			lv.FormerIDs = r.LevelRefs[i].FormerIDs
		}
		if levelIDs[lv.ID] {
			l.diags.Errorf(pos, "two levels of role %q have the ID %q; give one another id under levels: in _index.md", r.ID, lv.ID)
		}
		levelIDs[lv.ID] = true
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

// levelID is the ID _index.md gives the level title, or its slug.
func (l *loader) levelID(r *model.Role, title string) string {
	for _, ref := range r.LevelRefs {
		if strings.EqualFold(ref.Title, title) {
			return ref.ID
		}
	}
	return model.Slug(title)
}

func (l *loader) addRow(r *model.Role, f *file, cr *csv.Reader, rec []string, c *columns) {
	line, col := cr.FieldPos(0)
	row := &model.Row{
		Source: model.Source{Path: f.path, Pos: diag.Pos{File: f.path, Line: line, Col: col}},
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
		if !model.ValidID(row.ID) {
			line, col := cr.FieldPos(c.id)
			l.diags.Errorf(diag.Pos{File: f.path, Line: line, Col: col}, "row ID %q must be lowercase letters, digits and hyphens (%q)", row.ID, model.Slug(row.ID))
		}
	}
	if c.principles >= 0 {
		row.PrincipleRefs = splitRefs(f, cr, c.principles, rec[c.principles])
	}
	if c.formerIDs >= 0 {
		row.FormerIDs = splitRefs(f, cr, c.formerIDs, rec[c.formerIDs])
		for _, id := range row.FormerIDs {
			if !model.ValidID(id.Text) {
				l.diags.Errorf(id.Pos, "former ID %q of row %q must be lowercase letters, digits and hyphens", id.Text, row.Title)
			}
		}
	}
	for li, fi := range c.levels {
		line, col := cr.FieldPos(fi)
		pos := diag.Pos{File: f.path, Line: line, Col: col}
		lv := r.Levels[li]
		cell := &model.Cell{Source: model.Source{Path: f.path, Pos: pos}, Row: row, Level: lv, Text: rec[fi]}
		cell.Body = l.parser.ParseCell(pos, rec[fi]).Whole()
		if strings.TrimSpace(rec[fi]) == "" {
			l.diags.Warnf(pos, "empty cell: %q has no expectation at level %q", row.Title, lv.Title)
		}
		row.Cells = append(row.Cells, cell)
		lv.Cells = append(lv.Cells, cell)
	}
	r.Rows = append(r.Rows, row)
}

// splitRefs splits a Principles field at semicolons, keeping where each part starts in
// the source: a quoted field may hold doubled quotes and line breaks before it.
func splitRefs(f *file, cr *csv.Reader, field int, text string) []model.Ref {
	line, col := cr.FieldPos(field)
	src := fieldSource(f.src, line, col)
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
			default:
				k, col = k+1, col+1
			}
		}
	}
	var out []model.Ref
	offset := 0
	for part := range strings.SplitSeq(text, ";") {
		if trimmed := strings.TrimSpace(part); trimmed != "" {
			walk(offset + len(part) - len(strings.TrimLeftFunc(part, unicode.IsSpace)))
			out = append(out, model.Ref{Text: trimmed, Pos: diag.Pos{File: f.path, Line: line, Col: col}})
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
		l.diags.Errorf(diag.Pos{File: f.path, Line: pe.Line, Col: pe.Column}, "%v", pe.Err)
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
		return "; did you mean " + strconv.Quote(best) + "?"
	}
	return ""
}
