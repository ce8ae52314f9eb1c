package frontmatter

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		yml       string
		bodyStart int
		wantErr   bool
	}{
		{"none", "# Title\n", "", 0, false},
		{"empty file", "", "", 0, false},
		{"simple", "---\ntitle: A\n---\nBody\n", "title: A\n", 17, false},
		{"empty block", "---\n---\nBody", "", 8, false},
		{"crlf", "---\r\ntitle: A\r\n---\r\nBody", "title: A\r\n", 20, false},
		{"trailing spaces on fences", "--- \ntitle: A\n---\t\nx", "title: A\n", 19, false},
		{"no final newline", "---\ntitle: A\n---", "title: A\n", 16, false},
		{"never closed", "---\ntitle: A\nBody\n", "", 0, true},
		{"dashes later are not front matter", "Body\n---\ntitle: A\n---\n", "", 0, false},
		{"four dashes is not a fence", "----\ntitle: A\n----\n", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yml, line, start, err := Split("f.md", []byte(tt.src))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "f.md:1:1: error: front matter opened with --- is never closed") {
					t.Errorf("error = %q", err)
				}
				return
			}
			if string(yml) != tt.yml || start != tt.bodyStart {
				t.Errorf("Split = %q, body at %d; want %q, body at %d", yml, start, tt.yml, tt.bodyStart)
			}
			if yml != nil && line != 2 {
				t.Errorf("YAML starts at line %d, want 2", line)
			}
		})
	}
}

func TestDecodePositionsAndErrors(t *testing.T) {
	src := "title: Kickoff\norder: x\nprinciples:\n  - Ownership\n  - Dive Deep\nextra: 1\n"
	n, diags := Decode("p.md", []byte(src), 2)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	var got diag.List
	f := NewFields(n, &got)
	if v := f.String("title"); v.Text != "Kickoff" || v.Pos.String() != "p.md:2:8" {
		t.Errorf("title = %+v", v)
	}
	if f.Int("order") != 0 {
		t.Error("a bad order should read as 0")
	}
	ps := f.Strings("principles")
	if len(ps) != 2 || ps[1].Text != "Dive Deep" || ps[1].Pos.String() != "p.md:6:5" {
		t.Errorf("principles = %+v", ps)
	}
	f.Done("a phase")
	want := []string{
		"p.md:3:8: error: order must be a whole number",
		`p.md:7:1: error: unknown key "extra" in a phase`,
	}
	for i, d := range got.Sorted() {
		if i >= len(want) || !strings.HasPrefix(d.String(), want[i]) {
			t.Errorf("diagnostic %d = %q, want prefix %q", i, d, want[min(i, len(want)-1)])
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d diagnostics, want %d: %v", len(got), len(want), got)
	}
}

func TestDecodeRejects(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5)
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	tests := []struct{ name, src, want string }{
		{"syntax", "title: [unclosed\n", "p.md:"},
		{"not a map", "- a\n- b\n", "front matter must be a mapping"},
		{"duplicate key", "title: a\ntitle: b\n", `key "title" is given twice`},
		{"too deep", "x: " + deep + "\n", "nested more than"},
		{"alias bomb", bomb, "more than 10000 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Decode("p.md", []byte(tt.src), 2)
			if len(diags) == 0 || !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("diagnostics %q, want one containing %q", diags.Error(), tt.want)
			}
		})
	}
}

// FuzzSplitDecode checks that no input makes the splitter or the decoder panic or hang,
// and that what Split returns is a part of its input. Its seeds, in
// testdata/fuzz/FuzzSplitDecode, are real content files and edge cases.
func FuzzSplitDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		yml, _, start, err := Split("f.md", src)
		if err != nil || yml == nil {
			return
		}
		if start > len(src) || !strings.Contains(string(src[:start]), string(yml)) {
			t.Fatalf("Split returned YAML %q / body start %d outside its input", yml, start)
		}
		Decode("f.md", yml, 2)
	})
}
