package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// TestCellDiff checks what the promotion view is given of a row's two cells: folded
// when they read the same (however the source spaces or breaks them), new or ending
// when one is blank, and otherwise their word difference one block a line, so that
// the items of a list stay apart.
func TestCellDiff(t *testing.T) {
	p := markdown.NewParser()
	cell := func(text string) *model.Cell {
		return &model.Cell{Text: text, Body: p.ParseCell(diag.Pos{File: "levels.csv", Line: 2, Col: 2}, text).Whole(), Blank: strings.TrimSpace(text) == ""}
	}
	k := func(s string) changes.Segment { return changes.Segment{Op: changes.Kept, Text: s} }
	add := func(s string) changes.Segment { return changes.Segment{Op: changes.Added, Text: s} }
	del := func(s string) changes.Segment { return changes.Segment{Op: changes.Removed, Text: s} }
	for _, tc := range []struct {
		name, lower, upper string
		want               CellDiff
	}{
		{"same", "Ships *small* changes.", "Ships *small* changes.", CellDiff{Same: true}},
		{"same, spaced and broken otherwise", "Ships small\nchanges.", "Ships  small changes. ", CellDiff{Same: true}},
		{"both blank", "", " ", CellDiff{Same: true}},
		{"new at the upper level", "", "Mentors one engineer 🌱.", CellDiff{New: true}},
		{"ends at the upper level", "Asks for reviews.", "", CellDiff{Ends: true}},
		{"a word changed", "Ships small changes.", "Ships whole features.", CellDiff{Lines: [][]changes.Segment{
			{k("Ships "), del("small changes."), add("whole features.")},
		}}},
		{"markup is not text", "Writes *clear* code.", "Writes **clear**, tested code.", CellDiff{Lines: [][]changes.Segment{
			{k("Writes "), del("clear "), add("clear, tested "), k("code.")},
		}}},
		{"list items stay apart", "Ships:\n\n- with tests\n- with reviews", "Ships:\n\n- with tests\n- with design reviews\n  - for the team 🇫🇷", CellDiff{Lines: [][]changes.Segment{
			{k("Ships:")},
			{k("with tests")},
			{k("with "), add("design "), k("reviews")},
			{add("for the team 🇫🇷")},
		}}},
		{"a removed item leaves no empty line", "Owns:\n\n- the build\n- the tests", "Owns:\n\n- the tests", CellDiff{Lines: [][]changes.Segment{
			{k("Owns:")},
			{k("the "), del("build the "), k("tests")},
		}}},
		{"CJK and accents", "Rédige le compte rendu。", "Rédige le compte rendu 設計書。", CellDiff{Lines: [][]changes.Segment{
			{k("Rédige le compte "), del("rendu。"), add("rendu 設計書。")},
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cellDiff(cell(tc.lower), cell(tc.upper))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cellDiff(%q, %q)\n got %+v\nwant %+v", tc.lower, tc.upper, got, tc.want)
			}
		})
	}
}
