package build_test

// Benchmarks of the whole build and of the steps that dominate it, on synthetic corpora
// written by handbook/internal/corpus (spec section 11). Each benchmark writes
// its corpus once, outside the timing, then times its step as a sub-benchmark named after
// the corpus size, reporting allocations and pages per second:
//
//	go test -run '^$' -bench . -benchmem ./generator/build/
//	go test -run '^$' -bench BenchmarkBuild10k -cpuprofile /tmp/cpu.out ./generator/build/
//
// Sizes: BenchmarkBuild1k builds 1,000 pages, BenchmarkBuild10k and the step benchmarks
// 10,000. With -short every benchmark uses 300 pages (the CI smoke run:
// go test -run '^$' -bench . -benchtime=1x -short ./generator/build/); the environment
// variable HANDBOOK_BENCH_PAGES=N makes every benchmark use N pages, and
// HANDBOOK_BENCH_SHAPE=realistic writes corpora of the realistic shape (corpus.Realistic;
// the sub-benchmarks' names then end in /shape=realistic) instead of the default one.

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/highlight"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// benchPages is the corpus size of a benchmark whose default is def.
func benchPages(b *testing.B, def int) int {
	if s := os.Getenv("HANDBOOK_BENCH_PAGES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < corpus.MinPages {
			b.Fatalf("HANDBOOK_BENCH_PAGES=%q: want a number of pages of at least %d", s, corpus.MinPages)
		}
		return n
	}
	if testing.Short() {
		return 300
	}
	return def
}

// benchShape is the shape HANDBOOK_BENCH_SHAPE names (the default shape when unset), and
// the suffix of the sub-benchmarks' names that says so.
func benchShape(b *testing.B) (corpus.Shape, string) {
	name := os.Getenv("HANDBOOK_BENCH_SHAPE")
	shape, err := corpus.NamedShape(name)
	if err != nil {
		b.Fatalf("HANDBOOK_BENCH_SHAPE: %v", err)
	}
	if name == "" || name == "default" {
		return shape, ""
	}
	return shape, "/shape=" + name
}

// withCorpus writes a corpus of about pages pages, of the shape benchShape gives, into a temporary folder and runs bench
// on it as the sub-benchmark "pages=N". The parent benchmark runs once, so the corpus is
// written once however many times the sub-benchmark runs.
func withCorpus(b *testing.B, pages int, bench func(b *testing.B, dir string, pages int)) {
	dir := b.TempDir()
	shape, suffix := benchShape(b)
	st, err := corpus.Write(dir, corpus.Options{Pages: pages, Seed: 1, Shape: shape})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pages="+strconv.Itoa(st.Pages)+suffix, func(b *testing.B) {
		b.ReportAllocs()
		bench(b, dir, st.Pages)
		b.ReportMetric(float64(st.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}

// buildSite runs the full build and fails on any diagnostic, as --strict does.
func buildSite(b *testing.B, dir string, minify bool) *build.Result {
	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: minify})
	if res == nil || len(diags) > 0 {
		b.Fatalf("the corpus does not build cleanly:\n%s", diags.Error())
	}
	return res
}

// benchFullBuild builds the site as `handbook build` does: each page written into a
// new site folder as soon as it is rendered, the other files after, then the folder
// put in place. Each run writes a fresh destination, as a clean CI build does.
func benchFullBuild(b *testing.B, dir string, pages int) {
	root := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		publish(b, dir, filepath.Join(root, "public"+strconv.Itoa(i)), pages)
	}
}

// publish builds the corpus in dir into dest as `handbook build` does and fails unless
// every page is written.
func publish(b *testing.B, dir, dest string, pages int) {
	pub, err := output.Begin(dest, output.WriteOptions{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: true, Emit: pub.Add})
	if res == nil || len(diags) > 0 {
		pub.Abort()
		b.Fatalf("the corpus does not build cleanly:\n%s", diags.Error())
	}
	pub.AddAll(res.Files)
	if err := pub.Commit(); err != nil {
		b.Fatal(err)
	}
	if res.Pages != pages || pub.Files() < pages {
		b.Fatalf("built %d pages and wrote %d files, the corpus has %d pages", res.Pages, pub.Files(), pages)
	}
}

// BenchmarkRebuildSameDest is `handbook build` into the folder the previous build wrote,
// against the same build into a new folder: each run makes one of each, in turn, so
// that both meet the same load on the machine, and reports each one's time and the
// rebuild's as a multiple of the fresh build's (same/fresh). Two builds of the same
// folder come first, untimed, so that every timed rebuild finds what a rebuild finds:
// the previous site in place and the one before it set aside, to be removed.
func BenchmarkRebuildSameDest(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, pages int) {
		root := b.TempDir()
		same := filepath.Join(root, "public")
		publish(b, dir, same, pages) // before the first b.Loop, which starts the timing
		publish(b, dir, same, pages)
		var fresh, rebuild time.Duration
		i := 0
		for b.Loop() {
			i++
			start := time.Now()
			publish(b, dir, filepath.Join(root, "fresh"+strconv.Itoa(i)), pages)
			mid := time.Now()
			publish(b, dir, same, pages)
			fresh, rebuild = fresh+mid.Sub(start), rebuild+time.Since(mid)
		}
		b.ReportMetric(float64(fresh.Milliseconds())/float64(i), "fresh-ms/op")
		b.ReportMetric(float64(rebuild.Milliseconds())/float64(i), "same-ms/op")
		b.ReportMetric(rebuild.Seconds()/fresh.Seconds(), "same/fresh")
	})
}

// BenchmarkBuild1k is `handbook build` of 1,000 pages: load, link, index, render,
// minify, and write the site to disk.
func BenchmarkBuild1k(b *testing.B) { withCorpus(b, benchPages(b, 1000), benchFullBuild) }

