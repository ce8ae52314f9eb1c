package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/theme"
	"github.com/handbook-dev/handbook/internal/corpus"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
	"golang.org/x/tools/txtar"
)

// token is one tag or text of a page, as the checks below read them.
type token struct {
	start, end bool   // a start tag, an end tag; neither: text
	name       string // the tag's name
	class, id  string
	text       string // a text's words
}

// voidTags have no end tag.
var voidTags = map[string]bool{"br": true, "img": true, "input": true, "meta": true, "link": true, "hr": true, "source": true, "wbr": true}

// pageTokens returns a page's tags and texts, white space left out, and marks those
// inside a .prose block (content the theme shows as written) with inProse.
func pageTokens(data []byte) (toks []token, inProse []bool) {
	l := html.NewLexer(parse.NewInputBytes(data))
	depth, prose := 0, 0 // prose: the depth of the open .prose element, 0 outside
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			return toks, inProse
		case html.StartTagToken:
			toks = append(toks, token{start: true, name: string(l.Text())})
			inProse = append(inProse, prose > 0)
		case html.AttributeToken:
			t := &toks[len(toks)-1]
			v := strings.Trim(string(l.AttrVal()), `"'`)
			switch string(l.AttrKey()) {
			case "class":
				t.class = v
			case "id":
				t.id = v
			}
		case html.StartTagCloseToken, html.StartTagVoidToken:
			t := toks[len(toks)-1]
			if voidTags[t.name] || tt == html.StartTagVoidToken {
				continue
			}
			depth++
			if prose == 0 && strings.Contains(" "+t.class+" ", " prose ") {
				prose = depth
			}
		case html.EndTagToken:
			if voidTags[string(l.Text())] {
				continue
			}
			toks = append(toks, token{end: true, name: string(l.Text())})
			inProse = append(inProse, prose > 0)
			if prose == depth {
				prose = 0
			}
			depth--
		case html.TextToken:
			if s := strings.Join(strings.Fields(string(l.Text())), " "); s != "" {
				toks = append(toks, token{text: s})
				inProse = append(inProse, prose > 0)
			}
		}
	}
}

// headingLevel is 1 to 6 for a heading's tag, 0 for any other.
func headingLevel(name string) int {
	if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
		return int(name[1] - '0')
	}
	return 0
}

// emptyHeadings returns the headings the theme writes (outside .prose) with nothing
// under them: followed by the end of their section or a heading of their rank or
// above, or by a line that says there is nothing (one of nothing).
func emptyHeadings(data []byte, nothing []string) []string {
	toks, inProse := pageTokens(data)
	var out []string
	for i, t := range toks {
		lv := headingLevel(t.name)
		if !t.start || lv == 0 || inProse[i] {
			continue
		}
		j, title := i+1, ""
		for ; j < len(toks) && !(toks[j].end && toks[j].name == t.name); j++ {
			title += toks[j].text
		}
		if j+1 >= len(toks) {
			out = append(out, title+" (at the end of the page)")
			continue
		}
		next := toks[j+1]
		switch {
		case next.end:
			out = append(out, fmt.Sprintf("%s (followed by </%s>)", title, next.name))
		case next.start && headingLevel(next.name) > 0 && headingLevel(next.name) <= lv:
			out = append(out, fmt.Sprintf("%s (followed by <%s>)", title, next.name))
		case next.start && next.name == "p" && j+2 < len(toks):
			for _, n := range nothing {
				if toks[j+2].text == n {
					out = append(out, fmt.Sprintf("%s (followed by %q)", title, n))
				}
			}
		}
	}
	return out
}

// TestThemeWritesNoEmptyHeading checks every page of the real handbook, with its
// drafts, and of the test sites: no heading of the theme's stands over nothing, nor
// over a line saying there is nothing (a principle that no question probes says so
// without an "Interview questions" heading).
func TestThemeWritesNoEmptyHeading(t *testing.T) {
	th, diags := theme.Default("en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	var nothing []string
	for _, k := range []string{"principle.noquestions", "principle.norows", "question.norows"} {
		nothing = append(nothing, th.Strings.Text(k))
	}
	check := func(name string, files []output.File) {
		pages := 0
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".html") {
				continue
			}
			pages++
			for _, h := range emptyHeadings(f.Data, nothing) {
				t.Errorf("%s: %s: heading %s", name, f.Path, h)
			}
		}
		if pages == 0 {
			t.Errorf("%s: no page", name)
		}
	}
	check("content/", buildRepo(t, true))
	archives, _ := filepath.Glob("testdata/sites/org-*.txtar")
	for _, name := range append(archives, "testdata/sites/crosslinks.txtar") {
		check(name, buildArchive(t, name))
	}
}

