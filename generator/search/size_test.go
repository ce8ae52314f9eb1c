package search_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// The size budgets of spec section 7 (BENCHMARKS.md records the measurements).
const (
	realBudget       = 40 << 10  // the real handbook's whole index, gzipped
	firstQueryBudget = 100 << 10 // what a first query fetches on a 10,000-page handbook, gzipped
)

// gzipSize is the size of data gzipped at the default level, as a static host or a
// CDN serves it.
func gzipSize(data []byte) int {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Len()
}

// family names the kind of an index file by its prefix: manifest, shards, ...
func family(path string) string {
	base := filepath.Base(path)
	switch {
	case base == "index.json":
		return "manifest"
	case strings.HasPrefix(base, "i."):
		return "term shards"
	case strings.HasPrefix(base, "d."):
		return "document chunks"
	case strings.HasPrefix(base, "x."):
		return "excerpt chunks"
	case strings.HasPrefix(base, "f."):
		return "facets"
	case strings.HasPrefix(base, "p."):
		return "principle docs"
	}
	return "other"
}

// TestRealIndexSize fails when the real handbook's whole index, each file gzipped as
// served, reaches 40 KB.
func TestRealIndexSize(t *testing.T) {
	ix := mustRealIndex(t)
	sizes := map[string][2]int{}
	total, totalGz := 0, 0
	for _, f := range ix.Files {
		s := sizes[family(f.Path)]
		g := gzipSize(f.Data)
		sizes[family(f.Path)] = [2]int{s[0] + len(f.Data), s[1] + g}
		total += len(f.Data)
		totalGz += g
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range sizes {
			if !yield(k) {
				return
			}
		}
	}) {
		t.Logf("%-16s %7d bytes, %6d gzipped", k, sizes[k][0], sizes[k][1])
	}
	t.Logf("%d documents, %d files: %d bytes, %d gzipped (budget %d)", ix.Docs, len(ix.Files), total, totalGz, realBudget)
	if totalGz >= realBudget {
		t.Errorf("the real handbook's index is %d bytes gzipped, over the budget of %d", totalGz, realBudget)
	}
	files, _ := gzipSizes(ix)
	measureFirstQueries(t, ix, scriptSize(t), files)
}

// firstQueries are what readers type first into the header box of a large handbook:
// common words, two-word names, a partial word, a misspelling, a rare word.
var firstQueries = []string{
	"customer", "customer obsession", "technical excellence", "technical excelence",
	"ownership", "deliver results", "stakeholder", "leadership", "disagree", "escalation",
	"reusable assets", "roadmap", "architecture", "hiring", "coaching", "custom", "prio",
	"migration plan", "operational excellence", "runbooks",
}

// gzipSizes returns each index file's gzipped size, and their sum.
func gzipSizes(ix search.Index) (map[string]int, int) {
	files := map[string]int{}
	total := 0
	for _, f := range ix.Files {
		files[f.Path] = gzipSize(f.Data)
		total += files[f.Path]
	}
	return files, total
}

// scriptSize is the published (minified) search script's gzipped size.
func scriptSize(t testing.TB) int {
	data, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	return gzipSize(output.NewMinifier().File("search.js", data))
}

// TestFirstQueryBytes builds the index of a synthetic 10,000-page handbook (written by
// handbook-corpus) and runs typical first queries, each on a fresh engine as the header
// box does: the manifest, the shards and the document chunks of its first eight results
// that it fetches, and the script, all gzipped, must stay within 100 KB.
func TestFirstQueryBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short: builds a 10,000-page handbook")
	}
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Pages: 10000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	site, diags := source.Load(os.DirFS(dir), source.Options{})
	if site == nil || diags.HasErrors(false) {
		t.Fatalf("loading the corpus:\n%s", diags.Error())
	}
	if d := graph.Build(site); d.HasErrors(false) {
		t.Fatalf("linking the corpus:\n%s", d.Error())
	}
	ix := search.Build(site, search.Options{})
	files, total := gzipSizes(ix)
	js := scriptSize(t)
	t.Logf("%d documents, %d files, %d bytes gzipped in all; search.js %d bytes gzipped; manifest %d", ix.Docs, len(ix.Files), total, js, files[ix.Manifest])

	measureFirstQueries(t, ix, js, files)
}

// measureFirstQueries runs firstQueries on ix as the header box and as the search page
// do, each on a fresh engine, and fails when one fetches more than the budget.
func measureFirstQueries(t *testing.T, ix search.Index, js int, files map[string]int) {
	// The header box: eight results, no excerpts, no filters.
	var box, page []query
	for _, q := range firstQueries {
		box = append(box, query{Q: q, Typing: true})
		page = append(page, query{Q: q, Typing: true, Facets: true, Text: true})
	}
	measure := func(what string, top int, queries []query) {
		var all []int
		for _, a := range searchAll(t, ix, top, queries) {
			n := js
			for _, p := range a.Loaded {
				n += files[path.Clean(p)]
			}
			all = append(all, n)
			t.Logf("%s %-24q %6d bytes gzipped in %2d files; %5d results", what, a.Q, n, len(a.Loaded)+1, a.Total)
			if n > firstQueryBudget {
				t.Errorf("%s %q: a first query fetches %d bytes gzipped, over the budget of %d", what, a.Q, n, firstQueryBudget)
			}
			if a.Total == 0 {
				t.Errorf("%q: no results", a.Q)
			}
		}
		slices.Sort(all)
		t.Logf("%s: first queries fetch %d to %d bytes gzipped, median %d (budget %d)", what, all[0], all[len(all)-1], all[len(all)/2], firstQueryBudget)
	}
	measure("header box", 8, box)
	// The search page: ten results with excerpts, and the filters' facets.
	measure("search page", 10, page)
}
