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
// history when it loads the site whole, and not again when a save changes content
// alone: the dev server's save-to-reload time is that of patching the model, whatever
// the history. The git command is a script that notes each run.
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
	gen, _, diags := s.Update(nil)
	if gen == nil {
		t.Fatalf("first build: %v", diags)
	}
	if _, ok := gen.File("changes/index.html"); !ok {
		t.Fatal("the first build has no changelog: the history was not read")
	}
	first := len(ran())
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
		gen, change, diags := s.Update([]string{principle})
		if gen == nil || change != Content {
			t.Fatalf("save %d: not patched in as content (change %v: %v)", i+1, change, diags)
		}
		if _, ok := gen.File("changes/index.html"); !ok {
			t.Errorf("save %d: the changelog is gone", i+1)
		}
		if got := ran(); len(got) != first {
			t.Errorf("save %d ran git again: %q", i+1, got[first:])
		}
	}
}