// buildArchive builds the test site of a txtar archive.
func buildArchive(t *testing.T, name string) []output.File {
	t.Helper()
	fsys, _, opts := siteFS(mustArchive(t, name))
	res, diags := Build(fsys, opts)
	if res == nil {
		t.Fatalf("%s: %s", name, diags.Error())
	}
	return res.Files
}

// TestEmptyHeadingsAreFound checks the check above on pages made to fail it.
func TestEmptyHeadingsAreFound(t *testing.T) {
	nothing := []string{"Nothing yet."}
	for _, tc := range []struct {
		page string
		want int
	}{
		{`<section><h2>Questions</h2><ul><li>a</li></ul></section>`, 0},
		{`<section><h2>Questions</h2></section>`, 1},
		{`<h2>Questions</h2><h2>Rows</h2><p>x</p>`, 1},
		{`<h2>Questions</h2><h3>First</h3><p>x</p>`, 0},
		{`<section><h2>Questions</h2><p>Nothing yet.</p></section>`, 1},
		{`<div class="prose"><h3>A</h3><h3>B</h3><div><p>x</p></div></div><h2>C</h2><p>y</p>`, 0},
		{`<div class="prose"><div></div></div><h2>C</h2></main>`, 1},
	} {
		if got := emptyHeadings([]byte(tc.page), nothing); len(got) != tc.want {
			t.Errorf("%s: %v, want %d empty headings", tc.page, got, tc.want)
		}
	}
}

// interviewLink is a link to a question's page.
var interviewLink = regexp.MustCompile(`href="(/interview/[^"#]+/)"`)

// TestLevelPagesInterviewPlan checks the level pages of the real handbook: each
// question comes once on the page, in the interview plan, and two adjacent levels of
// a role have different plans.
func TestLevelPagesInterviewPlan(t *testing.T) {
	files := buildRepo(t, false)
	plans := map[string]string{}
	for _, f := range files {
		if !bytes.Contains(f.Data, []byte(`<body class="kind-level"`)) {
			continue
		}
		i := bytes.Index(f.Data, []byte(`<section id="plan"`))
		if i < 0 {
			t.Errorf("%s: no interview plan", f.Path)
			continue
		}
		plan := string(f.Data[i:])
		plan = plan[:strings.Index(plan, `<div class="case-templates">`)]
		plans[f.Path] = plan
		seen := map[string]int{}
		for _, m := range interviewLink.FindAllStringSubmatch(string(f.Data), -1) {
			seen[m[1]]++
		}
		inPlan := interviewLink.FindAllStringSubmatch(plan, -1)
		if len(inPlan) < 5 {
			t.Errorf("%s: %d questions in the plan", f.Path, len(inPlan))
		}
		for q, n := range seen {
			if n > 1 {
				t.Errorf("%s: question %s is linked %d times", f.Path, q, n)
			}
		}
		if len(seen) != len(inPlan) {
			t.Errorf("%s: %d questions on the page, %d in the plan", f.Path, len(seen), len(inPlan))
		}
	}
	pairs := 0
	for _, pair := range [][2]string{
		{"roles/professional-services/ps-i/index.html", "roles/professional-services/ps-ii/index.html"},
		{"roles/professional-services/ps-ii/index.html", "roles/professional-services/ps-iii/index.html"},
		{"roles/professional-services/ps-iii/index.html", "roles/professional-services/principal/index.html"},
		{"roles/manager-professional-services/mgr-iii/index.html", "roles/manager-professional-services/sr-mgr/index.html"},
	} {
		a, b := plans[pair[0]], plans[pair[1]]
		if a == "" || b == "" {
			t.Errorf("no plan on %s or %s", pair[0], pair[1])
			continue
		}
		pairs++
		// The level's title and its anchors differ on every page: compare the rest.
		strip := regexp.MustCompile(`Interview plan for [^<]*|href="#[^"]*"`)
		if strip.ReplaceAllString(a, "") == strip.ReplaceAllString(b, "") {
			t.Errorf("%s and %s have the same interview plan", pair[0], pair[1])
		}
	}
	if pairs == 0 {
		t.Fatal("no pair of adjacent levels compared")
	}
}

