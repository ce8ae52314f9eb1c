package coda

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// The names of a role family's two sources inside content/roles/<id>/.
const (
	IndexFile  = "_index.md"
	LevelsFile = "levels.csv"
)

// Files returns the contents of roles/<id>/_index.md and roles/<id>/levels.csv.
// existingIndex and existingCSV are the files already there (nil when absent): the
// export is merged into them, so that what an author added survives a re-import.
// Merge does the same and also says what changes.
func (e *Export) Files(existingIndex, existingCSV []byte) (index, csv []byte, err error) {
	m, err := e.Merge(existingIndex, existingCSV)
	if err != nil {
		return nil, nil, err
	}
	return m.Index, m.CSV, nil
}

// Merged is the outcome of merging an export into a role's existing files.
type Merged struct {
	Index, CSV []byte // the new contents of _index.md and levels.csv
	Report     Report // what changes and what is kept
}

// Merge merges the export into the role's existing _index.md and levels.csv (nil when
// absent) and returns their new contents and a report of what changes.
//
// _index.md is a front matter holding the title, as a YAML double-quoted string, then
// the introduction. When existingIndex has a front matter, each of its lines is kept in
// place except the top-level "title:" line (and the indented lines continuing it),
// which is replaced by the new title. Its body is the author's once it holds text: it
// stays as it is when it differs from the export's intro (the report says so); a
// missing or blank body becomes the intro paragraphs, separated by blank lines.
//
// levels.csv (RFC 4180, "\n" line endings, no byte order mark) is the export's header
// (the Corner and the level titles) and rows, merged by row into existingCSV:
//
//   - Columns match levels by title, ignoring case and surrounding white space. The
//     Principles and ID columns and every column after the first of them are the
//     author's: they are kept, in their order, after the levels, with their values. A
//     column before them that is no level of the export is a level the export renamed,
//     when it holds the text of a new level in every row both have (and the author's
//     rows keep their cells in it), or else removed: it is dropped when blank, and the
//     merge refuses when it holds text.
//   - Rows match, from the surest to the loosest pass: by title exactly, by title
//     ignoring case and surrounding white space, by the row's ID (its ID column, else the
//     slug of its title) equal to the slug of the exported title (when the row holds the
//     export's text in a level, or no text), and by the same text in every level cell
//     both have (when only one row has it). A row matched by title
//     takes the export's title; one matched by ID or by its cells is a row the author
//     renamed, and keeps the file's title. Either way the cells are the export's and the
//     kept columns the file's.
//   - The export's rows new to the file are written in the export's order, with blank
//     kept columns; the file's rows the export does not have are the author's and are
//     kept, each after the row it followed.
//   - A new row whose ID would be the ID of a row the file keeps makes the merge refuse,
//     since the build would reject the two.
//
// The error, when not nil, is a diag.List naming "_index.md" or "levels.csv" (where a
// merge would lose text, each error is at that text): nothing is to be written then.
func (e *Export) Merge(existingIndex, existingCSV []byte) (*Merged, error) {
	return e.merged(IndexFile, existingIndex, LevelsFile, existingCSV)
}

// merged is Merge with the names the diagnostics and the report give the two files.
func (e *Export) merged(indexName string, existingIndex []byte, csvName string, existingCSV []byte) (*Merged, error) {
	var diags diag.List
	m := &Merged{Report: Report{IndexPath: indexName, CSVPath: csvName, NewIndex: existingIndex == nil, NewCSV: existingCSV == nil}}
	m.Index = e.index(indexName, existingIndex, &m.Report, &diags)
	m.CSV = e.levels(csvName, existingCSV, &m.Report, &diags)
	if err := diags.Err(false); err != nil {
		return nil, err
	}
	m.Report.IndexBytes = existingIndex == nil || !bytes.Equal(existingIndex, m.Index)
	m.Report.CSVBytes = existingCSV == nil || !bytes.Equal(existingCSV, m.CSV)
	return m, nil
}

