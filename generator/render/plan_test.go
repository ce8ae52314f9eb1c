package render

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// realSite loads and links the repository's own handbook (content/).
func realSite(t *testing.T) *model.Site {
	t.Helper()
	site, diags := source.Load(os.DirFS("../.."), source.Options{})
	if site == nil || diags.HasErrors(false) {
		t.Fatalf("loading content/: %v", diags)
	}
	if diags := graph.Build(site); diags.HasErrors(false) {
		t.Fatalf("linking content/: %v", diags)
	}
	return site
}

// planLines is a plan as lines a reader would compare: each question with what good
// looks like beside it, under its principle.
func planLines(p InterviewPlan) []string {
	var out []string
	for _, pp := range p.Principles {
		for _, pq := range pp.Questions {
			for _, c := range pq.Good {
				out = append(out, fmt.Sprintf("%s | %s | %s: %s", pp.Principle.ID, pq.Question.ID, c.Row.ID, cellGist(c)))
			}
		}
	}
	return out
}

// TestInterviewPlanOfTheRealHandbook checks every level's plan in content/: each
// question once, under a principle one of the level's rows names; beside it only this
// level's expectations of rows it probes, with their gist; and two adjacent levels
// whose expectations differ have plans that differ, in the gist of those rows.
func TestInterviewPlanOfTheRealHandbook(t *testing.T) {
	site := realSite(t)
	levels := 0
	for _, role := range site.Roles {
		for _, l := range role.Levels {
			levels++
			plan := interviewPlan(l)
			if len(plan.Principles) == 0 {
				t.Errorf("%s %s: the plan has no principle", role.ID, l.ID)
			}
			named := map[*model.Principle]bool{}
			for _, c := range expectations(l.Cells) {
				for _, p := range c.Row.Principles {
					named[p] = true
				}
			}
			seen := map[*model.Question]string{}
			for _, pp := range plan.Principles {
				if !named[pp.Principle] {
					t.Errorf("%s %s: principle %s is in the plan, but no row of the level names it", role.ID, l.ID, pp.Principle.ID)
				}
				if len(pp.Questions) > planQuestions {
					t.Errorf("%s %s: %d questions under %s, more than %d", role.ID, l.ID, len(pp.Questions), pp.Principle.ID, planQuestions)
				}
				for _, pq := range pp.Questions {
					q := pq.Question
					if prev, dup := seen[q]; dup {
						t.Errorf("%s %s: question %s is under %s and again under %s", role.ID, l.ID, q.ID, prev, pp.Principle.ID)
					}
					seen[q] = pp.Principle.ID
					if !slices.Contains(pp.Principle.Questions(), q) {
						t.Errorf("%s %s: question %s does not probe %s, under which it is placed", role.ID, l.ID, q.ID, pp.Principle.ID)
					}
					if len(pq.Good) == 0 {
						t.Errorf("%s %s: question %s has nothing beside it", role.ID, l.ID, q.ID)
					}
					for _, c := range pq.Good {
						gist := cellGist(c)
						switch {
						case c.Level != l || c.Blank:
							t.Errorf("%s %s: beside %s, the expectation of %s at %s (blank %v), not this level's", role.ID, l.ID, q.ID, c.Row.ID, c.Level.ID, c.Blank)
						case !slices.Contains(q.Rows, c.Row):
							t.Errorf("%s %s: beside %s, row %s, which the question does not probe", role.ID, l.ID, q.ID, c.Row.ID)
						case gist == "" || !strings.HasPrefix(strings.Join(strings.Fields(c.Body.Text()), " "), strings.TrimSuffix(gist, "…")):
							t.Errorf("%s %s: beside %s, gist %q of row %s is not the start of its text %q", role.ID, l.ID, q.ID, gist, c.Row.ID, c.Body.Text())
						}
					}
				}
			}
			if len(seen) < 5 {
				t.Errorf("%s %s: only %d questions in the plan", role.ID, l.ID, len(seen))
			}
			next := l.Next()
			if next == nil {
				continue
			}
			if slices.Equal(planLines(plan), planLines(interviewPlan(next))) {
				t.Errorf("%s: the plans of %s and %s are the same, though their expectations differ", role.ID, l.ID, next.ID)
			}
		}
	}
	if levels < 4 {
		t.Fatalf("only %d levels in content/", levels)
	}
}

