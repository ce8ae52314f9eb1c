package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/gittest"
	"github.com/handbook-dev/handbook/generator/sitecheck"
)

// TestHistoryGolden builds the handbook of gittest.Releases (three tagged releases: a
// cell reworded, a row added, a level renamed, a principle renamed) and compares its
// changelog, release pages, feed and the pages marking what the latest release changed
// with testdata/golden/history/. Run with -update to rewrite them.
func TestHistoryGolden(t *testing.T) {
	dir := gittest.Handbook(t)
	var notes bytes.Buffer
	res, diags := Build(os.DirFS(dir), Options{BaseURL: "https://handbook.example/", Dir: dir, HistoryCache: t.TempDir(), Notes: &notes})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	if notes.Len() > 0 {
		t.Errorf("notes from a site with history: %q", notes.String())
	}
	// Every link of the changelog and of the marks leads to a page and anchor there is.
	for _, p := range sitecheck.Check(res.Files, "/") {
		t.Errorf("site check: %v", p)
	}
	pages := map[string]string{
		"changes":       "changes/index.html",
		"release-v2.0":  "changes/v2.0/index.html",
		"release-v1.1":  "changes/v1.1/index.html",
		"release-v1.0":  "changes/v1.0/index.html",
		"feed":          "changes/index.xml",
		"marked-role":   "roles/ingenierie/index.html",
		"marked-level":  "roles/ingenierie/i2/index.html",
		"marked-dim":    "dimensions/qualite/index.html",
		"unmarked-role": "roles/ingenierie/i1/index.html",
	}
	compareGolden(t, res, filepath.Join("testdata", "golden", "history"), pages)
}

// TestBuildWithoutHistory builds a site folder that is in no git repository, and one
// where git is missing: the site is built, without its changelog or any Last updated
// date, and a note says so once; it is no warning, so --strict passes.
func TestBuildWithoutHistory(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFile(t, dir, "content/_index.md", "---\ntitle: Sans historique\n---\n")
	gittest.WriteFile(t, dir, "content/principles/ownership.md", "---\ntitle: Ownership\n---\nOwners.\n")
	gittest.WriteFile(t, dir, "content/roles/eng/_index.md", "---\ntitle: Engineer\n---\n")
	gittest.WriteFile(t, dir, "content/roles/eng/levels.csv", "Dimension,L1,Principles\nDelivery,Ships.,Ownership\n")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	for _, tc := range []struct {
		name, path string
		want       string
	}{
		{"not a repository", os.Getenv("PATH"), "is not in a git repository"},
		{"no git", t.TempDir(), "git is not installed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", tc.path)
			var notes bytes.Buffer
			res, diags := Build(os.DirFS(dir), Options{Dir: dir, HistoryCache: t.TempDir(), Notes: &notes})
			if res == nil || diags.HasErrors(true) {
				t.Fatalf("build: %v", diags)
			}
			if n := strings.Count(notes.String(), "\n"); n != 1 || !strings.Contains(notes.String(), tc.want) || !strings.Contains(notes.String(), "without its What changed pages") {
				t.Errorf("notes: %q, want one line saying %q", notes.String(), tc.want)
			}
			for _, f := range res.Files {
				if strings.HasPrefix(f.Path, "changes/") {
					t.Errorf("%s was written without history", f.Path)
				}
				if strings.Contains(string(f.Data), `class="updated"`) {
					t.Errorf("%s says when it was last updated, without history", f.Path)
				}
			}
		})
	}
}

// TestAxeChanges opens the changelog, a release's page and a page marking a changed
// cell of the handbook of gittest.Releases in Chromium, in light and dark mode:
// axe-core finds no violation and the theme's own checks pass.
func TestAxeChanges(t *testing.T) {
	axe := axeScript(t)
	dir := gittest.Handbook(t)
	res, diags := Build(os.DirFS(dir), Options{Minify: true, Dir: dir, HistoryCache: t.TempDir()})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	ctx := browsertest.StartFor(t, 2*time.Minute)
	base := browsertest.Serve(t, res.Files)
	problems, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, colorScheme(scheme)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/changes/", "/changes/v2.0/", "/changes/v1.0/", "/roles/ingenierie/", "/roles/ingenierie/i2/", "/dimensions/qualite/"} {
			if err := open(ctx, base, a11yPage{path: p}); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			vs, err := audit(ctx, axe)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, v := range vs {
				t.Errorf("%s mode, %s: %s", scheme, p, v)
			}
			own, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](ownChecks))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, o := range own {
				t.Errorf("%s mode, %s: %s", scheme, p, o)
			}
		}
	}
	for _, p := range problems.List() {
		t.Errorf("in the browser: %s", p)
	}
}

// TestFeedLinkInSiteLanguage: the head's link to the feed is titled in the site's
// language, from the theme's strings, not in English.
func TestFeedLinkInSiteLanguage(t *testing.T) {
	gittest.RequireGit(t)
	dir := t.TempDir()
	commits := gittest.Releases()
	for i := range commits {
		if home, ok := commits[i].Files["content/_index.md"]; ok {
			commits[i].Files["content/_index.md"] = strings.Replace(home, "---\n", "---\nlanguage: de\n", 1)
		}
	}
	gittest.Repo(t, dir, commits)
	res, diags := Build(os.DirFS(dir), Options{Dir: dir, HistoryCache: t.TempDir()})
	if res == nil || diags.HasErrors(true) {
		t.Fatalf("build: %v", diags)
	}
	for _, f := range res.Files {
		if f.Path != "index.html" {
			continue
		}
		const want = `title="Manuel d&#39;équipe: was sich geändert hat"`
		if page := string(f.Data); !strings.Contains(page, want) || strings.Contains(page, "what changed") {
			i := strings.Index(page, "application/atom+xml")
			t.Errorf("the feed link of a German site, want %s:\n%s", want, page[max(0, i-60):min(len(page), i+200)])
		}
		return
	}
	t.Fatal("index.html was not written")
}

// TestChangesFolderReserved: /changes/ is the changelog's, with history or without, so
// that check --strict, which reads no history, fails where a build in a tagged
// repository would: a page or an alias there is an error of both, at its file.
func TestChangesFolderReserved(t *testing.T) {
	for _, tc := range []struct{ name, file, data string }{
		{"page", "content/changes.md", "---\ntitle: Änderungen\n---\nOur own changelog.\n"},
		{"section", "content/changes/_index.md", "---\ntitle: Changes\n---\n"},
		{"release page", "content/changes/v1.0.md", "---\ntitle: v1.0\n---\n"},
		{"alias", "content/principles/ownership.md", "---\ntitle: Ownership\norder: 1\naliases: [/changes/]\n---\nOwners.\n"},
		{"feed alias", "content/principles/ownership.md", "---\ntitle: Ownership\norder: 1\naliases: [/changes/index.xml]\n---\nOwners.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := gittest.Handbook(t)
			gittest.WriteFile(t, dir, tc.file, tc.data)
			checked := Check(os.DirFS(dir))
			if !checked.HasErrors(true) || !strings.Contains(checked.Error(), tc.file) || !strings.Contains(checked.Error(), "/changes/") {
				t.Errorf("check: %v, want an error at %s", checked, tc.file)
			}
			_, built := Build(os.DirFS(dir), Options{Dir: dir, HistoryCache: t.TempDir()})
			if !built.HasErrors(true) {
				t.Errorf("build with history: no error")
			}
		})
	}
}
