package changes

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// site loads a handbook from files given as path, content, path, content ...
func site(t *testing.T, files ...string) *model.Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: H\n---\n")}}
	for i := 0; i+1 < len(files); i += 2 {
		fsys["content/"+files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	s, diags := source.Load(fsys, source.Options{})
	if diags.HasErrors(false) {
		t.Fatalf("fixture: %v", diags)
	}
	return s
}

const role = "---\ntitle: Engineer\n---\n"

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []string
		want     []string // lines of the text output, after the heading
	}{
		{
			name: "a row renamed: new ID and title, the same text",
			old:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,L2\nDelivery,Ships tasks.,Ships features.\nCraft,Writes code.,\n"},
			new:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,L2\nShipping,Ships tasks.,Ships features.\nCraft,Writes code.,\n"},
			want: []string{"Role: Engineer (eng)", "  row renamed: “Delivery” (delivery) to “Shipping” (shipping)"},
		},
		{
			name: "a row retitled, its ID kept",
			old:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,ID\nDelivery,Ships tasks.,delivery\n"},
			new:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,ID\nDelivery of work,Ships tasks.,delivery\n"},
			want: []string{"Role: Engineer (eng)", "  row renamed: “Delivery” (delivery) to “Delivery of work” (delivery)"},
		},
		{
			name: "a row removed, a level added, a cell blanked and one filled",
			old:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,L2\nDelivery,Ships tasks.,Ships features.\nCraft,,Writes code.\nGone,Was here.,\n"},
			new:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,L2,L3\nDelivery,,Ships features.,Ships systems.\nCraft,Reads code.,Writes code.,\n"},
			want: []string{
				"Role: Engineer (eng)",
				"  level added: “L3” (l3)",
				"  row removed: “Gone” (gone)",
				"  “Delivery” at “L1”: expectation removed",
				"    [-Ships tasks.-]",
				"  “Delivery” at “L3”: expectation added",
				"    {+Ships systems.+}",
				"  “Craft” at “L1”: expectation added",
				"    {+Reads code.+}",
				"  “Gone” at “L1”: expectation removed",
				"    [-Was here.-]",
			},
		},
		{
			name: "a level removed: its expectations go with it",
			old:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1,L2\nDelivery,Ships tasks.,Ships features.\n"},
			new:  []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1\nDelivery,Ships tasks.\n"},
			want: []string{"Role: Engineer (eng)", "  level removed: “L2” (l2)", "  “Delivery” at “L2”: expectation removed", "    [-Ships features.-]"},
		},
		{
			name: "roles added and removed",
			old:  []string{"roles/old/_index.md", "---\ntitle: Old\n---\n", "roles/old/levels.csv", "Dim,L1\nA,x\n"},
			new:  []string{"roles/new/_index.md", "---\ntitle: New\n---\n", "roles/new/levels.csv", "Dim,L1\nB,y\n"},
			want: []string{"Role: New (new)", "  role added: “New” (new)", "  “B” at “L1”: expectation added", "    {+y+}", "", "Role: Old (old)", "  role removed: “Old” (old)"},
		},
		{
			name: "principles added, removed and reworded; whitespace alone is no change",
			old:  []string{"principles/a.md", "---\ntitle: A\n---\nOne two.\n", "principles/b.md", "---\ntitle: B\n---\nBee.\n", "principles/c.md", "---\ntitle: C\n---\nSee   this.\n"},
			new:  []string{"principles/a.md", "---\ntitle: A\n---\nOne three.\n", "principles/d.md", "---\ntitle: D\n---\nDee.\n", "principles/c.md", "---\ntitle: C\n---\nSee\nthis.\n"},
			want: []string{"Principles", "  principle reworded: “A”", "    One [-two.-]{+three.+}", "  principle added: “D” (d)", "  principle removed: “B” (b)"},
		},
		{
			name: "a phase renamed and a question added",
			old:  []string{"delivery/a.md", "---\ntitle: Start\n---\nKick off.\n", "interview/g.md", "---\ntitle: G\n---\n## Questions\n1. First?\n"},
			new:  []string{"delivery/b.md", "---\ntitle: Begin\n---\nKick off.\n", "interview/g.md", "---\ntitle: G\n---\n## Questions\n1. First?\n2. Second?\n"},
			want: []string{"Interview questions", "  question added: “Second?” (second)", "", "Delivery phases", "  phase renamed: “Start” (a) to “Begin” (b)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := Compare(site(t, tc.old...), site(t, tc.new...))
			var b bytes.Buffer
			if err := Write(&b, Text, "old", "new", set); err != nil {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")[2:]
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestCompareSameIsEmpty(t *testing.T) {
	files := []string{"roles/eng/_index.md", role, "roles/eng/levels.csv", "Dim,L1\nDelivery,Ships.\n", "principles/a.md", "---\ntitle: A\n---\nOne.\n"}
	if set := Compare(site(t, files...), site(t, files...)); !set.Empty() {
		t.Errorf("the same handbook twice: %+v", set)
	}
	var b bytes.Buffer
	if err := Write(&b, Markdown, "v1", "v2", Set{}); err != nil {
		t.Fatal(err)
	}
	if want := "## Changes from v1 to v2\n\n- Nothing changed for readers.\n"; b.String() != want {
		t.Errorf("markdown of no change: %q, want %q", b.String(), want)
	}
}

func TestMarkdownEscapesText(t *testing.T) {
	old := site(t, "roles/eng/_index.md", "---\ntitle: R&D <b>\n---\n", "roles/eng/levels.csv", "Dim,L1\n*Star* row,Uses `code` | pipes.\n")
	cur := site(t, "roles/eng/_index.md", "---\ntitle: R&D <b>\n---\n", "roles/eng/levels.csv", "Dim,L1\n*Star* row,Uses [links](x) | pipes.\n")
	var b bytes.Buffer
	if err := Write(&b, Markdown, "a", "b", Compare(old, cur)); err != nil {
		t.Fatal(err)
	}
	want := "## Changes from a to b\n\n### Role: R\\&D \\<b\\> (eng)\n\n" +
		"- “\\*Star\\* row” at “L1”: expectation reworded\n" +
		"  Uses ~~\\`code\\`~~ **\\[links\\](x)** \\| pipes.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
