package render

import (
	"bytes"
	"html/template"
)

// Most of a page's bytes are pieces that other pages show too: a matrix cell appears
// on five pages, an example answer on each of its group's questions, a question's link
// in many lists. When Options.Fragment is set, those pieces are finished (minified)
// once, when they are made, and a page is executed with a mark in place of each: only
// the rest of the page goes through Options.Finish, and the pieces are put back after.
//
// The mark is an HTML comment, which html/template passes through only where the piece
// is HTML in HTML text; anywhere else (an attribute, a script, a URL) it is stripped or
// escaped, the marks and pieces no longer pair up, and the page is rendered again the
// plain way. Content cannot forge a mark: its text is escaped and markdown drops raw
// HTML.
const fragmentMark = "<!--#fragment-->"

// fragment returns h for the page being rendered: when the worker splices, a mark
// standing for it, recorded to be put back once the page is finished.
func (w *worker) fragment(h template.HTML) template.HTML {
	if w == nil || !w.splicing || h == "" {
		return h
	}
	w.frags = append(w.frags, string(h))
	return fragmentMark
}

// finishFragment finishes a piece of HTML that many pages show, once.
func (r *renderer) finishFragment(h string) string {
	if r.opts.Fragment == nil {
		return h
	}
	return r.opts.Fragment(h)
}

// splice appends page to dst with each mark replaced by its fragment, in order. It
// reports false, and appends nothing, unless marks and fragments pair up one to one.
func splice(dst, page []byte, frags []string) ([]byte, bool) {
	mark := []byte(fragmentMark)
	if bytes.Count(page, mark) != len(frags) {
		return dst, false
	}
	for _, f := range frags {
		i := bytes.Index(page, mark)
		dst = append(append(dst, page[:i]...), f...)
		page = page[i+len(mark):]
	}
	return append(dst, page...), true
}
