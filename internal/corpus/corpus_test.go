package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
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

// TestSameSeedSameBytes writes the corpus twice, Hugo site included, and compares every
// file, for the default and the realistic shape.
func TestSameSeedSameBytes(t *testing.T) {
	for _, shape := range []Shape{{}, Realistic()} {
		a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
		for _, dir := range []string{a, b} {
			if _, err := Write(filepath.Join(dir, "hb"), Options{Pages: 300, Seed: 7, HugoDir: filepath.Join(dir, "hugo"), Shape: shape}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Write(filepath.Join(c, "hb"), Options{Pages: 300, Seed: 8, Shape: shape}); err != nil {
			t.Fatal(err)
		}
		fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
		if len(fa) != len(fb) {
			t.Fatalf("%+v: %d files, then %d", shape, len(fa), len(fb))
		}
		for p, data := range fa {
			if !bytes.Equal(data, fb[p]) {
				t.Errorf("%+v: %s differs between two runs with the same seed", shape, p)
			}
		}
		if bytes.Equal(fa["hb/content/_index.md"], fc["hb/content/_index.md"]) {
			t.Errorf("%+v: another seed gave the same text", shape)
		}
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

// TestShape: a shape's fixed counts are kept at every size, its share of question
// pages lands within a few points of the share asked for, every family holds the roles
// asked for, tracks alternating, and every role has the share of shared rows asked for
// on dimensions that gather rows of several families.
func TestShape(t *testing.T) {
	for _, shape := range []Shape{
		{Principles: 14, Questions: 0.7, Levels: 8, Rows: 10},
		Realistic(),
		{Families: 3, Shared: 0.5},
		{Rows: 6, Shared: 0.5},
	} {
		for _, n := range []int{1000, 10000, 50000} {
			p := newPlan(n, 1, shape)
			st := p.stats()
			if shape.Principles > 0 && st.Principles != shape.Principles {
				t.Errorf("%+v, %d pages: %d principles, want %d", shape, n, st.Principles, shape.Principles)
			}
			for _, r := range p.roles {
				if shape.Levels > 0 && len(r.levels) != shape.Levels || shape.Rows > 0 && len(r.rows) != shape.Rows {
					t.Fatalf("%+v, %d pages: role %s has %d levels and %d rows", shape, n, r.id, len(r.levels), len(r.rows))
				}
			}
			checkFamilies(t, p, shape)
			checkShared(t, p, shape)
			if q := shape.Questions; q > 0 {
				if share := float64(st.Questions) / float64(st.Pages-st.ListPages); share < q-0.03 || share > q+0.03 {
					t.Errorf("%+v, %d pages: questions are %.0f%% of the pages, want %.0f%%", shape, n, 100*share, 100*q)
				}
			}
			if d := st.Pages - n; d*20 > n || -d*20 > n {
				t.Errorf("%+v: %d pages asked, %d planned", shape, n, st.Pages)
			}
		}
	}
	for _, bad := range []Shape{{Questions: 0.95}, {Rows: familySize + 1}, {Principles: -1}, {Families: -1}, {Shared: 1.5}, {Shared: -0.1}} {
		if _, err := Write(t.TempDir(), Options{Pages: 1000, Shape: bad}); err == nil {
			t.Errorf("shape %+v was accepted", bad)
		}
	}
}

// checkFamilies checks that every family of a shape with a number of roles per family
// has that many roles, one after another, individual contributor and manager tracks
// alternating, and that Stats counts the families.
func checkFamilies(t *testing.T, p *plan, shape Shape) {
	t.Helper()
	size := map[int]int{}
	for _, r := range p.roles {
		size[r.family]++
	}
	if st := p.stats(); st.Families != len(size) {
		t.Errorf("%+v: Stats has %d families, the roles %d", shape, st.Families, len(size))
	}
	if shape.Families == 0 {
		return
	}
	for i, r := range p.roles {
		want := "Individual contributor"
		if i%shape.Families%2 == 1 {
			want = "Manager"
		}
		if r.family != i/shape.Families || r.track != want {
			t.Fatalf("%+v: role %d (%s) is of family %d, track %s; want %d, %s", shape, i, r.id, r.family, r.track, i/shape.Families, want)
		}
	}
	for fam, n := range size {
		if n != shape.Families {
			t.Errorf("%+v: family %d has %d roles, want %d", shape, fam, n, shape.Families)
		}
	}
}

// checkShared checks that, in whole families, exactly the share of every role's rows
// asked for lies on dimensions that other families' roles have too, and that Stats
// counts those dimensions.
func checkShared(t *testing.T, p *plan, shape Shape) {
	t.Helper()
	families := map[string]map[int]bool{} // dimension -> families of its rows
	for _, r := range p.roles {
		for _, rw := range r.rows {
			if families[rw.dim.id] == nil {
				families[rw.dim.id] = map[int]bool{}
			}
			families[rw.dim.id][r.family] = true
		}
	}
	shared := 0
	for _, f := range families {
		if len(f) > 1 {
			shared++
		}
	}
	st := p.stats()
	if st.Dimensions != len(families) || st.Shared != shared {
		t.Errorf("%+v: Stats has %d dimensions, %d shared; the rows %d, %d shared", shape, st.Dimensions, st.Shared, len(families), shared)
	}
	if shape.Shared == 0 && shared > 0 && shape.Rows == 0 {
		t.Errorf("%+v: %d dimensions shared between families, want none", shape, shared)
	}
	if shape.Shared > 0 && shared == 0 {
		t.Errorf("%+v: no dimension shared between families", shape)
	}
	if shape.Families == 0 {
		return
	}
	// A shared dimension gathers at most sharedSpan rows, each of another family.
	for _, d := range p.dims {
		if f := families[d.id]; len(f) > 1 && (len(d.rows) != len(f) || len(d.rows) > sharedSpan) {
			t.Errorf("%+v: dimension %s has %d rows of %d families", shape, d.id, len(d.rows), len(f))
		}
	}
	for _, r := range p.roles {
		n := 0
		for _, rw := range r.rows {
			if len(families[rw.dim.id]) > 1 {
				n++
			}
		}
		if want := round(float64(len(r.rows)) * shape.Shared); n != want {
			t.Fatalf("%+v: role %s has %d of %d rows shared with other families, want %d", shape, r.id, n, len(r.rows), want)
		}
	}
}

// TestSmallRealisticBuildsStrict: a fixed set of principles outnumbers the rows and the
// question groups of a small corpus, which still builds under --strict, every principle
// reached; a corpus too small for its shape is refused.
func TestSmallRealisticBuildsStrict(t *testing.T) {
	for _, n := range []int{160, 300} {
		dir := t.TempDir()
		st, err := Write(dir, Options{Pages: n, Seed: 1, Shape: Realistic()})
		if err != nil {
			t.Fatal(err)
		}
		res, diags := build.Build(os.DirFS(dir), build.Options{})
		if len(diags) > 0 || res == nil || res.Pages != st.Pages {
			t.Fatalf("%d pages of the realistic shape do not build cleanly under --strict:\n%s", n, diags.Error())
		}
	}
	if _, err := Write(t.TempDir(), Options{Pages: MinPages, Shape: Realistic()}); err == nil || !strings.Contains(err.Error(), "needs about") {
		t.Errorf("%d pages of the realistic shape: %v, want a corpus too small for its shape refused", MinPages, err)
	}
}

// TestRealisticBuildsStrict builds a small corpus of the realistic shape under --strict
// and checks, in the built model, what the shape promised: 50 principles, roles of 8
// levels and 10 rows in families of 4, 3 rows of every role on a dimension whose page
// gathers rows of several families, and the pages the breakdown promised.
func TestRealisticBuildsStrict(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Pages: 1000, Seed: 2, Shape: Realistic()}
	st, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: true})
	if len(diags) > 0 || res == nil {
		t.Fatalf("the realistic corpus does not build cleanly under --strict:\n%s", diags.Error())
	}
	if res.Pages != st.Pages {
		t.Errorf("built %d pages, the breakdown says %d:\n%s", res.Pages, st.Pages, st)
	}
	for _, p := range sitecheck.Check(res.Files, "/") {
		t.Error(p)
	}
	site := res.Site
	if len(site.Principles) != 50 || len(site.Dimensions) != st.Dimensions {
		t.Errorf("%d principles and %d dimensions built, want 50 and %d", len(site.Principles), len(site.Dimensions), st.Dimensions)
	}
	// The same options give the same plan, which knows each role's family.
	family := map[string]int{}
	for _, r := range newPlan(opts.Pages, opts.Seed, opts.Shape).roles {
		family[r.id] = r.family
	}
	if len(family) != len(site.Roles) || st.Families < 2 || len(site.Roles) != 4*st.Families {
		t.Fatalf("%d roles built, %d planned in %d families of 4", len(site.Roles), len(family), st.Families)
	}
	pages := map[string]bool{}
	for _, f := range res.Files {
		pages[f.Path] = true
	}
	shared := 0
	for _, d := range site.Dimensions {
		fams := map[int]bool{}
		for _, rw := range d.Rows {
			fams[family[rw.Role.ID]] = true
		}
		if len(fams) > 1 {
			shared++
		}
		if !pages["dimensions/"+d.ID+"/index.html"] {
			t.Errorf("no page for dimension %s", d.ID)
		}
	}
	if shared != st.Shared || shared == 0 {
		t.Errorf("%d dimensions gather rows of several families, the breakdown says %d", shared, st.Shared)
	}
	for _, r := range site.Roles {
		n := 0
		for _, rw := range r.Rows {
			fams := map[int]bool{}
			for _, o := range rw.Dimension.Rows {
				fams[family[o.Role.ID]] = true
			}
			if len(fams) > 1 {
				n++
			}
		}
		if len(r.Levels) != 8 || len(r.Rows) != 10 || n != 3 {
			t.Errorf("role %s: %d levels, %d rows, %d shared with other families; want 8, 10, 3", r.ID, len(r.Levels), len(r.Rows), n)
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
