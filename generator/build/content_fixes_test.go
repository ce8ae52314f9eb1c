package build

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// mainText is the text of a built page's main content as a reader sees it, its table
// of contents left out, one line of words.
func mainText(t *testing.T, path string) string {
	t.Helper()
	page := string(fileData(t, buildRepo(t, false), path))
	_, page, _ = strings.Cut(page, "<main")
	page, _, _ = strings.Cut(page, "</main>")
	page = tocRe.ReplaceAllString(page, "") // it names the sections again, before them
	return normalise(html.UnescapeString(tagRe.ReplaceAllString(blockRe.ReplaceAllString("<main"+page, " "), "")))
}

// tocRe matches the table of contents, the folded one and the side column's.
var tocRe = regexp.MustCompile(`(?s)<nav class="toc toc-fold".*?</nav>|<div class="toc-rail">.*?</nav></div>`)

// between returns the part of text after the first from and before the next to.
func between(t *testing.T, text, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, from)
	if !ok {
		t.Fatalf("%q is not in the page", from)
	}
	part, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("%q does not follow %q in the page", to, from)
	}
	return part
}

// TestPrinciplesPageOpensWithoutTagLine checks that /principles/ no longer opens with
// the source notes' tag line, and still shows its title and every principle.
func TestPrinciplesPageOpensWithoutTagLine(t *testing.T) {
	text := mainText(t, "principles/index.html")
	for _, tag := range []string{"#principles", "#amazon", "#leadership"} {
		if strings.Contains(text, tag) {
			t.Errorf("/principles/ shows the tag %q", tag)
		}
	}
	intro := between(t, text, "Amazon Leadership Principles", "Customer Obsession")
	if strings.TrimSpace(intro) != "" {
		t.Errorf("/principles/ opens with %q before the first principle", intro)
	}
	for _, p := range []string{"Customer Obsession", "Ownership", "Have Backbone; Disagree and Commit", "Frugality"} {
		if !strings.Contains(text, p) {
			t.Errorf("/principles/ lacks %s", p)
		}
	}
}

// TestCandidatesAnswersBelongToTheExampleAnswer checks that the follow-up questions of
// "Deciding without complete data" are questions only: the candidate's alternatives,
// trade-offs and verdict are part of the example answer, under the follow-up each
// answers.
func TestCandidatesAnswersBelongToTheExampleAnswer(t *testing.T) {
	text := mainText(t, "interview/tell-me-about-a-time-when-you-didnt-have-enough-data-to-make-the-right-decision/index.html")
	followUps := between(t, text, "Follow-up questions", "Example answer")
	answer := between(t, text, "Example answer", "Matrix rows")
	for _, q := range []string{"What did you do?", "What alternatives did you consider?", "How did you mitigate risk?"} {
		if !strings.Contains(followUps, q) {
			t.Errorf("the follow-up %q is missing from the follow-ups", q)
		}
	}
	for _, a := range []string{
		"Extending the 14-day Free Trial",
		"Spend more time and money validating that we were attracting the right audience.",
		"better grouped into being action-oriented vs. research-oriented",
		"In this story, I really didn’t.",
	} {
		if strings.Contains(followUps, a) {
			t.Errorf("the candidate's answer %q is among the follow-up questions", a)
		}
		if !strings.Contains(answer, a) {
			t.Errorf("the candidate's answer %q is not in the example answer", a)
		}
	}
	if !strings.Contains(answer, "What alternatives did you consider? 1. Extending") && !strings.Contains(answer, "What alternatives did you consider? Extending") {
		t.Errorf("the alternatives do not follow their question in the example answer: %q", answer)
	}
}

// TestManagementReferenceIsALink checks that the ProServe role's pointer to the
// manager's role links to it.
func TestManagementReferenceIsALink(t *testing.T) {
	page := string(fileData(t, buildRepo(t, false), "roles/professional-services/index.html"))
	link := regexp.MustCompile(`refer to <a href="?/roles/manager-professional-services/"?>Manager, Professional Services</a>`)
	if !link.MatchString(page) {
		i := strings.Index(page, "For management responsibilities")
		t.Errorf("the reference to the manager's role is not a link: %q", page[i:min(len(page), i+200)])
	}
}

// TestSearchResultsLeadToTheirPlace checks, on the real handbook, that every search
// result with a fragment leads to an element of that ID on its page: each level
// expectation to its row on the level's page.
func TestSearchResultsLeadToTheirPlace(t *testing.T) {
	res, diags := Build(repo, Options{Minify: true})
	if res == nil || len(diags) > 0 {
		t.Fatalf("building content/:\n%s", diags.Error())
	}
	checkSearchTargets(t, res)
}
