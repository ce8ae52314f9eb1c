package render

import (
	"bytes"
	"maps"
	"slices"

	"handbook/generator/diag"
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
func (w *worker) mark(name string) string {
	for _, kind := range slices.Sorted(maps.Keys(w.tmpl)) {
		t := w.tmpl[kind].Lookup(name)
		if t == nil {
			continue
		}
		var b bytes.Buffer
		if err := t.Execute(&b, &Data{Site: w.r.site, Kind: kind}); err != nil {
			w.diags.Errorf(diag.Pos{File: marksFile}, "rendering template %q: %v", name, err)
			return ""
		}
		return w.r.finishFragment(b.String())
	}
	if len(w.tmpl) > 0 {
		w.diags.Errorf(diag.Pos{File: marksFile}, "the theme defines no template %q, which marks a cell with no expectation", name)
	}
	return ""
}