// TestPagesUnderBudget checks that every page of the real handbook, and every level
// page of two large synthetic handbooks (internal/corpus: one of many principles, one
// of wide roles whose rows share few principles with many questions), gzipped as
// served, stays under 30 KB: a level's interview plan is bounded (interviewPlan).
func TestPagesUnderBudget(t *testing.T) {
	const budget = 30 << 10
	check := func(name string, files []output.File, kind string) {
		biggest, path := 0, ""
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".html") || !bytes.Contains(f.Data, []byte(`<body class="kind-`+kind)) {
				continue
			}
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write(f.Data)
			w.Close()
			if b.Len() > biggest {
				biggest, path = b.Len(), f.Path
			}
			if b.Len() >= budget {
				t.Errorf("%s: %s is %d bytes gzipped, over %d", name, f.Path, b.Len(), budget)
			}
		}
		t.Logf("%s: the biggest page is %s, %d bytes gzipped", name, path, biggest)
	}
	check("content/", buildRepo(t, true), "")
	for _, c := range []struct {
		name  string
		shape corpus.Shape
	}{
		{"a corpus of 1,500 pages", corpus.Shape{}},
		{"a corpus of 1,500 pages, 12 rows and 8 levels a role", corpus.Shape{Principles: 14, Questions: 0.7, Levels: 8, Rows: 12}},
	} {
		dir := t.TempDir()
		if _, err := corpus.Write(dir, corpus.Options{Pages: 1500, Seed: 1, Shape: c.shape}); err != nil {
			t.Fatal(err)
		}
		res, diags := Build(os.DirFS(dir), Options{})
		if res == nil {
			t.Fatalf("%s: %s", c.name, diags.Error())
		}
		check(c.name, res.Files, "level")
	}
}

// mainWords is the words of a page's main element, tags and table of contents left
// out.
func mainWords(data []byte) string {
	s := tocRe.ReplaceAllString(string(data), "") // it names the sections again
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	if i := strings.Index(s, "</main>"); i >= 0 {
		s = s[:i]
	}
	var words []string
	toks, _ := pageTokens([]byte(s))
	for _, t := range toks {
		if t.text != "" {
			words = append(words, t.text)
		}
	}
	return stdhtml.UnescapeString(strings.Join(words, " "))
}

// TestPhasePagesShowEachMechanismOnce checks the phase pages of the real handbook and
// of the test sites: each mechanism of a phase is named once on its page (in the
// phase's text, or in the list of those its text does not tell), and the principles
// have a labelled section of their own, not a heading among the mechanisms.
func TestPhasePagesShowEachMechanismOnce(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/org-*.txtar")
	sites := map[string]*Result{}
	res, diags := Build(repo, Options{})
	if res == nil {
		t.Fatal(diags.Error())
	}
	sites["content/"] = res
	for _, name := range archives {
		fsys, _, opts := siteFS(mustArchive(t, name))
		if res, _ := Build(fsys, opts); res != nil {
			sites[name] = res
		}
	}
	mechanisms := 0
	for name, res := range sites {
		pages := map[string][]byte{}
		for _, f := range res.Files {
			pages[f.Path] = f.Data
		}
		for _, ph := range res.Site.Phases {
			page := pages[model.FilePath(ph.URL())]
			if page == nil {
				t.Errorf("%s: no page for phase %s", name, ph.ID)
				continue
			}
			words := mainWords(page)
			for _, m := range ph.Mechanisms {
				mechanisms++
				if n := strings.Count(words, m.Name); n != 1 {
					t.Errorf("%s: %s names mechanism %q %d times, want once", name, ph.URL(), m.Name, n)
				}
			}
			if len(ph.Principles) > 0 && !bytes.Contains(page, []byte(`<section class="phase-principles" aria-labelledby="pr-h"><h2 id="pr-h"`)) {
				t.Errorf("%s: %s has no section of its principles", name, ph.URL())
			}
		}
	}
	if mechanisms < 4 {
		t.Errorf("only %d mechanisms checked", mechanisms)
	}
}

// TestPrincipleRowsNameTheirRole checks the rows a principle's page lists in the
// real handbook: each row with its role, and no list of links to every level.
func TestPrincipleRowsNameTheirRole(t *testing.T) {
	res, diags := Build(repo, Options{})
	if res == nil {
		t.Fatal(diags.Error())
	}
	rowsItem := regexp.MustCompile(`<ul class="rows">(.*?)</ul>`)
	checked := 0
	for _, f := range res.Files {
		if !strings.HasPrefix(f.Path, "principles/") || !bytes.Contains(f.Data, []byte(`<body class="kind-principle"`)) {
			continue
		}
		m := rowsItem.FindSubmatch(f.Data)
		if m == nil {
			continue
		}
		for _, item := range strings.Split(string(m[1]), "</li>") {
			if item == "" {
				continue
			}
			checked++
			if !strings.Contains(item, `<span class="where">`) || !strings.Contains(item, `href="/roles/`) {
				t.Errorf("%s: row item %s names no role", f.Path, item)
			}
			if n := strings.Count(item, `href="/roles/`); n > 1 {
				t.Errorf("%s: row item %s has %d links into its role, want one", f.Path, item, n)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d row items checked", checked)
	}
}

// mustArchive reads a txtar archive.
func mustArchive(t *testing.T, name string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}
