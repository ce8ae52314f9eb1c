package build

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// fixedPrinciples is the shape whose lists grew fastest: the 14 principles of the real
// handbook kept as it grows, most pages questions. A question probes every row naming
// one of its principles, and a dimension is probed by every question on its own.
var fixedPrinciples = corpus.Shape{Principles: 14, Questions: 0.7}

// buildCorpus writes a corpus of about pages pages of shape and builds it, failing on
// any problem.
func buildCorpus(t *testing.T, pages int, shape corpus.Shape) *Result {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Pages: pages, Seed: 3, Shape: shape}); err != nil {
		t.Fatal(err)
	}
	res, diags := Build(os.DirFS(dir), Options{})
	if res == nil || len(diags) > 0 {
		t.Fatalf("the corpus does not build cleanly:\n%s", diags.Error())
	}
	return res
}

// itemKinds are the kinds of the pages about one item: none may grow with the
// handbook. The pages of a long list grow up to a fixed number of items
// (TestLongListsAreWhole), and the indexes of a section (home, roles, dimensions,
// principles, compare) list every item.
var itemKinds = []string{"principle", "role", "level", "promotion", "dimension", "question"}

// largestPages returns the size of the largest page of each item kind.
func largestPages(res *Result) map[string]int {
	out := map[string]int{}
	for _, f := range res.Files {
		m := pageKind.FindSubmatch(f.Data)
		if m == nil || !slices.Contains(itemKinds, string(m[1])) {
			continue
		}
		out[string(m[1])] = max(out[string(m[1])], len(f.Data))
	}
	return out
}

// TestPagesOfBoundedSize builds a handbook and one four times its size and requires
// the largest page of each item kind to stay about the same size: a list on a page
// that grew with the handbook (the rows a question probes, a dimension's questions, a
// principle's) would make it grow about four times.
func TestPagesOfBoundedSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two corpora")
	}
	small, large := largestPages(buildCorpus(t, 500, fixedPrinciples)), largestPages(buildCorpus(t, 2000, fixedPrinciples))
	for _, kind := range itemKinds {
		if small[kind] == 0 {
			t.Errorf("the small corpus has no %s page", kind)
			continue
		}
		if ratio := float64(large[kind]) / float64(small[kind]); ratio > 1.5 {
			t.Errorf("the largest %s page grew %.1f times (%d -> %d bytes) for four times the pages", kind, ratio, small[kind], large[kind])
		}
	}
}

var (
	questionHref = regexp.MustCompile(`<li><a href="(/interview/[^"#/]+/)">`)
	rowHref      = regexp.MustCompile(`<a href="(/roles/[^"#]+/#[^"]+)">`)
)

// TestLongListsAreWhole checks what a reader of a large handbook relies on: each
// principle's page shows the first of its questions and rows and leads to the rest;
// following a list's pages from the first by its "next" links shows every item of the
// list once, in its order; the interview page's pages hold every group once, where
// the group's links lead.
func TestLongListsAreWhole(t *testing.T) {
	res := buildCorpus(t, 1500, fixedPrinciples)
	pages := map[string]string{}
	for _, f := range res.Files {
		pages[f.Path] = string(f.Data)
	}
	page := func(url string) string {
		t.Helper()
		p, ok := pages[model.FilePath(url)]
		if !ok {
			t.Fatalf("no page at %s", url)
		}
		return p
	}
	// follow returns what re finds on each page of the list whose first page is at
	// url, following the pager's next links, and how many pages it has; no page may
	// hold more than per.
	nextHref := regexp.MustCompile(`<a rel="next" href="([^"]+)">`)
	follow := func(url string, re *regexp.Regexp, per int) (found []string, n int) {
		for ; url != ""; n++ {
			p := page(url)
			items := re.FindAllStringSubmatch(p[strings.Index(p, "<main"):], -1)
			if len(items) > per {
				t.Errorf("%s: %d items, more than a page holds (%d)", url, len(items), per)
			}
			for _, m := range items {
				found = append(found, m[1])
			}
			url = ""
			if m := nextHref.FindStringSubmatch(p); m != nil {
				url = m[1]
			}
		}
		return found, n
	}
	var longQuestions, longRows bool
	for _, p := range res.Site.Principles {
		want := func(qs []*model.Question) (out []string) {
			for _, q := range qs {
				out = append(out, q.URL())
			}
			return out
		}
		all := append(want(p.MainQuestions), want(p.AlsoQuestions)...)
		onPage := questionHref.FindAllStringSubmatch(page(p.URL()), -1)
		if len(onPage) > 2*model.Shown {
			t.Errorf("%s: %d questions on the principle's page", p.ID, len(onPage))
		}
		if !p.HasQuestionList() {
			continue
		}
		longQuestions = true
		if !strings.Contains(page(p.URL()), `href="`+p.QuestionsURL()+`">All `) {
			t.Errorf("%s: its page does not lead to all its questions", p.ID)
		}
		got, n := follow(p.QuestionsURL(), questionHref, model.PerPage)
		if !slices.Equal(got, all) || n != model.PageCount(len(all), model.PerPage) {
			t.Errorf("%s: its list's %d pages show %d questions, want its %d in order", p.ID, n, len(got), len(all))
		}
		if p.HasRowList() {
			longRows = true
			got, _ := follow(p.RowsURL(), rowHref, model.PerPage)
			if len(got) != len(p.Rows) {
				t.Errorf("%s: its rows list shows %d rows, want %d", p.ID, len(got), len(p.Rows))
			}
		}
	}
	if !longQuestions || !longRows {
		t.Fatalf("no principle has a list of its own (questions %v, rows %v): the test shows nothing", longQuestions, longRows)
	}

	groupID := regexp.MustCompile(`<div class="group" id="([^"]+)">`)
	ids, n := follow("/interview/", groupID, model.GroupsPerPage)
	if n < 2 || len(ids) != len(res.Site.Groups) {
		t.Fatalf("the interview page's %d pages hold %d groups, want all %d on more than one", n, len(ids), len(res.Site.Groups))
	}
	for _, g := range res.Site.Groups {
		url, id, _ := strings.Cut(g.URL(), "#")
		if !strings.Contains(page(url), `<div class="group" id="`+id+`">`) {
			t.Errorf("group %s is not on %s, where its links lead", g.ID, url)
		}
	}
}
