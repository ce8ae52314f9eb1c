package corpus

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/model"
)

// designPages are the HTML pages of the handbook under the bounded lists: the pages
// it builds, plus every page of each principle's full list of questions and of rows
// longer than model.Shown, model.PerPage items a page, and the pages of /interview/ after
// the first, model.GroupsPerPage groups a page. Paths are the files' ("x/y/index.html").
func designPages(res *build.Result) map[string]bool {
	out := map[string]bool{}
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") {
			out[f.Path] = true
		}
	}
	paged := func(base string, n, per int) {
		for i := 1; i <= (n+per-1)/per; i++ {
			out[strings.TrimPrefix(pageURL(base, i), "/")+"index.html"] = true
		}
	}
	for _, p := range res.Site.Principles {
		if hasList(p) {
			paged(p.URL()+"questions/", len(p.Questions()), model.PerPage)
		}
		if n := len(p.Rows); n > model.Shown {
			paged(p.URL()+"rows/", n, model.PerPage)
		}
	}
	paged("/interview/", len(res.Site.Groups), model.GroupsPerPage)
	return out
}

// hasList reports whether the design gives a principle a full list of questions: when
// its page cannot show all its main questions or all the others.
func hasList(p *model.Principle) bool {
	return len(p.MainQuestions) > model.Shown || len(p.AlsoQuestions) > model.Shown
}

// pageURL is the address of page n of a paginated list at base.
func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + fmt.Sprint(n) + "/"
}

var (
	urlRe    = regexp.MustCompile(`(?m)^url: (\S+)$`)
	hiddenRe = regexp.MustCompile(`(?m)^build:\n  render: never\n`)
	linkedRe = regexp.MustCompile(`(?m)^cascade:\n  build:\n    render: link\n`)
)

// hugoSources maps each page Hugo builds from the site's sources, but for the further
// pages of a paginated list, to its source: content/X.md and content/X/_index.md
// build X/, or the url their front matter sets; a section whose front matter says it is
// not rendered builds no page, nor do its pages when its cascade says they are only
// linked; layouts/404.html builds 404.html.
func hugoSources(files map[string][]byte) map[string]string {
	out := map[string]string{}
	var linked []string
	for p, data := range files {
		if strings.HasPrefix(p, "content/") && linkedRe.Match(data) {
			linked = append(linked, strings.TrimSuffix(p, "_index.md"))
		}
	}
	for p, data := range files {
		rel, ok := strings.CutPrefix(p, "content/")
		if !ok || hiddenRe.Match(data) || slices.ContainsFunc(linked, func(dir string) bool { return strings.HasPrefix(p, dir) }) {
			continue
		}
		rel = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), "_index"), "/")
		if rel != "" {
			rel += "/"
		}
		if m := urlRe.FindSubmatch(data); m != nil {
			rel = strings.TrimPrefix(string(m[1]), "/")
		}
		out[rel+"index.html"] = p
	}
	if _, ok := files["layouts/404.html"]; ok {
		out["404.html"] = "layouts/404.html"
	}
	return out
}

