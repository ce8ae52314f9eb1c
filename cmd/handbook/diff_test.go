package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"handbook/generator/gittest"
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
