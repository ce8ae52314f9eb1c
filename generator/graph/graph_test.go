package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// site builds a small linked model by hand: two principles, a role with two rows, two
// question groups.
func site() *model.Site {
	at := func(line int) diag.Pos { return diag.Pos{File: "x", Line: line, Col: 1} }
	own := &model.Principle{ID: "ownership", Title: "Ownership", Source: model.Source{Pos: at(1)}}
	deep := &model.Principle{ID: "dive-deep", Title: "Dive Deep", Source: model.Source{Pos: at(2)}}
	role := &model.Role{ID: "eng", Title: "Engineer"}
	rowA := &model.Row{ID: "delivery", Title: "Delivery", Role: role, PrincipleRefs: []model.Ref{{Text: "dive deep", Pos: at(3)}}}
	rowB := &model.Row{ID: "craft", Title: "Craft", Role: role, PrincipleRefs: []model.Ref{{Text: "ownership", Pos: at(4)}}}
	role.Rows = []*model.Row{rowA, rowB}
	g1 := &model.QuestionGroup{ID: "g1", PrincipleRefs: []model.Ref{{Text: "Ownership"}, {Text: "Dive Deep"}}}
	g2 := &model.QuestionGroup{ID: "g2", PrincipleRefs: []model.Ref{{Text: "dive-deep"}}}
	q1 := &model.Question{ID: "q1", Group: g1}
	q2 := &model.Question{ID: "q2", Group: g2}
	g1.Questions, g2.Questions = []*model.Question{q1}, []*model.Question{q2}
	return &model.Site{
		Principles: []*model.Principle{own, deep},
		Roles:      []*model.Role{role},
		Groups:     []*model.QuestionGroup{g1, g2},
		Questions:  []*model.Question{q1, q2},
	}
}

func ids[T any](items []T, id func(T) string) string {
	var out []string
	for _, it := range items {
		out = append(out, id(it))
	}
	return strings.Join(out, ",")
}

func qid(q *model.Question) string { return q.ID }