// TestHugoSiteFiles checks, without Hugo, that the Hugo site's sources are the
// handbook's pages under the bounded lists: a source for every HTML page the handbook
// builds and for the first page of each full list the design adds, at its URL, and no
// other (the further pages of a list are its section's pagination, which only Hugo
// makes); that the breakdown counts them; and that every link between the sources
// leads to one of them, for the default and the realistic shape.
func TestHugoSiteFiles(t *testing.T) {
	linkRe := regexp.MustCompile(`\]\((/[^)#]*)[^)]*\)`)
	for _, shape := range []Shape{{}, Realistic()} {
		dir := t.TempDir()
		hb, hs := filepath.Join(dir, "hb"), filepath.Join(dir, "hugo")
		st, err := Write(hb, Options{Pages: 1000, Seed: 4, HugoDir: hs, Shape: shape})
		if err != nil {
			t.Fatal(err)
		}
		res, diags := build.Build(os.DirFS(hb), build.Options{})
		if res == nil {
			t.Fatal(diags.Error())
		}
		want := designPages(res)
		got := hugoSources(readTree(t, hs))
		if len(want) != st.Pages || res.Pages != st.Pages || st.HugoPages != st.Pages {
			t.Errorf("%+v: the design has %d pages, the handbook builds %d; the breakdown says %d and %d", shape, len(want), res.Pages, st.HugoPages, st.Pages)
		}
		lists := 0
		for p := range want {
			if strings.Contains(p, "/page/") {
				lists++
				if base := p[:strings.Index(p, "page/")] + "index.html"; got[base] == "" {
					t.Errorf("%+v: %s is a page of a list the Hugo site has no source for", shape, p)
				}
			} else if got[p] == "" {
				t.Errorf("%+v: the Hugo site has no source for %s", shape, p)
			}
		}
		if shape.Principles > 0 && lists == 0 {
			t.Errorf("%+v: no list is long enough to be paginated", shape)
		}
		for p, src := range got {
			if !want[p] {
				t.Errorf("%+v: the Hugo site has an extra page %s (%s)", shape, p, src)
			}
		}
		for p, data := range readTree(t, hs) {
			if !strings.HasPrefix(p, "content/") {
				continue
			}
			for _, m := range linkRe.FindAllSubmatch(data, -1) {
				if target := strings.TrimPrefix(string(m[1]), "/") + "index.html"; !want[target] {
					t.Errorf("%+v: %s links to %s, which the Hugo site does not build", shape, p, m[1])
				}
			}
		}
	}
}

// hugoBinary is the Hugo named by $HUGO, or hugo on PATH; the test is skipped without.
func hugoBinary(t *testing.T) string {
	if h := os.Getenv("HUGO"); h != "" {
		return h
	}
	h, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (set HUGO to a Hugo binary to run this test)")
	}
	return h
}

// TestHugoSiteHasTheSamePages builds the Hugo site of a realistic corpus when Hugo is
// there ($HUGO, or hugo on PATH) and checks that it has exactly the pages of the
// handbook under the bounded lists, at the same paths, and on every page the lists
// the design gives it, computed from the handbook's own model: each principle's
// questions and rows, each question's rows, each dimension's questions, the full
// lists page by page, and the groups of /interview/ page by page.
func TestHugoSiteHasTheSamePages(t *testing.T) {
	hugo := hugoBinary(t)
	// The realistic shape, and one of four principles, whose full lists run to
	// several pages.
	for _, shape := range []Shape{Realistic(), {Principles: 4, Questions: 0.7}} {
		t.Run(fmt.Sprintf("%+v", shape), func(t *testing.T) { checkHugoSite(t, hugo, shape) })
	}
}

// checkHugoSite builds the Hugo site of a corpus of the shape and compares its pages
// and lists with the design's.
func checkHugoSite(t *testing.T, hugo string, shape Shape) {
	dir := t.TempDir()
	hb, hs, out := filepath.Join(dir, "hb"), filepath.Join(dir, "hugo"), filepath.Join(dir, "hugo-out")
	if _, err := Write(hb, Options{Pages: 1000, Seed: 3, HugoDir: hs, Shape: shape}); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(hugo, "--quiet", "--minify", "-s", hs, "-d", out).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	res, diags := build.Build(os.DirFS(hb), build.Options{})
	if res == nil {
		t.Fatal(diags.Error())
	}
	site := readTree(t, out)
	want := designPages(res)
	for p := range want {
		if site[p] == nil {
			t.Errorf("hugo has no %s", p)
		}
	}
	for p := range site {
		if strings.HasSuffix(p, ".html") && !want[p] {
			t.Errorf("hugo has an extra %s", p)
		}
	}
	paged := 0
	for _, c := range designLists(res.Site) {
		if c.section == "main" && strings.Contains(c.url, "/page/") {
			paged++
		}
		page := site[strings.TrimPrefix(c.url, "/")+"index.html"]
		if got := sectionLinks(page, c.section); !slices.Equal(got, c.links) {
			t.Errorf("%s, %s: links\n%v\nwant\n%v", c.url, c.section, got, c.links)
		}
	}
	// A level's interview plan: its principles, its questions and the links to the
	// others, as the handbook's own page has them.
	built := map[string][]byte{}
	for _, f := range res.Files {
		built[f.Path] = f.Data
	}
	for _, r := range res.Site.Roles {
		for _, lv := range r.Levels {
			p := strings.TrimPrefix(lv.URL(), "/") + "index.html"
			if got, want := planLinks(site[p]), planLinks(built[p]); len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%s, plan: links\n%v\nwant\n%v", lv.URL(), got, want)
			}
		}
	}
	if shape.Principles < 10 && paged == 0 {
		t.Errorf("no full list runs to a second page")
	}
}

