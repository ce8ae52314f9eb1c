package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/gittest"
)

var updateDiff = flag.Bool("update", false, "rewrite the golden files of handbook diff")

// wantGolden compares got with testdata/diff/name, rewriting it under -update.
func wantGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "diff", name)
	if *updateDiff {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to make it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", file, got, want)
	}
}

func TestDiff(t *testing.T) {
	dir := gittest.Handbook(t)
	// An edit not committed yet: the working tree is compared when REV2 is left out.
	gittest.WriteFile(t, dir, "content/principles/ownership.md", "---\ntitle: Ownership\norder: 1\n---\nLeaders are owners. They act on behalf of the whole company, never only their team.\n")
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"v1.0-v1.1.txt", []string{"diff", "--source", dir, "v1.0", "v1.1"}},
		{"v1.1-v2.0.txt", []string{"diff", "v1.1", "v2.0", "--source", dir}},
		{"v1.0-v2.0.md", []string{"diff", "--source", dir, "--format", "markdown", "v1.0", "v2.0"}},
		{"v2.0-worktree.txt", []string{"diff", "--source", dir, "v2.0"}},
		{"same.txt", []string{"diff", "--source", dir, "v2.0", "v2.0"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r := runCLI(t, tc.args...)
			wantCode(t, r, exitOK)
			if r.stderr != "" {
				t.Errorf("stderr: %q", r.stderr)
			}
			wantGolden(t, tc.golden, r.stdout)
		})
	}
}

func TestDiffFailures(t *testing.T) {
	dir := gittest.Handbook(t)
	plain := writeSite(t, nil)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no revision", []string{"diff", "--source", dir}, exitUsage, "need REV1"},
		{"three revisions", []string{"diff", "--source", dir, "a", "b", "c"}, exitUsage, "need REV1"},
		{"bad format", []string{"diff", "--source", dir, "--format", "html", "v1.0"}, exitUsage, `--format "html": the formats are text and markdown`},
		{"unknown revision", []string{"diff", "--source", dir, "v9.9"}, exitFail, `"v9.9" is not a commit or tag of the repository`},
		{"no history", []string{"diff", "--source", plain, "v1.0"}, exitFail, "no git history"},
		{"no site", []string{"diff", "--source", t.TempDir(), "v1.0"}, exitFail, "holds no content folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.args...)
			wantCode(t, r, tc.code)
			wantContains(t, "stderr", r.stderr, tc.want)
			if r.stdout != "" {
				t.Errorf("stdout: %q", r.stdout)
			}
		})
	}
}

// historyNote is the note of a build whose site folder has no git history.
const historyNote = "the site is built without its What changed pages\n"

// withoutHistoryNote returns stderr without the note that the site folder has no git
// history, checking it is there once.
func withoutHistoryNote(t *testing.T, stderr string) string {
	t.Helper()
	lines := strings.SplitAfter(stderr, "\n")
	var kept []string
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "handbook: note: ") && strings.HasSuffix(l, historyNote) {
			n++
			continue
		}
		kept = append(kept, l)
	}
	if n != 1 {
		t.Errorf("the note that there is no history was given %d times, want once:\n%s", n, stderr)
	}
	return strings.Join(kept, "")
}

func TestBuildHistory(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Run("with history", func(t *testing.T) {
		dir := gittest.Handbook(t)
		r := runCLI(t, "build", "--strict", "--source", dir, "--dest", filepath.Join(t.TempDir(), "public"), "--base-url", "https://handbook.example/")
		wantCode(t, r, exitOK)
		if r.stderr != "" {
			t.Errorf("stderr: %q", r.stderr)
		}
		// Without --dest beside the source, public/ would be committed by no one: the
		// default is used here to check the history is read from --source.
		r = runCLI(t, "build", "--source", dir)
		wantCode(t, r, exitOK)
		for _, p := range []string{"changes/index.html", "changes/v1.1/index.html", "changes/index.xml"} {
			if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	})
	t.Run("without history", func(t *testing.T) {
		dir := writeSite(t, nil)
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
		r := runCLI(t, "build", "--strict", "--source", dir)
		wantCode(t, r, exitOK)
		if rest := withoutHistoryNote(t, r.stderr); rest != "" {
			t.Errorf("stderr besides the note: %q", rest)
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "changes")); err == nil {
			t.Error("changes/ was written without history")
		}
	})
}
