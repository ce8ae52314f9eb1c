package graph

import (
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/model"
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
