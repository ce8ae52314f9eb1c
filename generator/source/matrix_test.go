package source

import (
	"testing"
	"testing/fstest"

	"handbook/generator/diag"
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
