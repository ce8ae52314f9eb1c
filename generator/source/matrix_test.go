package source

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/diag"
)

// TestRefPositions checks that each reference of a Principles field is placed at its
// first character, after the line breaks, doubled quotes and Unicode spaces before it.
func TestRefPositions(t *testing.T) {
	csv := "Level,L1,Principles\n" +
		"A,x,\"one;\n two; three\"\n" +
		"B,x,\"say \"\"no\"\";\r\n\u00a0four\"\n"
	fsys := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: T\n---\n")},
		"content/roles/r/_index.md":  {Data: []byte("---\ntitle: R\n---\n")},
		"content/roles/r/levels.csv": {Data: []byte(csv)},
	}
	site, diags := Load(fsys, Options{})
	if site == nil || len(site.Roles) != 1 {
		t.Fatalf("no role: %v", diags)
	}
	at := func(line, col int) diag.Pos {
		return diag.Pos{File: "content/roles/r/levels.csv", Line: line, Col: col}
	}
	want := [][]struct {
		text string
		pos  diag.Pos
	}{
		{{"one", at(2, 6)}, {"two", at(3, 2)}, {"three", at(3, 7)}},
		{{`say "no"`, at(4, 6)}, {"four", at(5, 2)}}, // after one no-break space: one character, two bytes
	}
	rows := site.Roles[0].Rows
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %v", len(rows), len(want), diags)
	}
	for i, row := range rows {
		if len(row.PrincipleRefs) != len(want[i]) {
			t.Errorf("row %d: refs %v, want %v", i, row.PrincipleRefs, want[i])
			continue
		}
		for j, ref := range row.PrincipleRefs {
			if ref.Text != want[i][j].text || ref.Pos != want[i][j].pos {
				t.Errorf("row %d: ref %q at %s, want %q at %s", i, ref.Text, ref.Pos, want[i][j].text, want[i][j].pos)
			}
		}
	}
}

// TestBlankCells checks that a blank cell is no expectation at its level, not a
// problem, in a matrix saved as spreadsheets save it (a byte-order mark, CRLF line
// ends): only a row blank at every level and a level blank in every row are warned
// of, at the row's line and the level's header column.
func TestBlankCells(t *testing.T) {
	csv := "\uFEFFDimension,Level 1,Level 2,Level 3,Level 4,Principles\r\n" +
		"Delivery,Ships.,Ships more.,Ships a lot.,,P\r\n" +
		"Leadership,,,\"Leads:\n- a team\",,P\r\n" +
		"Vision, ,\t,,,P\r\n"
	fsys := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: T\n---\n")},
		"content/roles/r/_index.md":  {Data: []byte("---\ntitle: R\n---\n")},
		"content/roles/r/levels.csv": {Data: []byte(csv)},
	}
	site, diags := Load(fsys, Options{})
	if site == nil || len(site.Roles) != 1 {
		t.Fatalf("no role: %v", diags)
	}
	want := "content/roles/r/levels.csv:1:35: warning: level \"Level 4\" has no expectation in any row: every cell of its column is blank; fill one in or delete the column\n" +
		"content/roles/r/levels.csv:5:1: warning: row \"Vision\" has no expectation at any level: every cell of its line is blank; fill one in or delete the line"
	if got := diags.Sorted().Error(); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	var blank []string
	for _, row := range site.Roles[0].Rows {
		var b strings.Builder
		for _, c := range row.Cells {
			b.WriteString(map[bool]string{true: "_", false: "x"}[c.Blank])
		}
		blank = append(blank, row.ID+":"+b.String())
	}
	if got, want := strings.Join(blank, " "), "delivery:xxx_ leadership:__x_ vision:____"; got != want {
		t.Errorf("blank cells %s, want %s", got, want)
	}
}
