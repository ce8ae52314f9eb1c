package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/sitecheck"
)

// TestCorpusBuildsStrict builds a small corpus as `handbook build --strict` does: no
// diagnostic at all, no broken link, and exactly the pages the breakdown promised.
func TestCorpusBuildsStrict(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Options{Pages: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: true})
	if len(diags) > 0 || res == nil {
		t.Fatalf("the corpus does not build cleanly under --strict:\n%s", diags.Error())
	}
	if res.Pages != st.Pages {
		t.Errorf("built %d pages, the breakdown says %d:\n%s", res.Pages, st.Pages, st)
	}
	if st.Pages < 285 || st.Pages > 315 {
		t.Errorf("asked for 300 pages, got %d", st.Pages)
	}
	for _, p := range sitecheck.Check(res.Files, "/") {
		t.Error(p)
	}
	// Every kind of source is there, with the markdown the generator must handle.
	var lists, emphasis, links bool
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "roles/") && strings.HasSuffix(f.Path, "/index.html") {
			lists = lists || bytes.Contains(f.Data, []byte("<li>"))
			emphasis = emphasis || bytes.Contains(f.Data, []byte("<em>")) || bytes.Contains(f.Data, []byte("<strong>"))
		}
	}
	for p, data := range readTree(t, filepath.Join(dir, "content", "roles")) {
		if strings.HasSuffix(p, ".csv") {
			links = links || bytes.Contains(data, []byte("](/principles/"))
		}
	}
	if !lists || !emphasis || !links {
		t.Errorf("the matrices lack markdown: lists %v, emphasis %v, links %v", lists, emphasis, links)
	}
}

// TestSameSeedSameBytes writes the corpus twice, Hugo site included, and compares every file.
func TestSameSeedSameBytes(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Write(filepath.Join(dir, "hb"), Options{Pages: 300, Seed: 7, HugoDir: filepath.Join(dir, "hugo")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write(filepath.Join(c, "hb"), Options{Pages: 300, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	if bytes.Equal(fa["hb/content/_index.md"], fc["hb/content/_index.md"]) {
		t.Error("another seed gave the same text")
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPageCounts checks the breakdown lands within 5% of the target across sizes, with
// the proportions kept, so that cost can be compared from one size to the next.
func TestPageCounts(t *testing.T) {
	for _, n := range []int{MinPages, 300, 1000, 4321, 10000, 50000} {
		st := newPlan(n, 1, Shape{}).stats()
		if d := st.Pages - n; d*20 > n || -d*20 > n {
			t.Errorf("%d pages asked, %d planned", n, st.Pages)
		}
		if n >= 1000 {
			share := float64(st.Roles+st.Levels+st.Promotions) / float64(st.Pages)
			if share < 0.3 || share > 0.5 {
				t.Errorf("%d pages: role pages are %.0f%% of the corpus", n, 100*share)
			}
		}
	}
	if _, err := Write(t.TempDir(), Options{Pages: MinPages - 1}); err == nil {
		t.Error("a corpus below MinPages was written")
	}
}

// TestShape: a shape's fixed counts are kept at every size, and its share of question
// pages lands within a few points of the share asked for.
func TestShape(t *testing.T) {
	shape := Shape{Principles: 14, Questions: 0.7, Levels: 8, Rows: 10}
	for _, n := range []int{1000, 10000, 50000} {
		p := newPlan(n, 1, shape)
		st := p.stats()
		if st.Principles != 14 {
			t.Errorf("%d pages: %d principles, want 14", n, st.Principles)
		}
		for _, r := range p.roles {
			if len(r.levels) != 8 || len(r.rows) != 10 {
				t.Fatalf("%d pages: role %s has %d levels and %d rows, want 8 and 10", n, r.id, len(r.levels), len(r.rows))
			}
		}
		if share := float64(st.Questions) / float64(st.Pages); share < 0.67 || share > 0.73 {
			t.Errorf("%d pages: questions are %.0f%% of the pages, want 70%%", n, 100*share)
		}
		if d := st.Pages - n; d*20 > n || -d*20 > n {
			t.Errorf("%d pages asked, %d planned", n, st.Pages)
		}
	}
	for _, bad := range []Shape{{Questions: 0.95}, {Rows: familySize + 1}, {Principles: -1}} {
		if _, err := Write(t.TempDir(), Options{Pages: 1000, Shape: bad}); err == nil {
			t.Errorf("shape %+v was accepted", bad)
		}
	}
}

func TestRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	stale := filepath.Join(dir, "content", "principles", "stale.md")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(keep, []byte("mine"), 0o644)
	os.WriteFile(stale, []byte("old"), 0o644)
	if _, err := Write(dir, Options{Pages: MinPages}); err == nil || !strings.Contains(err.Error(), "-force") {
		t.Fatalf("wrote into a non-empty folder: %v", err)
	}
	if _, err := Write(dir, Options{Pages: MinPages, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("-force left a stale source of a previous run")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("-force removed a file the corpus did not write")
	}
}

// TestHugoSiteHasTheSamePages builds the Hugo site when hugo is installed and checks it
// has exactly the handbook's HTML pages, at the same paths.
func TestHugoSiteHasTheSamePages(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed")
	}
	dir := t.TempDir()
	hb, hs := filepath.Join(dir, "hb"), filepath.Join(dir, "hugo")
	if _, err := Write(hb, Options{Pages: 200, Seed: 3, HugoDir: hs}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "hugo-out")
	if msg, err := exec.Command(hugo, "--quiet", "--minify", "-s", hs, "-d", out).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	res, diags := build.Build(os.DirFS(hb), build.Options{})
	if res == nil {
		t.Fatal(diags.Error())
	}
	var want, got []string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") {
			want = append(want, f.Path)
		}
	}
	for p := range readTree(t, out) {
		if strings.HasSuffix(p, ".html") {
			got = append(got, p)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		for _, p := range want {
			if !slices.Contains(got, p) {
				t.Errorf("hugo has no %s", p)
			}
		}
		for _, p := range got {
			if !slices.Contains(want, p) {
				t.Errorf("hugo has an extra %s", p)
			}
		}
	}
}
