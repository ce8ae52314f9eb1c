package source

import (
	"testing"
	"testing/fstest"
)

// loadWith loads a minimal site with one extra file and checks what any input must
// satisfy: no panic, and problems reported at a place in that file or the site.
func loadWith(t *testing.T, path string, data []byte) {
	fsys := fstest.MapFS{
		"content/_index.md":               {Data: []byte("---\ntitle: T\n---\n")},
		"content/principles/ownership.md": {Data: []byte("---\ntitle: Ownership\n---\n")},
		"content/roles/r/_index.md":       {Data: []byte("---\ntitle: R\n---\n")},
		path:                              {Data: data},
	}
	if path != "content/roles/r/levels.csv" {
		fsys["content/roles/r/levels.csv"] = &fstest.MapFile{Data: []byte("T,L1\nRow,Cell\n")}
	}
	site, diags := Load(fsys, Options{Drafts: true})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	for _, d := range diags {
		if d.Pos.File == "" || d.Pos.Line < 0 || d.Pos.Col < 0 {
			t.Fatalf("diagnostic without a place: %v", d)
		}
	}
}

// FuzzMatrix feeds arbitrary levels.csv files to the matrix reader. Its seeds, in
// testdata/fuzz/FuzzMatrix, are the real matrices and edge cases.
func FuzzMatrix(f *testing.F) {
	f.Fuzz(func(t *testing.T, csv []byte) {
		loadWith(t, "content/roles/r/levels.csv", csv)
	})
}

// FuzzGroup feeds arbitrary interview group files to the group parser. Its seeds, in
// testdata/fuzz/FuzzGroup, are real groups and edge cases.
func FuzzGroup(f *testing.F) {
	f.Fuzz(func(t *testing.T, md []byte) {
		loadWith(t, "content/interview/g.md", md)
	})
}
