// Package coda converts Coda plain-text table exports into a role family's sources.
//
// A leveling guide kept in Coda is exported as plain text: the page's chrome ("icon
// picker", the page name), the document title, its intro paragraphs, then the table as
// one value a line ("Table 8", the header chrome "0", "Column 1"..., then each row's
// number followed by its title and one cell per level) and finally Coda's print hint.
// Parse reads such an export into an Export, dropping the chrome and reporting every
// problem it finds as a diag.Diagnostic.
//
// Export.Merge turns it into the two sources of a role family,
// content/roles/<id>/_index.md and content/roles/<id>/levels.csv, merged into the
// versions already there, so that a newer export can be re-imported at any time without
// losing what an author added: front matter, an edited introduction, rows, columns, the
// Principles and IDs of rows, renamed ones included (matched by their ID or their
// cells). It returns a Report of what changes and what is kept, or, where the merge
// would lose text, a diag.List naming each place. Plan reads a role folder and plans an
// import without writing; Import.Write writes the files that change, each atomically.
// The CLI's "handbook import coda FILE --role ID [--force] [--dry-run]" is Parse, Plan,
// the report, then Write unless it is a dry run.
package coda

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Export is what a Coda table export holds once its chrome is dropped.
type Export struct {
	Page   string   // the Coda page name line (e.g. "Role Guideance"); chrome, not written out
	Title  string   // the document heading, e.g. "Professional Services (ProServe) Role Guideline"
	Intro  []string // intro paragraphs, one per line, as written
	Corner string   // the header of column 1 ("Job Title")
	Levels []string // level titles, in order
	Rows   []Row    // every row below the header row, in order, but wholly blank ones
}

// Row is one row of the matrix below the header row: a dimension such as "Key
// Responsibilities" and its expectation at each level.
type Row struct {
	Title string   // the row title, column 1, exactly as exported
	Cells []string // one cell per level, in the order of Export.Levels, exactly as exported
	Pos   diag.Pos // the line of the title; cell i is on line Pos.Line+1+i
}

// The markers of the export's chrome.
const (
	iconPicker = "icon picker" // the first line, before the page name
	bom        = "\ufeff"
)

// Parse reads the Coda plain-text table export src; name is its file name, used in the
// diagnostics' positions. Lines may end in "\n" or "\r\n" and src may start with a UTF-8
// byte order mark.
//
// The export is read as: an optional "icon picker" line; the page name (the first
// non-blank line); the document title (the next non-blank line); intro paragraphs (every
// further non-blank line) up to a line "Table N"; the header chrome "0", "Column 1" ...
// "Column K"; then rows, each a line holding its number (1, 2, ... in order) followed by
// exactly K lines, the row title and one cell per level. Row 1 is the header: its title
// is the Corner and its cells the level titles. A row whose title and cells are all blank
// is dropped; a row with cells but no title is an error. The table ends with Coda's closing chrome
// ("There are no rows in this table", "Want to print your doc?" ...), which is dropped.
// Without it the export is taken to be truncated, since a file cut in the middle of a
// row's last cell looks complete otherwise; anything else after the table is an error too,
// so that no text is lost silently. Cells are kept byte for byte, blank ones included.
//
// Every problem is reported, each at its line; when the list holds an error the Export
// is nil.
func Parse(name string, src []byte) (*Export, diag.List) {
	p := &parser{name: name, lines: splitLines(src), lastText: -1}
	for i, l := range p.lines {
		if !utf8.ValidString(l) {
			p.errorf(i, "invalid UTF-8: save the export as UTF-8 text")
		}
		if strings.TrimSpace(l) != "" {
			p.lastText = i
		}
	}
	e := p.parse()
	if p.diags.HasErrors(false) {
		return nil, p.diags
	}
	return e, p.diags
}

type parser struct {
	name     string
	lines    []string
	lastText int // the index of the last line that is not blank, -1 when none
	diags    diag.List
}

// pos returns the position of line i (counting from 0); past the end it is the last line.
func (p *parser) pos(i int) diag.Pos {
	return diag.Pos{File: p.name, Line: max(1, min(i+1, len(p.lines))), Col: 1}
}

func (p *parser) errorf(i int, format string, args ...any) {
	p.diags.Errorf(p.pos(i), format, args...)
}

