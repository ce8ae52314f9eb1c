package coda

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Report says what an import changes in a role's two files and what it keeps of what
// an author added to them. The zero Report is an import that changes nothing.
type Report struct {
	IndexPath, CSVPath string // the files' names, as the report prints them
	NewIndex, NewCSV   bool   // the file did not exist and is created
	IndexBytes         bool   // _index.md's bytes change
	CSVBytes           bool   // levels.csv's bytes change

	Title       *Change  // the role's title, when it changes
	FrontMatter []string // the top-level front matter keys kept besides the title
	Intro       Intro    // what becomes of the introduction

	Corner          *Change     // the header of the row titles' column, when it changes
	LevelsAdded     []string    // the export's levels the file did not have
	LevelsRemoved   []string    // the file's levels the export no longer has (their columns were blank)
	LevelsReordered bool        // the file's level columns move to the export's order
	LevelsRenamed   []Change    // the file's levels the export renamed, told by their cells
	RowsAdded       []string    // the export's rows the file did not have
	RowsChanged     []RowChange // rows whose level cells change
	RowsReordered   bool        // the export's rows move to the export's order
	Retitled        []Change    // rows whose title changes in case or surrounding white space
	Renamed         []Renamed   // rows the author renamed, matched by ID or cells, keeping their titles
	KeptRows        []RowRef    // the author's rows, which the export does not have
	KeptColumns     []string    // the columns kept beside the levels: Principles, ID, the author's own
	RowsKeptValues  int         // rows with a value kept in those columns
}

// Intro is what an import does with the body of _index.md.
type Intro int

const (
	// IntroSame: the body already is the export's introduction.
	IntroSame Intro = iota
	// IntroWritten: the body was missing or blank and is now the export's introduction.
	IntroWritten
	// IntroKept: the body differs from the export's introduction (the author edited it)
	// and is kept as it is.
	IntroKept
)

// Change is a value that changes from From to To.
type Change struct{ From, To string }

// RowChange is an exported row whose cells differ from the file's at some levels.
type RowChange struct {
	Title  string
	Levels []string // the levels whose cells change
}

// Renamed is a row of the file matched to an exported row of another title, by the ID
// the author kept (ByID) or by the same cells; the file's title and values are kept.
type Renamed struct {
	File, Export string
	ByID         bool
	Pos          diag.Pos // the row's title in levels.csv
}

// RowRef is a row of the file, by its title and place.
type RowRef struct {
	Title string
	Pos   diag.Pos
}

// Changed reports whether the import changes a byte of either file.
func (r *Report) Changed() bool { return r.IndexBytes || r.CSVBytes }

// Lines returns the report as lines for a person to read: under each file's name, one
// line for each change, then what is kept.
func (r *Report) Lines() []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, "  "+fmt.Sprintf(format, args...)) }
	out = append(out, r.CSVPath+":")
	changes := len(out)
	if r.NewCSV {
		add("created")
	}
	if r.Corner != nil {
		add("first column's header changed: %s -> %s", quote(r.Corner.From), quote(r.Corner.To))
	}
	for _, l := range r.LevelsAdded {
		add("level added: %s", quote(l))
	}
	for _, l := range r.LevelsRemoved {
		add("level removed (its column was blank): %s", quote(l))
	}
	for _, c := range r.LevelsRenamed {
		add("level renamed (its cells are the same): %s -> %s", quote(c.From), quote(c.To))
	}
	if r.LevelsReordered {
		add("level columns moved to the export's order")
	}
	for _, t := range r.RowsAdded {
		add("row added: %s", quote(t))
	}
	for _, c := range r.RowsChanged {
		add("cells changed: %s under %s", quote(c.Title), quoteAll(c.Levels))
	}
	for _, c := range r.Retitled {
		add("row retitled: %s -> %s", quote(c.From), quote(c.To))
	}
	if r.RowsReordered {
		add("rows moved to the export's order (yours stay after the row they followed)")
	}
	out = unchanged(out, changes, r.CSVBytes)
	for _, n := range r.Renamed {
		by := "by its cells"
		if n.ByID {
			by = "by its ID"
		}
		add("kept the title of renamed row %s (line %d; the export's %s, matched %s)", quote(n.File), n.Pos.Line, quote(n.Export), by)
	}
	for _, k := range r.KeptRows {
		add("kept row not in the export: %s (line %d)", quote(k.Title), k.Pos.Line)
	}
	if len(r.KeptColumns) > 0 {
		add("kept columns %s (values in %d %s)", quoteAll(r.KeptColumns), r.RowsKeptValues, plural(r.RowsKeptValues, "row", "rows"))
	}
	out = append(out, r.IndexPath+":")
	changes = len(out)
	if r.NewIndex {
		add("created")
	}
	switch {
	case r.Title == nil:
	case r.Title.From == "":
		add("title set: %s", quote(r.Title.To))
	default:
		add("title changed: %s -> %s", quote(r.Title.From), quote(r.Title.To))
	}
	if r.Intro == IntroWritten && !r.NewIndex {
		add("introduction written from the export (the body was blank)")
	}
	out = unchanged(out, changes, r.IndexBytes)
	if r.Intro == IntroKept {
		add("kept the introduction, which differs from the export's (to take the export's, empty the body and import again)")
	}
	if len(r.FrontMatter) > 0 {
		add("kept front matter: %s", strings.Join(r.FrontMatter, ", "))
	}
	return out
}

// unchanged adds a line saying so when no change was listed since out[from], telling
// apart a file left as it is and one only rewritten in the importer's layout.
func unchanged(out []string, from int, bytesChange bool) []string {
	switch {
	case len(out) > from:
		return out
	case bytesChange:
		return append(out, "  rewritten in the importer's layout (column order, quoting, line endings), same text")
	}
	return append(out, "  no change")
}

func quote(s string) string { return strconv.Quote(s) }

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
