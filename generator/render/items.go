package render

import (
	"html/template"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/model"
)

// The template functions below prepare the model's items for the theme's partials
// (templates/partials/), which make their markup.

// PromotionRow is a row of a promotion view, as templates/partials/promotion-row.html
// receives it: the row and its cells at the view's lower and upper levels, and what
// changes from one to the other. New is set when the row starts at the upper level
// (it is blank at the lower one).
type PromotionRow struct {
	Row          *model.Row
	Lower, Upper *model.Cell
	New          bool
	Diff         CellDiff
}

// promotionRows returns the rows of the promotion view from level a to level b, of
// the same role: every row but those blank at both levels.
func promotionRows(a, b *model.Level) []PromotionRow {
	var out []PromotionRow
	for i, row := range a.Role.Rows {
		lower, upper := a.Cells[i], b.Cells[i]
		if lower.Blank && upper.Blank {
			continue
		}
		out = append(out, PromotionRow{Row: row, Lower: lower, Upper: upper, New: lower.Blank, Diff: cellDiff(lower, upper)})
	}
	return out
}

// CellDiff is what changes in a row between two of its cells, as the promotion view
// (templates/partials/promotion-row.html) receives it in PromotionRow.Diff. Same is set when
// both cells say the same (or both are blank): the view folds the row. New is set when
// the row has no expectation at the first level and one at the second, Ends when it is
// the other way round. Lines is the word difference of the two cells' text, one line
// for each paragraph or list item (a block), for the cells that both hold text and
// differ.
type CellDiff struct {
	Same, New, Ends bool
	Lines           [][]changes.Segment
}

// cellDiff is what changes from cell a to cell b, compared as a reader sees them
// (their text, block by block, without markup), word by word with the changelog's difference (changes.Words).
func cellDiff(a, b *model.Cell) CellDiff {
	switch {
	case a.Blank || b.Blank:
		return CellDiff{Same: a.Blank && b.Blank, New: a.Blank && !b.Blank, Ends: b.Blank && !a.Blank}
	}
	ta, tb := a.Body.Blocks(), b.Body.Blocks()
	if slices.Equal(ta, tb) {
		return CellDiff{Same: true}
	}
	return CellDiff{Lines: lines(changes.Words(strings.Join(ta, "\n"), strings.Join(tb, "\n")))}
}

// lines splits a word difference of texts written one block a line into the
// difference of each line, so that a paragraph or list item stays apart from the next.
// A line break only the old text has ends no line of the new one: it is shown as a
// removed space.
func lines(segs []changes.Segment) [][]changes.Segment {
	out := [][]changes.Segment{nil}
	for _, s := range segs {
		parts := strings.Split(s.Text, "\n")
		for i, part := range parts {
			if i > 0 {
				if s.Op == changes.Removed {
					part = " " + part
				} else {
					out = append(out, nil)
				}
			}
			last := &out[len(out)-1]
			switch n := len(*last); {
			case strings.TrimSpace(part) == "" && (s.Op != changes.Kept || n == 0):
				// a line break, or a space at a line's start, changes nothing a reader sees
			case n > 0 && (*last)[n-1].Op == s.Op:
				(*last)[n-1].Text += part
			default:
				*last = append(*last, changes.Segment{Op: s.Op, Text: part})
			}
		}
	}
	return slices.DeleteFunc(out, func(l []changes.Segment) bool {
		return !slices.ContainsFunc(l, func(s changes.Segment) bool { return strings.TrimSpace(s.Text) != "" })
	})
}

// expectations returns the cells that hold an expectation, leaving out the blank ones:
// a level's kit lists no row it has nothing to probe for, a list of a row's levels no
// level it starts after.
func expectations(cells []*model.Cell) []*model.Cell {
	out := make([]*model.Cell, 0, len(cells))
	for _, c := range cells {
		if !c.Blank {
			out = append(out, c)
		}
	}
	return out
}

// link is the template function {{link href text}}: a link to the site path href,
// as the theme's "link" template makes it, for a sentence of the theme's words that
// holds a link ({{t "home.interview" (link "/interview/" "42 questions")}}).
func (w *worker) link(href, text string) (template.HTML, error) {
	if w == nil {
		return "", nil
	}
	return w.cached("link", Link{Title: text, URL: href})
}

// The bounds of a level's interview plan (interviewPlan), which keep a level page
// small on a handbook of many principles and questions: questions under at most
// planPrinciples principles (those the level's first rows name; the others are named
// at the end), at most planQuestions questions under a principle (the principle's page
// lists them all) and, beside a question, at most planGood of this level's
// expectations it probes.
const (
	planPrinciples = model.Shown
	planQuestions  = 5
	planGood       = 3
	gistRunes      = 160 // the longest gist of an expectation, in characters
)

// InterviewPlan is a level's interview plan, as templates/partials/plan.html receives
// it: the principles the level's rows name, each with the questions to ask for it, and
// the principles whose questions are all asked under an earlier one (or that no
// question probes), named at the end.
type InterviewPlan struct {
	Level      *model.Level
	Principles []PlanPrinciple
	Others     []*model.Principle
}