// index returns the contents of _index.md.
func (e *Export) index(name string, existing []byte, rep *Report, diags *diag.List) []byte {
	var kept []string // front matter lines of existing, without the title
	at := 0           // where the title line goes among them
	var oldTitle []string
	lines := splitLines(existing)
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r") // "\r\r\n" too ends a line, as it is written again
	}
	body := lines
	if len(lines) > 0 && isFence(lines[0]) {
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
		kept, at, oldTitle = dropTitle(lines[1:end])
		if continues(kept[at:]) {
			// Lines that would read as the title's continuation stay where they are,
			// not after it: the title goes last.
			at = len(kept)
		}
		body = lines[end+1:]
	}
	title := "title: " + yamlQuote(e.Title)
	if existing != nil && (len(oldTitle) != 1 || oldTitle[0] != title) {
		rep.Title = &Change{From: titleText(oldTitle), To: e.Title}
	}
	rep.FrontMatter = topLevelKeys(kept)

	var b bytes.Buffer
	b.WriteString("---\n")
	for _, l := range kept[:at] {
		b.WriteString(l + "\n")
	}
	b.WriteString(title + "\n")
	for _, l := range kept[at:] {
		b.WriteString(l + "\n")
	}
	b.WriteString("---\n")
	intro := e.introText()
	switch old := strings.TrimSpace(strings.Join(body, "\n")); {
	case old == "":
		rep.Intro = IntroWritten
		if intro == "" {
			rep.Intro = IntroSame
		}
		b.WriteString(intro)
	case old == strings.TrimSpace(intro):
		b.WriteString(intro)
	default:
		rep.Intro = IntroKept
		b.WriteString(strings.TrimRight(strings.Join(body, "\n"), "\n\r \t") + "\n")
	}
	return b.Bytes()
}

// introText returns the intro paragraphs, each a line, separated by blank lines.
func (e *Export) introText() string {
	var b strings.Builder
	for i, p := range e.Intro {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p + "\n")
	}
	return b.String()
}

// topLevelKey matches a front matter line holding a top-level key.
var topLevelKey = regexp.MustCompile(`^([^\s#:-][^:]*?)[ \t]*:(?:[ \t]|$)`)

// topLevelKeys returns the top-level keys of front matter lines, in order.
func topLevelKeys(lines []string) []string {
	var keys []string
	for _, l := range lines {
		if m := topLevelKey.FindStringSubmatch(l); m != nil {
			keys = append(keys, m[1])
		}
	}
	return keys
}

// titleText returns the value of a title entry's lines, as written, for the report.
func titleText(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	v := strings.TrimSpace(titleKey.ReplaceAllString(lines[0], ""))
	if len(lines) > 1 || v == ">" || v == "|" {
		var parts []string
		for _, l := range lines[1:] {
			if t := strings.TrimSpace(l); t != "" {
				parts = append(parts, t)
			}
		}
		return strings.Join(parts, " ")
	}
	if u, err := strconv.Unquote(v); err == nil && strings.HasPrefix(v, `"`) {
		return u
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}

// isFence reports whether l is a front matter delimiter, as the front matter reader sees it.
func isFence(l string) bool { return strings.TrimRight(l, " \t") == "---" }

// titleKey matches a top-level title key of a YAML block mapping.
var titleKey = regexp.MustCompile(`^title[ \t]*:(?:[ \t]|$)`)

// dropTitle returns the front matter lines without the top-level title entries (each
// title line and the indented, or blank, lines continuing its value), the index at
// which the first one was (0 when there was none), and the lines dropped.
func dropTitle(lines []string) (kept []string, at int, dropped []string) {
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
		dropped = append(dropped, lines[i:last+1]...)
		i = last
	}
	return kept, at, dropped
}

// continues reports whether the first of lines that is not blank is indented, so that
// YAML would read it as continuing the value of a key written just before it.
func continues(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return l[0] == ' ' || l[0] == '\t'
		}
	}
	return false
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
func (e *Export) levels(name string, existing []byte, rep *Report, diags *diag.List) []byte {
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
	m, problems := readMatrix(name, existing)
	diags.Append(problems) // reported with what the merge finds, all at once
	if m == nil {
		return nil
	}
	var records [][]string
	if m.header == nil { // no file, or an empty one
		records = append(records, append([]string{e.Corner}, e.Levels...))
		for _, r := range e.Rows {
			records = append(records, append([]string{r.Title}, r.Cells...))
			if existing != nil {
				rep.RowsAdded = append(rep.RowsAdded, r.Title)
			}
		}
		if existing != nil {
			rep.LevelsAdded = e.Levels
		}
	} else {
		records = e.merge(m, rep, diags)
	}
	if len(*diags) > errs {
		return nil
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(records) // writing to memory fails only on a record of no fields, never written
	return b.Bytes()
}

// foldTitle returns the key under which titles match when not exactly equal: without
// surrounding white space, in lower case.
func foldTitle(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
