package devserver

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLongSaveArrivesWhole saves a renamed principle the way a branch switch does:
// every file that names it by title first, then every other file of the site
// (rewritten as it was, theme included), then the principle's own file, each written
// once, one after the other, for longer than the watch's default longest burst (twenty
// polls). It needs a site of many files: the real handbook's. Every state before the
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

// TestHalfSaveIsNotReported builds half of a rename on another organisation's site
// (its principle 顧客第一, named by title in two matrices, one saved by Excel, becomes
// お客様第一): the matrices first, not yet the principle's own file, as a watch cut short
// by a paused writer hands them over. While the rest of the save waits to be built,
// that build's problems are of a state that never was: the preview keeps the last good
// site and shows nothing, and the build of the rest shows the renamed principle. With
// nothing waiting, the same half save is reported, as any broken save is.
func TestHalfSaveIsNotReported(t *testing.T) {
	const title, renamed = "顧客第一", "お客様第一"
	for _, waiting := range []bool{true, false} {
		dir := siteOf(t, "serve-unusual-theme.txtar")
		srv, err := New(Config{Source: dir, Drafts: true})
		if err != nil {
			t.Fatal(err)
		}
		if !srv.Rebuild(nil) {
			t.Fatalf("first build failed: %s", srv.Problems())
		}
		principle := filepath.Join(dir, "content", "principles", "kokyaku.md")
		rename := func(file string) {
			text, _ := os.ReadFile(file)
			if err := os.WriteFile(file, bytes.ReplaceAll(text, []byte(title), []byte(renamed)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var half []string
		for file := range namingByTitle(dir, principle, title) {
			rename(file)
			rel, _ := filepath.Rel(dir, file)
			half = append(half, filepath.ToSlash(rel))
		}
		if len(half) < 2 {
			t.Fatalf("%d files name %s by title, want the two matrices", len(half), title)
		}
		srv.rebuild(half, func() bool { return waiting })
		srv.checks.Wait()
		if got := srv.Problems(); waiting && got != "" {
			t.Errorf("with the rest of the save waiting, half of it is reported:\n%s", got)
		} else if !waiting && !strings.Contains(got, "unknown principle") {
			t.Errorf("with nothing waiting, half a save is not reported: %q", got)
		}
		rename(principle)
		if !srv.Rebuild([]string{"content/principles/kokyaku.md"}) {
			t.Errorf("the whole save does not build: %s", srv.Problems())
		}
		if _, body := serveLocal(srv, "/principles/kokyaku/"); !strings.Contains(body, renamed) {
			t.Errorf("waiting %v: the principle's page does not show its new title %q", waiting, renamed)
		}
	}
}