// PlanPrinciple is one principle of an interview plan: the questions placed under it
// (at most planQuestions) and how many more of its questions probe the level but are
// left to the principle's page.
type PlanPrinciple struct {
	Principle *model.Principle
	Questions []PlanQuestion
	More      int
}

// PlanQuestion is one question of an interview plan and what good looks like at the
// plan's level: the level's expectations of the rows the question probes, those of
// rows naming its main principle first (at most planGood; MoreGood counts the others).
type PlanQuestion struct {
	Question *model.Question
	Good     []*model.Cell
	MoreGood int
}

// interviewPlan is the template function {{interviewPlan LEVEL}}: the level's
// interview plan. Its principles come in the order the level's rows name them (row by
// row, each row's principles in its own order), leaving out rows blank at the level.
// Under a principle come its questions that probe one of those rows, main questions
// first, each in site order; a question comes once in the whole plan, under the first
// principle that has it. Past planPrinciples principles with questions, the rest are
// named at the end with those that have none.
func interviewPlan(l *model.Level) InterviewPlan {
	plan := InterviewPlan{Level: l}
	cells := expectations(l.Cells)
	var principles []*model.Principle
	for _, c := range cells {
		for _, p := range c.Row.Principles {
			if !slices.Contains(principles, p) {
				principles = append(principles, p)
			}
		}
	}
	// Every question of these principles probes a row of the level: one naming the
	// principle.
	placed := map[*model.Question]bool{}
	for _, p := range principles {
		if len(plan.Principles) == planPrinciples {
			plan.Others = append(plan.Others, p)
			continue
		}
		// A principle has thousands of questions in a large handbook: they are walked
		// only until the plan has its few, and the rest are counted from the lists'
		// lengths, less those the plan holds already under an earlier principle.
		pp := PlanPrinciple{Principle: p}
		unplaced := len(p.MainQuestions) + len(p.AlsoQuestions)
		for q := range placed {
			if slices.Contains(q.Group.Principles, p) {
				unplaced--
			}
		}
	fill:
		for _, qs := range [][]*model.Question{p.MainQuestions, p.AlsoQuestions} {
			for _, q := range qs {
				if len(pp.Questions) == planQuestions {
					break fill
				}
				if !placed[q] {
					placed[q] = true
					pp.Questions = append(pp.Questions, planQuestion(q, cells))
				}
			}
		}
		pp.More = unplaced - len(pp.Questions)
		if len(pp.Questions) == 0 {
			plan.Others = append(plan.Others, p)
			continue
		}
		plan.Principles = append(plan.Principles, pp)
	}
	return plan
}

// planQuestion is question q of a plan, beside it the expectations of the level
// (cells) whose rows it probes.
func planQuestion(q *model.Question, cells []*model.Cell) PlanQuestion {
	good := probedCells(q, cells)
	return PlanQuestion{Question: q, Good: good[:min(len(good), planGood)], MoreGood: max(0, len(good)-planGood)}
}

// probedCells returns those of cells whose rows question q probes, those sharing one
// of its group's principles: the rows naming its main principle first, the closest to
// what it asks, then those naming its next one, and so on, each part in the order of
// cells.
func probedCells(q *model.Question, cells []*model.Cell) []*model.Cell {
	var out []*model.Cell
	for _, p := range q.Group.Principles {
		for _, c := range cells {
			if slices.Contains(c.Row.Principles, p) && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// cellGist is the template function {{gist CELL}}: the gist of the cell's text, what
// the interview plan shows beside a question (see gist).
func cellGist(c *model.Cell) string { return gist(c.Body.Text()) }

// gist is the first sentence of text (ended by ". " or an ideographic full stop), cut
// at a word to at most gistRunes characters with an ellipsis: enough of an
// expectation to read beside a question.
func gist(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	for _, end := range []string{". ", "。"} {
		if i := strings.Index(text, end); i >= 0 && i+len(end) < len(text) {
			text = text[:i+len(strings.TrimSpace(end))]
		}
	}
	r := []rune(text)
	if len(r) <= gistRunes {
		return text
	}
	cut := string(r[:gistRunes])
	if i := strings.LastIndexByte(cut, ' '); i > gistRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// mechanismsApart is the template function {{mechanismsApart PHASE}}: the phase's
// mechanisms (its front matter's mechanisms:) that its text does not name, for the
// phase page to list. A mechanism its text names, as a heading or in a sentence, is
// told there, with more than the list would say: listing it too would show it twice.
func mechanismsApart(p *model.Phase) []model.Mechanism {
	if len(p.Mechanisms) == 0 {
		return nil
	}
	text := strings.Join(strings.Fields(p.Body.Text()), " ")
	var out []model.Mechanism
	for _, m := range p.Mechanisms {
		if !strings.Contains(text, strings.Join(strings.Fields(m.Name), " ")) {
			out = append(out, m)
		}
	}
	return out
}
