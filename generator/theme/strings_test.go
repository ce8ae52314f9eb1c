package theme

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/themes"
)

// TestShippedTranslationsAreWhole: every strings file the default theme ships gives a
// text for every key of en.yaml, keeps its placeholders, and names no other key.
func TestShippedTranslationsAreWhole(t *testing.T) {
	theme := themes.Default()
	en, diags := LoadStrings(theme, "en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	files, _ := fs.Glob(theme, StringsDir+"*.yaml")
	if len(files) < 2 {
		t.Fatalf("the default theme ships %q", files)
	}
	for _, f := range files {
		lang := strings.TrimSuffix(strings.TrimPrefix(f, StringsDir), ".yaml")
		if lang == "en" {
			continue
		}
		data, _ := fs.ReadFile(theme, f)
		only := &Strings{msgs: map[string]message{}}
		if d := only.read(f, data, false); len(d) > 0 {
			t.Errorf("%s: %s", f, d.Error())
		}
		for key := range en.msgs {
			if !only.Has(key) {
				t.Errorf("%s has no %q", f, key)
			}
		}
		for key := range only.msgs {
			if !en.Has(key) {
				t.Errorf("%s has %q, which en.yaml does not", f, key)
			}
		}
		if _, d := LoadStrings(theme, lang); len(d) > 0 {
			t.Errorf("%s: %s", f, d.Error())
		}
	}
}

// TestStringsText fills texts as pages do: placeholders by position, a counted text by
// its first number, HTML arguments kept and the text around them escaped.
func TestStringsText(t *testing.T) {
	s := &Strings{msgs: map[string]message{
		"plain":   {other: "Levels"},
		"args":    {other: "{2} before {1}, {3} missing, {x} kept"},
		"counted": {one: "{1} level", other: "{1} levels"},
		"html":    {other: "See <{1}> & more"},
	}}
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"plain", nil, "Levels"},
		{"args", []any{"a", "b"}, "b before a,  missing, {x} kept"},
		{"counted", []any{1}, "1 level"},
		{"counted", []any{0}, "0 levels"},
		{"counted", []any{"x", 1}, "x level"},
		{"missing", nil, "missing"},
	} {
		if got := s.Text(tc.key, tc.args...); got != tc.want {
			t.Errorf("Text(%q, %v) = %q, want %q", tc.key, tc.args, got, tc.want)
		}
	}
	got, err := s.T("html", template.HTML(`<a href="/x/">x</a>`))
	if err != nil || got != template.HTML(`See &lt;<a href="/x/">x</a>&gt; &amp; more`) {
		t.Errorf("T with HTML = %q, %v", got, err)
	}
	if got, _ := s.T("html", "<b>"); got != "See <<b>> & more" {
		t.Errorf("T with text = %q (the template escapes it)", got)
	}
	if _, err := s.T("nope"); err == nil {
		t.Error("T of a missing key is no error")
	}
}
