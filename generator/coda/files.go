package coda

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"handbook/generator/diag"
)

// The names of a role family's two sources inside content/roles/<id>/.
const (
	IndexFile  = "_index.md"
	LevelsFile = "levels.csv"
)

// The headers of the levels.csv columns that an author adds and a re-import keeps, in
// the order they are written after the level columns. They match case-insensitively.
var preservedColumns = []string{"Principles", "ID"}

// Files returns the contents of roles/<id>/_index.md and roles/<id>/levels.csv.
// existingIndex and existingCSV are the files already there (nil when absent): what an
// author added to them survives a re-import.
//
// _index.md is a front matter holding the title, as a YAML double-quoted string, then
// the intro paragraphs separated by blank lines. When existingIndex has a front matter,
// each of its lines is kept in place except the top-level "title:" line (and the
// indented lines continuing it), which is replaced by the new title; its body is
// replaced by the intro.
//
// levels.csv (RFC 4180, "\n" line endings, no byte order mark) has a header of the
// Corner and the level titles, then one record per row: its title and cells. When
// existingCSV has columns headed Principles and/or ID (in any case), they are kept, with
// their header text, at the end of every record (Principles first), and each row's
// values are carried over from the existing record with the same title (matched exactly,
// else ignoring case and surrounding white space); a row new to the export gets empty
// values there. Values of existing rows the export no longer has are dropped.
//
// The error, when not nil, is a diag.List naming "_index.md" or "levels.csv".
func (e *Export) Files(existingIndex, existingCSV []byte) (index, csv []byte, err error) {
	return e.files(IndexFile, existingIndex, LevelsFile, existingCSV)
}

// files is Files with the names the diagnostics give the two existing files.
func (e *Export) files(indexName string, existingIndex []byte, csvName string, existingCSV []byte) (index, csv []byte, err error) {
	var diags diag.List
	index = e.index(indexName, existingIndex, &diags)
	csv = e.levels(csvName, existingCSV, &diags)
	if err := diags.Err(false); err != nil {
		return nil, nil, err
	}
	return index, csv, nil
}

// index returns the contents of _index.md.
func (e *Export) index(name string, existing []byte, diags *diag.List) []byte {
	var kept []string // front matter lines of existing, without the title
	at := 0           // where the title line goes among them
	if lines := splitLines(existing); len(lines) > 0 && isFence(lines[0]) {
		end := -1
		for i := 1; i < len(lines); i++ {
			if isFence(lines[i]) {
				end = i
				break
			}
		}
		if end < 0 {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "front matter opened with --- is never closed by a --- line")
			return nil
		}
		kept, at = dropTitle(lines[1:end])
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	for _, l := range kept[:at] {
		b.WriteString(l + "\n")
	}
	b.WriteString("title: " + yamlQuote(e.Title) + "\n")
	for _, l := range kept[at:] {
		b.WriteString(l + "\n")
	}
	b.WriteString("---\n")
	for i, p := range e.Intro {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p + "\n")
	}
	return b.Bytes()
}

// isFence reports whether l is a front matter delimiter, as the front matter reader sees it.
func isFence(l string) bool { return strings.TrimRight(l, " \t") == "---" }

// titleKey matches a top-level title key of a YAML block mapping.
var titleKey = regexp.MustCompile(`^title[ \t]*:(?:[ \t]|$)`)

// dropTitle returns the front matter lines without the top-level title entries (each
// title line and the indented, or blank, lines continuing its value), and the index at
// which the first one was, 0 when there was none.
func dropTitle(lines []string) (kept []string, at int) {
	found := false
	for i := 0; i < len(lines); i++ {
		if !titleKey.MatchString(lines[i]) {
			kept = append(kept, lines[i])
			continue
		}
		if !found {
			found, at = true, len(kept)
		}
		// Skip the lines continuing the value: indented ones, and blank ones followed by
		// an indented one.
		last := i
		for j := i + 1; j < len(lines); j++ {
			l := lines[j]
			if strings.TrimSpace(l) == "" {
				continue
			}
			if l[0] != ' ' && l[0] != '\t' {
				break
			}
			last = j
		}
		i = last
	}
	return kept, at
}

// yamlQuote returns s as a YAML double-quoted scalar, escaping what YAML does not allow
// there as is: the quote, the backslash, control and other non-printable characters,
// and the characters YAML reads as line breaks or a byte order mark.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// levels returns the contents of levels.csv.
func (e *Export) levels(name string, existing []byte, diags *diag.List) []byte {
	headers, carried, err := readPreserved(existing)
	if err != nil {
		pos := diag.Pos{File: name}
		if pe, ok := errors.AsType[*csv.ParseError](err); ok {
			pos.Line, pos.Col = pe.Line, pe.Column
			err = pe.Err
		}
		diags.Errorf(pos, "reading the existing file to keep its %s columns: %v", strings.Join(preservedColumns, " and "), err)
		return nil
	}
	errs := len(*diags)
	if len(e.Levels) == 0 {
		diags.Errorf(diag.Pos{File: name}, "the export has no levels")
	}
	for _, r := range e.Rows {
		if len(r.Cells) != len(e.Levels) {
			pos := r.Pos
			if pos.File == "" {
				pos = diag.Pos{File: name}
			}
			diags.Errorf(pos, "row %q has %d cells for %d levels", r.Title, len(r.Cells), len(e.Levels))
		}
	}
	if len(*diags) > errs {
		return nil
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	record := append(append([]string{e.Corner}, e.Levels...), headers...)
	w.Write(record)
	for _, r := range e.Rows {
		record = append(append(record[:0], r.Title), r.Cells...)
		record = append(record, carried(r.Title)...)
		w.Write(record)
	}
	w.Flush()
	if err := w.Error(); err != nil { // cannot happen when writing to memory
		diags.Errorf(diag.Pos{File: name}, "writing: %v", err)
		return nil
	}
	return b.Bytes()
}

// readPreserved reads the existing levels.csv, if any, and returns the headers of its
// preserved columns (in the order of preservedColumns) and a function giving a row
// title's values in them.
func readPreserved(existing []byte) (headers []string, carried func(title string) []string, err error) {
	none := func(string) []string { return nil }
	if len(existing) == 0 {
		return nil, none, nil
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(existing, []byte(bom))))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	if len(records) == 0 {
		return nil, none, nil
	}
	var cols []int
	for _, want := range preservedColumns {
		for j, h := range records[0] {
			if j > 0 && strings.EqualFold(strings.TrimSpace(h), want) {
				cols = append(cols, j)
				headers = append(headers, h)
				break
			}
		}
	}
	if len(cols) == 0 {
		return nil, none, nil
	}
	// The first record of each title, exact and folded.
	exact, folded := map[string][]string{}, map[string][]string{}
	for _, rec := range records[1:] {
		if _, ok := exact[rec[0]]; !ok {
			exact[rec[0]] = rec
		}
		if key := foldTitle(rec[0]); folded[key] == nil {
			folded[key] = rec
		}
	}
	return headers, func(title string) []string {
		rec, ok := exact[title]
		if !ok {
			rec = folded[foldTitle(title)]
		}
		v := make([]string, len(cols))
		for i, j := range cols {
			if j < len(rec) {
				v[i] = rec[j]
			}
		}
		return v
	}, nil
}

// foldTitle returns the key under which row titles match when not exactly equal:
// without surrounding white space, in lower case.
func foldTitle(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
