package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSaveToReload measures the time from saving a source to the reload event
// reaching a connected client, on a copy of the real handbook, or on the site folder
// named by HANDBOOK_BENCH_SOURCE (such as a synthetic corpus from cmd/handbook-corpus).
// It edits the first principle each time. The clock stops while the server finishes
// the rest of the rebuild (the search index and downloads, which no page waits for),
// so that each save starts from an idle server, as an author's do.
func BenchmarkSaveToReload(b *testing.B) {
	src := os.Getenv("HANDBOOK_BENCH_SOURCE")
	dir := b.TempDir()
	if src == "" {
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
			b.Fatal(err)
		}
	} else if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "principles", "[!_]*.md"))
	if len(matches) == 0 {
		b.Fatal("no principle to edit")
	}
	file := matches[0]
	original, _ := os.ReadFile(file)
	t := &testing.T{}
	log := &lineWaiter{prefix: "rebuilt ", lines: make(chan string, 16)}
	srv, err := New(Config{Source: dir, Addr: "127.0.0.1:0", Drafts: true, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	go srv.Run(ctx, ready)
	p := &preview{t: t, srv: srv, dir: dir, url: "http://" + <-ready, events: make(chan event, 64)}
	p.listen(ctx, "")
	<-p.events // hello
	<-log.lines
	b.ResetTimer()
	for i := range b.N {
		text := fmt.Appendf(append([]byte(nil), original...), "\nEdit number %d.\n", i)
		if err := os.WriteFile(file, text, 0o644); err != nil {
			b.Fatal(err)
		}
		for e := range p.events {
			if e.name == "reload" {
				break
			}
		}
		b.StopTimer()
		if line := <-log.lines; i == b.N-1 {
			b.Log(line)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/reload")
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
