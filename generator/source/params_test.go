package source

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestPageParams checks that a free page's untyped parameters, which a theme reads, hold
// what the typed fields read from the same text: one yaml.v3 decoding for both, so no,
// on and yes stay text, true is a boolean, a date is a date, and a value the typed field
// refuses is an error at its place.
func TestPageParams(t *testing.T) {
	tests := []struct {
		name, front string
		want        map[string]any // Params, when the page loads
		diag        string         // the one diagnostic, otherwise
	}{
		{"text that yaml.v2 read as booleans",
			"country: no\nflag: on\nlight: off\nanswer: yes\nlanguage: no",
			map[string]any{"title": "Notes", "country": "no", "flag": "on", "light": "off", "answer": "yes", "language": "no"}, ""},
		{"booleans, numbers and a date",
			"draft: false\nweight: 3\nratio: 1.5\nupdated: 2024-01-02\nquoted: \"2024-01-02\"",
			map[string]any{"title": "Notes", "draft": false, "weight": 3, "ratio": 1.5,
				"updated": time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "quoted": "2024-01-02"}, ""},
		{"nested maps and lists",
			"author: {name: Zoë, on: off, team: {size: 7}}\ntags: [早, \"a, b\", no]",
			map[string]any{"title": "Notes",
				"author": map[string]any{"name": "Zoë", "on": "off", "team": map[string]any{"size": 7}},
				"tags":   []any{"早", "a, b", "no"}}, ""},
		{"draft: yes is an error, as in any source", "draft: yes", nil,
			`content/notes.md:3:8: error: draft must be true or false, not the text "yes"`},
		{"a key given twice", "country: no\ncountry: de", nil,
			`content/notes.md:4:1: error: key "country" is given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/_index.md": {Data: []byte("---\ntitle: H\n---\n")},
				"content/notes.md":  {Data: []byte("---\ntitle: Notes\n" + tt.front + "\n---\nBody.\n")},
			}
			site, diags := Load(fsys, Options{})
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != tt.diag {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.diag)
			}
			if tt.want == nil {
				return
			}
			if len(site.Pages) != 1 {
				t.Fatalf("%d pages", len(site.Pages))
			}
			if p := site.Pages[0].Params; !reflect.DeepEqual(p, tt.want) {
				t.Errorf("Params = %#v\nwant     %#v", p, tt.want)
			}
		})
	}
}
