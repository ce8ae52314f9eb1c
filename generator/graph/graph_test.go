package graph

import (
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
		{"delivery questions, main first", ids(delivery.Questions, qid), "q2,q1"},
		{"craft questions", ids(craft.Questions, qid), "q1"},
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
