package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/gittest"
)

// TestSaveReadsNoHistory: a Session given a site folder with git history reads the
// history when it builds the site whole, and not again when a save changes content
// alone: the dev server's save-to-reload time is that of re-rendering the pages the
// save changed, whatever the history. The git command is a script that notes each run.
func TestSaveReadsNoHistory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the git script is a shell script")
	}
	dir := gittest.Handbook(t)
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	bin, runs := t.TempDir(), filepath.Join(t.TempDir(), "runs")
	script := "#!/bin/sh\necho \"$*\" >> '" + runs + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	ran := func() []string {
		data, _ := os.ReadFile(runs)
		return strings.Fields(strings.ReplaceAll(string(data), " ", "_"))
	}

	s := NewSession(os.DirFS(dir), Options{Dir: dir, HistoryCache: t.TempDir()})
	res, diags := s.Rebuild(nil, nil)
	if res == nil {
		t.Fatalf("first build: %v", diags)
	}
	if !hasFile(res, "changes/index.html") {
		t.Fatal("the first build has no changelog: the history was not read")
	}
	first, whole := len(ran()), res.Rendered
	if first == 0 {
		t.Fatal("the first build ran no git command: the script is not the one used")
	}

	const principle = "content/principles/ownership.md"
	data, err := os.ReadFile(filepath.Join(dir, principle))
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"\nA sentence saved while previewing.\n", "\nAnd another, saved again.\n"} {
		data = append(data, text...)
		if err := os.WriteFile(filepath.Join(dir, principle), data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, diags := s.Rebuild([]string{principle}, nil)
		if res == nil || res.Rendered == 0 || res.Rendered >= whole {
			t.Fatalf("save %d: not re-rendered in part (%v)", i+1, diags)
		}
		if !hasFile(res, "changes/index.html") {
			t.Errorf("save %d: the changelog is gone", i+1)
		}
		if got := ran(); len(got) != first {
			t.Errorf("save %d ran git again: %q", i+1, got[first:])
		}
	}
}
