// Package gittest makes git repositories for tests: a handbook with a history of
// tagged releases, committed with fixed dates and authors so that what is made of it
// is the same on every machine. It is for tests only.
package gittest

import (
	_ "embed"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

//go:embed testdata/releases.txtar
var releases []byte

// Commit is one commit of a made repository.
type Commit struct {
	Tag   string            // the tag to give it; "" for none
	Date  string            // RFC 3339, the author's and committer's date
	Files map[string]string // path -> content, written over the previous commit's files
	Whole bool              // the files are the whole tree: others are removed first
}

// RequireGit skips the test when the git command is not installed.
func RequireGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the history of a handbook cannot be read without it")
	}
}

// Releases returns the commits of testdata/releases.txtar: three tagged releases
// (v1.0, v1.1, v2.0), each a whole content folder, then an untagged commit.
func Releases() []Commit {
	ar := txtar.Parse(releases)
	var out []Commit
	for _, f := range ar.Files {
		name, date, ok := strings.Cut(f.Name, " ")
		if ok {
			tag := name
			if tag == "HEAD" {
				tag = ""
			}
			out = append(out, Commit{Tag: tag, Date: date, Files: map[string]string{}, Whole: tag != ""})
			continue
		}
		_, rel, _ := strings.Cut(f.Name, "/")
		out[len(out)-1].Files[rel] = string(f.Data)
	}
	return out
}

// Handbook makes the handbook of Releases in a new repository and returns its folder.
func Handbook(t testing.TB) string {
	t.Helper()
	RequireGit(t)
	dir := t.TempDir()
	Repo(t, dir, Releases())
	return dir
}

// Repo makes a git repository in dir with the commits.
func Repo(t testing.TB, dir string, commits []Commit) {
	t.Helper()
	Git(t, dir, "", "init", "-q", "-b", "main")
	for _, c := range commits {
		if c.Whole {
			if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
				t.Fatal(err)
			}
		}
		for p, data := range c.Files {
			file := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		Git(t, dir, c.Date, "add", "-A")
		Git(t, dir, c.Date, "commit", "-q", "-m", "release "+c.Tag)
		if c.Tag != "" {
			Git(t, dir, c.Date, "tag", "-a", "-m", "Release "+c.Tag, c.Tag)
		}
	}
}

// Git runs git in dir as a fixed author at the date (RFC 3339, or "" for any), failing
// the test on error.
func Git(t testing.TB, dir, date string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Handbook Author", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Handbook Author", "GIT_COMMITTER_EMAIL=author@example.com",
	)
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// WriteFile writes a file of the working tree of dir (a slash path), failing the test
// on error.
func WriteFile(t testing.TB, dir, p, data string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
