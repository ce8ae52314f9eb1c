package devserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLongSaveArrivesWhole renames a principle with every file that names it by
// title, the files written one after the other for longer than the watch's default
// longest burst (twenty polls), the principle's own file last: every state before the
// last write names a title no principle has. The preview must build the save once,
// whole, and reload, never showing the problems of a state between.
func TestLongSaveArrivesWhole(t *testing.T) {
	const poll = 20 * time.Millisecond
	dir := copyHandbook(t)
	principle := filepath.Join(dir, "content", "principles", "ownership.md")
	p := startPreviewShowing(t, dir, Config{Poll: poll}, "/principles/ownership/")
	title := titleOf(t, principle)
	naming := namingByTitle(dir, principle, title)
	if len(naming) == 0 {
		t.Fatalf("no file names %q by title", title)
	}
	renamed := title + " and Care"
	rename := func(text []byte) []byte {
		return []byte(strings.ReplaceAll(string(text), title, renamed))
	}
	for start := time.Now(); time.Since(start) < 40*poll; {
		for file, text := range naming {
			if err := os.WriteFile(file, rename(text), 0o644); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Millisecond)
		}
	}
	text, _ := os.ReadFile(principle)
	if err := os.WriteFile(principle, rename(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p.expect("reload")
	p.quiet(20 * poll)
	if _, body := p.get("/principles/ownership/"); !strings.Contains(body, renamed) {
		t.Errorf("the principle's page does not show its new title %q", renamed)
	}
	if problems := p.srv.Problems(); problems != "" {
		t.Errorf("problems after the save:\n%s", problems)
	}
}
