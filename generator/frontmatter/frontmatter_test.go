package frontmatter

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

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

// TestOneReading checks that a value means the same read as a typed field and as a
// theme's untyped parameter: both come from one yaml.v3 decoding, so no, on and yes
// are text in both (yaml.v2 read them as booleans), true is a boolean in both, and a
// value a typed field refuses is refused for what the parameter shows it to be.
func TestOneReading(t *testing.T) {
	date := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	str := func(key string) func(*Fields) any { return func(f *Fields) any { return f.String(key).Text } }
	boolean := func(key string) func(*Fields) any { return func(f *Fields) any { return f.Bool(key, false) } }
	whole := func(key string) func(*Fields) any { return func(f *Fields) any { return f.Int(key) } }
	tests := []struct {
		name, yml string
		typed     func(*Fields) any // reads the key as a typed field
		param     []string          // the path to the same value in Params
		want      any               // what the parameter holds
		typedErr  string            // the typed field's error, when it refuses the value
	}{
		{"no is text (Norway)", "country: no", str("country"), []string{"country"}, "no", ""},
		{"on is text", "flag: on", str("flag"), []string{"flag"}, "on", ""},
		{"off is not a boolean", "flag: off", boolean("flag"), []string{"flag"}, "off",
			`p.md:2:7: error: flag must be true or false, not the text "off"`},
		{"yes is not a boolean", "draft: yes", boolean("draft"), []string{"draft"}, "yes",
			`p.md:2:8: error: draft must be true or false, not the text "yes"`},
		{"true is a boolean", "draft: true", boolean("draft"), []string{"draft"}, true, ""},
		{"False is a boolean", "draft: False", boolean("draft"), []string{"draft"}, false, ""},
		{"true in quotes is text", `draft: "true"`, boolean("draft"), []string{"draft"}, "true",
			`p.md:2:8: error: draft must be true or false, not the text "true"`},
		{"a whole number", "order: 3", whole("order"), []string{"order"}, 3, ""},
		{"a whole number in hex", "order: 0x10", whole("order"), []string{"order"}, 16, ""},
		{"a number in quotes is text", `order: "3"`, whole("order"), []string{"order"}, "3",
			`p.md:2:8: error: order must be a whole number, not the text "3"`},
		{"a fraction is not whole", "order: 1.5", whole("order"), []string{"order"}, 1.5,
			`p.md:2:8: error: order must be a whole number, not the number 1.5`},
		{"a date", "updated: 2024-01-02", str("updated"), []string{"updated"}, date, ""},
		{"a date in quotes is text", `updated: "2024-01-02"`, str("updated"), []string{"updated"}, "2024-01-02", ""},
		{"nested maps keep text keys and values", "author: {name: Ana, team: {on: off, size: 7}}",
			func(f *Fields) any { return NewFields(f.node.Get("author").Get("team"), f.diags).String("on").Text },
			[]string{"author", "team", "on"}, "off", ""},
		{"a list of maps", "personas:\n  - {id: p, remote: no, lead: true}",
			func(f *Fields) any { return f.Maps("personas")[0].String("remote").Text }, []string{"personas", "0", "remote"}, "no", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, diags := Decode("p.md", []byte(tt.yml+"\n"), 2)
			if len(diags) != 0 {
				t.Fatal(diags)
			}
			var got diag.List
			f := NewFields(n, &got)
			typed := tt.typed(f)
			param := lookup(f.Params(), tt.param)
			if !reflect.DeepEqual(param, tt.want) {
				t.Errorf("parameter %v = %#v, want %#v", tt.param, param, tt.want)
			}
			if tt.typedErr != "" {
				if got.Error() != tt.typedErr {
					t.Errorf("typed field: %q, want the error %q", got.Error(), tt.typedErr)
				}
				return
			}
			if len(got) != 0 {
				t.Fatalf("typed field: %v", got)
			}
			switch v := tt.want.(type) {
			case time.Time: // a text field holds the date as written
				if typed != v.Format(time.DateOnly) {
					t.Errorf("typed field = %#v, parameter %v", typed, v)
				}
			case string, bool, int:
				if typed != tt.want {
					t.Errorf("typed field = %#v, parameter %#v: they disagree", typed, param)
				}
			}
		})
	}
}

// TestRepeatedKey checks that a key given twice is one error at its second place, for
// typed fields and parameters alike (there is no tree to read either from).
func TestRepeatedKey(t *testing.T) {
	tests := []struct{ yml, want string }{
		{"country: no\ncountry: de\n", `p.md:3:1: error: key "country" is given twice`},
		{"author:\n  name: Ana\n  name: Bo\n", `p.md:4:3: error: key "name" is given twice`},
	}
	for _, tt := range tests {
		n, diags := Decode("p.md", []byte(tt.yml), 2)
		if n != nil || diags.Error() != tt.want {
			t.Errorf("%q: node %v, diagnostics %q; want %q", tt.yml, n, diags.Error(), tt.want)
		}
	}
}

// lookup follows a path of map keys and list indexes into untyped values.
func lookup(v any, path []string) any {
	for _, p := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}
