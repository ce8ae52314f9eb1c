package build

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/browsertest"
	"github.com/handbook-dev/handbook/generator/model"
)

// searchWidths are the screen widths the search's screenshots are taken at.
var searchWidths = []int{360, 768, 1024, 1280, 1920}

// evalTo evaluates js in the page and fails the test on an error.
func evalTo[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// shoot saves a screenshot of the screen as it is, named for what it shows.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	saveShot(t, name, shot)
}

const (
	boxOptions = `[...document.querySelectorAll('#search-q-list [role="option"]')]`
	boxOpen    = `!document.getElementById('search-q-list').hidden && ` + boxOptions + `.length > 2`
)

// TestHeaderSearchResultsAreLinks types a principle's name in the header box and wants
// each result a real link inside the combobox's listbox: a ctrl-click and a middle
// click open it in a new tab and leave the page where it is, the keyboard still
// chooses and opens one, and the results hold the principle's questions and rows. A
// screenshot of the open box is saved at each width.
func TestHeaderSearchResultsAreLinks(t *testing.T) {
	ctx, base := browseDrafts(t, 2*time.Minute)
	if err := chromedp.Do(ctx, colorScheme("light")); err != nil {
		t.Fatal(err)
	}
	for _, width := range searchWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 800)); err != nil {
			t.Fatal(err)
		}
		typeInBox(t, ctx, base, "/roles/", "ownership")
		shoot(t, ctx, fmt.Sprintf("search-box-%d.png", width))
	}

	// Every option is a link to its result, and the listbox owns them.
	bad := evalTo[[]string](t, ctx, boxOptions+`.filter(o => o.tagName !== 'A' || !o.getAttribute('href') || o.getAttribute('tabindex') !== '-1' || o.parentElement.getAttribute('role') !== 'listbox').map(o => o.outerHTML.slice(0, 80))`)
	for _, b := range bad {
		t.Errorf("an option is not a link of the listbox, out of the tab order: %s", b)
	}
	titles := evalTo[[]string](t, ctx, boxOptions+`.map(o => o.textContent)`)
	if len(titles) == 0 || !strings.HasPrefix(titles[0], "Ownership") {
		t.Errorf("the first result for ownership is %q, want the principle", titles)
	}
	if !slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(s, "Interview question") }) {
		t.Errorf("no interview question among the results for ownership: %q", titles)
	}

	// A ctrl-click and a middle click open the result in a new tab.
	for _, click := range []struct {
		name string
		opts []chromedp.MouseOption
	}{
		{"ctrl-click", []chromedp.MouseOption{chromedp.ButtonModifiers(chromedp.ModifierCtrl)}},
		{"middle click", []chromedp.MouseOption{chromedp.ButtonType(input.MouseButtonMiddle)}},
	} {
		typeInBox(t, ctx, base, "/roles/", "ownership")
		href := evalTo[string](t, ctx, boxOptions+`[1].href`)
		x := evalTo[float64](t, ctx, `(r => r.left + r.width / 2)(`+boxOptions+`[1].getBoundingClientRect())`)
		y := evalTo[float64](t, ctx, `(r => r.top + r.height / 2)(`+boxOptions+`[1].getBoundingClientRect())`)
		before := tabsAt(t, ctx, href)
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y, click.opts...)); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(5 * time.Second); tabsAt(t, ctx, href) == before; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Errorf("a %s on a result opened no tab for %s", click.name, href)
				break
			}
		}
		if path := evalTo[string](t, ctx, `location.pathname`); path != "/roles/" {
			t.Errorf("a %s on a result left the page for %s", click.name, path)
		}
	}

	// The keyboard still works the combobox: the arrow chooses, Enter opens.
	typeInBox(t, ctx, base, "/roles/", "ownership")
	if err := chromedp.Do(ctx, browsertest.Press("ArrowDown", false), browsertest.Press("ArrowDown", false)); err != nil {
		t.Fatal(err)
	}
	chosen := evalTo[string](t, ctx, `document.getElementById(document.getElementById('search-q').getAttribute('aria-activedescendant')).getAttribute('href')`)
	if err := chromedp.Do(ctx, browsertest.Press("Enter", false)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, `location.pathname + location.hash === `+jsQuote(strings.Split(chosen, "?")[0])); err != nil {
		t.Errorf("Enter on the second result does not open %s: %v", chosen, err)
	}
}