// listCase is a list the design puts on a page: the links of the part of the page
// named section, in order.
type listCase struct {
	url, section string
	links        []string
}

// designLists are the bounded lists of every principle, question and dimension
// page, the pages of the full lists and of /interview/, as the design gives them from
// each principle's whole lists (the handbook's model may keep only what its pages show).
func designLists(s *model.Site) []listCase {
	k := model.Shown
	var out []listCase
	rowLink := func(r *model.Row) string { return r.Role.URL() + "#" + r.ID }
	qURLs := func(qs []*model.Question) []string {
		var l []string
		for _, q := range qs {
			l = append(l, q.URL())
		}
		return l
	}
	all := func(ps []*model.Principle, list string, count func(*model.Principle) int) []string {
		var l []string
		for _, p := range ps {
			if n := count(p); list == "rows" && n > k || list == "questions" && hasList(p) {
				l = append(l, p.URL()+list+"/")
			} else if n > 0 {
				l = append(l, p.URL()+map[string]string{"rows": "#rows-h", "questions": "#q-h"}[list])
			}
		}
		return l
	}
	nRows := func(p *model.Principle) int { return len(p.Rows) }
	nQuestions := func(p *model.Principle) int { return len(p.Questions()) }
	for _, p := range s.Principles {
		qs := append(qURLs(p.MainQuestions[:min(k, len(p.MainQuestions))]), qURLs(p.AlsoQuestions[:min(k, len(p.AlsoQuestions))])...)
		if hasList(p) {
			qs = append(qs, p.URL()+"questions/")
		}
		var rows []string
		for _, r := range p.Rows[:min(k, len(p.Rows))] {
			rows = append(rows, r.URL(), rowLink(r))
		}
		if len(p.Rows) > k {
			rows = append(rows, p.URL()+"rows/")
		}
		out = append(out, listCase{p.URL(), "q-h", qs}, listCase{p.URL(), "rows-h", rows})
		// The full lists, page by page: an item is a question's link, or a row's two.
		var items [][]string
		for _, q := range p.Questions() {
			items = append(items, []string{q.URL()})
		}
		out = append(out, fullList(p, "questions/", items, hasList(p))...)
		items = nil
		for _, r := range p.Rows {
			items = append(items, []string{r.URL(), rowLink(r)})
		}
		out = append(out, fullList(p, "rows/", items, len(p.Rows) > k)...)
	}
	var groups []*model.QuestionGroup
	for _, p := range append(slices.Clone(s.Principles), nil) {
		for _, g := range s.Groups {
			if g.Main() == p {
				groups = append(groups, g)
			}
		}
	}
	page := map[*model.QuestionGroup]int{}
	for i := 0; i*model.GroupsPerPage < len(groups); i++ {
		var ids []string
		for _, g := range groups[i*model.GroupsPerPage : min(len(groups), (i+1)*model.GroupsPerPage)] {
			ids = append(ids, "#"+g.ID)
			page[g] = i + 1
		}
		out = append(out, listCase{pageURL("/interview/", i+1), "groups", ids})
	}
	for _, q := range s.Questions {
		from := []string{pageURL("/interview/", page[q.Group]) + "#" + q.Group.ID}
		if m := q.Group.Main(); m != nil {
			from = append(from, m.URL())
		}
		out = append(out, listCase{q.URL(), "from", from})
		probed := probedRows(q.Group.Principles)
		rows := probed[:min(k, len(probed))]
		var links []string
		for _, d := range model.RowsByDimension(rows) {
			links = append(links, d.Dimension.URL())
			for _, r := range d.Rows {
				links = append(links, rowLink(r))
			}
		}
		if len(probed) > k {
			links = append(links, all(q.Group.Principles, "rows", nRows)...)
		}
		out = append(out, listCase{q.URL(), "rows-h", links})
	}
	place := map[*model.Question]int{}
	for i, q := range s.Questions {
		place[q] = i
	}
	for _, d := range s.Dimensions {
		qs := probingQuestions(d.Principles, place)
		links := qURLs(qs[:min(k, len(qs))])
		if len(qs) > k {
			links = append(links, all(d.Principles, "questions", nQuestions)...)
		}
		out = append(out, listCase{d.URL(), "probe-h", links})
	}
	return out
}

