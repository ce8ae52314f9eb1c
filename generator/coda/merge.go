package coda

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// The headers (lowercased) of the columns levels.csv gives a meaning besides the levels.
const (
	headerPrinciples = "principles"
	headerID         = "id"
)

// matrix is an existing levels.csv as read for a merge.
type matrix struct {
	name   string
	header []string
	hpos   []diag.Pos // the position of each header field
	rows   []matrixRow
}

// matrixRow is one record of an existing levels.csv below its header.
type matrixRow struct {
	fields []string   // padded with empty fields to the header's length
	pos    []diag.Pos // the position of each field, as long as fields
}

func (r matrixRow) blank() bool {
	return !slices.ContainsFunc(r.fields, func(f string) bool { return strings.TrimSpace(f) != "" })
}

// readMatrix reads an existing levels.csv (after a byte order mark, if any), keeping the
// position of every field. A record longer than the header is an error where a field
// beyond it holds text, since a merge would drop it.
func readMatrix(name string, data []byte) (*matrix, diag.List) {
	var diags diag.List
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	r.FieldsPerRecord = -1
	m := &matrix{name: name}
	positions := func(n int) []diag.Pos {
		out := make([]diag.Pos, n)
		for j := range out {
			line, col := r.FieldPos(j)
			out[j] = diag.Pos{File: name, Line: line, Col: col}
		}
		return out
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			pos := diag.Pos{File: name}
			if pe, ok := errors.AsType[*csv.ParseError](err); ok {
				pos.Line, pos.Col, err = pe.Line, pe.Column, pe.Err
			}
			diags.Errorf(pos, "reading the existing file to merge the export into it: %v", err)
			return nil, diags
		}
		pos := positions(len(rec))
		for j, f := range rec {
			// encoding/csv reads a "\r\n" inside a quoted field as "\n" but keeps a "\r"
			// before it ("\r\r\n" reads as "\r\n"), which it would then read back as
			// "\n": line breaks are "\n", as the build reads them.
			rec[j] = strings.ReplaceAll(f, "\r\n", "\n")
		}
		if m.header == nil {
			m.header, m.hpos = rec, pos
			continue
		}
		for j := len(m.header); j < len(rec); j++ {
			if strings.TrimSpace(rec[j]) != "" {
				diags.Errorf(pos[j], "field %d holds text but the header has only %d columns: the merge would drop it; give the column a header or remove the text", j+1, len(m.header))
			}
		}
		row := matrixRow{fields: rec[:min(len(rec), len(m.header))], pos: pos[:min(len(rec), len(m.header))]}
		for len(row.fields) < len(m.header) {
			row.fields = append(row.fields, "")
			row.pos = append(row.pos, pos[len(pos)-1])
		}
		m.rows = append(m.rows, row)
	}
	return m, diags
}

// columnPlan says what becomes of each column of an existing levels.csv.
type columnPlan struct {
	levelCol []int // for each level of the export, its column in the file, -1 when new
	kept     []int // the columns kept as they are (Principles, ID, the author's own), in order
	removed  []int // level columns the export no longer has
	id       int   // the index in kept of the ID column, -1 when none
}

// planColumns matches the file's columns to the export's levels by title, ignoring case
// and surrounding white space. Principles and ID are kept wherever they are. Any other
// column is one of the levels as long as it comes before the first Principles or ID
// column (the importer writes the levels first), and the author's own column, kept,
// after it.
func planColumns(e *Export, m *matrix) columnPlan {
	p := columnPlan{levelCol: make([]int, len(e.Levels)), id: -1}
	for i := range p.levelCol {
		p.levelCol[i] = -1
	}
	fence := len(m.header)
	for j := 1; j < len(m.header); j++ {
		if h := foldTitle(m.header[j]); h == headerPrinciples || h == headerID {
			fence = j
			break
		}
	}
	for j := 1; j < len(m.header); j++ {
		h := foldTitle(m.header[j])
		level := slices.IndexFunc(e.Levels, func(l string) bool { return foldTitle(l) == h })
		switch {
		case h == headerPrinciples || h == headerID:
			if h == headerID && p.id < 0 {
				p.id = len(p.kept)
			}
			p.kept = append(p.kept, j)
		case level >= 0 && p.levelCol[level] < 0:
			p.levelCol[level] = j
		case j < fence:
			p.removed = append(p.removed, j)
		default:
			p.kept = append(p.kept, j)
		}
	}
	return p
}

