package source

import (
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

func TestItemFiles(t *testing.T) {
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"content/roles/eng/levels.csv", []string{"content/roles/eng/levels.csv", "content/roles/eng/_index.md"}},
		{"content/roles/eng/_index.md", []string{"content/roles/eng/_index.md", "content/roles/eng/levels.csv"}},
		{"content/roles/工程-日本/levels.csv", []string{"content/roles/工程-日本/levels.csv", "content/roles/工程-日本/_index.md"}},
		{"content/roles/_index.md", []string{"content/roles/_index.md"}},
		{"content/roles/eng/notes.md", []string{"content/roles/eng/notes.md"}},
		{"content/roles/eng/deeper/levels.csv", []string{"content/roles/eng/deeper/levels.csv"}},
		{"content/principles/ownership.md", []string{"content/principles/ownership.md"}},
		{"content/interview/leadership.md", []string{"content/interview/leadership.md"}},
		{"content/_index.md", []string{"content/_index.md"}},
		{"elsewhere/roles/eng/levels.csv", []string{"elsewhere/roles/eng/levels.csv"}},
	} {
		if got := ItemFiles(tc.path); !slices.Equal(got, tc.want) {
			t.Errorf("ItemFiles(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestItemFilesLoadAlone: the items of a part of a handbook loaded from its ItemFiles
// are those of the whole handbook's load.
func TestItemFilesLoadAlone(t *testing.T) {
	whole := fstest.MapFS{
		"content/_index.md":                   {Data: []byte("---\ntitle: Handbuch\nlanguage: de\n---\n")},
		"content/principles/eigentum.md":      {Data: []byte("---\ntitle: Eigentum 🚀\n---\nWir übernehmen; wir liefern.\n")},
		"content/principles/vertrauen.md":     {Data: []byte("---\ntitle: Vertrauen\n---\nOffen, ehrlich.\n")},
		"content/roles/ingenieria/_index.md":  {Data: []byte("---\ntitle: Ingeniería\nlevels:\n  - {title: Júnior, id: junior}\n  - {title: Sénior, id: senior}\n---\n")},
		"content/roles/ingenieria/levels.csv": {Data: []byte("\uFEFFÁrea,Júnior,Sénior\r\nCódigo,\"Escribe; prueba\",\r\n設計,,Diseña\r\n")},
		"content/roles/other/_index.md":       {Data: []byte("---\ntitle: Other\n---\n")},
		"content/roles/other/levels.csv":      {Data: []byte("Row,L1\nA,x\n")},
	}
	all, _ := Load(whole, Options{})
	part := fstest.MapFS{}
	for _, p := range ItemFiles("content/roles/ingenieria/levels.csv") {
		part[p] = whole[p]
	}
	part["content/principles/vertrauen.md"] = whole["content/principles/vertrauen.md"]
	some, _ := Load(part, Options{})
	if len(some.Roles) != 1 || len(some.Principles) != 1 {
		t.Fatalf("loaded %d roles and %d principles, want 1 and 1", len(some.Roles), len(some.Principles))
	}
	role := func(s *model.Site, id string) *model.Role {
		i := slices.IndexFunc(s.Roles, func(r *model.Role) bool { return r.ID == id })
		if i < 0 {
			t.Fatalf("no role %q", id)
		}
		return s.Roles[i]
	}
	cells := func(r *model.Role) (out []string) {
		for _, row := range r.Rows {
			for _, c := range row.Cells {
				out = append(out, c.Anchor()+"="+c.Text)
			}
		}
		return out
	}
	a, b := role(all, "ingenieria"), role(some, "ingenieria")
	if a.Title != b.Title || len(a.Levels) != len(b.Levels) || !slices.Equal(cells(a), cells(b)) {
		t.Errorf("the role loaded alone: %q, %d levels, cells %q; want %q, %d levels, cells %q", b.Title, len(b.Levels), cells(b), a.Title, len(a.Levels), cells(a))
	}
	if len(cells(a)) == 0 {
		t.Fatal("the role has no cells")
	}
	if got, want := some.Principles[0].Body.Text(), all.Principles[1].Body.Text(); got != want {
		t.Errorf("principle alone: %q, want %q", got, want)
	}
}

// TestCellText: with CellText, cells keep their text and are not parsed; the rest of
// the model is as without it.
func TestCellText(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: ハンドブック\n---\n")},
		"content/roles/eng/_index.md":  {Data: []byte("---\ntitle: Engineering\n---\n")},
		"content/roles/eng/levels.csv": {Data: []byte("\uFEFFRow,L1,L2\r\n\"Code; review\",\"- **Writes** tests\n  - nested\",\r\nDesign 🎨,,Leads\r\n")},
	}
	parsed, _ := Load(fsys, Options{})
	plain, diags := Load(fsys, Options{CellText: true})
	if diags.HasErrors(false) {
		t.Fatal(diags)
	}
	pr, tr := parsed.Roles[0], plain.Roles[0]
	if len(pr.Rows) != len(tr.Rows) || len(pr.Levels) != len(tr.Levels) {
		t.Fatalf("CellText changed the matrix: %d rows, %d levels; want %d, %d", len(tr.Rows), len(tr.Levels), len(pr.Rows), len(pr.Levels))
	}
	for i, row := range tr.Rows {
		for j, c := range row.Cells {
			want := pr.Rows[i].Cells[j]
			if c.Text != want.Text || c.Blank != want.Blank || c.Anchor() != want.Anchor() {
				t.Errorf("cell %s: %q (blank %v), want %q (blank %v) at %s", c.Anchor(), c.Text, c.Blank, want.Text, want.Blank, want.Anchor())
			}
			if !c.Body.Empty() {
				t.Errorf("cell %s was parsed", c.Anchor())
			}
		}
	}
	if pr.Rows[0].Cells[0].Body.Empty() {
		t.Error("without CellText, the cell was not parsed")
	}
}

// TestParsedDocs: a cell or a file's body whose place and text Options.Parsed knows
// takes the document it returns, unparsed again; one it does not know (a new text, or
// the same text moved) is parsed. A matrix loaded again with the last load's documents
// is the matrix loaded afresh.
func TestParsedDocs(t *testing.T) {
	csv := "Row,L1,L2\n\"Code; review\",\"- **Writes** tests\n  - nested\",Ships\nDesign 🎨,,Leads\n"
	role := "---\ntitle: Engineering\n---\nBuilds **things**.\n\n## Scope\n\nAll of it.\n"
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("---\ntitle: H\n---\n")},
		"content/roles/eng/_index.md":  {Data: []byte(role)},
		"content/roles/eng/levels.csv": {Data: []byte(csv)},
	}
	first, _ := Load(fsys, Options{})
	known := slices.Collect(maps.Values(first.Docs())) // the first load's documents
	for _, row := range first.Roles[0].Rows {
		for _, c := range row.Cells {
			known = append(known, c.Body.Doc())
		}
	}
	var asked atomic.Int32 // Parsed is called on every core at once
	parsed := func(pos diag.Pos, text string) *markdown.Doc {
		asked.Add(1)
		for _, doc := range known {
			if doc.ParsedFrom(pos, text) {
				return doc
			}
		}
		return nil
	}

	again, diags := Load(fsys, Options{Parsed: parsed})
	if diags.HasErrors(false) {
		t.Fatal(diags)
	}
	for i, row := range again.Roles[0].Rows {
		for j, c := range row.Cells {
			if was := first.Roles[0].Rows[i].Cells[j]; c.Body.Doc() != was.Body.Doc() || c.Body.Text() != was.Body.Text() {
				t.Errorf("cell %s: a document of its own (%q), want the last load's (%q)", c.Anchor(), c.Body.Text(), was.Body.Text())
			}
		}
	}
	if again.Roles[0].Intro.Doc() != first.Roles[0].Intro.Doc() || again.Home.Doc() != first.Home.Doc() {
		t.Error("the files' bodies have documents of their own, want the last load's")
	}
	if n := asked.Load(); n != 6 {
		t.Errorf("Parsed was asked for %d texts, want the matrix's 4 cells and the 2 bodies", n)
	}

	// The second row moved a line down, its first cell reworded: both parsed afresh.
	// The role's front matter changed on its line: its body is the last load's still.
	fsys["content/roles/eng/levels.csv"] = &fstest.MapFile{Data: []byte(strings.Replace(csv, "Ships\n", "Ships often\n\n", 1))}
	fsys["content/roles/eng/_index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(role, "Engineering", "Software engineering", 1))}
	moved, _ := Load(fsys, Options{Parsed: parsed})
	for i, row := range moved.Roles[0].Rows {
		for j, c := range row.Cells {
			same := c.Body.Doc() == first.Roles[0].Rows[i].Cells[j].Body.Doc()
			if want := i == 0 && j == 0; same != want {
				t.Errorf("cell %s (%q): the last load's document %v, want %v", c.Anchor(), c.Text, same, want)
			}
			if c.Text != "" && c.Body.Text() == "" {
				t.Errorf("cell %s (%q) was not parsed", c.Anchor(), c.Text)
			}
		}
	}
	if moved.Roles[0].Intro.Doc() != first.Roles[0].Intro.Doc() {
		t.Error("the role's body, as it was on the same line, has a document of its own")
	}

	// A line more of front matter moves the body down: it is parsed afresh, and its
	// positions are those of the file as it is.
	fsys["content/roles/eng/_index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(role, "title:", "track: Tech\ntitle:", 1))}
	down, _ := Load(fsys, Options{Parsed: parsed})
	intro := down.Roles[0].Intro
	if _, secs := intro.Sections(2); intro.Doc() == first.Roles[0].Intro.Doc() || len(secs) != 1 || secs[0].Pos.Line != 7 {
		t.Errorf("the body moved a line down: the last load's document %v, sections %+v, want one on line 7", intro.Doc() == first.Roles[0].Intro.Doc(), secs)
	}
}
