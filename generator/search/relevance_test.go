package search_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/search"
)

// realIndex builds the repository's own handbook (without drafts, as published) and
// its index, once for all the tests that need it.
var realIndex = sync.OnceValues(func() (search.Index, error) {
	res, diags := build.Build(os.DirFS("../.."), build.Options{})
	if res == nil {
		return search.Index{}, diags
	}
	return search.Build(res.Site, search.Options{}), nil
})

func mustRealIndex(t testing.TB) search.Index {
	t.Helper()
	ix, err := realIndex()
	if err != nil {
		t.Fatalf("building the handbook: %v", err)
	}
	return ix
}

// relevanceCase is one line of testdata/queries.txt.
type relevanceCase struct {
	line  int
	query string
	want  string
}

func readQueries(t *testing.T) []relevanceCase {
	t.Helper()
	data, err := os.ReadFile("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []relevanceCase
	for i, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("queries.txt:%d: want QUERY<TAB>URL", i+1)
		}
		out = append(out, relevanceCase{i + 1, strings.TrimSpace(q), strings.TrimSpace(want)})
	}
	return out
}

// TestRelevance runs every query of testdata/queries.txt through the real search.js
// engine against the real handbook's index, as the header box does while one types,
// and fails for each whose page is not among the first three results.
func TestRelevance(t *testing.T) {
	cases := readQueries(t)
	if len(cases) < 40 {
		t.Fatalf("queries.txt has %d queries, want at least 40", len(cases))
	}
	var queries []query
	for _, c := range cases {
		queries = append(queries, query{Q: c.query, Typing: true})
	}
	answers := searchAll(t, mustRealIndex(t), 3, queries)
	misses := 0
	for i, c := range cases {
		if !slices.Contains(answers[i].URLs, c.want) {
			misses++
			t.Errorf("queries.txt:%d: %q: want %s in the top 3, got\n  %s", c.line, c.query, c.want, strings.Join(answers[i].URLs, "\n  "))
		}
	}
	t.Logf("%d of %d queries found their page in the top 3", len(cases)-misses, len(cases))
}

// TestDeterministic builds the real handbook's index twice, from two loads of the
// sources, and wants the same files, byte for byte.
func TestDeterministic(t *testing.T) {
	var runs [2]search.Index
	for i := range runs {
		res, diags := build.Build(os.DirFS("../.."), build.Options{Drafts: true})
		if res == nil {
			t.Fatal(diags)
		}
		runs[i] = search.Build(res.Site, search.Options{})
	}
	if len(runs[0].Files) != len(runs[1].Files) {
		t.Fatalf("%d files, then %d", len(runs[0].Files), len(runs[1].Files))
	}
	for i, f := range runs[0].Files {
		g := runs[1].Files[i]
		if f.Path != g.Path || string(f.Data) != string(g.Data) {
			t.Errorf("%s differs from %s", f.Path, g.Path)
		}
	}
}

// BenchmarkBuild measures building the real handbook's index and reports its size.
func BenchmarkBuild(b *testing.B) {
	res, diags := build.Build(os.DirFS("../.."), build.Options{})
	if res == nil {
		b.Fatal(diags)
	}
	var ix search.Index
	for b.Loop() {
		ix = search.Build(res.Site, search.Options{})
	}
	_, total := gzipSizes(ix)
	b.ReportMetric(float64(total), "gzip-bytes")
	b.ReportMetric(float64(ix.Docs), "docs")
}