// How an exported row was matched to a row of the existing file.
const (
	matchNone  = iota
	matchTitle // the same title, exactly or ignoring case and surrounding white space
	matchID    // the file row's ID is the slug of the exported title: the author renamed the row
	matchCells // the same text in every level both have: the row was renamed
)

// matchRows pairs each exported row with at most one row of the file and returns, for
// each exported row, the index of its file row (-1 when new) and how it was matched.
// The passes go from the surest to the loosest, each over all the rows still unpaired:
// exact title, title ignoring case and surrounding white space, the file row's ID (its
// ID column, else the slug of its title) equal to the slug of the exported title when
// the row holds the export's text in a level or none at all (see sharesCells), and
// last the same level cells (every level both have, at least one of them not blank),
// taken only when a single file row has them.
func matchRows(e *Export, m *matrix, cols columnPlan) (match []int, how []int) {
	match, how = make([]int, len(e.Rows)), make([]int, len(e.Rows))
	for i := range match {
		match[i] = -1
	}
	taken := make([]bool, len(m.rows))
	// pass pairs each unpaired exported row with an unpaired file row that is the same
	// to it: the only one when unique, else the first holding the export's cells (the
	// one an earlier import paired it with), or the first.
	pass := func(kind int, same func(er Row, fr matrixRow) bool, unique bool) {
		for i, er := range e.Rows {
			if match[i] >= 0 {
				continue
			}
			var found []int
			for f, fr := range m.rows {
				if !taken[f] && same(er, fr) {
					found = append(found, f)
				}
			}
			if len(found) == 0 || unique && len(found) > 1 {
				continue
			}
			f := found[0]
			if k := slices.IndexFunc(found, func(f int) bool { return equalCells(er, m.rows[f], cols) }); k >= 0 {
				f = found[k]
			}
			match[i], how[i], taken[f] = f, kind, true
		}
	}
	pass(matchTitle, func(er Row, fr matrixRow) bool { return er.Title == fr.fields[0] }, false)
	pass(matchTitle, func(er Row, fr matrixRow) bool { return foldTitle(er.Title) == foldTitle(fr.fields[0]) }, false)
	pass(matchID, func(er Row, fr matrixRow) bool {
		id := model.Slug(strings.TrimSpace(er.Title))
		return id != "" && id == fileRowID(fr, cols) && sharesCells(er, fr, cols)
	}, true)
	pass(matchCells, func(er Row, fr matrixRow) bool { return sameCells(er, fr, cols) }, true)
	return match, how
}

// fileRowID is the ID the build gives a row of the file: its ID column, else the slug of
// its title.
func fileRowID(fr matrixRow, cols columnPlan) string {
	if cols.id >= 0 {
		if id := strings.TrimSpace(fr.fields[cols.kept[cols.id]]); id != "" {
			return id
		}
	}
	return model.Slug(strings.TrimSpace(fr.fields[0]))
}

// equalCells reports whether an exported row and a file row hold the same text, byte for
// byte, in every level both have.
func equalCells(er Row, fr matrixRow, cols columnPlan) bool {
	for i, j := range cols.levelCol {
		if j >= 0 && er.Cells[i] != fr.fields[j] {
			return false
		}
	}
	return true
}

// sharesCells reports whether a file row may be the exported row it shares its ID with:
// it holds the export's text in at least one level, or no text in any. A row whose every
// cell differs is the author's own row that an exported one collides with.
func sharesCells(er Row, fr matrixRow, cols columnPlan) bool {
	blank := true
	for i, j := range cols.levelCol {
		if j < 0 {
			continue
		}
		a, b := strings.TrimSpace(er.Cells[i]), strings.TrimSpace(fr.fields[j])
		if a != "" && a == b {
			return true
		}
		blank = blank && b == ""
	}
	return blank
}

// sameCells reports whether an exported row and a file row hold the same text in every
// level both have, and that text is not all blank.
func sameCells(er Row, fr matrixRow, cols columnPlan) bool {
	some := false
	for i, j := range cols.levelCol {
		if j < 0 {
			continue
		}
		a, b := strings.TrimSpace(er.Cells[i]), strings.TrimSpace(fr.fields[j])
		if a != b {
			return false
		}
		some = some || a != ""
	}
	return some
}