// BenchmarkBuild10k is `handbook build` of 10,000 pages.
func BenchmarkBuild10k(b *testing.B) { withCorpus(b, benchPages(b, 10000), benchFullBuild) }

// BenchmarkLoad reads and parses every source (source.Load).
func BenchmarkLoad(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		fsys := os.DirFS(dir)
		for b.Loop() {
			if site, diags := source.Load(fsys, source.Options{}); site == nil || diags.HasErrors(true) {
				b.Fatal(diags.Error())
			}
		}
	})
}

// loaded returns the corpus loaded and, if link, linked.
func loaded(b *testing.B, dir string, link bool) *model.Site {
	site, diags := source.Load(os.DirFS(dir), source.Options{})
	if site == nil || diags.HasErrors(true) {
		b.Fatal(diags.Error())
	}
	if link {
		if diags := graph.Build(site); diags.HasErrors(true) {
			b.Fatal(diags.Error())
		}
	}
	return site
}

// BenchmarkGraph resolves every reference and links the model both ways (graph.Build).
func BenchmarkGraph(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		site := loaded(b, dir, false)
		for b.Loop() {
			if diags := graph.Build(site); diags.HasErrors(true) {
				b.Fatal(diags.Error())
			}
		}
	})
}

// BenchmarkSearch builds the search index of the linked model (search.Build).
func BenchmarkSearch(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		site := loaded(b, dir, true)
		for b.Loop() {
			if idx := search.Build(site, search.Options{}); len(idx.Files) == 0 {
				b.Fatal("empty search index")
			}
		}
	})
}

// BenchmarkRender renders every page through the theme's templates (render.Render),
// markdown and link checks included.
func BenchmarkRender(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, pages int) {
		fsys := os.DirFS(dir)
		site := loaded(b, dir, true)
		th, diags := theme.Load(fsys, site.Theme, site.Pos, site.Language)
		if th == nil {
			b.Fatal(diags.Error())
		}
		hl := highlight.New()
		css, err := hl.CSS()
		if err != nil {
			b.Fatal(err)
		}
		_, names, err := output.Assets(th.FS, css, nil)
		if err != nil {
			b.Fatal(err)
		}
		names["search-manifest"] = search.Build(site, search.Options{}).Manifest
		opts := render.Options{Assets: names, Highlighter: hl}
		for b.Loop() {
			files, diags := render.Render(site, th, opts)
			if diags.HasErrors(true) {
				b.Fatal(diags.Error())
			}
			if n := countPages(files); n != pages {
				b.Fatalf("rendered %d pages, the corpus has %d", n, pages)
			}
		}
	})
}

func countPages(files []output.File) int {
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			n++
		}
	}
	return n
}

// BenchmarkMinify passes every built file through the minifier, one after another: the
// theme's CSS, JS and SVG are minified, pages pass as they are (see BENCHMARKS.md).
func BenchmarkMinify(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		files := buildSite(b, dir, false).Files
		min := output.NewMinifier()
		for b.Loop() {
			for _, f := range files {
				min.File(f.Path, f.Data)
			}
		}
	})
}

// BenchmarkWrite publishes the built site to disk atomically (output.Write), replacing
// the previous build as a rebuild does (removing, while it writes, the site before it,
// which the previous run set aside).
func BenchmarkWrite(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		files := buildSite(b, dir, true).Files
		dest := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			if err := output.Write(dest, files, output.WriteOptions{Source: dir}); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := fs.Stat(os.DirFS(dest), "index.html"); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkWriteFresh publishes the built site into a folder that does not exist yet,
// as a clean CI build does: BenchmarkWrite minus removing the previous build.
func BenchmarkWriteFresh(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		files := buildSite(b, dir, true).Files
		root := b.TempDir()
		i := 0
		for b.Loop() {
			i++
			if err := output.Write(filepath.Join(root, "public"+strconv.Itoa(i)), files, output.WriteOptions{Source: dir}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSessionEdit is the dev server's work after a save that changes a principle's
// prose: from the call to Update until the principle's page (the open page, what a
// reloading page waits for) is rendered from the new generation.
func BenchmarkSessionEdit(b *testing.B) {
	withCorpus(b, benchPages(b, 10000), func(b *testing.B, dir string, _ int) {
		matches, _ := filepath.Glob(filepath.Join(dir, "content", "principles", "[^_]*.md"))
		if len(matches) == 0 {
			b.Fatal("no principle to edit")
		}
		file := matches[0]
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		rel := "content/principles/" + filepath.Base(file)
		original, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		s := build.NewSession(os.DirFS(dir), build.Options{Drafts: true})
		gen, _, diags := s.Update(nil)
		if gen == nil {
			b.Fatalf("the corpus does not build:\n%s", diags.Error())
		}
		page := ""
		for _, p := range gen.Site().Principles {
			if p.Path == rel {
				page = strings.TrimPrefix(p.URL(), "/") + "index.html"
			}
		}
		if _, ok := gen.File(page); !ok {
			b.Fatalf("no page %s for %s", page, name)
		}
		i := 0
		for b.Loop() {
			i++
			if err := os.WriteFile(file, append(slices.Clip(original), "\nEdit number "+strconv.Itoa(i)+".\n"...), 0o644); err != nil {
				b.Fatal(err)
			}
			gen, change, diags := s.Update([]string{rel})
			if gen == nil || change != build.Content {
				b.Fatalf("the edit was not patched (change %v):\n%s", change, diags.Error())
			}
			if data, ok := gen.File(page); !ok || !strings.Contains(string(data), "Edit number "+strconv.Itoa(i)+".") {
				b.Fatal("the page does not show the edit")
			}
		}
	})
}