// TestInterviewPlanBounds checks the plan of a level whose one principle has more
// questions than a plan shows, and whose rows more expectations than a question gets
// beside it: the first questions in order, the rest counted; a question of two
// principles once, under the first; a principle left with none named at the end; a
// blank row neither probed nor named.
func TestInterviewPlanBounds(t *testing.T) {
	role := &model.Role{ID: "r"}
	l := &model.Level{ID: "l1", Title: "L1", Role: role}
	role.Levels = []*model.Level{l}
	a := &model.Principle{ID: "a"}
	b := &model.Principle{ID: "b"}
	c := &model.Principle{ID: "c"}
	var rows []*model.Row
	for i := range planGood + 2 {
		row := &model.Row{ID: fmt.Sprintf("row%d", i), Index: i, Role: role, Principles: []*model.Principle{a, b}}
		rows = append(rows, row)
	}
	blankRow := &model.Row{ID: "blank", Index: len(rows), Role: role, Principles: []*model.Principle{c}}
	rows = append(rows, blankRow)
	role.Rows = rows
	for _, row := range rows {
		cell := &model.Cell{Row: row, Level: l, Blank: row == blankRow}
		row.Cells = []*model.Cell{cell}
		l.Cells = append(l.Cells, cell)
	}
	// As graph links them: the first two questions' group names a and b, the others' a.
	var qs []*model.Question
	ab := &model.QuestionGroup{Principles: []*model.Principle{a, b}}
	aOnly := &model.QuestionGroup{Principles: []*model.Principle{a}}
	for i := range planQuestions + 3 {
		g := aOnly
		if i < 2 {
			g = ab
		}
		qs = append(qs, &model.Question{ID: fmt.Sprintf("q%d", i), Group: g})
	}
	a.MainQuestions = qs
	b.AlsoQuestions = qs[:2]
	c.MainQuestions = []*model.Question{{ID: "blank-only", Group: &model.QuestionGroup{Principles: []*model.Principle{c}}}}

	plan := interviewPlan(l)
	if len(plan.Principles) != 1 || plan.Principles[0].Principle != a {
		t.Fatalf("plan principles %+v, want a alone", plan.Principles)
	}
	pa := plan.Principles[0]
	var ids []string
	for _, pq := range pa.Questions {
		ids = append(ids, pq.Question.ID)
		if len(pq.Good) != planGood || pq.MoreGood != len(rows)-1-planGood {
			t.Errorf("%s: %d expectations beside it and %d more, want %d and %d", pq.Question.ID, len(pq.Good), pq.MoreGood, planGood, len(rows)-1-planGood)
		}
	}
	if want := []string{"q0", "q1", "q2", "q3", "q4"}; !slices.Equal(ids, want) || pa.More != 3 {
		t.Errorf("questions %v and %d more, want %v and 3 more", ids, pa.More, want)
	}
	if !slices.Equal(plan.Others, []*model.Principle{b}) {
		t.Errorf("others %v, want b alone (c is named by a blank row only)", plan.Others)
	}
}

// TestInterviewPlanCountsTheRest checks the number of a principle's questions the plan
// leaves out ("and N more"), where the questions the plan shows under an earlier
// principle probe it too: those are neither shown again nor counted. Principles a and b,
// named by the level's one row, have the groups ab (naming a, then b), aOnly and bOnly.
func TestInterviewPlanCountsTheRest(t *testing.T) {
	for _, tc := range []struct {
		ab, aOnly, bOnly int // questions in each group
		aShows, bShows   []string
		aMore, bMore     int
	}{
		// a shows all of ab: b counts none of them.
		{3, 3, 9, []string{"ab0", "ab1", "ab2", "a0", "a1"}, []string{"b0", "b1", "b2", "b3", "b4"}, 1, 4},
		// a shows five of ab's seven: b counts the other two with its own four.
		{7, 3, 9, []string{"ab0", "ab1", "ab2", "ab3", "ab4"}, []string{"b0", "b1", "b2", "b3", "b4"}, 5, 6},
		// b's own questions are few: the plan shows ab's last ones under b.
		{7, 0, 2, []string{"ab0", "ab1", "ab2", "ab3", "ab4"}, []string{"b0", "b1", "ab5", "ab6"}, 2, 0},
	} {
		role := &model.Role{ID: "r"}
		l := &model.Level{ID: "l1", Title: "L1", Role: role}
		role.Levels = []*model.Level{l}
		a, b := &model.Principle{ID: "a"}, &model.Principle{ID: "b"}
		row := &model.Row{ID: "row", Role: role, Principles: []*model.Principle{a, b}}
		cell := &model.Cell{Row: row, Level: l}
		row.Cells, l.Cells, role.Rows = []*model.Cell{cell}, []*model.Cell{cell}, []*model.Row{row}
		// The groups linked as graph links them: a group's questions are main
		// questions of its first principle, and also questions of the others.
		for _, g := range []struct {
			prefix     string
			n          int
			principles []*model.Principle
		}{{"ab", tc.ab, []*model.Principle{a, b}}, {"a", tc.aOnly, []*model.Principle{a}}, {"b", tc.bOnly, []*model.Principle{b}}} {
			grp := &model.QuestionGroup{Principles: g.principles}
			for i := range g.n {
				grp.Questions = append(grp.Questions, &model.Question{ID: fmt.Sprintf("%s%d", g.prefix, i), Group: grp})
			}
			g.principles[0].MainQuestions = append(g.principles[0].MainQuestions, grp.Questions...)
			for _, p := range g.principles[1:] {
				p.AlsoQuestions = append(p.AlsoQuestions, grp.Questions...)
			}
		}
		plan := interviewPlan(l)
		if len(plan.Principles) != 2 {
			t.Fatalf("%+v: the plan has %d principles, want a and b", tc, len(plan.Principles))
		}
		for i, want := range []struct {
			shows []string
			more  int
		}{{tc.aShows, tc.aMore}, {tc.bShows, tc.bMore}} {
			pp := plan.Principles[i]
			var ids []string
			for _, pq := range pp.Questions {
				ids = append(ids, pq.Question.ID)
			}
			if !slices.Equal(ids, want.shows) || pp.More != want.more {
				t.Errorf("groups ab %d, aOnly %d, bOnly %d: %s shows %v and %d more, want %v and %d more", tc.ab, tc.aOnly, tc.bOnly, pp.Principle.ID, ids, pp.More, want.shows, want.more)
			}
		}
	}
}

