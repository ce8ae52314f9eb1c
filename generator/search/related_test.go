package search_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/search"
)

// realSite builds the repository's own handbook as published, once.
var realSite = sync.OnceValues(func() (*model.Site, error) {
	res, diags := build.Build(os.DirFS("../.."), build.Options{})
	if res == nil {
		return nil, diags
	}
	return res.Site, nil
})

func mustRealSite(t *testing.T) *model.Site {
	t.Helper()
	site, err := realSite()
	if err != nil {
		t.Fatalf("building the handbook: %v", err)
	}
	return site
}

func principleByID(t *testing.T, site *model.Site, id string) *model.Principle {
	t.Helper()
	for _, p := range site.Principles {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no principle %q", id)
	return nil
}

// probing returns the addresses of the questions and dimensions that carry a principle.
func probing(site *model.Site, p *model.Principle) (questions, rows []string) {
	for _, g := range site.Groups {
		if slices.Contains(g.Principles, p) {
			for _, q := range g.Questions {
				questions = append(questions, q.URL())
			}
		}
	}
	for _, d := range site.Dimensions {
		if slices.Contains(d.Principles, p) {
			rows = append(rows, d.URL())
		}
	}
	return questions, rows
}

// TestPrincipleNameFindsWhatProbesIt searches for a principle's name, as typed in the
// header box and as submitted, and wants the principle first, then every question and
// every dimension tagged with it among the results: before, "ownership" found the
// principle and three prose sections, none of its 5 questions and 3 rows.
func TestPrincipleNameFindsWhatProbesIt(t *testing.T) {
	site := mustRealSite(t)
	cases := []struct{ query, principle string }{
		{"ownership", "ownership"},
		{"Ownership", "ownership"},
		{"frugality", "frugality"},
		{"customer obsession", "customer-obsession"},
	}
	var queries []query
	for _, c := range cases {
		queries = append(queries, query{Q: c.query, Typing: true}, query{Q: c.query})
	}
	answers := searchAll(t, mustRealIndex(t), 200, queries)
	for i, a := range answers {
		c := cases[i/2]
		p := principleByID(t, site, c.principle)
		questions, rows := probing(site, p)
		if len(questions)+len(rows) == 0 {
			t.Fatalf("nothing probes %s: the test needs a principle with questions or rows", p.Title)
		}
		if len(a.URLs) == 0 || a.URLs[0] != p.URL() {
			t.Errorf("%q (typing %v): want %s first, got %.3q", a.Q, i%2 == 0, p.URL(), a.URLs)
		}
		for _, u := range slices.Concat(questions, rows) {
			if !slices.Contains(a.URLs, u) {
				t.Errorf("%q (typing %v): %s, tagged %s, is not found", a.Q, i%2 == 0, u, p.Title)
			}
		}
	}
}

// TestFiltersAloneBrowse opens the search with a principle, a type or a role filter and
// no words, as /search/?principle=ownership does, and wants every document the filter
// keeps, in the index's order: for a principle, the principle, then each of its
// questions and rows.
func TestFiltersAloneBrowse(t *testing.T) {
	site := mustRealSite(t)
	docs := search.Documents(site, nil)
	own := principleByID(t, site, "ownership")
	var carrying, cells, psDocs []string
	for _, d := range docs {
		if slices.Contains(d.Principles, own) {
			carrying = append(carrying, d.URL)
		}
		if d.Type == search.Cell {
			cells = append(cells, d.URL)
		}
		if d.Role != nil && d.Role.ID == "professional-services" {
			psDocs = append(psDocs, d.URL)
		}
	}
	queries := []query{
		{Principle: "ownership"},
		{Type: "cell"},
		{Role: "professional-services"},
		{Principle: "ownership", Type: "question"},
		{}, // no words and no filter: nothing
	}
	answers := searchAll(t, mustRealIndex(t), 500, queries)
	if got := answers[0].URLs; !slices.Equal(got, carrying) {
		t.Errorf("principle=ownership lists %d documents, want the %d that carry it:\n got %q\nwant %q", len(got), len(carrying), got, carrying)
	}
	questions, rows := probing(site, own)
	for _, u := range slices.Concat(questions, rows) {
		if !slices.Contains(answers[0].URLs, u) {
			t.Errorf("principle=ownership does not list %s", u)
		}
	}
	if got := answers[1].URLs; !slices.Equal(got, cells) {
		t.Errorf("type=cell lists %d documents, want the %d expectations", len(got), len(cells))
	}
	if got := answers[2].URLs; !slices.Equal(got, psDocs) {
		t.Errorf("role=professional-services lists %d documents, want the role's %d", len(got), len(psDocs))
	}
	if got := answers[3].URLs; !slices.Equal(got, questions) {
		t.Errorf("principle=ownership&type=question lists %q, want %q", got, questions)
	}
	if answers[4].Total != 0 {
		t.Errorf("no words and no filter list %d documents, want none", answers[4].Total)
	}
}

// TestExpectationResults wants each level expectation titled "Row · Level (Role)",
// told apart from its row's other levels, and leading to the row on the level's page:
// before, "customer" gave four identical titles, each leading to the matrix.
func TestExpectationResults(t *testing.T) {
	site := mustRealSite(t)
	a := searchAll(t, mustRealIndex(t), 100, []query{{Q: "customer", Type: "cell"}})[0]
	if len(a.URLs) < 4 {
		t.Fatalf("only %d expectations found for customer", len(a.URLs))
	}
	seen := map[string]bool{}
	for i, title := range a.Titles {
		if seen[title] {
			t.Errorf("two expectations are titled %q", title)
		}
		seen[title] = true
		cell := cellAt(t, site, a.URLs[i])
		if cell == nil {
			t.Errorf("%s leads to no row of a level's page", a.URLs[i])
			continue
		}
		if want := cell.Row.Title + " · " + cell.Level.Title + " (" + cell.Row.Role.Title + ")"; title != want {
			t.Errorf("%s is titled %q, want %q", a.URLs[i], title, want)
		}
	}
}

// cellAt returns the cell whose row a level page's address u points at:
// /roles/ROLE/LEVEL/#ANCHOR-h.
func cellAt(t *testing.T, site *model.Site, u string) *model.Cell {
	t.Helper()
	page, fragment, ok := strings.Cut(u, "#")
	if !ok || !strings.HasSuffix(fragment, "-h") {
		return nil
	}
	for _, r := range site.Roles {
		for _, row := range r.Rows {
			for _, c := range row.Cells {
				if c.Level.URL() == page && c.Anchor()+"-h" == fragment {
					return c
				}
			}
		}
	}
	return nil
}

// TestExactWordOutranksCompletion types STAR, the form of the handbook's example
// answers, and wants every question answered in that form before anything that only
// completes the word ("start"), Customer Obsession ("Leaders start with the customer")
// included.
func TestExactWordOutranksCompletion(t *testing.T) {
	site := mustRealSite(t)
	var star []string
	for _, g := range site.Groups {
		if len(g.Answer) == 4 && g.Answer[0].Label == "Situation" && g.Answer[3].Label == "Result" {
			for _, q := range g.Questions {
				star = append(star, q.URL())
			}
		}
	}
	if len(star) < 3 {
		t.Fatalf("only %d questions with a STAR answer", len(star))
	}
	for _, a := range searchAll(t, mustRealIndex(t), 100, []query{{Q: "STAR", Typing: true}, {Q: "star"}}) {
		if len(a.URLs) < len(star) {
			t.Fatalf("%q: %d results, want the %d STAR questions first", a.Q, len(a.URLs), len(star))
		}
		top := slices.Clone(a.URLs[:len(star)])
		slices.Sort(top)
		want := slices.Sorted(slices.Values(star))
		if !slices.Equal(top, want) {
			t.Errorf("%q: the first %d results are %q, want the questions answered in STAR form %q", a.Q, len(star), a.URLs[:len(star)], star)
		}
		if i := slices.Index(a.URLs, "/principles/customer-obsession/"); i >= 0 && i < len(star) {
			t.Errorf("%q: Customer Obsession ranks %d, above a STAR question", a.Q, i+1)
		}
	}
}

// TestExcerptsKeepListItemsApart wants the items of a list separated in a document's
// text, and so in its excerpt: lists used to read as one run-on sentence ("Knowledge
// and artifact transfer Stakeholder introductions Seamless customer experience").
func TestExcerptsKeepListItemsApart(t *testing.T) {
	site := mustRealSite(t)
	var body string
	for _, d := range search.Documents(site, nil) {
		if d.Type == search.Question && strings.HasPrefix(d.Title, "Tell me about a time when you didn't have enough data") {
			body = d.Body
		}
	}
	for _, want := range []string{
		"What did you do? What path did you take?",
		"Extending the 14-day Free Trial · Offering discounts",
		"Situation · I had recently joined",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the question's text lacks %q:\n%s", want, body)
		}
	}
	a := searchAll(t, mustRealIndex(t), 1, []query{{Q: "stakeholder introductions", Type: "phase", Text: true}})[0]
	var excerpt strings.Builder
	for _, seg := range a.Excerpt {
		excerpt.WriteString(seg.Text)
	}
	if !strings.Contains(excerpt.String(), "artifact transfer · Stakeholder introductions · Seamless") {
		t.Errorf("the excerpt runs the list's items together: %q", excerpt.String())
	}
}
