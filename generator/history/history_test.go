package history

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/gittest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with the file testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to make it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what was made:\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// describe writes every release of a log and what it changed.
func describe(t *testing.T, log *changes.Log) []byte {
	var b bytes.Buffer
	for _, r := range log.Releases {
		fmt.Fprintf(&b, "== %s (%s) %s previous=%q\n", r.Name, r.Slug, r.Date.Format(time.RFC3339), r.Previous)
		if r.Previous == "" {
			b.WriteString("the first release\n")
			continue
		}
		if err := changes.Write(&b, changes.Text, r.Previous, r.Name, r.Changes); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestReleases(t *testing.T) {
	dir := gittest.Handbook(t)
	cache := t.TempDir()
	log, err := Read(dir, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Releases) != 3 || log.ByMonth {
		t.Fatalf("got %d releases (by month: %v), want the 3 tags", len(log.Releases), log.ByMonth)
	}
	got := describe(t, log)
	golden(t, "releases.txt", got)

	// The second read takes what releases changed from the cache, and it is the same.
	files, _ := filepath.Glob(filepath.Join(cache, cacheFormat, "*.json"))
	if len(files) != 2 {
		t.Errorf("the cache holds %d files, want one for each release after the first: %v", len(files), files)
	}
	for _, f := range files {
		if err := os.WriteFile(f, []byte(`{"Principles":[{"Kind":"added","Item":"principle","ID":"from-cache","Title":"From the cache"}]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Read(dir, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Releases[0].Changes.Principles) != 1 || again.Releases[0].Changes.Principles[0].ID != "from-cache" {
		t.Errorf("the second read did not use the cache: %+v", again.Releases[0].Changes)
	}
}

func TestPattern(t *testing.T) {
	dir := gittest.Handbook(t)
	gittest.Git(t, dir, "2026-04-01T10:00:00Z", "tag", "draft-1")
	log, err := Read(dir, Options{Pattern: "v2*"})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Releases) != 1 || log.Releases[0].Name != "v2.0" || log.Releases[0].Previous != "" {
		t.Errorf("pattern v2*: got %+v, want v2.0 alone", log.Releases)
	}
}

func TestMonthsWithoutTags(t *testing.T) {
	gittest.RequireGit(t)
	dir := t.TempDir()
	commits := gittest.Releases()
	for i := range commits {
		commits[i].Tag = ""
	}
	// Two commits in January: the month's release is the later one.
	extra := commits[0]
	extra.Date, extra.Whole = "2026-01-28T09:00:00Z", false
	extra.Files = map[string]string{"content/principles/ownership.md": "---\ntitle: Ownership\norder: 1\n---\nLeaders are owners.\n"}
	commits = append(commits[:1], append([]gittest.Commit{extra}, commits[1:]...)...)
	gittest.Repo(t, dir, commits)
	log, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "months.txt", describe(t, log))
}

func TestNoHistory(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", dir)
	_, err := Read(dir, Options{})
	if !IsNoHistory(err) {
		t.Errorf("a folder outside any repository: got %v, want ErrNoHistory", err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err = Read(dir, Options{})
	if !IsNoHistory(err) {
		t.Errorf("without git: got %v, want ErrNoHistory", err)
	}
}

func TestSubfolderAndRevisions(t *testing.T) {
	gittest.RequireGit(t)
	dir := t.TempDir()
	commits := gittest.Releases()
	for i := range commits {
		moved := map[string]string{}
		for p, data := range commits[i].Files {
			moved["site/"+p] = data
		}
		commits[i].Files, commits[i].Whole = moved, false
	}
	gittest.Repo(t, dir, commits)
	repo, err := Open(filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	old, err := repo.Resolve("v1.0")
	if err != nil {
		t.Fatal(err)
	}
	site, err := repo.Load(old)
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Roles) != 1 || len(site.Roles[0].Rows) != 2 || len(site.Principles) != 2 {
		t.Errorf("v1.0 of a site in a subfolder: %d roles, %d principles", len(site.Roles), len(site.Principles))
	}
	if _, err := repo.Resolve("--output=x"); err == nil {
		t.Error("an option given as a revision was accepted")
	}
	if _, err := repo.Resolve("no-such-tag"); err == nil {
		t.Error("an unknown revision was accepted")
	}
}

func TestUniqueSlugs(t *testing.T) {
	points := []point{{name: "v1/a"}, {name: "v1-a"}, {name: "v1 a"}, {name: "."}, {name: "v2.0"}, {name: "V2.0"}, {name: "V1-A"}, {name: "RC_3"}}
	got := strings.Join(uniqueSlugs(points), " ")
	if want := "v1-a v1-a-2 v1-a-3 release v2.0 v2.0-2 v1-a-4 rc_3"; got != want {
		t.Errorf("slugs %q, want %q", got, want)
	}
}

// TestCacheKeyedBySite: two handbooks in one repository share their commits, and each
// reads its own changes from a shared cache, whichever is read first; a pattern of its
// own is a key of its own too.
func TestCacheKeyedBySite(t *testing.T) {
	gittest.RequireGit(t)
	dir := t.TempDir()
	commits := gittest.Releases()
	for i := range commits {
		moved := map[string]string{}
		for p, data := range commits[i].Files {
			moved["changing/"+p] = data
			if i == 0 {
				moved["steady/"+p] = data // the second handbook never changes
			}
		}
		commits[i].Files, commits[i].Whole = moved, false
	}
	gittest.Repo(t, dir, commits)
	cache := t.TempDir()
	changing, err := Read(filepath.Join(dir, "changing"), Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if changing.Releases[0].Changes.Empty() {
		t.Fatalf("the changing handbook's latest release changed nothing: %+v", changing.Releases[0])
	}
	for _, opts := range []Options{{CacheDir: cache}, {CacheDir: cache, Pattern: "v[12]*"}} {
		steady, err := Read(filepath.Join(dir, "steady"), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range steady.Releases {
			if !r.Changes.Empty() {
				t.Errorf("pattern %q: release %s of the steady handbook read another's changes:\n%s", opts.Pattern, r.Name, describe(t, steady))
				break
			}
		}
	}
	// The same handbook under another pattern has its own files in the cache.
	if _, err := Read(filepath.Join(dir, "changing"), Options{CacheDir: cache, Pattern: "v[12]*"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, cacheFormat, "*.json"))
	if len(files) != 8 {
		t.Errorf("the cache holds %d files, want 2 for each handbook and pattern: %v", len(files), files)
	}
}

// TestUpdated reads when each content file of a handbook in a folder of its
// repository was last changed: the newest commit that changed it, whatever changed
// beside it; a file outside the content folder, or not committed, has no date; the
// cache gives the same dates, and a new commit new ones.
func TestUpdated(t *testing.T) {
	gittest.RequireGit(t)
	dir := t.TempDir()
	gittest.Repo(t, dir, []gittest.Commit{
		{Date: "2024-01-05T10:00:00Z", Files: map[string]string{
			"site/content/_index.md": "---\ntitle: T\n---\n", "site/content/principles/a.md": "---\ntitle: A\n---\n",
			"site/content/principles/b c.md": "---\ntitle: B\n---\n", "site/README.md": "read me",
		}},
		{Date: "2024-03-09T23:30:00+02:00", Files: map[string]string{"site/content/principles/a.md": "---\ntitle: A2\n---\n", "site/README.md": "again"}},
		{Date: "2024-04-01T08:00:00Z", Files: map[string]string{"other/content/_index.md": "---\ntitle: O\n---\n"}},
	})
	gittest.WriteFile(t, dir, "site/content/principles/new.md", "---\ntitle: N\n---\n")
	site := filepath.Join(dir, "site")
	want := map[string]string{
		"content/_index.md":            "2024-01-05T10:00:00Z",
		"content/principles/a.md":      "2024-03-09T21:30:00Z",
		"content/principles/b c.md":    "2024-01-05T10:00:00Z",
		"content/principles/new.md":    "",
		"README.md":                    "",
		"../other/content/_index.md":   "",
		"content/principles/absent.md": "",
	}
	cache := t.TempDir()
	check := func(when string, log *changes.Log) {
		t.Helper()
		for p, w := range want {
			got := ""
			if at := log.UpdatedAt(p); at != nil {
				got = at.Format(time.RFC3339)
			}
			if got != w {
				t.Errorf("%s: %s last changed %q, want %q", when, p, got, w)
			}
		}
		if len(log.Updated) != 3 {
			t.Errorf("%s: dates of %d files, want 3: %v", when, len(log.Updated), log.Updated)
		}
	}
	for _, when := range []string{"read", "cached"} {
		log, err := Read(site, Options{CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		check(when, log)
	}
	gittest.Git(t, dir, "2024-05-02T12:00:00Z", "add", "-A")
	gittest.Git(t, dir, "2024-05-02T12:00:00Z", "commit", "-q", "-m", "new")
	want["content/principles/new.md"] = "2024-05-02T12:00:00Z"
	want["content/principles/absent.md"] = ""
	log, err := Read(site, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if at := log.UpdatedAt("content/principles/new.md"); at == nil || at.Format(time.RFC3339) != want["content/principles/new.md"] {
		t.Errorf("after a new commit: new.md last changed %v, want %s", at, want["content/principles/new.md"])
	}
}