// TestInterviewPlanPrincipleBound checks that a level whose rows name more principles
// than a plan holds asks questions under the first model.Shown (12) of them, in the order
// the rows name them, and names the others at the end, after those with no question.
func TestInterviewPlanPrincipleBound(t *testing.T) {
	role := &model.Role{ID: "r"}
	l := &model.Level{ID: "l1", Title: "L1", Role: role}
	role.Levels = []*model.Level{l}
	silent := &model.Principle{ID: "silent"} // no question probes it
	var named []*model.Principle
	for i := range model.Shown + 3 {
		p := &model.Principle{ID: fmt.Sprintf("p%02d", i)}
		p.MainQuestions = []*model.Question{{ID: "q-" + p.ID, Group: &model.QuestionGroup{Principles: []*model.Principle{p}}}}
		named = append(named, p)
	}
	// Two principles a row, the silent one on the first row.
	for i := 0; i < len(named); i += 2 {
		ps := named[i:min(i+2, len(named))]
		if i == 0 {
			ps = []*model.Principle{named[0], silent, named[1]}
		}
		row := &model.Row{ID: fmt.Sprintf("row%d", i), Index: len(role.Rows), Role: role, Principles: ps}
		cell := &model.Cell{Row: row, Level: l}
		row.Cells, l.Cells = []*model.Cell{cell}, append(l.Cells, cell)
		role.Rows = append(role.Rows, row)
	}

	plan := interviewPlan(l)
	var got []*model.Principle
	for _, pp := range plan.Principles {
		got = append(got, pp.Principle)
		if len(pp.Questions) != 1 || pp.Questions[0].Question != pp.Principle.MainQuestions[0] {
			t.Errorf("%s: questions %+v, want its own one", pp.Principle.ID, pp.Questions)
		}
	}
	if want := named[:model.Shown]; !slices.Equal(got, want) {
		t.Errorf("principles with questions %v, want the first %d the rows name: %v", got, model.Shown, want)
	}
	if want := append([]*model.Principle{silent}, named[model.Shown:]...); !slices.Equal(plan.Others, want) {
		t.Errorf("others %v, want %v", plan.Others, want)
	}
}

// TestGist checks the gist of an expectation beside a question: its first sentence,
// or its start cut at a word.
func TestGist(t *testing.T) {
	long := strings.Repeat("word ", 50)
	for _, tc := range []struct{ in, want string }{
		{"Assisting", "Assisting"},
		{"Ships small changes. Then more.", "Ships small changes."},
		{"Ships\n\n- with tests", "Ships - with tests"},
		{long, strings.TrimSpace(long[:gistRunes]) + "…"},
		{strings.Repeat("設計", 100), strings.Repeat("設計", 80) + "…"},
		{"設計書を書く。レビューする。", "設計書を書く。"},
		{"Rédige le compte rendu.", "Rédige le compte rendu."},
	} {
		if got := gist(tc.in); got != tc.want {
			t.Errorf("gist(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// BenchmarkInterviewPlan makes the plan of a level whose one row names 12 principles,
// each probed by N questions of its own: the cost of a level page's plan as a handbook
// with a fixed set of principles grows. It must not grow with N (a plan shows a few
// questions a principle and counts the rest). Measured on 2026-12-04: 15-20 µs at every
// N; before the plan counted instead of walking, 15 µs at 10, 167 µs at 1,000 and
// 15.6 ms at 100,000.
func BenchmarkInterviewPlan(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("1.2 million questions: not in a short run")
			}
			role := &model.Role{ID: "r"}
			l := &model.Level{ID: "l1", Title: "L1", Role: role}
			role.Levels = []*model.Level{l}
			row := &model.Row{ID: "row", Role: role}
			for i := range model.Shown {
				p := &model.Principle{ID: fmt.Sprintf("p%d", i)}
				grp := &model.QuestionGroup{Principles: []*model.Principle{p}}
				for j := range n {
					q := &model.Question{ID: fmt.Sprintf("p%d-q%d", i, j), Group: grp}
					grp.Questions = append(grp.Questions, q)
				}
				p.MainQuestions = grp.Questions
				row.Principles = append(row.Principles, p)
			}
			cell := &model.Cell{Row: row, Level: l}
			row.Cells, l.Cells, role.Rows = []*model.Cell{cell}, []*model.Cell{cell}, []*model.Row{row}
			for b.Loop() {
				interviewPlan(l)
			}
		})
	}
}
