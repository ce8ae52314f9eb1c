package search_test

import (
	"slices"
	"strings"
	"testing"
)

// TestFilters runs filtered searches through the script's engine against the real
// handbook and checks what each filter keeps.
func TestFilters(t *testing.T) {
	tests := []struct {
		name  string
		query query
		check func(a answer) string
	}{
		{"type", query{Q: "excellence", Type: "cell"}, allUnder("/roles/")},
		{"role", query{Q: "excellence", Role: "manager-professional-services"}, allMatch("/roles/manager-professional-services/", "/dimensions/operational-excellence/")},
		{"level", query{Q: "excellence", Level: "ps-ii"}, allMatch("--ps-ii", "/ps-ii/")},
		{"principle", query{Q: "disagree", Principle: "have-backbone-disagree-and-commit"}, has("/principles/have-backbone-disagree-and-commit/")},
		{"other principle", query{Q: "disagree", Principle: "frugality"}, lacks("/principles/have-backbone-disagree-and-commit/")},
		{"unknown role", query{Q: "excellence", Role: "nobody"}, none},
	}
	var queries []query
	for _, tt := range tests {
		queries = append(queries, tt.query)
	}
	answers := searchAll(t, mustRealIndex(t), 50, queries)
	for i, tt := range tests {
		if msg := tt.check(answers[i]); msg != "" {
			t.Errorf("%s: %s; got %q", tt.name, msg, answers[i].URLs)
		}
	}
}

func has(url string) func(answer) string {
	return func(a answer) string {
		if !slices.Contains(a.URLs, url) {
			return "want " + url
		}
		return ""
	}
}

func lacks(url string) func(answer) string {
	return func(a answer) string {
		if slices.Contains(a.URLs, url) {
			return "do not want " + url
		}
		return ""
	}
}

func allUnder(prefix string) func(answer) string { return allMatch(prefix) }

func allMatch(subs ...string) func(answer) string {
	return func(a answer) string {
		if len(a.URLs) == 0 {
			return "no results"
		}
		for _, u := range a.URLs {
			if !slices.ContainsFunc(subs, func(s string) bool { return strings.Contains(u, s) }) {
				return u + " is not one of " + strings.Join(subs, ", ")
			}
		}
		return ""
	}
}

func none(a answer) string {
	if a.Total != 0 {
		return "want no results"
	}
	return ""
}

// TestCounts checks that the type counts of an unfiltered search are what each type
// filter then finds.
func TestCounts(t *testing.T) {
	ix := mustRealIndex(t)
	base := searchAll(t, ix, 1, []query{{Q: "customer", Role: ""}})[0]
	types := []string{"principle", "question", "row", "cell", "phase", "section"}
	var queries []query
	for _, ty := range types {
		queries = append(queries, query{Q: "customer", Type: ty})
	}
	answers := searchAll(t, ix, 1, queries)
	sum := 0
	for i, ty := range types {
		if got, want := answers[i].Total, base.Counts.Type[i]; got != want {
			t.Errorf("type %s: the filter finds %d, its count said %d", ty, got, want)
		}
		sum += answers[i].Total
	}
	if sum != base.Total {
		t.Errorf("the types' counts add up to %d, the results are %d", sum, base.Total)
	}
}

// TestExcerptsAreText checks that excerpts mark the matched words and keep markup in
// the source as text: the engine returns segments, which the page turns into text
// nodes and <mark> elements.
func TestExcerptsAreText(t *testing.T) {
	a := searchAll(t, mustRealIndex(t), 1, []query{{Q: "technical mastery", Text: true}})[0]
	var marked []string
	var all strings.Builder
	for _, seg := range a.Excerpt {
		all.WriteString(seg.Text)
		if seg.Mark {
			marked = append(marked, strings.ToLower(seg.Text))
		}
	}
	if !slices.Contains(marked, "technical") || !slices.Contains(marked, "mastery") {
		t.Errorf("marked %q in %q, want technical and mastery", marked, all.String())
	}
}
