package devserver

import (
	"bytes"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLongSaveArrivesWhole saves a renamed principle the way a branch switch does:
// every file that names it by title first, then every other file of the site
// (rewritten as it was, theme included), then the principle's own file, each written once, one after the other, for
// longer than the watch's default longest burst (twenty polls). Every state before the
// last write names a title no principle has. The preview must build the save once,
// whole, and reload, never showing the problems of a state between.
//
// That holds while the writes follow each other closely: a writer paused for most of
// a poll (a loaded machine stops a test's goroutine for that long at times) has ended
// its burst, and the preview rightly builds the state it saw. The test measures the
// writer's longest pause and, where it reached half a poll, requires only that the
// preview ends whole.
func TestLongSaveArrivesWhole(t *testing.T) {
	const poll = 50 * time.Millisecond
	dir := copyHandbook(t)
	principle := filepath.Join(dir, "content", "principles", "ownership.md")
	p := startPreviewShowing(t, dir, Config{Poll: poll}, "/principles/ownership/")
	title := titleOf(t, principle)
	renamed := title + " and Care"
	naming := namingByTitle(dir, principle, title)
	if len(naming) == 0 {
		t.Fatalf("no file names %q by title", title)
	}
	save := slices.Sorted(maps.Keys(naming))
	for _, file := range filesUnder(t, dir) {
		if _, ok := naming[file]; !ok && file != principle {
			save = append(save, file)
		}
	}
	save = append(save, principle)
	const gap = poll / 4
	if long := time.Duration(len(save)) * gap; long < 21*poll {
		t.Fatalf("%d files %v apart take %v: no longer than the watch's default burst", len(save), gap, long)
	}
	var pause time.Duration // the writer's longest time between two writes
	last := time.Now()
	for _, file := range save {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, bytes.ReplaceAll(text, []byte(title), []byte(renamed)), 0o644); err != nil {
			t.Fatal(err)
		}
		pause, last = max(pause, time.Since(last)), time.Now()
		time.Sleep(gap)
	}
	if pause < gap+poll/2 {
		p.expect("reload")
	} else {
		t.Logf("the writer paused for %v (polls every %v): states between may show", pause, poll)
		p.expectAfterProblems("reload")
	}
	p.quiet(20 * poll)
	if _, body := p.get("/principles/ownership/"); !strings.Contains(body, renamed) {
		t.Errorf("the principle's page does not show its new title %q", renamed)
	}
	if problems := p.srv.Problems(); problems != "" {
		t.Errorf("problems after the save:\n%s", problems)
	}
}

// filesUnder lists the files under a folder.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestHalfSaveIsNotReported builds half of a rename (the files naming the principle by
// its new title, not yet the principle's own file), as a watch cut short by a paused
// writer hands it over. While the rest of the save waits to be built, that build's
// problems are of a state that never was: the preview keeps the last good site and
// shows nothing, and the build of the rest shows the renamed principle. With nothing
// waiting, the same half save is reported, as any broken save is.
func TestHalfSaveIsNotReported(t *testing.T) {
	for _, waiting := range []bool{true, false} {
		dir := copyHandbook(t)
		srv, err := New(Config{Source: dir, Drafts: true})
		if err != nil {
			t.Fatal(err)
		}
		if !srv.Rebuild(nil) {
			t.Fatalf("first build failed: %s", srv.Problems())
		}
		principle := filepath.Join(dir, "content", "principles", "ownership.md")
		title := titleOf(t, principle)
		renamed := title + " and Care"
		var half []string
		for file, text := range namingByTitle(dir, principle, title) {
			if err := os.WriteFile(file, bytes.ReplaceAll(text, []byte(title), []byte(renamed)), 0o644); err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, file)
			half = append(half, filepath.ToSlash(rel))
		}
		srv.rebuild(half, func() bool { return waiting })
		srv.checks.Wait()
		if got := srv.Problems(); waiting && got != "" {
			t.Errorf("with the rest of the save waiting, half of it is reported:\n%s", got)
		} else if !waiting && !strings.Contains(got, "unknown principle") {
			t.Errorf("with nothing waiting, half a save is not reported: %q", got)
		}
		text, _ := os.ReadFile(principle)
		if err := os.WriteFile(principle, bytes.ReplaceAll(text, []byte(title), []byte(renamed)), 0o644); err != nil {
			t.Fatal(err)
		}
		if !srv.Rebuild([]string{"content/principles/ownership.md"}) {
			t.Errorf("the whole save does not build: %s", srv.Problems())
		}
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "http://localhost/principles/ownership/", nil)
		r.RemoteAddr = "127.0.0.1:50000"
		srv.Handler().ServeHTTP(w, r)
		if !strings.Contains(w.Body.String(), renamed) {
			t.Errorf("waiting %v: the principle's page does not show its new title %q", waiting, renamed)
		}
	}
}
