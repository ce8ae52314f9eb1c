package model_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// load loads a site made of the site's _index.md and files (path under content/ ->
// text), failing the test on any error.
func load(t *testing.T, files map[string]string) *model.Site {
	t.Helper()
	return loadWith(t, files, source.Options{})
}

// loadWith is load with the given options.
func loadWith(t *testing.T, files map[string]string, opts source.Options) *model.Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: H\n---\n")}}
	for name, text := range files {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	site, diags := source.Load(fsys, opts)
	if diags.HasErrors(false) {
		t.Fatalf("load: %v", diags)
	}
	return site
}

const (
	principle = "---\ntitle: Ownership\n---\nLeaders are owners.\n"
	group     = "---\ntitle: Owning\nprinciples: [Ownership]\n---\n## Questions\n\n1. Tell me about a time you owned it.\n\n## Example answer\n\n**S:** A situation.\n"
	roleIndex = "---\ntitle: Engineer\n---\nBuilds.\n"
	matrix    = "Dimension,Junior,Senior,Principles\nDelivery,Ships small changes.,Ships large changes.,Ownership\n"
)

func TestSameShape(t *testing.T) {
	base := map[string]string{
		"principles/ownership.md": principle,
		"interview/owning.md":     group,
		"roles/eng/_index.md":     roleIndex,
		"roles/eng/levels.csv":    matrix,
		"guide.md":                "---\ntitle: Guide\n---\nRead me.\n",
		"principles/dive-deep.md": "---\ntitle: Dive Deep\norder: 2\n---\nDetails.\n",
		"interview/_index.md":     "---\ntitle: Interviews\n---\nHow we interview.\n",
		"principles/_index.md":    "---\ntitle: Principles\n---\nWhat we value.\n",
		"delivery/_index.md":      "---\ntitle: Delivery\n---\nHow we deliver.\n",
		"delivery/kickoff.md":     "---\ntitle: Kickoff\nprinciples: [Ownership]\n---\nStart well.\n",
	}
	tests := []struct {
		name string
		file string
		edit func(string) string
		same bool
	}{
		{"prose", "principles/ownership.md", add("\nMore prose, with [a link](guide.md).\n"), true},
		{"a line added above the prose", "principles/ownership.md", replace("---\nLeaders", "---\n\nLeaders"), true},
		{"cell text", "roles/eng/levels.csv", replace("Ships small changes.", "Ships **small** changes."), true},
		{"example answer", "interview/owning.md", replace("A situation.", "Another situation."), true},
		{"section intro", "interview/_index.md", add("More.\n"), true},
		{"phase prose", "delivery/kickoff.md", add("Really well.\n"), true},
		{"title", "principles/ownership.md", replace("title: Ownership", "title: Owning"), false},
		{"order", "principles/dive-deep.md", replace("order: 2", "order: 3"), false},
		{"draft", "principles/dive-deep.md", replace("order: 2", "order: 2\ndraft: true"), false},
		{"question wording", "interview/owning.md", replace("you owned it", "you owned something"), false},
		{"a question added", "interview/owning.md", replace("owned it.\n", "owned it.\n2. And another?\n"), false},
		{"a reference", "interview/owning.md", replace("[Ownership]", "[Ownership, Dive Deep]"), false},
		{"an answer part added", "interview/owning.md", add("\n**T:** A task.\n"), false},
		{"a row's principles", "roles/eng/levels.csv", replace(",Ownership\n", ",Dive Deep\n"), false},
		{"a level renamed", "roles/eng/levels.csv", replace("Senior", "Staff"), false},
		{"a cell emptied", "roles/eng/levels.csv", replace("Ships large changes.", ""), false},
		{"prose emptied", "guide.md", replace("Read me.\n", ""), false},
		{"a page's front matter", "guide.md", replace("title: Guide", "title: Guide\ndescription: How to."), false},
	}
	before := load(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited := map[string]string{}
			for k, v := range base {
				edited[k] = v
			}
			edited[tt.file] = tt.edit(base[tt.file])
			if got := model.SameShape(before, load(t, edited)); got != tt.same {
				t.Errorf("SameShape = %v, want %v", got, tt.same)
			}
		})
	}
}

// TestSameShapeOfUnparsedCells: a matrix's cells are content whether parsed or not, so
// that the dev server compares the files as they were loaded with their cells left
// unparsed (source.Options.CellText) to the files as they are; emptying a cell still
// changes the shape.
func TestSameShapeOfUnparsedCells(t *testing.T) {
	files := map[string]string{"principles/ownership.md": principle, "roles/eng/_index.md": roleIndex, "roles/eng/levels.csv": matrix}
	before := loadWith(t, files, source.Options{CellText: true})
	for _, tt := range []struct {
		name, matrix string
		same         bool
	}{
		{"as it was", matrix, true},
		{"a cell reworded", strings.Replace(matrix, "Ships small changes.", "Ships *small* changes [well](/guide/).", 1), true},
		{"a cell emptied", strings.Replace(matrix, "Ships large changes.", "", 1), false},
		{"a row's principles", strings.Replace(matrix, ",Ownership\n", ",\n", 1), false},
	} {
		files["roles/eng/levels.csv"] = tt.matrix
		if got := model.SameShape(before, load(t, files)); got != tt.same {
			t.Errorf("%s: SameShape(unparsed, parsed) = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// TestPatch patches content into a site and checks that the result is the site loaded
// from the new files, while the items keep their identity.
func TestPatch(t *testing.T) {
	files := map[string]string{
		"principles/ownership.md": principle,
		"interview/owning.md":     group,
		"roles/eng/_index.md":     roleIndex,
		"roles/eng/levels.csv":    matrix,
	}
	site := load(t, files)
	cell := site.Roles[0].Rows[0].Cells[1]
	question := site.Questions[0]
	edits := map[string]func(string) string{
		"principles/ownership.md": add("\nMore.\n"),
		"interview/owning.md":     replace("A situation.", "Another situation."),
		"roles/eng/levels.csv":    replace("Ships large changes.", "Ships large and risky changes."),
	}
	fresh := map[string]string{}
	var paths []string
	for name, text := range files {
		if edit, ok := edits[name]; ok {
			text = edit(text)
			paths = append(paths, "content/"+name)
		}
		fresh[name] = text
	}
	want := load(t, fresh)
	site.Patch(want, paths)
	if got := site.Principles[0].Body.Text(); !strings.Contains(got, "More.") {
		t.Errorf("principle body not patched: %q", got)
	}
	if got := site.Groups[0].Answer[0].Body.Text(); !strings.Contains(got, "Another situation.") {
		t.Errorf("answer not patched: %q", got)
	}
	if site.Roles[0].Rows[0].Cells[1] != cell || cell.Text != "Ships large and risky changes." {
		t.Errorf("cell: identity kept %v, text %q", site.Roles[0].Rows[0].Cells[1] == cell, cell.Text)
	}
	if cell.Row != site.Roles[0].Rows[0] || cell.Level != site.Roles[0].Levels[1] {
		t.Error("the patched cell points to another row or level than its own")
	}
	if site.Questions[0] != question || question.Group != site.Groups[0] {
		t.Error("the question lost its identity or its group")
	}
}

func add(text string) func(string) string {
	return func(s string) string { return s + text }
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}
