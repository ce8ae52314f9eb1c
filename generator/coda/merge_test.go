package coda

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/foldertest"
	"github.com/handbook-dev/handbook/generator/source"
)

// time0 is a modification time no write leaves.
var time0 = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

var update = flag.Bool("update", false, "rewrite the merge fixture's golden files")

// mergeExport is a small export: two levels and two rows, as exported again after an
// author worked on the files importing an earlier one made.
func mergeExport() *Export {
	at := func(line int) diag.Pos { return diag.Pos{File: "export.txt", Line: line, Col: 1} }
	return &Export{
		Title: "Small Role Guideline", Intro: []string{"First paragraph.", "Second paragraph."},
		Corner: "Job Title", Levels: []string{"L1", "L2"},
		Rows: []Row{
			{Title: "Scope", Cells: []string{"a", "b"}, Pos: at(12)},
			{Title: "Craft", Cells: []string{"c", "d"}, Pos: at(15)},
		},
	}
}

// imported is what importing mergeExport made, plus the Principles and ID an author added.
const (
	importedIndex = "---\ntitle: \"Small Role Guideline\"\n---\nFirst paragraph.\n\nSecond paragraph.\n"
	importedCSV   = "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nCraft,c,d,Dive Deep,craft\n"
)

// TestMergeKeepsWhatTheAuthorAdded: each case is work an author did on the imported
// files that a re-import with --force used to drop, and the report of the merge.
func TestMergeKeepsWhatTheAuthorAdded(t *testing.T) {
	tests := []struct {
		name       string
		index, csv string // the existing files
		edit       func(e *Export)
		wantIndex  string
		wantCSV    string
		wantReport []string
	}{
		{
			name:    "an added row is kept in its place",
			index:   importedIndex,
			csv:     "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\n\"Mentoring, 1:1; pairing 🤝\",m1,\"- guides\n  - pairs\",Hire and Develop the Best,mentoring\nCraft,c,d,Dive Deep,craft\n",
			wantCSV: "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\n\"Mentoring, 1:1; pairing 🤝\",m1,\"- guides\n  - pairs\",Hire and Develop the Best,mentoring\nCraft,c,d,Dive Deep,craft\n",
			wantReport: []string{"levels.csv:", "  no change", `  kept row not in the export: "Mentoring, 1:1; pairing 🤝" (line 3)`,
				`  kept columns "Principles", "ID" (values in 3 rows)`, "_index.md:", "  no change"},
		},
		{
			name:    "an added column is kept with its values",
			index:   importedIndex,
			csv:     "Job Title,L1,L2,Principles,ID,Notes\nScope,a,b,Ownership,scope,see the wiki\nCraft,c,d,Dive Deep,craft,\n",
			wantCSV: "Job Title,L1,L2,Principles,ID,Notes\nScope,a,b,Ownership,scope,see the wiki\nCraft,c,d,Dive Deep,craft,\n",
			wantReport: []string{"levels.csv:", "  no change", `  kept columns "Principles", "ID", "Notes" (values in 2 rows)`,
				"_index.md:", "  no change"},
		},
		{
			name:    "a renamed row keeps its title, Principles and ID, matched by the ID it kept",
			index:   importedIndex,
			csv:     "Job Title,L1,L2,Principles,ID\nOur Scope,a,b,Ownership,scope\nCraft,c,d,Dive Deep,craft\n",
			edit:    func(e *Export) { e.Rows[0].Cells[1] = "b, wider" },
			wantCSV: "Job Title,L1,L2,Principles,ID\nOur Scope,a,\"b, wider\",Ownership,scope\nCraft,c,d,Dive Deep,craft\n",
			wantReport: []string{"levels.csv:", `  cells changed: "Our Scope" under "L2"`,
				`  kept the title of renamed row "Our Scope" (line 2; the export's "Scope", matched by its ID)`,
				`  kept columns "Principles", "ID" (values in 2 rows)`, "_index.md:", "  no change"},
		},
		{
			name:    "a renamed row with an ID of its own keeps them, matched by its cells",
			index:   importedIndex,
			csv:     "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nTechnical craft,c,d,Dive Deep,tech\n",
			wantCSV: "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nTechnical craft,c,d,Dive Deep,tech\n",
			wantReport: []string{"levels.csv:", "  no change",
				`  kept the title of renamed row "Technical craft" (line 3; the export's "Craft", matched by its cells)`,
				`  kept columns "Principles", "ID" (values in 2 rows)`, "_index.md:", "  no change"},
		},
		{
			name:      "an edited introduction and added front matter are kept",
			index:     "---\ntitle: Old Title\ntrack: Manager\nlevels:\n  - {title: L1, id: one}\n---\nOur own introduction, **edited**.\n",
			csv:       importedCSV,
			wantIndex: "---\ntitle: \"Small Role Guideline\"\ntrack: Manager\nlevels:\n  - {title: L1, id: one}\n---\nOur own introduction, **edited**.\n",
			wantReport: []string{"levels.csv:", "  no change", `  kept columns "Principles", "ID" (values in 2 rows)`,
				"_index.md:", `  title changed: "Old Title" -> "Small Role Guideline"`,
				"  kept the introduction, which differs from the export's (to take the export's, empty the body and import again)",
				"  kept front matter: track, levels"},
		},
		{
			name:    "levels in another order in the export",
			index:   importedIndex,
			csv:     "Job Title,L2,L1,Principles,ID\nScope,b,a,Ownership,scope\nCraft,d,c,Dive Deep,craft\n",
			wantCSV: importedCSV,
			wantReport: []string{"levels.csv:", "  level columns moved to the export's order",
				`  kept columns "Principles", "ID" (values in 2 rows)`, "_index.md:", "  no change"},
		},
		{
			name:    "rows in another order in the export",
			index:   importedIndex,
			csv:     "Job Title,L1,L2,Principles,ID\nCraft,c,d,Dive Deep,craft\nMine,x,y,,mine\nScope,a,b,Ownership,scope\n",
			wantCSV: "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nCraft,c,d,Dive Deep,craft\nMine,x,y,,mine\n",
			wantReport: []string{"levels.csv:", "  rows moved to the export's order (yours stay after the row they followed)",
				`  kept row not in the export: "Mine" (line 3)`,
				`  kept columns "Principles", "ID" (values in 3 rows)`, "_index.md:", "  no change"},
		},
		{
			name:    "a level the export renamed, told by its cells, keeps the author's cells",
			index:   importedIndex,
			csv:     "Job Title,L1,Second,Principles,ID\nScope,a,b,Ownership,scope\nMine,x,\"y, mine\",,mine\nCraft,c,d,Dive Deep,craft\n",
			wantCSV: "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nMine,x,\"y, mine\",,mine\nCraft,c,d,Dive Deep,craft\n",
			wantReport: []string{"levels.csv:", `  level renamed (its cells are the same): "Second" -> "L2"`,
				`  kept row not in the export: "Mine" (line 3)`,
				`  kept columns "Principles", "ID" (values in 3 rows)`, "_index.md:", "  no change"},
		},
		{
			name:  "all at once, with a level and a row new in the export",
			index: "---\ntitle: \"Small Role Guideline\"\n---\n\n",
			csv:   "Job Title,L1,L2,Principles,ID,Notes\nOur Scope,a,b,Ownership,scope,n1\nMine,x,y,Frugality,mine,n2\nCraft,c,old d,Dive Deep,craft,\n",
			edit: func(e *Export) {
				e.Levels = append(e.Levels, "L3")
				e.Rows[0].Cells = append(e.Rows[0].Cells, "e")
				e.Rows[1].Cells = append(e.Rows[1].Cells, "f")
				e.Rows = append(e.Rows, Row{Title: "Impact", Cells: []string{"g", "", "h"}})
			},
			wantIndex: importedIndex,
			wantCSV:   "Job Title,L1,L2,L3,Principles,ID,Notes\nOur Scope,a,b,e,Ownership,scope,n1\nMine,x,y,,Frugality,mine,n2\nCraft,c,d,f,Dive Deep,craft,\nImpact,g,,h,,,\n",
			wantReport: []string{"levels.csv:", `  level added: "L3"`, `  row added: "Impact"`, `  cells changed: "Craft" under "L2"`,
				`  kept the title of renamed row "Our Scope" (line 2; the export's "Scope", matched by its ID)`,
				`  kept row not in the export: "Mine" (line 3)`,
				`  kept columns "Principles", "ID", "Notes" (values in 3 rows)`,
				"_index.md:", "  introduction written from the export (the body was blank)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mergeExport()
			if tt.edit != nil {
				tt.edit(e)
			}
			m, err := e.Merge([]byte(tt.index), []byte(tt.csv))
			if err != nil {
				t.Fatal(err)
			}
			wantIndex := cmpOr(tt.wantIndex, tt.index)
			if string(m.Index) != wantIndex {
				t.Errorf("_index.md =\n%s\nwant\n%s", m.Index, wantIndex)
			}
			if wantCSV := cmpOr(tt.wantCSV, tt.csv); string(m.CSV) != wantCSV {
				t.Errorf("levels.csv =\n%s\nwant\n%s", m.CSV, wantCSV)
			}
			if got := m.Report.Lines(); !slices.Equal(got, tt.wantReport) {
				t.Errorf("report =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.wantReport, "\n"))
			}
			// Merging again changes nothing: the merge is its own fixed point.
			again, err := e.Merge(m.Index, m.CSV)
			if err != nil || !bytes.Equal(again.Index, m.Index) || !bytes.Equal(again.CSV, m.CSV) || again.Report.Changed() {
				t.Errorf("a second merge changes the files (err %v):\n%s\n%s", err, again.Index, again.CSV)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestMergeRefuses: where the merge would lose text or make a matrix the build rejects,
// it fails with every problem at its place and returns no files.
func TestMergeRefuses(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		edit func(e *Export)
		want []string
	}{
		{
			name: "a level the export removed holds text",
			csv:  "Job Title,L1,L2,L3,Principles,ID\nScope,a,b,deep,Ownership,scope\nCraft,c,d,,Dive Deep,craft\nMine,x,y,\"z, mine\",,\n",
			want: []string{
				`levels.csv:1:17: error: level "L3" is not in the export, and 2 cells of its column would be lost: if the export renamed the level, give the column its new title; if the level is gone, delete the column; if the column is your own, move it after the Principles or ID column, where imports keep it`,
				`levels.csv:2:11: error: the cell of row "Scope" under level "L3" would be lost: "deep"`,
				`levels.csv:4:10: error: the cell of row "Mine" under level "L3" would be lost: "z, mine"`,
			},
		},
		{
			name: "a level the export renamed holds text",
			csv:  "Job Title,L1,Level Two\nScope,a,b\nCraft,c,\n",
			want: []string{
				`levels.csv:1:14: error: level "Level Two" is not in the export, and 1 cell of its column would be lost: if the export renamed the level, give the column its new title; if the level is gone, delete the column; if the column is your own, move it after the Principles or ID column, where imports keep it`,
				`levels.csv:2:9: error: the cell of row "Scope" under level "Level Two" would be lost: "b"`,
			},
		},
		{
			name: "an exported row new to the file has the ID the author gave another row",
			csv:  "Job Title,L1,L2,Principles,ID\nScope,a,b,Ownership,scope\nCraft,c,d,Dive Deep,quality\n",
			edit: func(e *Export) {
				e.Rows = append(e.Rows, Row{Title: "Quality", Cells: []string{"q1", "q2"}, Pos: diag.Pos{File: "export.txt", Line: 18, Col: 1}})
			},
			want: []string{
				`export.txt:18:1: error: the exported row "Quality" is new to levels.csv but its ID "quality" is already the ID of row "Craft" at levels.csv:3:1: rename one of them, or give the row of levels.csv another ID`,
			},
		},
		{
			name: "an author's row has the ID a row new in the export would have, and none of its text",
			csv:  importedCSV + "Team care,looks after,cares for,Earn Trust,care\n",
			edit: func(e *Export) {
				e.Rows = append(e.Rows, Row{Title: "Care!", Cells: []string{"c1", "c2"}, Pos: diag.Pos{File: "export.txt", Line: 18, Col: 1}})
			},
			want: []string{
				`export.txt:18:1: error: the exported row "Care!" is new to levels.csv but its ID "care" is already the ID of row "Team care" at levels.csv:4:1: rename one of them, or give the row of levels.csv another ID`,
			},
		},
		{
			name: "a field beyond the header holds text, and a removed level too",
			csv:  "Job Title,L1,L2,Old\nScope,a,b,x,stray\nCraft,c,d,,\n",
			want: []string{
				`levels.csv:1:17: error: level "Old" is not in the export, and 1 cell of its column would be lost: if the export renamed the level, give the column its new title; if the level is gone, delete the column; if the column is your own, move it after the Principles or ID column, where imports keep it`,
				`levels.csv:2:11: error: the cell of row "Scope" under level "Old" would be lost: "x"`,
				`levels.csv:2:13: error: field 5 holds text but the header has only 4 columns: the merge would drop it; give the column a header or remove the text`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mergeExport()
			if tt.edit != nil {
				tt.edit(e)
			}
			m, err := e.Merge([]byte(importedIndex), []byte(tt.csv))
			if m != nil {
				t.Errorf("Merge returned files with an error")
			}
			list, ok := err.(diag.List)
			if !ok {
				t.Fatalf("err = %v (%T), want a diag.List", err, err)
			}
			var got []string
			for _, d := range list.Sorted() {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestMergeOtherOrganisation merges a newer export of another organisation's ladder (8
// levels, one more than the file, 25 rows, blank cells, French, Japanese and emoji
// titles holding "," and ";") into the files an author worked on and saved from Excel
// (byte order mark, CRLF, a nested list in a cell). The result is compared with the
// golden files under testdata/merge/want/ (go test -update rewrites them); it must read
// back in the build with each row's Principles and ID as the author set them.
func TestMergeOtherOrganisation(t *testing.T) {
	dir := filepath.Join("testdata", "merge")
	e := mustParse(t, "export.txt", readTestdata(t, "merge/export.txt"))
	if len(e.Levels) != 8 || len(e.Rows) != 25 {
		t.Fatalf("the export has %d levels and %d rows, want 8 and 25", len(e.Levels), len(e.Rows))
	}
	oldIndex, oldCSV := readTestdata(t, "merge/_index.md"), readTestdata(t, "merge/levels.csv")
	if !bytes.HasPrefix(oldCSV, []byte(bom)) || !bytes.Contains(oldCSV, []byte("\r\n")) {
		t.Fatal("the fixture's levels.csv is not as Excel saves it (BOM, CRLF)")
	}
	m, err := e.Merge(oldIndex, oldCSV)
	if err != nil {
		t.Fatal(err)
	}
	report := strings.Join(m.Report.Lines(), "\n") + "\n"
	for name, got := range map[string][]byte{IndexFile: m.Index, LevelsFile: m.CSV, "report.txt": []byte(report)} {
		path := filepath.Join(dir, "want", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", name, path, got)
		}
	}

	// Every value the author put in the kept columns is there, on the same row.
	oldRows := readRecords(t, oldCSV)
	newRows := readRecords(t, m.CSV)
	for _, col := range []string{"Principles", "ID", "Notes (équipe)"} {
		oc, nc := slices.Index(oldRows[0], col), slices.Index(newRows[0], col)
		if oc < 0 || nc < 0 {
			t.Fatalf("column %q: at %d before, %d after", col, oc, nc)
		}
		for _, old := range oldRows[1:] {
			i := slices.IndexFunc(newRows, func(r []string) bool { return r[0] == old[0] })
			if i < 0 {
				t.Errorf("row %q was lost", old[0])
				continue
			}
			if newRows[i][nc] != old[oc] {
				t.Errorf("row %q, column %q: %q, want %q", old[0], col, newRows[i][nc], old[oc])
			}
		}
	}
	if len(newRows) != 1+26 {
		t.Errorf("levels.csv has %d rows, want the export's 25 and the author's one", len(newRows)-1)
	}

	// The build reads the merged role as the author set it up.
	site, diags := source.Load(fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: Handbook\n---\n")},
		"content/roles/eng/_index.md":  {Data: m.Index},
		"content/roles/eng/levels.csv": {Data: m.CSV},
	}, source.Options{})
	if diags.HasErrors(false) {
		t.Fatalf("the merged role does not load:\n%v", diags)
	}
	role := site.Roles[0]
	var levels []string
	for _, l := range role.Levels {
		levels = append(levels, l.ID)
	}
	// The author's own column is one more level to the build, after the export's.
	wantLevels := []string{"stagiaire", "ingenieur-i", "ingenieur-ii", "senior-lead", "staff-principal", "shunin", "distinguished", "fellow", "notes-equipe"}
	if !slices.Equal(levels, wantLevels) {
		t.Errorf("level IDs %q, want %q", levels, wantLevels)
	}
	ids := map[string]string{}
	for _, r := range role.Rows {
		ids[r.Title] = r.ID
	}
	for title, id := range map[string]string{
		"Communication (écrite, orale)": "communication",
		"Livraison":                     "delivery-on-time",
		"技術的卓越性":                        "tech-excellence",
		"Bien-être de l'équipe 💚":       "team-wellbeing",
		"Innovation, brevets":           "innovation-brevets",
	} {
		if ids[title] != id {
			t.Errorf("row %q has the ID %q, want %q", title, ids[title], id)
		}
	}
}

func readRecords(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// TestPlanWritesNothing: planning an import, refused or not, leaves the folder as it was;
// writing the plan changes only the files that change.
func TestPlanWritesNothing(t *testing.T) {
	content := t.TempDir()
	dir := filepath.Join(content, "roles", "small-role")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, IndexFile), []byte(importedIndex), 0o644)
	os.WriteFile(filepath.Join(dir, LevelsFile), []byte("Job Title,L1,L2,L3\nScope,a,b,\nCraft,c,old,\n"), 0o644)
	before := foldertest.State(t, content)

	im, err := Plan(content, "small-role", mergeExport(), true)
	if err != nil {
		t.Fatal(err)
	}
	foldertest.Same(t, "Plan", before, foldertest.State(t, content))
	if im.Files[0].Changed != true || im.Files[1].Changed != false {
		t.Errorf("changed: levels.csv %v, _index.md %v; want true, false", im.Files[0].Changed, im.Files[1].Changed)
	}
	if want := `  level removed (its column was blank): "L3"`; !slices.Contains(im.Report.Lines(), want) {
		t.Errorf("report lacks %q:\n%s", want, strings.Join(im.Report.Lines(), "\n"))
	}

	refused := mergeExport()
	refused.Levels[1] = "Level 2"
	if _, err := Plan(content, "small-role", refused, true); err == nil {
		t.Fatal("a merge losing a cell was not refused")
	}
	foldertest.Same(t, "refused Plan", before, foldertest.State(t, content))

	// Writing touches levels.csv only.
	os.Chtimes(filepath.Join(dir, IndexFile), time0, time0)
	if err := im.Write(); err != nil {
		t.Fatal(err)
	}
	assertFile(t, filepath.Join(dir, LevelsFile), "Job Title,L1,L2\nScope,a,b\nCraft,c,d\n")
	if fi, err := os.Stat(filepath.Join(dir, IndexFile)); err != nil || !fi.ModTime().Equal(time0) {
		t.Errorf("the unchanged _index.md was written again")
	}
}