// merge returns the records of levels.csv for the export merged into the existing file
// m, recording in rep what changes and what is kept, and in diags what the merge would
// lose (then the records are nil).
func (e *Export) merge(m *matrix, rep *Report, diags *diag.List) [][]string {
	cols := planColumns(e, m)
	errs := len(*diags)
	match, how := matchRows(e, m, cols)
	e.renameLevels(m, &cols, match, rep)
	e.checkRemoved(m, cols, rep, diags)

	header := append([]string{e.Corner}, e.Levels...)
	for _, j := range cols.kept {
		header = append(header, m.header[j])
		rep.KeptColumns = append(rep.KeptColumns, m.header[j])
	}
	if e.Corner != m.header[0] {
		rep.Corner = &Change{From: m.header[0], To: e.Corner}
	}
	last := 0
	for i, j := range cols.levelCol {
		switch {
		case j < 0:
			rep.LevelsAdded = append(rep.LevelsAdded, e.Levels[i])
		case j < last:
			rep.LevelsReordered = true
		default:
			last = j
		}
	}

	after := authorRowsAfter(m, match)
	lastRow := -1
	for _, f := range match {
		if f >= 0 && f < lastRow {
			rep.RowsReordered = true
		}
		lastRow = max(lastRow, f)
	}
	ids := map[string]rowOrigin{} // the ID of every row the file keeps
	for _, fr := range m.rows {
		if !fr.blank() {
			ids[fileRowID(fr, cols)] = rowOrigin{title: fr.fields[0], pos: fr.pos[0]}
		}
	}
	records := [][]string{header}
	authorRows := func(anchor int) {
		for _, f := range after[anchor] {
			records = append(records, e.authorRecord(m.rows[f], cols, rep))
			rep.KeptRows = append(rep.KeptRows, RowRef{Title: m.rows[f].fields[0], Pos: m.rows[f].pos[0]})
		}
	}
	authorRows(-1)
	for i, er := range e.Rows {
		if f := match[i]; f >= 0 {
			records = append(records, e.matchedRecord(er, m.rows[f], how[i], cols, rep))
		} else {
			rec := append([]string{er.Title}, er.Cells...)
			records = append(records, append(rec, make([]string, len(cols.kept))...))
			rep.RowsAdded = append(rep.RowsAdded, er.Title)
		}
		authorRows(i)
	}
	e.checkCollisions(match, ids, m.name, diags)
	if len(*diags) > errs {
		return nil
	}
	return records
}

// authorRowsAfter returns the file's rows that no exported row matched and that are not
// blank (the author's rows), grouped by the exported row they go after: the one matched
// to the nearest file row above them, -1 for those above every matched row.
func authorRowsAfter(m *matrix, match []int) map[int][]int {
	exported := make([]int, len(m.rows)) // for each file row, its exported row or -1
	for f := range exported {
		exported[f] = -1
	}
	for i, f := range match {
		if f >= 0 {
			exported[f] = i
		}
	}
	after := map[int][]int{}
	anchor := -1
	for f, fr := range m.rows {
		if i := exported[f]; i >= 0 {
			anchor = i
		} else if !fr.blank() {
			after[anchor] = append(after[anchor], f)
		}
	}
	return after
}

// rowOrigin is where a row of the merged matrix comes from, for collision messages.
type rowOrigin struct {
	title string
	pos   diag.Pos
}

// matchedRecord returns the record of an exported row that the file has: the export's
// cells, the file's values in the kept columns, and the export's title unless the row
// was matched by its ID or its cells (the author renamed it: the file's title stays).
func (e *Export) matchedRecord(er Row, fr matrixRow, how int, cols columnPlan, rep *Report) []string {
	title := er.Title
	if how == matchID || how == matchCells {
		title = fr.fields[0]
		rep.Renamed = append(rep.Renamed, Renamed{File: fr.fields[0], Export: er.Title, ByID: how == matchID, Pos: fr.pos[0]})
	} else if title != fr.fields[0] {
		rep.Retitled = append(rep.Retitled, Change{From: fr.fields[0], To: er.Title})
	}
	rec := append([]string{title}, er.Cells...)
	var changed []string
	for i, j := range cols.levelCol {
		if j >= 0 && fr.fields[j] != er.Cells[i] {
			changed = append(changed, e.Levels[i])
		}
	}
	if len(changed) > 0 {
		rep.RowsChanged = append(rep.RowsChanged, RowChange{Title: title, Levels: changed})
	}
	kept := false
	for _, j := range cols.kept {
		rec = append(rec, fr.fields[j])
		kept = kept || strings.TrimSpace(fr.fields[j]) != ""
	}
	if kept {
		rep.RowsKeptValues++
	}
	return rec
}

