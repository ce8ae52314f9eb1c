package coda

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestContentIsImport proves that content/roles/ is the importer's output: re-importing
// each seed over its role folder, keeping what the author added, changes no byte.
func TestContentIsImport(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.role, func(t *testing.T) {
			dir := filepath.Join("..", "..", "content", "roles", s.role)
			index, err := os.ReadFile(filepath.Join(dir, IndexFile))
			if err != nil {
				t.Fatal(err)
			}
			levels, err := os.ReadFile(filepath.Join(dir, LevelsFile))
			if err != nil {
				t.Fatal(err)
			}
			e := mustParse(t, s.file, readTestdata(t, s.file))
			gotIndex, gotCSV, err := e.Files(index, levels)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gotIndex, index) {
				t.Errorf("re-import changes %s/%s:\n%s", dir, IndexFile, gotIndex)
			}
			if !bytes.Equal(gotCSV, levels) {
				t.Errorf("re-import changes %s/%s:\n%s", dir, LevelsFile, gotCSV)
			}
			// The authored additions are there to be kept: the front matter beyond the
			// title and a principle and an ID for every row.
			for _, key := range []string{"\ntrack: ", "\norder: ", "\nlevels:\n"} {
				if !bytes.Contains(index, []byte(key)) {
					t.Errorf("%s has no %q", IndexFile, strings.TrimSpace(key))
				}
			}
			records, err := csv.NewReader(bytes.NewReader(levels)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			n := len(records[0])
			if records[0][n-2] != "Principles" || records[0][n-1] != "ID" {
				t.Errorf("header ends %q, want Principles, ID", records[0][n-2:])
			}
			for _, r := range records[1:] {
				if r[n-2] == "" || r[n-1] == "" {
					t.Errorf("row %q has no principle or no ID", r[0])
				}
			}
		})
	}
}

