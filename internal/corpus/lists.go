package corpus

import (
	"cmp"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/model"
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

// listCounts is, for each principle, how many questions have it as their main
// principle, how many others probe it, and how many rows name it.
func (p *plan) listCounts() (main, also, rows map[*principle]int) {
	main, also, rows = map[*principle]int{}, map[*principle]int{}, map[*principle]int{}
	for _, g := range p.groups {
		for i, pr := range g.principles {
			if i == 0 {
				main[pr] += len(g.questions)
			} else {
				also[pr] += len(g.questions)
			}
		}
	}
	for _, r := range p.roles {
		for _, rw := range r.rows {
			for _, pr := range rw.principles {
				rows[pr]++
			}
		}
	}
	return main, also, rows
}

// hasQuestionList reports whether a principle's questions have a full list: when its
// page cannot show all its main questions or all the others.
func hasQuestionList(main, also int) bool { return main > model.Shown || also > model.Shown }

// listPages are the URLs of the pages the bounded lists add to a site: every page of
// each full list, and the pages of /interview/ after the first.
func (p *plan) listPages() []string {
	var out []string
	paged := func(base string, n int) {
		out = append(out, base)
		for i := 2; i <= (n+model.PerPage-1)/model.PerPage; i++ {
			out = append(out, base+"page/"+itoa(i)+"/")
		}
	}
	main, also, rows := p.listCounts()
	for _, pr := range p.sitePrinciples() {
		if hasQuestionList(main[pr], also[pr]) {
			paged("/principles/"+pr.id+"/questions/", main[pr]+also[pr])
		}
		if n := rows[pr]; n > model.Shown {
			paged("/principles/"+pr.id+"/rows/", n)
		}
	}
	for i := 2; i <= (len(p.groups)+model.GroupsPerPage-1)/model.GroupsPerPage; i++ {
		out = append(out, "/interview/page/"+itoa(i)+"/")
	}
	return out
}