func (p *parser) parse() *Export {
	table := -1
	for i, l := range p.lines {
		if isTableLine(l) {
			table = i
			break
		}
	}
	if table < 0 {
		p.errorf(0, `no "Table N" line: this is not a Coda plain-text table export`)
		return nil
	}
	e := &Export{}
	p.preamble(e, table)
	p.table(e, table)
	return e
}

// preamble reads the page name, the title and the intro from the lines before the table.
func (p *parser) preamble(e *Export, table int) {
	i := 0
	if i < table && strings.TrimSpace(p.lines[i]) == iconPicker {
		i++
	}
	var text []string
	for ; i < table; i++ {
		if strings.TrimSpace(p.lines[i]) != "" {
			text = append(text, p.lines[i])
		}
	}
	if len(text) < 2 {
		p.errorf(table, "expected the Coda page name and the document title before %q", strings.TrimSpace(p.lines[table]))
		return
	}
	e.Page = strings.TrimSpace(text[0])
	e.Title = strings.TrimSpace(text[1])
	e.Intro = text[2:]
}

// table reads the table that starts at line table ("Table N") and the chrome after it.
func (p *parser) table(e *Export, table int) {
	n := len(p.lines)
	i := table + 1
	if i < n && strings.TrimSpace(p.lines[i]) == "0" {
		i++
	} else {
		p.errorf(i, `expected the header chrome "0" after %q`, strings.TrimSpace(p.lines[table]))
	}
	k := 0
	for i < n && strings.TrimSpace(p.lines[i]) == "Column "+strconv.Itoa(k+1) {
		k++
		i++
	}
	if k == 0 {
		p.errorf(i, `expected "Column 1": the table's column list is missing`)
		return
	}
	columns := i - 1 // the last "Column K" line

	var rows []Row
	headerLost := false // the first row was malformed, so the header is unknown
	for num := 1; ; num++ {
		if i >= n || p.restBlank(i) || isChrome(p.lines[i]) {
			break
		}
		got, ok := rowNumber(p.lines[i])
		if !ok {
			p.errorf(i, "expected row number %d, found %s", num, excerpt(p.lines[i]))
			return
		}
		if got != num {
			p.errorf(i, "row number %d does not count up: expected %d", got, num)
			num = got
		}
		start, next := i+1, i+1+k
		if next > n {
			p.errorf(n, "row %d is cut short: the file ends after %d of its %d lines (title and %d cells); is the export truncated?",
				num, n-start, k, k-1)
			return
		}
		if !p.boundary(next) {
			end := p.rowEnd(start, num+1)
			if end < 0 {
				p.errorf(next, "expected row number %d after row %d's %d lines, found %s", num+1, num, k, excerpt(p.lines[next]))
				return
			}
			p.errorf(i, "row %d has %d lines, expected %d (title and %d cells); does a cell span several lines, or is one missing?",
				num, end-start, k, k-1)
			headerLost = headerLost || len(rows) == 0
			i = end
			continue
		}
		row := Row{Title: p.lines[start], Cells: p.lines[start+1 : next], Pos: p.pos(start)}
		switch {
		case len(rows) == 0 || strings.TrimSpace(row.Title) != "":
			rows = append(rows, row)
		case strings.TrimSpace(strings.Join(row.Cells, "")) != "":
			p.errorf(start, "row %d has no title", num)
		} // else the row is empty, as Coda tables' last rows often are: nothing to keep
		i = next
	}
	closed := false
	for ; i < n; i++ {
		l := p.lines[i]
		if isChrome(l) {
			closed = true
		} else if strings.TrimSpace(l) != "" {
			p.errorf(i, "unexpected text after the table: %s (only one table a file is read)", excerpt(l))
			break
		}
	}
	if !closed {
		// Coda always closes the table with these lines; without them, the last row
		// read may be cut short in the middle of a cell.
		p.errorf(n, `the table does not end with Coda's closing lines ("There are no rows in this table" ...), so the export may be truncated: export it again or, if its last row is complete, add that line after it`)
	}

	if headerLost {
		return
	}
	if len(rows) == 0 {
		p.errorf(columns, `the table has no header row: expected row "1" with the column titles ("Job Title" and the level titles)`)
		return
	}
	header := rows[0]
	if k < 2 {
		p.errorf(header.Pos.Line-1, "the table has no level columns: a role needs at least one level besides the row titles")
	}
	e.Corner, e.Levels, e.Rows = header.Title, header.Cells, rows[1:]
	seen := map[string]bool{}
	for j, l := range e.Levels {
		line := header.Pos.Line + j // 0-based index of the cell's line
		key := strings.ToLower(strings.TrimSpace(l))
		switch {
		case key == "":
			p.errorf(line, "level %d has no title", j+1)
		case key == "principles" || key == "id":
			p.errorf(line, "level title %s is reserved: levels.csv uses a column headed %[1]s for something else", excerpt(l))
		case seen[key]:
			p.errorf(line, "level title %s appears twice", excerpt(l))
		}
		seen[key] = true
	}
}

