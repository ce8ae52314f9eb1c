package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// TestSessionServesBuild drives the site of testdata/sites/serve-unusual-theme.txtar,
// whose theme reads the model in unusual ways (cell text on a principle's page,
// questions and coaching notes on a role's page, every role on a plain page), through
// a series of saves as the dev server does: a few pages are open (rendered from the
// generation before the save), the session is updated, and then every file of the
// site is asked for, one by one. After each save every file must be, byte for byte,
// what a build from nothing of the same sources makes, and the problems reported must
// be the build's.
func TestSessionServesBuild(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/serve-unusual-theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	dir := t.TempDir()
	for name, f := range fsys {
		write(t, dir, name, string(f.Data))
	}
	const (
		csv      = "content/roles/ingenieur/levels.csv"
		support  = "content/roles/support/levels.csv"
		about    = "content/about.md"
		group    = "content/interview/ship.md"
		customer = "content/interview/customer.md"
		qualite  = "content/principles/qualite.md"
		own      = "content/principles/own.md"
		kokyaku  = "content/principles/kokyaku.md"
		faq      = "content/faq.md"
	)
	type edit struct {
		file     string
		old, new string // new replaces old; a nil edit (old and new "") removes the file
	}
	steps := []struct {
		name   string
		edits  []edit
		change Change
		fails  bool // the build fails: a broken link
		broken bool // the update loads no generation: the session keeps the last one
	}{
		{"cell reworded", []edit{{csv, "Writes good tests.", "Writes tests others trust."}}, Content, false, false},
		{"prose edited", []edit{{about, "as the theme lists them below.", "as the theme lists them, all of them, below."}}, Content, false, false},
		{"question group edited", []edit{{group, "Listen for the trade-off named out loud.", "Listen for the trade-off, named out loud and owned."}}, Content, false, false},
		{"principle body edited", []edit{{qualite, "We ship what we would use ourselves.", "We ship only what we would use ourselves."}}, Content, false, false},
		{"link to a cell and a heading", []edit{{about, "## Sources", "See [L3 delivery](/roles/ingenieur/#livraison--l3) and [craft](principles/qualite.md#craft).\n\n## Sources"}}, Content, false, false},
		{"heading linked elsewhere renamed", []edit{{qualite, "## Craft", "## Métier"}}, Content, true, false},
		{"heading back", []edit{{qualite, "## Métier", "## Craft"}}, Content, false, false},
		// A principle that every reference names by its ID takes a new title as a
		// patch, even though every page that lists it shows the title.
		{"principle retitled, named by its ID", []edit{{qualite, "title: Qualité d'abord", "title: Qualité avant tout"}}, Content, false, false},
		// One the rows and a question group name by its title is renamed with them in
		// one save: they name the same principle, so it is a patch too, and the
		// group's body, labelled answer and all, is the one parsed before.
		{"principle renamed with the rows naming it", []edit{
			{kokyaku, "title: 顧客第一", "title: お客様第一"},
			{csv, `"own; 顧客第一"`, `"own; お客様第一"`},
			{support, "others use.,顧客第一", "others use.,お客様第一"},
			{customer, "principles: [顧客第一]", "principles: [お客様第一]"},
		}, Content, false, false},
		// Renamed again with a cell of one of the matrices reworded: the other cells
		// keep the documents they were parsed into, the reworded one is parsed.
		{"renamed again, a cell of a naming matrix reworded", []edit{
			{kokyaku, "title: お客様第一", "title: お客様が第一"},
			{csv, `"own; お客様第一"`, `"own; お客様が第一"`},
			{csv, "Writes tests others trust.", "Writes tests others **trust**."},
			{support, "others use.,お客様第一", "others use.,お客様が第一"},
			{customer, "principles: [お客様第一]", "principles: [お客様が第一]"},
		}, Content, false, false},
		// A rename that reaches the session in two parts (a busy machine pausing the
		// writer of thousands of files): the files naming the principle first, which
		// then name no principle, so the update loads nothing; then the principle's
		// own file, with which the save, whole, patches the last generation.
		{"renamed in two parts: the names first", []edit{
			{csv, `"own; お客様が第一"`, `"own; お客様第一"`},
			{support, "others use.,お客様が第一", "others use.,お客様第一"},
			{customer, "principles: [お客様が第一]", "principles: [お客様第一]"},
		}, Whole, false, true},
		{"renamed in two parts: the principle then", []edit{{kokyaku, "title: お客様が第一", "title: お客様第一"}}, Content, false, false},
		// A reference renamed to another principle relinks the model.
		{"a row names another principle", []edit{{support, "others use.,お客様第一", "others use.,own"}}, Whole, false, false},
		{"cell of a nested list edited", []edit{{csv, "  - and a rollback", "  - and a tested rollback"}}, Content, false, false},
		{"cell blanked", []edit{{support, "Escalates on time.", ""}}, Whole, false, false},
		{"title renamed", []edit{{own, "title: Ownership, end to end; no hand-offs", "title: Ownership, start to finish; no hand-offs"}}, Whole, false, false},
		{"branch switch", []edit{
			{qualite, "## Craft", "## Craft and care"},
			{csv, "Ships features.", "Ships whole features."},
			{customer, "具体的な例を聞く。", "具体的な例と結果を聞く。"},
			{faq, "", "---\ntitle: FAQ\n---\nAsk away. 🙋\n"},
			{group, "", ""},
			{about, "[craft](principles/qualite.md#craft)", "[craft](principles/qualite.md#craft-and-care)"},
		}, Whole, false, false},
		{"cell reworded after the switch", []edit{{csv, "Ships whole features.", "Ships complete features."}}, Content, false, false},
	}
	s := NewSession(os.DirFS(dir), opts)
	gen, _, diags := s.Update(nil)
	if gen == nil {
		t.Fatalf("the site does not load:\n%s", diags.Error())
	}
	open := []string{"index.html", "about/index.html", "principles/qualite/index.html", "roles/ingenieur/index.html", "roles/support/index.html"}
	for _, st := range steps {
		for _, p := range open { // the pages open in a browser before the save
			gen.File(p)
		}
		var changed []string
		for _, e := range st.edits {
			changed = append(changed, e.file)
			path := filepath.Join(dir, filepath.FromSlash(e.file))
			switch data, _ := os.ReadFile(path); {
			case e.old == "" && e.new == "":
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			case e.old == "":
				write(t, dir, e.file, e.new)
			case !strings.Contains(string(data), e.old):
				t.Fatalf("%s: %s does not hold %q", st.name, e.file, e.old)
			default:
				write(t, dir, e.file, strings.Replace(string(data), e.old, e.new, 1))
			}
		}
		next, change, diags := s.Update(changed)
		if change != st.change {
			t.Errorf("%s: change %v, want %v", st.name, change, st.change)
		}
		if st.broken {
			if next != nil {
				t.Errorf("%s: the session loaded a generation, want none", st.name)
			}
			continue
		}
		if gen = next; gen == nil {
			t.Fatalf("%s: the session did not load:\n%s", st.name, diags.Error())
		}
		want, wantDiags := Build(os.DirFS(dir), opts)
		if (want == nil) != st.fails {
			t.Fatalf("%s: the build fails: %v, want %v\n%s", st.name, want == nil, st.fails, wantDiags.Error())
		}
		if want != nil {
			for _, f := range want.Files {
				if data, ok := gen.File(f.Path); !ok {
					t.Errorf("%s: %s is not served", st.name, f.Path)
				} else if !bytes.Equal(data, f.Data) {
					t.Errorf("%s: %s differs from a build's", st.name, f.Path)
				}
			}
			if n := len(gen.Files()); n != len(want.Files) {
				t.Errorf("%s: the session has %d files, the build %d", st.name, n, len(want.Files))
			}
		}
		checked, _ := gen.Check(0, nil)
		diags.Append(checked)
		if got, want := diags.Error(), wantDiags.Error(); got != want {
			t.Errorf("%s: the session reports\n%s\nthe build\n%s", st.name, got, want)
		}
		// The next save is compared with the model as patched: it must hold what the
		// sources say (a reference's text after a rename), not only render as they do.
		if fresh, _ := source.Load(os.DirFS(dir), source.Options{Drafts: opts.Drafts}); fresh != nil && !model.SameShape(gen.Site(), fresh) {
			t.Errorf("%s: the session's model differs in shape from its sources loaded whole", st.name)
		}
	}
}
