package devserver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/search"
)

// BenchmarkSaveToReload measures the time from saving a source to the reload (or
// stylesheet) event reaching a connected client over Server-Sent Events, on a copy of
// the real handbook, or on the site folder named by HANDBOOK_BENCH_SOURCE (such as a
// synthetic corpus from cmd/handbook-corpus), for each kind of save:
//
//   - prose: a sentence appended to a page of its own (content/*.md);
//   - cell: a matrix cell reworded (the first cell of the first role's matrix);
//   - group: a sentence appended to a question group (its last section, one its
//     questions' pages show);
//   - principle: a sentence appended to a principle;
//   - title: a principle's title renamed (the files that named it by title name it by
//     its ID, set up before the clock starts), which is patched into the model as it is
//     linked (build.Session: graph.CanRetitle);
//   - rename: a principle's title renamed in one save with every file that names it by
//     title, each naming it by the new one, which is patched as well.
//
// ms/reload is timed from the save's first write, ms/after-save from its last (they
// differ where a save writes many files: a rename).
//
// The client says it shows the page the save changes, as a browser's does. Between
// saves the clock stops while the server finishes the rest (the check of the new
// generation, which no page waits for), so each save starts from an idle server, as an
// author's do.
func BenchmarkSaveToReload(b *testing.B) {
	for _, kind := range []string{"prose", "cell", "group", "principle", "title", "rename"} {
		b.Run(kind, func(b *testing.B) { benchSave(b, kind) })
	}
}

