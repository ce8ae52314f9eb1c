package render

import (
	"bytes"
	"maps"
	"slices"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// marks is the theme's markup for what the lists made in Go (see fragments.go) say of
// a blank cell, executed once per render from templates/partials/blank.html and
// finished then, so that every view says it the same way.
type marks struct {
	blank  string // a cell with no expectation at its level: template "blank"
	newRow string // a row that starts at a promotion's upper level: template "newrow"
}

// marksFile is where the default theme defines the marks' templates.
const marksFile = "templates/partials/blank.html"

// renderMarks executes the marks' templates, reporting one the theme does not define.
func (w *worker) renderMarks() marks {
	return marks{blank: w.mark("blank"), newRow: w.mark("newrow")}
}

// mark executes the partial template name, which every page template holds, and
// finishes it.
func (w *worker) mark(name string) string { return w.markWith(name, nil) }

// changedMarksFile is where the default theme defines the mark of a changed cell.
const changedMarksFile = "templates/partials/changes.html"

// changedMarks executes the theme's "changed-mark" template for each cell of roles
// the latest release changed: the matrix, level and dimension pages show it beside
// the cell, linking to the change.
func (w *worker) changedMarks(roles []*model.Role, into map[*model.Cell]string) {
	for _, role := range roles {
		for _, row := range role.Rows {
			for _, c := range row.Cells {
				delete(into, c)
				if w.r.changeOf(c) != nil {
					into[c] = w.markWith("changed-mark", c)
				}
			}
		}
	}
}

// markWith executes the partial template name with data (a page's Data when nil) and
// finishes it.
func (w *worker) markWith(name string, data any) string {
	for _, kind := range slices.Sorted(maps.Keys(w.tmpl)) {
		t := w.tmpl[kind].Lookup(name)
		if t == nil {
			continue
		}
		var b bytes.Buffer
		if data == nil {
			data = &Data{Site: w.r.site, Kind: kind}
		}
		if err := t.Execute(&b, data); err != nil {
			w.diags.Errorf(diag.Pos{File: marksFileOf(name)}, "rendering template %q: %v", name, err)
			return ""
		}
		return w.r.finishFragment(b.String())
	}
	if len(w.tmpl) > 0 {
		what := "marks a cell with no expectation"
		if name == "changed-mark" {
			what = "marks a cell the latest release changed"
		}
		w.diags.Errorf(diag.Pos{File: marksFileOf(name)}, "the theme defines no template %q, which %s", name, what)
	}
	return ""
}

func marksFileOf(name string) string {
	if name == "changed-mark" {
		return changedMarksFile
	}
	return marksFile
}
