package coda

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
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

// FuzzMerge merges the export of testdata/merge/ into an arbitrary levels.csv and
// _index.md. It checks that Merge never panics and reports problems in the two files or
// the export, and that a merge it accepts loses nothing: levels.csv reads back with
// one width, every row of the file is still there (under its own title, or under the
// export's when they differ only in case and surrounding white space), every value of
// the columns it keeps is still there under the same header, and merging again changes
// nothing.
func FuzzMerge(f *testing.F) {
	f.Add(readTestdata(f, "merge/levels.csv"), readTestdata(f, "merge/_index.md"))
	f.Add(readTestdata(f, "merge/want/levels.csv"), readTestdata(f, "merge/want/_index.md"))
	f.Add([]byte(importedCSV), []byte(importedIndex))
	f.Add([]byte("Rôle,Ingénieur I,Old,Principles,ID\r\nX,a,,p,x\r\n"), []byte("---\ntitle: x\n"))
	e := mustParse(f, "export.txt", readTestdata(f, "merge/export.txt"))
	f.Fuzz(func(t *testing.T, existingCSV, existingIndex []byte) { checkMerge(t, e, existingCSV, existingIndex) })
}

// checkMerge checks what FuzzMerge says of merging e into the files existingCSV and
// existingIndex.
func checkMerge(t *testing.T, e *Export, existingCSV, existingIndex []byte) {
	t.Helper()
	{
		m, err := e.Merge(existingIndex, existingCSV)
		if err != nil {
			list, ok := err.(diag.List)
			if !ok {
				t.Fatalf("error %v is not a diag.List", err)
			}
			for _, d := range list {
				if d.Pos.File != LevelsFile && d.Pos.File != IndexFile && d.Pos.File != "export.txt" || d.Message == "" {
					t.Errorf("bad diagnostic %v", d)
				}
			}
			return
		}
		out, err := csv.NewReader(bytes.NewReader(m.CSV)).ReadAll()
		if err != nil {
			t.Fatalf("levels.csv does not read back: %v\n%s", err, m.CSV)
		}
		titles := map[string]bool{}
		values := map[[2]string]int{} // header, value -> count in the output
		for _, rec := range out[1:] {
			titles[rec[0]], titles[foldTitle(rec[0])] = true, true
			for j := 1 + len(e.Levels); j < len(rec); j++ {
				values[[2]string{out[0][j], rec[j]}]++
			}
		}
		again, err := e.Merge(m.Index, m.CSV)
		old := readMatrixForTest(existingCSV)
		if old == nil {
			if err != nil || !bytes.Equal(again.Index, m.Index) || !bytes.Equal(again.CSV, m.CSV) {
				t.Fatalf("merging again changes the files (err %v)", err)
			}
			return
		}
		cols := planColumns(e, old)
		// Twin rows (the same title and cells) may swap places in a second merge, which
		// cannot tell which of them the first one paired with the export's row.
		if !hasTwins(old, cols) && (err != nil || !bytes.Equal(again.Index, m.Index) || !bytes.Equal(again.CSV, m.CSV)) {
			t.Fatalf("merging again changes the files (err %v):\n%s\n%s\nfirst:\n%s\n%s", err, again.Index, again.CSV, m.Index, m.CSV)
		}
		for _, r := range old.rows {
			if r.blank() {
				continue
			}
			if !titles[r.fields[0]] && !titles[foldTitle(r.fields[0])] {
				t.Errorf("row %q was lost", r.fields[0])
			}
			for _, j := range cols.kept {
				if v := r.fields[j]; strings.TrimSpace(v) != "" {
					key := [2]string{old.header[j], v}
					if values[key] == 0 {
						t.Errorf("value %q of column %q (row %q) was lost", v, old.header[j], r.fields[0])
					}
					values[key]--
				}
			}
		}
	}
}

// hasTwins reports whether two rows of m that are not blank have the same title, ignoring
// case and surrounding white space, and the same level cells.
func hasTwins(m *matrix, cols columnPlan) bool {
	seen := map[string]bool{}
	for _, r := range m.rows {
		if r.blank() {
			continue
		}
		key := []string{foldTitle(r.fields[0])}
		for _, j := range cols.levelCol {
			if j >= 0 {
				key = append(key, r.fields[j])
			}
		}
		k := strings.Join(key, "\x00")
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// readMatrixForTest reads an existing levels.csv as the merge does, or returns nil when
// it holds no header.
func readMatrixForTest(data []byte) *matrix {
	m, _ := readMatrix(LevelsFile, data)
	if m == nil || m.header == nil {
		return nil
	}
	return m
}