// benchSite returns a copy of the site a benchmark edits: the real handbook, or the
// site folder HANDBOOK_BENCH_SOURCE names.
func benchSite(b *testing.B) string {
	src := os.Getenv("HANDBOOK_BENCH_SOURCE")
	dir := b.TempDir()
	if src == "" {
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
			b.Fatal(err)
		}
	} else if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchSave(b *testing.B, kind string) {
	dir := benchSite(b)
	file, edit := saveOf(b, dir, kind)
	original, _ := os.ReadFile(file)
	rel, _ := filepath.Rel(dir, file)
	var with map[string][]byte // the other files a save writes, and their original text
	if kind == "rename" {
		with = namingByTitle(dir, file, titleOf(b, file))
	}
	t := &testing.T{}
	log := &lineWaiter{prefix: idleLine, lines: make(chan string, 16)}
	srv, err := New(Config{Source: dir, Addr: "127.0.0.1:0", Drafts: true, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	go srv.Run(ctx, ready)
	p := &preview{t: t, srv: srv, dir: dir, url: "http://" + <-ready, events: make(chan event, 64)}
	<-log.lines
	p.listen(ctx, openPage(srv, filepath.ToSlash(rel)))
	<-p.events                  // hello
	var afterSave time.Duration // from the save's last write to the reload
	b.ResetTimer()
	for i := range b.N {
		for other, text := range with {
			if err := os.WriteFile(other, edit(text, i), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(file, edit(original, i), 0o644); err != nil {
			b.Fatal(err)
		}
		saved := time.Now()
	wait:
		for {
			select {
			case e := <-p.events:
				if e.name == "reload" || e.name == "style" {
					break wait
				}
				if e.name == "problem" {
					b.Fatalf("save %d: %s", i, e.data)
				}
			case <-time.After(60 * time.Second):
				b.Fatalf("save %d: no reload within 60s", i)
			}
		}
		afterSave += time.Since(saved)
		b.StopTimer()
		if line := <-log.lines; i == b.N-1 {
			b.Log(line)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/reload")
	b.ReportMetric(float64(afterSave.Microseconds())/1000/float64(b.N), "ms/after-save")
}

// idleLine starts the log line the server writes once it is idle after a save.
const idleLine = "checked "

// openPage returns the URL path of the page a save of the source rel changes, from the
// generation served.
func openPage(srv *Server, rel string) string {
	srv.mu.RLock()
	site := srv.gen.Site()
	srv.mu.RUnlock()
	for _, p := range site.Principles {
		if p.Path == rel {
			return p.URL()
		}
	}
	for _, r := range site.Roles {
		if r.CSVPath == rel {
			return r.URL()
		}
	}
	for _, g := range site.Groups {
		if g.Path == rel && len(g.Questions) > 0 {
			return g.Questions[0].URL()
		}
	}
	for _, p := range site.Pages {
		if p.Path == rel {
			return p.URL
		}
	}
	return ""
}

// groupToEdit returns the first question group of the site folder dir whose last
// section is one its questions' pages show: a sentence added after its questions
// would change no page the client shows, and no reload would come.
func groupToEdit(b *testing.B, dir string) string {
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "interview", "[^_]*.md"))
	for _, file := range matches {
		text, _ := os.ReadFile(file)
		s := string(text)
		if i := strings.LastIndex(s, "\n## "); i >= 0 && !strings.HasPrefix(s[i+1:], "## Questions") {
			return file
		}
	}
	b.Fatal("no question group with a section after its questions")
	return ""
}

// saveOf returns the file a kind of save changes in the site folder dir, and the edit
// that makes its i-th save from its original text.
func saveOf(b *testing.B, dir, kind string) (string, func([]byte, int) []byte) {
	first := func(pattern string) string {
		matches, _ := filepath.Glob(filepath.Join(dir, "content", pattern))
		if len(matches) == 0 {
			b.Fatalf("no %s to edit", pattern)
		}
		return matches[0]
	}
	sentence := func(text []byte, i int) []byte {
		return fmt.Appendf(append([]byte(nil), text...), "\nEdit number %d.\n", i)
	}
	switch kind {
	case "prose":
		return first("[^_]*.md"), sentence
	case "cell":
		return first("roles/*/levels.csv"), func(text []byte, i int) []byte {
			return rewordCell(text, fmt.Sprintf("Edit %d: ", i))
		}
	case "group":
		return groupToEdit(b, dir), sentence
	case "principle":
		return first("principles/[^_]*.md"), sentence
	case "title":
		file := first("principles/[^_]*.md")
		return file, renameTitle(b, dir, file)
	case "rename":
		file := first("principles/[^_]*.md")
		title := titleOf(b, file)
		return file, func(text []byte, i int) []byte {
			return bytes.ReplaceAll(text, []byte(title), fmt.Appendf(nil, "%s %d", title, i))
		}
	}
	b.Fatalf("no save of kind %s", kind)
	return "", nil
}

// rewordCell returns a matrix's CSV text with words put before its first cell: that
// of the first row, after the header and the row's title.
func rewordCell(text []byte, words string) []byte {
	s := string(text)
	head := strings.Index(s, "\n") + 1
	at := head + strings.Index(s[head:], ",") + 1
	if s[at] == '"' {
		at++
	}
	return []byte(s[:at] + words + s[at:])
}

var titleLine = regexp.MustCompile(`(?m)^title: *"?([^"\n]*?)"? *$`)

// titleOf returns the title of a principle's file.
func titleOf(b testing.TB, file string) string {
	data, _ := os.ReadFile(file)
	m := titleLine.FindSubmatch(data)
	if m == nil {
		b.Fatalf("%s has no title", file)
	}
	return string(m[1])
}

// namingByTitle returns the other sources of the site folder dir that name the
// principle file by its title, with their text.
func namingByTitle(dir, file, title string) map[string][]byte {
	out := map[string][]byte{}
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == file {
			return err
		}
		if text, _ := os.ReadFile(p); bytes.Contains(text, []byte(title)) {
			out[p] = text
		}
		return nil
	})
	return out
}

// renameTitle makes every other source that names the principle file by its title name
// it by its ID (its file name), and returns the edit that renames its title.
func renameTitle(b *testing.B, dir, file string) func([]byte, int) []byte {
	title, id := titleOf(b, file), strings.TrimSuffix(filepath.Base(file), ".md")
	for p, text := range namingByTitle(dir, file, title) {
		text = bytes.ReplaceAll(text, []byte(`"`+title+`"`), []byte(id))
		if err := os.WriteFile(p, bytes.ReplaceAll(text, []byte(title), []byte(id)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return func(text []byte, i int) []byte {
		return titleLine.ReplaceAll(text, []byte(fmt.Sprintf("title: %q", fmt.Sprintf("%s %d", title, i))))
	}
}

// lineWaiter is a log that passes on the lines starting with prefix.
type lineWaiter struct {
	prefix string
	lines  chan string
}

func (w *lineWaiter) Write(p []byte) (int, error) {
	for line := range strings.Lines(string(p)) {
		if strings.HasPrefix(line, w.prefix) {
			w.lines <- strings.TrimSpace(line)
		}
	}
	return len(p), nil
}

// BenchmarkIndexRefresh measures making the search index after a one-cell edit (the
// first cell of the first role's matrix reworded, patched into the model, one to four
// words longer or shorter each time, so that every document's weights change), on the
// site BenchmarkSaveToReload uses: full builds the index from nothing, as the preview
// once did on the first request after a save; incremental updates the index of the
// version before, as it does now in the background. The edit and the model's update
// are outside the clock.
func BenchmarkIndexRefresh(b *testing.B) {
	for _, kind := range []string{"full", "incremental"} {
		b.Run(kind, func(b *testing.B) { benchRefresh(b, kind == "incremental") })
	}
}

func benchRefresh(b *testing.B, incremental bool) {
	dir := benchSite(b)
	file, _ := saveOf(b, dir, "cell")
	edit := func(text []byte, i int) []byte {
		return rewordCell(text, "Reworded "+strings.Repeat("and extended ", i%4)+"here: ")
	}
	original, _ := os.ReadFile(file)
	rel, _ := filepath.Rel(dir, file)
	session := build.NewSession(os.DirFS(dir), build.Options{Drafts: true})
	gen, _, diags := session.Update(nil)
	if gen == nil {
		b.Fatalf("the site does not load:\n%s", diags.Error())
	}
	prev := search.Update(search.Index{}, gen.Site(), gen.SearchOptions())
	var cpu time.Duration // the processor time of the refreshes, steadier than their time on a shared machine
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := os.WriteFile(file, edit(original, i), 0o644); err != nil {
			b.Fatal(err)
		}
		var change build.Change
		if gen, change, diags = session.Update([]string{filepath.ToSlash(rel)}); gen == nil || change != build.Content {
			b.Fatalf("save %d: not patched (%v):\n%s", i, change, diags.Error())
		}
		b.StartTimer()
		start := cpuTime()
		if incremental {
			prev = search.Update(prev, gen.Site(), gen.SearchOptions())
		} else {
			prev = search.Build(gen.Site(), gen.SearchOptions())
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/refresh")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/refresh")
	b.ReportMetric(float64(prev.Docs), "docs")
}