// planLinks are the links to principles and questions of a level page's interview
// plan, in order.
func planLinks(page []byte) []string {
	s := string(page)
	i := strings.Index(s, `id="plan"`)
	if i < 0 {
		i = strings.Index(s, "id=plan")
	}
	if i < 0 {
		return nil
	}
	s = s[i:]
	for _, end := range []string{"case-templates", "</main>"} {
		if j := strings.Index(s, end); j >= 0 {
			s = s[:j]
		}
	}
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
		if strings.HasPrefix(m[1], "/interview/") || strings.HasPrefix(m[1], "/principles/") {
			out = append(out, m[1])
		}
	}
	return out
}

// probedRows are the rows naming one of ps, those naming ps[0] first, each principle's
// in role order, each once: the rows a group's questions probe, whole.
func probedRows(ps []*model.Principle) []*model.Row {
	var out []*model.Row
	for _, p := range ps {
		for _, r := range p.Rows {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// probingQuestions are the questions probing one of ps, those whose main principle is
// one of them first, then the others, each part in site order (place), each once: the
// questions a dimension's page draws on, whole.
func probingQuestions(ps []*model.Principle, place map[*model.Question]int) []*model.Question {
	var out []*model.Question
	for _, part := range []func(*model.Principle) []*model.Question{
		func(p *model.Principle) []*model.Question { return p.MainQuestions },
		func(p *model.Principle) []*model.Question { return p.AlsoQuestions },
	} {
		var qs []*model.Question
		for _, p := range ps {
			for _, q := range part(p) {
				if !slices.Contains(out, q) && !slices.Contains(qs, q) {
					qs = append(qs, q)
				}
			}
		}
		slices.SortFunc(qs, func(a, b *model.Question) int { return place[a] - place[b] })
		out = append(out, qs...)
	}
	return out
}

// fullList is the pages of principle p's full list at p.URL()+list of items, each its
// links, when it has one (long): each page's links are the principle's, then its items'.
func fullList(p *model.Principle, list string, items [][]string, long bool) []listCase {
	if !long {
		return nil
	}
	var out []listCase
	for i := 0; i*model.PerPage < len(items); i++ {
		c := listCase{url: pageURL(p.URL()+list, i+1), section: "main", links: []string{p.URL()}}
		for _, it := range items[i*model.PerPage : min(len(items), (i+1)*model.PerPage)] {
			c.links = append(c.links, it...)
		}
		out = append(out, c)
	}
	return out
}

var (
	hrefRe  = regexp.MustCompile(`href="?([^" >]+)`)
	groupRe = regexp.MustCompile(`class="?group"? id="?([^" >]+)`)
)

// sectionLinks are the links of a part of a built page: of the section whose heading
// has the ID section ("rows-h"), of a full list's items ("main"), or the IDs of the
// question groups ("groups", each as "#id"), or of a question's line naming its group
// ("from").
func sectionLinks(page []byte, section string) []string {
	s := string(page)
	var out []string
	switch section {
	case "groups":
		for _, m := range groupRe.FindAllStringSubmatch(s, -1) {
			out = append(out, "#"+m[1])
		}
		return out
	case "from":
		i := strings.Index(s, ">From ")
		if i < 0 {
			return nil
		}
		s = s[i:]
		s = s[:strings.Index(s, "</p>")]
	case "main":
		i, j := strings.Index(s, "<h1"), strings.Index(s, `class="pager"`)
		if j < 0 {
			j = strings.Index(s, "class=pager")
		}
		if j < 0 {
			j = strings.Index(s, "</main>")
		}
		if i < 0 || j < i {
			return nil
		}
		s = s[i:j]
	default:
		i := strings.Index(s, "id="+section)
		if i < 0 {
			i = strings.Index(s, `id="`+section+`"`)
		}
		if i < 0 {
			return nil
		}
		s = s[i:]
		s = s[:strings.Index(s, "</section>")]
	}
	for _, m := range hrefRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
