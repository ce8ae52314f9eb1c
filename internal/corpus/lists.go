package corpus

import (
	"cmp"
	"slices"
	"strings"
)

// The bounds of the handbook's cross-link lists (the bounded lists of its default
// theme), which the Hugo site keeps too: at most CrossLinks items in a list of
// related pages, full lists (only of principles with more than CrossLinks questions or
// rows) ListPage items a page, and InterviewPage question groups a page of /interview/.
const (
	CrossLinks    = 12
	ListPage      = 100
	InterviewPage = 25
)

// sitePrinciples, siteRoles and siteGroups are the principles, roles and question
// groups in the handbook's order: by their order (the ordered ones first), then by
// title.
func (p *plan) sitePrinciples() []*principle {
	return ordered(p.principles, func(x *principle) (int, string) { return x.order, x.title })
}

func (p *plan) siteGroups() []*group {
	return ordered(p.groups, func(x *group) (int, string) { return x.order, x.title })
}

func (p *plan) siteRoles() []*role {
	return ordered(p.roles, func(x *role) (int, string) { return x.order, x.title })
}

// ordered is a sorted copy of items, as the handbook sorts its sources.
func ordered[T any](items []T, key func(T) (int, string)) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int {
		oa, ta := key(a)
		ob, tb := key(b)
		if (oa == 0) != (ob == 0) {
			return cmp.Compare(ob, oa)
		}
		return cmp.Or(cmp.Compare(oa, ob), strings.Compare(ta, tb))
	})
	return out
}

// listCounts is, for each principle, how many questions probe it and how many rows
// name it.
func (p *plan) listCounts() (questions, rows map[*principle]int) {
	questions, rows = map[*principle]int{}, map[*principle]int{}
	for _, g := range p.groups {
		for _, pr := range g.principles {
			questions[pr] += len(g.questions)
		}
	}
	for _, r := range p.roles {
		for _, rw := range r.rows {
			for _, pr := range rw.principles {
				rows[pr]++
			}
		}
	}
	return questions, rows
}

// listPages are the URLs of the pages the bounded lists add to a site: every page of
// each full list, and the pages of /interview/ after the first.
func (p *plan) listPages() []string {
	var out []string
	paged := func(base string, n int) {
		out = append(out, base)
		for i := 2; i <= (n+ListPage-1)/ListPage; i++ {
			out = append(out, base+"page/"+itoa(i)+"/")
		}
	}
	questions, rows := p.listCounts()
	for _, pr := range p.sitePrinciples() {
		if n := questions[pr]; n > CrossLinks {
			paged("/principles/"+pr.id+"/questions/", n)
		}
		if n := rows[pr]; n > CrossLinks {
			paged("/principles/"+pr.id+"/rows/", n)
		}
	}
	for i := 2; i <= (len(p.groups)+InterviewPage-1)/InterviewPage; i++ {
		out = append(out, "/interview/page/"+itoa(i)+"/")
	}
	return out
}