func TestFilesFresh(t *testing.T) {
	e := mustParse(t, "small.txt", []byte(small))
	index, levels, err := e.Files(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantIndex := "---\ntitle: \"Small Role Guideline\"\n---\nFirst paragraph.\n\nSecond paragraph.\n"
	if string(index) != wantIndex {
		t.Errorf("index =\n%s\nwant\n%s", index, wantIndex)
	}
	wantCSV := "Job Title,Level One,Level Two\nScope,Does tasks,\"Leads \"\"teams\"\", at scale\"\nCraft,,Masters it\n"
	if string(levels) != wantCSV {
		t.Errorf("levels.csv =\n%s\nwant\n%s", levels, wantCSV)
	}
	// Empty existing files are no different from absent ones, and re-importing the
	// importer's own output is a no-op.
	for _, existing := range [][2][]byte{{{}, {}}, {index, levels}} {
		i2, c2, err := e.Files(existing[0], existing[1])
		if err != nil || !bytes.Equal(i2, index) || !bytes.Equal(c2, levels) {
			t.Errorf("Files(%q, %q) = %q, %q, %v", existing[0], existing[1], i2, c2, err)
		}
	}
}

func TestFilesIndexPreservation(t *testing.T) {
	e := &Export{Title: `A "quoted" \ title: yes`, Intro: []string{"New intro."}, Corner: "Job Title", Levels: []string{"L1"}}
	const title = `title: "A \"quoted\" \\ title: yes"`
	tests := []struct {
		name, existing, want string
	}{
		{"absent", "", "---\n" + title + "\n---\nNew intro.\n"},
		{"no front matter, the body is kept", "Old body.\n", "---\n" + title + "\n---\nOld body.\n"},
		{"blank body", "---\ntitle: Old\n---\n\n \n", "---\n" + title + "\n---\nNew intro.\n"},
		{"the export's intro", "---\ntitle: Old\n---\n\nNew intro.\n\n", "---\n" + title + "\n---\nNew intro.\n"},
		{"title first",
			"---\ntitle: Old\ntrack: Manager\norder: 2\nlevels:\n  - title: \"L1\"\n    id: l1\n---\nOld body.\n",
			"---\n" + title + "\ntrack: Manager\norder: 2\nlevels:\n  - title: \"L1\"\n    id: l1\n---\nOld body.\n"},
		{"title in the middle, kept in place",
			"---\n# a comment\ntrack: Manager\ntitle: 'Old'\norder: 2\n---\nOld body.\n",
			"---\n# a comment\ntrack: Manager\n" + title + "\norder: 2\n---\nOld body.\n"},
		{"no title", "---\ntrack: Manager\n---\n", "---\n" + title + "\ntrack: Manager\n---\nNew intro.\n"},
		{"no title, and a first line YAML would read as continuing the title: the title goes last",
			"---\n  indented: 1\norder: 2\n---\n", "---\n  indented: 1\norder: 2\n" + title + "\n---\nNew intro.\n"},
		{"multi-line title",
			"---\ntitle: >\n  Old and\n\n  long\norder: 1\n---\n",
			"---\n" + title + "\norder: 1\n---\nNew intro.\n"},
		{"crlf, bom and padded fences",
			"\ufeff--- \r\ntitle: Old\r\norder: 1\r\n---\t\r\nOld\r\n\r\nlines\r\n",
			"---\n" + title + "\norder: 1\n---\nOld\n\nlines\n"},
		{"nested title keys are kept",
			"---\ntitle: Old\nlevels:\n  - title: L1\n    id: l1\n---\n",
			"---\n" + title + "\nlevels:\n  - title: L1\n    id: l1\n---\nNew intro.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var existing []byte
			if tt.existing != "" {
				existing = []byte(tt.existing)
			}
			index, _, err := e.Files(existing, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(index) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", index, tt.want)
			}
		})
	}

	_, _, err := e.Files([]byte("---\ntitle: Old\norder: 1\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "_index.md:1:1: error: front matter opened with --- is never closed") {
		t.Errorf("unclosed front matter: err = %v", err)
	}
}

func TestFilesCSVPreservation(t *testing.T) {
	e := &Export{
		Title: "T", Corner: "Job Title", Levels: []string{"L1", "L2"},
		Rows: []Row{
			{Title: "Scope", Cells: []string{"a", "b"}},
			{Title: "Craft, and Care", Cells: []string{"c", "d"}},
			{Title: "Brand New", Cells: []string{"e", "f"}},
			{Title: "leadership", Cells: []string{"g", "h"}},
		},
	}
	tests := []struct {
		name, existing, want string
	}{
		{"none", "Job Title,L1,L2\nScope,x,y\n",
			"Job Title,L1,L2\nScope,a,b\n\"Craft, and Care\",c,d\nBrand New,e,f\nleadership,g,h\n"},
		{"both, and a column after them, kept in their order after the levels",
			"\ufeffJob,id,Old level,Principles\r\n" +
				"Leadership,leadership,z,Hire and Develop the Best\r\n" +
				"Scope,general-scope,z,\"Ownership; Are Right, A Lot\"\r\n" +
				"\"Craft, and Care\",craft,z,Dive Deep\r\n" +
				"Removed Row,gone,z,Frugality\r\n",
			"Job Title,L1,L2,id,Old level,Principles\n" +
				"Scope,a,b,general-scope,z,\"Ownership; Are Right, A Lot\"\n" +
				"\"Craft, and Care\",c,d,craft,z,Dive Deep\n" +
				"Removed Row,,,gone,z,Frugality\n" +
				"Brand New,e,f,,,\n" +
				"leadership,g,h,leadership,z,Hire and Develop the Best\n"},
		{"principles only, exact match wins over case-insensitive",
			"Job Title,L1,L2,PRINCIPLES\nLEADERSHIP,,,Think Big\nleadership,,,Ownership\n",
			"Job Title,L1,L2,PRINCIPLES\nLEADERSHIP,,,Think Big\nScope,a,b,\n\"Craft, and Care\",c,d,\nBrand New,e,f,\nleadership,g,h,Ownership\n"},
		{"short records",
			"Job Title,L1,L2,Principles,ID\nScope,a\n",
			"Job Title,L1,L2,Principles,ID\nScope,a,b,,\n\"Craft, and Care\",c,d,,\nBrand New,e,f,,\nleadership,g,h,,\n"},
		{"the first column is never kept", "ID,L1\nScope,x\n",
			"Job Title,L1,L2\nScope,a,b\n\"Craft, and Care\",c,d\nBrand New,e,f\nleadership,g,h\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := e.Files(nil, []byte(tt.existing))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}

	bad := &Export{Title: "T", Corner: "C", Levels: []string{"L1"}, Rows: []Row{{Title: "R", Cells: []string{"a", "b"}}}}
	if _, _, err := bad.Files(nil, nil); err == nil || !strings.Contains(err.Error(), `levels.csv: error: row "R" has 2 cells for 1 levels`) {
		t.Errorf("row with too many cells: err = %v", err)
	}
	if _, _, err := (&Export{Title: "T"}).Files(nil, nil); err == nil || !strings.Contains(err.Error(), "no levels") {
		t.Errorf("export without levels: err = %v", err)
	}

	_, _, err := e.Files(nil, []byte("Job Title,L1,Principles\nScope,\"unclosed\n"))
	if err == nil || !strings.Contains(err.Error(), "levels.csv:2:") {
		t.Errorf("malformed CSV: err = %v, want a position in levels.csv", err)
	}
}

func TestYAMLQuote(t *testing.T) {
	for in, want := range map[string]string{
		"Plain":              `"Plain"`,
		`Say "hi"`:           `"Say \"hi\""`,
		`C:\path`:            `"C:\\path"`,
		"tab\there":          `"tab\there"`,
		"bell\a, del\x7f":    `"bell\x07, del\x7f"`,
		"nel\u0085 ls\u2028": `"nel\u0085 ls\u2028"`,
		"café ’ ⋯":           `"café ’ ⋯"`,
	} {
		if got := yamlQuote(in); got != want {
			t.Errorf("yamlQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestWriteRole(t *testing.T) {
	content := t.TempDir()
	e := mustParse(t, "small.txt", []byte(small))
	dir := filepath.Join(content, "roles", "small-role")
	indexPath, csvPath := filepath.Join(dir, IndexFile), filepath.Join(dir, LevelsFile)
	wantIndex, wantCSV, err := e.Files(nil, nil)
	if err != nil {
		t.Fatal(err)
	}

	if err := WriteRole(content, "small-role", e, false); err != nil {
		t.Fatal(err)
	}
	assertFile(t, indexPath, string(wantIndex))
	assertFile(t, csvPath, string(wantCSV))

	// Without force, an existing file is never replaced, and the error names it.
	for _, existing := range [][]string{{indexPath, csvPath}, {csvPath}} {
		if len(existing) == 1 {
			os.Remove(indexPath)
		}
		err := WriteRole(content, "small-role", e, false)
		if err == nil || !errors.Is(err, fs.ErrExist) {
			t.Fatalf("write over %q without force: err = %v, want fs.ErrExist", existing, err)
		}
		for _, p := range []string{indexPath, csvPath} {
			if named, exists := strings.Contains(err.Error(), p+": "), slices.Contains(existing, p); named != exists {
				t.Errorf("error %q: names %s = %v, want %v", err, p, named, exists)
			}
		}
	}
	if _, err := os.Stat(indexPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused write wrote %s", indexPath)
	}

	// With force, the author's additions are kept.
	authoredIndex := "---\ntitle: Old\ntrack: Manager\n---\nOld.\n"
	authoredCSV := "Job Title,Level One,Principles,ID\nscope,old,Ownership,scope-id\n"
	os.WriteFile(indexPath, []byte(authoredIndex), 0o644)
	os.WriteFile(csvPath, []byte(authoredCSV), 0o644)
	if err := WriteRole(content, "small-role", e, true); err != nil {
		t.Fatal(err)
	}
	assertFile(t, indexPath, "---\ntitle: \"Small Role Guideline\"\ntrack: Manager\n---\nOld.\n")
	assertFile(t, csvPath, "Job Title,Level One,Level Two,Principles,ID\n"+
		"Scope,Does tasks,\"Leads \"\"teams\"\", at scale\",Ownership,scope-id\nCraft,,Masters it,,\n")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("role folder holds %d entries, want the 2 files (no temporary files left)", len(entries))
	}

	// A malformed existing file stops the import before anything is written, and the
	// error points into it.
	os.WriteFile(csvPath, []byte("Job Title,\"L1\nx"), 0o644)
	err = WriteRole(content, "small-role", e, true)
	if err == nil || !strings.Contains(err.Error(), csvPath+":") {
		t.Errorf("malformed existing CSV: err = %v", err)
	}
	assertFile(t, indexPath, "---\ntitle: \"Small Role Guideline\"\ntrack: Manager\n---\nOld.\n")
}

func TestWriteRoleRejects(t *testing.T) {
	content := t.TempDir()
	e := mustParse(t, "small.txt", []byte(small))
	for _, id := range []string{"", "../x", "A B", "Upper", "a/b", `a\b`, ".", "..", "-lead", "trail-", "double--hyphen", "sp ace", "naïve"} {
		err := WriteRole(content, id, e, true)
		if err == nil || !strings.Contains(err.Error(), "invalid role ID") || id != "" && !strings.Contains(err.Error(), "is not a valid ID: an ID is lowercase letters and digits (of any script)") {
			t.Errorf("WriteRole(%q): err = %v, want an invalid role ID error", id, err)
		}
	}
	if entries, _ := os.ReadDir(content); len(entries) != 0 {
		t.Errorf("rejected IDs wrote %d entries", len(entries))
	}
	// The IDs the build accepts, of any script, are accepted here too.
	for _, id := range []string{"professional-services", "エンジニア", "инженерия-2", "工程-管理", "विकास"} {
		if err := WriteRole(content, id, e, false); err != nil {
			t.Errorf("WriteRole(%q): %v", id, err)
		} else if _, err := os.Stat(filepath.Join(content, "roles", id, "levels.csv")); err != nil {
			t.Errorf("WriteRole(%q) wrote no levels.csv: %v", id, err)
		}
	}
	if err := WriteRole(filepath.Join(content, "missing"), "ok", e, true); err == nil {
		t.Error("WriteRole into a missing content folder succeeded")
	}
	if err := WriteRole(content, "ok", nil, true); err == nil {
		t.Error("WriteRole of a nil Export succeeded")
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s =\n%s\nwant\n%s", path, got, want)
	}
}