// tabsAt counts the browser's tabs showing u.
func tabsAt(t *testing.T, ctx context.Context, u string) int {
	t.Helper()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, info := range infos {
		if info.Type == "page" && info.URL == u {
			n++
		}
	}
	return n
}

// typeInBox opens page, types query into the header box and waits for its results.
func typeInBox(t *testing.T, ctx context.Context, base, page, query string) {
	t.Helper()
	if err := open(ctx, base, a11yPage{path: page}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(query)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, boxOpen); err != nil {
		t.Fatalf("no results for %q in the header box: %v", query, err)
	}
}

// searchResults are the search page's results: title, address and excerpt of each.
const searchResults = `[...document.querySelectorAll('#search-results li')].map(li => ({
  title: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
  excerpt: (li.querySelector('.search-excerpt') || {}).textContent || ''}))`

type searchResult struct {
	Title   string `json:"title"`
	Href    string `json:"href"`
	Excerpt string `json:"excerpt"`
}

// openSearch opens the search page at query (an address's query string), which must
// find something, shows every result (pressing "Show more" until it is gone) and returns them.
func openSearch(t *testing.T, ctx context.Context, base, query string) []searchResult {
	t.Helper()
	if err := open(ctx, base, a11yPage{path: "/search/?" + query, ready: `document.querySelector('#search-results li')`}); err != nil {
		t.Fatalf("/search/?%s: %v", query, err)
	}
	for range 50 {
		if !evalTo[bool](t, ctx, `!!document.querySelector('.search-more')`) {
			break
		}
		n := evalTo[int](t, ctx, `document.querySelectorAll('#search-results li').length`)
		evalTo[bool](t, ctx, `(document.querySelector('.search-more').click(), true)`)
		if err := waitFor(ctx, fmt.Sprintf(`document.querySelectorAll('#search-results li').length > %d`, n)); err != nil {
			t.Fatal(err)
		}
	}
	return evalTo[[]searchResult](t, ctx, searchResults)
}