func TestLinksBothWays(t *testing.T) {
	s := site()
	if d := Build(s); len(d) != 0 {
		t.Fatal(d.Error())
	}
	own, deep := s.Principles[0], s.Principles[1]
	delivery, craft := s.Roles[0].Rows[0], s.Roles[0].Rows[1]
	q1, q2 := s.Questions[0], s.Questions[1]
	checks := []struct{ what, got, want string }{
		{"ownership main questions", ids(own.MainQuestions, qid), "q1"},
		{"dive deep main, then also", ids(deep.Questions(), qid), "q2,q1"},
		{"dive deep rows", ids(deep.Rows, func(r *model.Row) string { return r.ID }), "delivery"},
		{"q1 rows, main principle's first", ids(q1.Rows, func(r *model.Row) string { return r.ID }), "craft,delivery"},
		{"q2 rows", ids(q2.Rows, func(r *model.Row) string { return r.ID }), "delivery"},
		{"delivery questions, main first", ids(delivery.Dimension.Questions, qid), "q2,q1"},
		{"craft questions", ids(craft.Dimension.Questions, qid), "q1"},
		{"group 1 principles, main first", ids(q1.Group.Principles, func(p *model.Principle) string { return p.ID }), "ownership,dive-deep"},
		{"dimensions", ids(s.Dimensions, func(d *model.Dimension) string { return d.ID }), "delivery,craft"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	// Building again gives the same links, not doubled ones.
	Build(s)
	if got := ids(deep.Questions(), qid); got != "q2,q1" {
		t.Errorf("after a second build: %s", got)
	}
}

// TestListsShown checks the lists a page shows of a handbook larger than a page: at
// most model.Shown items, the most relevant first, and whether there are more; and the
// interview page's order and pages.
func TestListsShown(t *testing.T) {
	s := &model.Site{}
	a := &model.Principle{ID: "a", Title: "A"}
	b := &model.Principle{ID: "b", Title: "B"}
	c := &model.Principle{ID: "c", Title: "C"}
	s.Principles = []*model.Principle{a, b, c}
	role := &model.Role{ID: "r", Title: "R"}
	s.Roles = []*model.Role{role}
	// 20 rows naming B, then 5 naming A and B: row 20 is the first naming A.
	for i := range 25 {
		refs := []model.Ref{{Text: "b"}}
		if i >= 20 {
			refs = []model.Ref{{Text: "a"}, {Text: "b"}}
		}
		role.Rows = append(role.Rows, &model.Row{ID: fmt.Sprintf("row%02d", i), Role: role, PrincipleRefs: refs})
	}
	// 31 groups of one question: groups 0-9 probe A then B, 10-29 A then C; group 30
	// probes nothing.
	for i := range 31 {
		var refs []model.Ref
		switch {
		case i < 10:
			refs = []model.Ref{{Text: "a"}, {Text: "b"}}
		case i < 30:
			refs = []model.Ref{{Text: "a"}, {Text: "c"}}
		}
		g := &model.QuestionGroup{ID: fmt.Sprintf("g%02d", i), PrincipleRefs: refs}
		q := &model.Question{ID: fmt.Sprintf("q%02d", i), Group: g}
		g.Questions = []*model.Question{q}
		s.Groups, s.Questions = append(s.Groups, g), append(s.Questions, q)
	}
	Build(s)
	rid := func(r *model.Row) string { return r.ID }
	g0, g10 := s.Groups[0], s.Groups[10]
	if got, want := ids(g0.Rows, rid), "row20,row21,row22,row23,row24,row00,row01,row02,row03,row04,row05,row06"; got != want || !g0.MoreRows {
		t.Errorf("rows shown of a group probing A, then B: %s (more %v), want %s (more)", got, g0.MoreRows, want)
	}
	if got := ids(g10.Rows, rid); got != "row20,row21,row22,row23,row24" || g10.MoreRows {
		t.Errorf("rows shown of a group probing A, then C: %s (more %v)", got, g10.MoreRows)
	}
	// Dimension row20 names A and B: the main questions of A (all but q30) in site order.
	d := role.Rows[20].Dimension
	if got := ids(d.Questions, qid); got != "q00,q01,q02,q03,q04,q05,q06,q07,q08,q09,q10,q11" || !d.MoreQuestions {
		t.Errorf("questions of a dimension on A and B: %s (more %v)", got, d.MoreQuestions)
	}
	// Dimension row00 names B only, the main principle of none: those also probing it.
	if d := role.Rows[0].Dimension; ids(d.Questions, qid) != "q00,q01,q02,q03,q04,q05,q06,q07,q08,q09" || d.MoreQuestions {
		t.Errorf("questions of a dimension on B: %s (more %v)", ids(d.Questions, qid), d.MoreQuestions)
	}
	// The interview page: A's groups, then the one probing nothing; 25 a page.
	gid := func(g *model.QuestionGroup) string { return g.ID }
	if got := ids(s.Interview[24:], gid); len(s.Interview) != 31 || got != "g24,g25,g26,g27,g28,g29,g30" {
		t.Errorf("interview order: %s", ids(s.Interview, gid))
	}
	if s.Groups[24].URL() != "/interview/#g24" || s.Groups[30].URL() != "/interview/page/2/#g30" || s.Groups[25].Page != 2 {
		t.Errorf("group pages: %s, %s, %d", s.Groups[24].URL(), s.Groups[30].URL(), s.Groups[25].Page)
	}
	// C's questions: only those also probing it, in site order; they stay whole on
	// the principle, whose page links to its own list of them.
	if len(c.AlsoQuestions) != 20 || !c.HasQuestionList() || c.AllQuestionsURL() != "/principles/c/questions/" || a.HasRowList() || a.AllRowsURL() != "/principles/a/#rows-h" {
		t.Errorf("C: %d also, list %v at %s; A's rows at %s", len(c.AlsoQuestions), c.HasQuestionList(), c.AllQuestionsURL(), a.AllRowsURL())
	}
}

func TestUnknownAndOrphans(t *testing.T) {
	s := site()
	s.Roles[0].Rows[0].PrincipleRefs = []model.Ref{{Text: "Dive Dep", Pos: diag.Pos{File: "l.csv", Line: 2, Col: 9}}}
	s.Groups[0].PrincipleRefs = s.Groups[0].PrincipleRefs[:1] // Ownership only
	s.Groups[1].PrincipleRefs = nil
	got := Build(s).Error()
	for _, want := range []string{
		`l.csv:2:9: error: unknown principle "Dive Dep"; did you mean "Dive Deep"?`,
		`x:2:1: warning: principle "Dive Deep" is an orphan`,
		`warning: the questions of "" probe no principle`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestReferencesByTitle checks that a title holding the separator of the list it is
// named in resolves, and that a partial or reordered title gets a suggestion.
func TestReferencesByTitle(t *testing.T) {
	at := func(col int) diag.Pos { return diag.Pos{File: "l.csv", Line: 2, Col: col} }
	cell := func(parts ...string) []model.Ref { // a Principles cell split at ";"
		var out []model.Ref
		for i, p := range parts {
			r := model.Ref{Text: p, Pos: at(i + 1)}
			if i > 0 {
				r.Sep = ";"
			}
			out = append(out, r)
		}
		return out
	}
	list := func(items ...string) []model.Ref { // a YAML list
		out := cell(items...)
		for i := 1; i < len(out); i++ {
			out[i].Sep = ","
		}
		return out
	}
	tests := []struct {
		name  string
		refs  []model.Ref
		want  string // the principles resolved, by ID
		diags []string
	}{
		{"a title holding ;", cell("Have Backbone", "Disagree and Commit"), "have-backbone", nil},
		{"spaces around ; as written", cell("have backbone", "disagree  and commit", "Ownership"), "have-backbone,ownership", nil},
		{"before and after", cell("Ownership", "Have Backbone", "Disagree and Commit", "Dive Deep"), "ownership,have-backbone,dive-deep", nil},
		{"the parts' own titles win over nothing", cell("Dive Deep", "Ownership"), "dive-deep,ownership", nil},
		{"a title holding , split by YAML", list("Are Right", "A Lot", "Ownership"), "right,ownership",
			[]string{`l.csv:2:1: warning: principle "Are Right, A Lot" holds a comma, which splits it in two in a YAML list; put it in quotes: ["Are Right, A Lot"]`}},
		{"a title holding , quoted", list("Are Right, A Lot", "Ownership"), "right,ownership", nil},
		{"YAML's two items when both are known", list("Dive Deep", "Ownership"), "dive-deep,ownership", nil},
		{"part of a title", cell("Backbone"), "",
			[]string{`l.csv:2:1: error: unknown principle "Backbone"; did you mean "Have Backbone; Disagree and Commit"?`}},
		{"a title reordered", cell("Disagree and Commit, Have Backbone"), "",
			[]string{`l.csv:2:1: error: unknown principle "Disagree and Commit, Have Backbone"; did you mean "Have Backbone; Disagree and Commit"?`}},
		{"a title misspelt", cell("Have Backbone", "Disagre and Commit"), "",
			[]string{`l.csv:2:1: error: unknown principle "Have Backbone"; did you mean "have-backbone"?`,
				`l.csv:2:2: error: unknown principle "Disagre and Commit"; did you mean "Have Backbone; Disagree and Commit"?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := site()
			s.Principles = append(s.Principles,
				&model.Principle{ID: "have-backbone", Title: "Have Backbone; Disagree and Commit"},
				&model.Principle{ID: "right", Title: "Are Right, A Lot"})
			row := s.Roles[0].Rows[0]
			row.PrincipleRefs = tt.refs
			var got diag.List
			for _, d := range Build(s) {
				if d.Pos.File == "l.csv" {
					got = append(got, d)
				}
			}
			if ids := ids(row.Principles, func(p *model.Principle) string { return p.ID }); ids != tt.want {
				t.Errorf("principles = %s, want %s", ids, tt.want)
			}
			var lines []string
			for _, d := range got.Sorted() {
				lines = append(lines, d.String())
			}
			if strings.Join(lines, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

// TestPhaseNamingIsNotOrphan checks that a principle only a delivery phase names is
// not reported as an orphan.
func TestPhaseNamingIsNotOrphan(t *testing.T) {
	s := site()
	lone := &model.Principle{ID: "frugality", Title: "Frugality", Source: model.Source{Pos: diag.Pos{File: "f.md", Line: 1, Col: 1}}}
	s.Principles = append(s.Principles, lone)
	s.Phases = []*model.Phase{{ID: "kickoff", Title: "Kickoff", PrincipleRefs: []model.Ref{{Text: "Frugality"}}}}
	if got := Build(s).Error(); strings.Contains(got, "orphan") {
		t.Errorf("a principle a phase names is an orphan:\n%s", got)
	}
	s.Phases = nil
	if got := Build(s).Error(); !strings.Contains(got, `f.md:1:1: warning: principle "Frugality" is an orphan: no matrix row, interview question or delivery phase names it; name it in`) {
		t.Errorf("an orphan is not reported:\n%s", got)
	}
}

// TestCanRetitle checks when a linked principle may take a new title without the site
// being linked again.
func TestCanRetitle(t *testing.T) {
	s := site() // rows name Dive Deep by its title and Ownership by its ID; group 1 names both by title
	Build(s)
	own, deep := s.Principles[0], s.Principles[1]
	s.Groups[0].PrincipleRefs = []model.Ref{{Text: "ownership"}, {Text: "dive-deep"}}
	for _, tc := range []struct {
		p     *model.Principle
		title string
		want  bool
	}{
		{own, "Ownership, Always", false},     // a separator
		{own, "Full Ownership", true},         // named by its ID only
		{own, "dive-deep", false},             // another's ID
		{own, "DIVE DEEP", false},             // another's title, in another case
		{deep, "Dive Deeper", false},          // a row names it by its title
		{own, "  dive   deep ", false},        // another's title, spaced
		{own, "", false},                      // no title
		{own, "Ownership", true},              // unchanged
		{own, "Tiefe Verantwortung 責任", true}, // any script
	} {
		if got := CanRetitle(s, tc.p, tc.title, none); got != tc.want {
			t.Errorf("%s as %q: %v, want %v", tc.p.ID, tc.title, got, tc.want)
		}
	}
	s.Groups[1].PrincipleRefs = []model.Ref{{Text: "Full ownership", Pos: diag.Pos{File: "g2.md"}}}
	if CanRetitle(s, own, "Full Ownership", none) {
		t.Error("a group names the new title: the rename would relink it")
	}
	// Saved with the rename, the group's reference is the caller's to check.
	if !CanRetitle(s, own, "Full Ownership", func(f string) bool { return f == "g2.md" }) {
		t.Error("the group saved with the rename still counts")
	}
	titles := map[*model.Principle]string{own: "Full Ownership"}
	if Names(s, "full ownership", titles) != own || Names(s, "Ownership", titles) != own || Names(s, "Dive Deep", titles) != deep || Names(s, "Ownership", nil) != own || Names(s, "Full Ownership", nil) != nil {
		t.Error("Names does not find the principles by their new titles and IDs")
	}
}

// none is a set of saved files that holds none.
func none(string) bool { return false }