// boundary reports whether line i may follow a complete row: a row number, the closing
// chrome, or nothing but blank lines to the end.
func (p *parser) boundary(i int) bool {
	if i >= len(p.lines) || p.restBlank(i) || isChrome(p.lines[i]) {
		return true
	}
	_, ok := rowNumber(p.lines[i])
	return ok
}

// rowEnd finds where a row whose lines start at start really ends, when it does not have
// the expected number of lines: at the line holding the next row's number, or at the
// closing chrome or blank end of the file. It returns -1 when there is no such line.
func (p *parser) rowEnd(start, next int) int {
	for j := start; j < len(p.lines); j++ {
		if got, ok := rowNumber(p.lines[j]); ok && got == next {
			return j
		}
		if isChrome(p.lines[j]) || p.restBlank(j) {
			return j
		}
	}
	return -1
}

// restBlank reports whether the lines from i to the end are all blank.
func (p *parser) restBlank(i int) bool { return i > p.lastText }

// excerpt quotes line for a message, cut short when it is long.
func excerpt(line string) string {
	const most = 60
	if utf8.RuneCountInString(line) <= most {
		return strconv.Quote(line)
	}
	return strconv.Quote(string([]rune(line)[:most]) + "…")
}

// splitLines splits src into lines without their "\n" or "\r\n" endings, after dropping
// a leading byte order mark. A final line ending does not start another line.
func splitLines(src []byte) []string {
	s := strings.TrimPrefix(string(src), bom)
	if s == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// isTableLine reports whether l is Coda's "Table N" line.
func isTableLine(l string) bool {
	n, ok := strings.CutPrefix(strings.TrimSpace(l), "Table ")
	if !ok {
		return false
	}
	_, ok = rowNumber(n)
	return ok
}

// rowNumber returns the number on a row-number line: decimal digits only.
func rowNumber(l string) (int, bool) {
	l = strings.TrimSpace(l)
	if l == "" || len(l) > 9 {
		return 0, false
	}
	for _, c := range []byte(l) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(l)
	return n, err == nil
}

// closing holds the lines of the chrome Coda writes after the table, lowercased.
var closing = map[string]bool{
	"there are no rows in this table": true,
	"want to print your doc?":         true,
	"this is not the way.":            true,
	"ctrlp":                           true,
	"ctrl+p":                          true,
	"ctrl p":                          true,
	"⌘p":                              true,
	"⌘ p":                             true,
	"cmd+p":                           true,
	") instead.":                      true,
}

// isChrome reports whether l is a line of the chrome after the table, ignoring case and
// surrounding white space. The keyboard-shortcut hint ("Try clicking the ⋯ next to your
// doc name or using a keyboard shortcut (") is matched by its words, whatever the icon.
func isChrome(l string) bool {
	l = strings.ToLower(strings.TrimSpace(l))
	return closing[l] || strings.HasPrefix(l, "try clicking the") && strings.Contains(l, "next to your doc name")
}

// columnHeader matches the header chrome "Column 1", "Column 2" ... and "Table 8".
var columnHeader = regexp.MustCompile(`(?i)^(column|table) \d+$`)

// IsChrome reports whether a line, standing alone, is one Coda adds to every export and
// never content: the icon picker, "Table N" and "Column N" markers, and the closing lines.
// The lint of handbook check uses it to find chrome left in sources.
func IsChrome(line string) bool {
	l := strings.TrimSpace(line)
	return strings.EqualFold(l, iconPicker) || columnHeader.MatchString(l) || isChrome(l) && l != ") instead."
}