// TestSearchPageFindsWhatIsRelated opens the search page as readers reach it and
// checks what it lists: a principle filter alone browses every question and row of the
// principle; STAR lists the questions answered in that form before anything that
// only starts with the word; an expectation is titled by row, level and role and
// leads to the row on the level's page, in view; excerpts keep a list's items apart;
// the page's title holds the query. A screenshot of each is saved at each width.
func TestSearchPageFindsWhatIsRelated(t *testing.T) {
	ctx, base := browseDrafts(t, 2*time.Minute)
	site := draftModel(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), colorScheme("light")); err != nil {
		t.Fatal(err)
	}

	// A principle filter alone browses.
	results := openSearch(t, ctx, base, "principle=ownership")
	hrefs := make([]string, len(results))
	for i, r := range results {
		hrefs[i] = r.Href
	}
	var own *model.Principle
	for _, p := range site.Principles {
		if p.ID == "ownership" {
			own = p
		}
	}
	for _, g := range site.Groups {
		if slices.Contains(g.Principles, own) {
			for _, q := range g.Questions {
				if !slices.Contains(hrefs, q.URL()) {
					t.Errorf("principle=ownership does not list the question %s", q.URL())
				}
			}
		}
	}
	for _, d := range site.Dimensions {
		if slices.Contains(d.Principles, own) && !slices.Contains(hrefs, d.URL()) {
			t.Errorf("principle=ownership does not list the row %s", d.URL())
		}
	}
	if title := evalTo[string](t, ctx, `document.title`); !strings.HasPrefix(title, "Ownership") {
		t.Errorf("the title of /search/?principle=ownership is %q, want it to name the principle", title)
	}
	shootWidths(t, ctx, "search-principle")

	// STAR: the questions answered in that form first, and the query in the title.
	results = openSearch(t, ctx, base, "q=STAR")
	var star []string
	for _, g := range site.Groups {
		if len(g.Answer) == 4 && g.Answer[0].Label == "Situation" {
			for _, q := range g.Questions {
				star = append(star, q.URL())
			}
		}
	}
	if len(results) < len(star) {
		t.Fatalf("STAR: %d results, want at least the %d STAR questions", len(results), len(star))
	}
	for i, r := range results[:len(star)] {
		if !slices.Contains(star, r.Href) {
			t.Errorf("STAR: result %d is %q (%s), not a question answered in STAR form", i+1, r.Title, r.Href)
		}
	}
	if title := evalTo[string](t, ctx, `document.title`); !strings.HasPrefix(title, "STAR") {
		t.Errorf("the title of /search/?q=STAR is %q, want it to hold the query", title)
	}
	shootWidths(t, ctx, "search-star")

	// Expectations: "Row · Level (Role)", leading to the row on the level's page.
	results = openSearch(t, ctx, base, "q=customer&type=cell")
	seen := map[string]bool{}
	for _, r := range results {
		if seen[r.Title] {
			t.Errorf("two expectations are titled %q", r.Title)
		}
		seen[r.Title] = true
		if !strings.Contains(r.Title, " · ") || !strings.HasSuffix(r.Title, ")") {
			t.Errorf("the expectation %q is not titled Row · Level (Role)", r.Title)
		}
		if page, fragment, _ := strings.Cut(r.Href, "#"); strings.Count(page, "/") != 4 || !strings.HasSuffix(fragment, "-h") {
			t.Errorf("the expectation %q leads to %s, not to its row on a level's page", r.Title, r.Href)
		}
	}
	if len(results) < 4 {
		t.Fatalf("only %d expectations for customer", len(results))
	}
	shootWidths(t, ctx, "search-cells")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-results li a`))); err != nil {
		t.Fatal(err)
	}
	want, _ := url.Parse(results[0].Href)
	if err := waitFor(ctx, `location.pathname === `+jsQuote(want.Path)+` && document.readyState === 'complete'`); err != nil {
		t.Fatalf("following %s: %v", results[0].Href, err)
	}
	inView := `(h => !!h && h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < innerHeight)(document.getElementById(decodeURIComponent(location.hash.slice(1))))`
	if err := waitFor(ctx, inView); err != nil {
		t.Errorf("the row %s is not in view on the level's page: %v", results[0].Href, err)
	}
	shoot(t, ctx, "search-cell-followed.png")

	// Excerpts keep a list's items apart.
	results = openSearch(t, ctx, base, "q="+url.QueryEscape("stakeholder introductions")+"&type=phase")
	if len(results) == 0 || !strings.Contains(results[0].Excerpt, "Stakeholder introductions · ") {
		t.Errorf("the excerpt runs the list's items together: %+v", results)
	}
}

// shootWidths saves a screenshot of the page at each of searchWidths, and goes back
// to 1280 px.
func shootWidths(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, w := range searchWidths {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 900)); err != nil {
			t.Fatal(err)
		}
		shoot(t, ctx, fmt.Sprintf("%s-%d.png", name, w))
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
}

// draftModel builds the real handbook with its drafts and returns its model.
func draftModel(t *testing.T) *model.Site {
	t.Helper()
	res, diags := Build(repo, Options{Drafts: true})
	if res == nil || len(diags) > 0 {
		t.Fatalf("building content/:\n%s", diags.Error())
	}
	return res.Site
}
