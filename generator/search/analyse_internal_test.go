package search

import (
	"io/fs"
	"maps"
	"os"
	"testing"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// TestSharedTerms checks that the terms the index counts for each document, reading
// what documents share only once (a dimension's cells' texts, the body of a group's
// questions), are those of the document's whole text read as it is, on the real
// handbook and on a synthetic one.
func TestSharedTerms(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Pages: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"handbook": os.DirFS("../.."), "corpus": os.DirFS(dir)} {
		t.Run(name, func(t *testing.T) { checkSharedTerms(t, fsys) })
	}
}

func checkSharedTerms(t *testing.T, fsys fs.FS) {
	site, diags := source.Load(fsys, source.Options{})
	if site == nil || diags.HasErrors(false) {
		t.Fatalf("loading:\n%s", diags.Error())
	}
	if d := graph.Build(site); d.HasErrors(false) {
		t.Fatalf("linking:\n%s", d.Error())
	}
	docs := Documents(site, nil)
	all, terms := analyseAll(docs, English)
	counts := func(dt docTerms, stems []string) map[string][3]int32 {
		out := map[string][3]int32{}
		for _, tc := range dt.terms {
			out[stems[tc.term]] = tc.tf
		}
		return out
	}
	shared := 0
	for i, d := range docs {
		if d.cells != nil {
			shared++
		}
		whole := *d
		whole.cells, whole.titles = nil, ""
		a := newAnalyzer(English)
		want := a.analyse(&whole)
		if !maps.Equal(counts(all[i], terms), counts(want, a.terms)) || all[i].len != want.len {
			t.Errorf("%s %q: its terms differ from those of its whole text", d.Type.ID(), d.Title)
		}
	}
	if shared == 0 {
		t.Error("no dimension is counted from its cells")
	}
}
