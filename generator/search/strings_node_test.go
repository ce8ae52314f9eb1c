package search_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/handbook-dev/handbook/generator/theme"
	"github.com/handbook-dev/handbook/themes"
)

// TestScriptsFillStringsAsGoDoes fills every text of the default theme's strings, with
// a count of 1 and of 3, both in Go (theme.Strings.Text, which pages use) and with the
// scripts' say (which the search box, the search page and the compare page use), and
// wants the same text: a message reads the same whether a page or a script writes it.
func TestScriptsFillStringsAsGoDoes(t *testing.T) {
	strs, diags := theme.LoadStrings(themes.Default(), "en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	var keys []string
	for k := range strs.Values() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	data, err := strs.JSON(keys...)
	if err != nil {
		t.Fatal(err)
	}
	var texts map[string]any
	if err := json.Unmarshal([]byte(data), &texts); err != nil {
		t.Fatal(err)
	}
	var cases [][]any
	var want []string
	for _, k := range keys {
		for _, n := range []int{1, 3} {
			cases = append(cases, []any{k, "Level A", "Level B", n})
			want = append(want, strs.Text(k, "Level A", "Level B", n))
			cases = append(cases, []any{k, n, "Role", "x"})
			want = append(want, strs.Text(k, n, "Role", "x"))
		}
	}
	var got []string
	runNode(t, map[string]any{"mode": "say", "script": script, "texts": texts, "cases": cases}, &got)
	if len(got) != len(want) {
		t.Fatalf("the script filled %d texts of %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%v: Go %q, script %q", cases[i], want[i], got[i])
		}
	}
}