// authorRecord returns the record of a row the export does not have, as the file holds
// it, its cells moved under the export's levels (blank under a level new to the file).
func (e *Export) authorRecord(fr matrixRow, cols columnPlan, rep *Report) []string {
	rec := []string{fr.fields[0]}
	for _, j := range cols.levelCol {
		cell := ""
		if j >= 0 {
			cell = fr.fields[j]
		}
		rec = append(rec, cell)
	}
	kept := false
	for _, j := range cols.kept {
		rec = append(rec, fr.fields[j])
		kept = kept || strings.TrimSpace(fr.fields[j]) != ""
	}
	if kept {
		rep.RowsKeptValues++
	}
	return rec
}

// renameLevels takes each level column of the file that the export no longer has for a
// level new in the export that it was renamed to, when the column holds the new level's
// text in every row matched to an exported row (and some text in one of them): it is the
// only such new level, and the only such column. The author's rows keep their cells in
// it.
func (e *Export) renameLevels(m *matrix, cols *columnPlan, match []int, rep *Report) {
	same := func(i, j int) bool {
		some := false
		for r, f := range match {
			if f < 0 {
				continue
			}
			a, b := strings.TrimSpace(e.Rows[r].Cells[i]), strings.TrimSpace(m.rows[f].fields[j])
			if a != b {
				return false
			}
			some = some || a != ""
		}
		return some
	}
	candidates := func(i int) []int { // the removed columns holding new level i's text
		var out []int
		for _, j := range cols.removed {
			if same(i, j) {
				out = append(out, j)
			}
		}
		return out
	}
	renamed := map[int]int{} // column -> new level
	for i, col := range cols.levelCol {
		if col >= 0 {
			continue
		}
		if found := candidates(i); len(found) == 1 {
			if _, twice := renamed[found[0]]; twice {
				renamed[found[0]] = -1
			} else {
				renamed[found[0]] = i
			}
		}
	}
	removed := cols.removed[:0:0]
	for _, j := range cols.removed {
		if i, ok := renamed[j]; ok && i >= 0 {
			cols.levelCol[i] = j
			rep.LevelsRenamed = append(rep.LevelsRenamed, Change{From: m.header[j], To: e.Levels[i]})
			continue
		}
		removed = append(removed, j)
	}
	cols.removed = removed
}

// checkRemoved reports each level column of the file that the export no longer has: an
// error at each of its cells holding text, which the merge would lose, or, when it is
// all blank, a removal in rep.
func (e *Export) checkRemoved(m *matrix, cols columnPlan, rep *Report, diags *diag.List) {
	for _, j := range cols.removed {
		lost := 0
		for _, fr := range m.rows {
			if strings.TrimSpace(fr.fields[j]) != "" {
				lost++
				diags.Errorf(fr.pos[j], "the cell of row %s under level %s would be lost: %s", excerpt(fr.fields[0]), excerpt(m.header[j]), excerpt(fr.fields[j]))
			}
		}
		if lost == 0 {
			rep.LevelsRemoved = append(rep.LevelsRemoved, m.header[j])
			continue
		}
		diags.Errorf(m.hpos[j], "level %s is not in the export, and %d %s of its column would be lost: if the export renamed the level, give the column its new title; if the level is gone, delete the column; if the column is your own, move it after the Principles or ID column, where imports keep it",
			excerpt(m.header[j]), lost, plural(lost, "cell", "cells"))
	}
}

// checkCollisions reports each exported row new to the file whose ID (the slug of its
// title) is already the ID of a row of the merged matrix: the two would be one dimension
// to the build, which rejects that.
func (e *Export) checkCollisions(match []int, ids map[string]rowOrigin, name string, diags *diag.List) {
	for i, er := range e.Rows {
		if match[i] >= 0 {
			continue
		}
		id := model.Slug(strings.TrimSpace(er.Title))
		other, ok := ids[id]
		if id == "" || !ok {
			continue
		}
		pos := er.Pos
		if pos.File == "" {
			pos = diag.Pos{File: name}
		}
		diags.Errorf(pos, "the exported row %s is new to %s but its ID %q is already the ID of row %s at %s: rename one of them, or give the row of levels.csv another ID",
			excerpt(er.Title), name, id, excerpt(other.title), other.pos)
	}
}
