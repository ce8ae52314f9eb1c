package coda

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and reports problems at real positions, and
// that whatever it accepts imports cleanly: Files succeeds, levels.csv reads back as the
// exported table with 1+len(Levels) fields in every record, _index.md starts with the
// quoted title, and re-importing over the output changes nothing.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(readTestdata(f, s.file))
	}
	f.Add([]byte(small))
	f.Fuzz(func(t *testing.T, src []byte) {
		e, diags := Parse("fuzz.txt", src)
		lines := max(1, len(splitLines(src)))
		for _, d := range diags {
			if d.Pos.File != "fuzz.txt" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col != 1 || d.Message == "" {
				t.Errorf("bad diagnostic %v (the input has %d lines)", d, lines)
			}
		}
		if diags.HasErrors(false) {
			if e != nil {
				t.Errorf("Parse returned an Export with errors")
			}
			return
		}
		if e == nil {
			t.Fatal("Parse returned neither an Export nor an error")
		}
		if len(e.Levels) == 0 {
			t.Fatal("Parse accepted an export without levels")
		}
		index, levels, err := e.Files(nil, nil)
		if err != nil {
			t.Fatalf("Files: %v", err)
		}
		records, err := csv.NewReader(bytes.NewReader(levels)).ReadAll()
		if err != nil {
			t.Fatalf("levels.csv does not read back: %v\n%s", err, levels)
		}
		if len(records) != 1+len(e.Rows) {
			t.Fatalf("levels.csv has %d records, want %d", len(records), 1+len(e.Rows))
		}
		for i, rec := range records {
			want := append([]string{e.Corner}, e.Levels...)
			if i > 0 {
				want = append([]string{e.Rows[i-1].Title}, e.Rows[i-1].Cells...)
			}
			if len(rec) != 1+len(e.Levels) || !slices.Equal(rec, want) {
				t.Fatalf("levels.csv record %d reads back as %q, want %q", i, rec, want)
			}
		}
		if prefix := "---\ntitle: " + yamlQuote(e.Title) + "\n---\n"; !strings.HasPrefix(string(index), prefix) {
			t.Fatalf("_index.md does not start with %q:\n%s", prefix, index)
		}
		index2, levels2, err := e.Files(index, levels)
		if err != nil || !bytes.Equal(index2, index) || !bytes.Equal(levels2, levels) {
			t.Fatalf("re-import over the output changes it (err %v):\n%s\n%s", err, index2, levels2)
		}
	})
}
