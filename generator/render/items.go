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
