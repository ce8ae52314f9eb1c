package build_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/gittest"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkBuildHistory measures what a site's git history costs a build: a synthetic
// handbook (10,000 pages; 300 with -short) committed with 200 commits of history (20
// with -short), each rewording one matrix cell, every tenth tagged a release. The
// sub-benchmarks build it without history (history=none), with history and an empty
// cache (history=cold, as the first build on a machine and a CI's every build on a
// fresh runner: the files that differ between each two releases are read from git,
// loaded and compared), and with the cache a previous build left (history=warm). The
// budget is 20% over history=none for both. Besides the time, each reports the
// processor time (user and system, git's included) per build, cpu-s/op, which on a
// shared machine is steadier. HANDBOOK_BENCH_PAGES and HANDBOOK_BENCH_COMMITS change
// the sizes, HANDBOOK_BENCH_SHAPE the corpus's shape.
func BenchmarkBuildHistory(b *testing.B) {
	gittest.RequireGit(b)
	pages, commits := benchPages(b, 10000), 200
	if testing.Short() {
		commits = 20
	}
	if s := os.Getenv("HANDBOOK_BENCH_COMMITS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("HANDBOOK_BENCH_COMMITS=%q: want a number of commits", s)
		}
		commits = n
	}
	dir := b.TempDir()
	shape, suffix := benchShape(b)
	st, err := corpus.Write(dir, corpus.Options{Pages: pages, Seed: 1, Shape: shape})
	if err != nil {
		b.Fatal(err)
	}
	commitHistory(b, dir, commits)
	// The warm cache is what a first build leaves.
	warm := b.TempDir()
	if res, diags := build.Build(os.DirFS(dir), build.Options{Dir: dir, HistoryCache: warm}); res == nil {
		b.Fatalf("build: %v", diags)
	}
	// On a shared machine, runs side by side compare best: HANDBOOK_BENCH_ROUNDS
	// runs the three in turn that many times.
	rounds := 1
	if s := os.Getenv("HANDBOOK_BENCH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("HANDBOOK_BENCH_ROUNDS=%q: want a number of rounds", s)
		}
		rounds = n
	}
	for range rounds {
		benchHistoryModes(b, dir, warm, st.Pages, commits, suffix)
	}
}

// benchHistoryModes builds the site of BenchmarkBuildHistory without history, with a
// cold cache and with the warm one.
func benchHistoryModes(b *testing.B, dir, warm string, pages, commits int, suffix string) {
	for _, mode := range []string{"none", "cold", "warm"} {
		b.Run(fmt.Sprintf("pages=%d/commits=%d/history=%s", pages, commits, mode)+suffix, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				opts := build.Options{Minify: true}
				switch mode {
				case "cold":
					b.StopTimer()
					cache := b.TempDir()
					b.StartTimer()
					opts.Dir, opts.HistoryCache = dir, cache
				case "warm":
					opts.Dir, opts.HistoryCache = dir, warm
				}
				res, diags := build.Build(os.DirFS(dir), opts)
				if res == nil || diags.HasErrors(false) {
					b.Fatalf("build: %v", diags)
				}
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// commitHistory commits the corpus in dir, then n-1 commits each rewording one cell
// of a matrix, tagging every tenth commit (and the last) a release; then it packs the
// repository, as a clone (a CI's checkout) is packed.
func commitHistory(b *testing.B, dir string, n int) {
	matrices, err := filepath.Glob(filepath.Join(dir, "content", "roles", "*", "levels.csv"))
	if err != nil || len(matrices) == 0 {
		b.Fatalf("no matrices in the corpus: %v", err)
	}
	gittest.Git(b, dir, "", "init", "-q", "-b", "main")
	for i := range n {
		date := "2026-01-01T00:00:00Z"
		if i > 0 {
			rewordCell(b, matrices[i%len(matrices)], i)
			date = fmt.Sprintf("2026-%02d-%02dT%02d:00:00Z", 1+i/28%12, 1+i%28, i%24)
		}
		gittest.Git(b, dir, date, "add", "-A")
		gittest.Git(b, dir, date, "commit", "-q", "-m", "edit "+strconv.Itoa(i))
		if i%10 == 0 || i == n-1 {
			gittest.Git(b, dir, date, "tag", "v"+strconv.Itoa(i))
		}
	}
	gittest.Git(b, dir, "", "gc", "-q")
}

// rewordCell puts a word at the start of the first level cell of one row of a matrix.
func rewordCell(b *testing.B, file string, i int) {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(records) < 2 || len(records[0]) < 2 {
		b.Fatalf("%s: %v", file, err)
	}
	row := records[1+i%(len(records)-1)]
	row[1] = "Revised" + strconv.Itoa(i) + " " + row[1]
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	if err := w.WriteAll(records); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
}
