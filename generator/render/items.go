package render

import (
	"html/template"

	"github.com/handbook-dev/handbook/generator/model"
)

// The template functions below prepare the model's items for the theme's partials
// (templates/partials/), which make their markup.

// PromotionRow is a row of a promotion view, as templates/partials/promotion-row.html
// receives it: the row and its cells at the view's lower and upper levels. New is set
// when the row starts at the upper level (it is blank at the lower one).
type PromotionRow struct {
	Row          *model.Row
	Lower, Upper *model.Cell
	New          bool
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
		out = append(out, PromotionRow{Row: row, Lower: lower, Upper: upper, New: lower.Blank})
	}
	return out
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
