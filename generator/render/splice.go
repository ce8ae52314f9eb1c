package render

import (
	"bytes"
	"html/template"
	"strings"
)

// Most of a page's bytes are pieces that other pages show too: a matrix cell appears
// on five pages, an example answer on each of its group's questions, a question's link
// in many lists. When Options.Fragments is set, those pieces are finished (minified)
// once, when they are made, and a page is executed with a mark in place of each: only
// the rest of the page goes through Options.Finish, and the pieces are put back after.
//
// Only fragments bounded by block elements (they open with one and close with one) are
// marked: the minifier drops the white space around those, so finishing the page with
// a mark in place of one gives what finishing it whole would. Around other HTML white
// space can matter, and it stays in the page.
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
	if w == nil || !w.splicing || !blockBounded(string(h)) {
		return h
	}
	w.pieces = append(w.pieces, string(h))
	w.frags = append(w.frags, fragment{len(w.pieces) - 1, len(w.pieces)})
	return fragmentMark
}

// fragment is a marked fragment of the page being rendered: pieces[start:end] of its
// worker.
type fragment struct{ start, end int }

// blockTags are the elements around which the minifier drops white space (pre, where
// white space is kept, is left out).
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hgroup": true,
	"legend": true, "li": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true,
	"section": true, "summary": true, "table": true, "tbody": true, "td": true, "tfoot": true,
	"th": true, "thead": true, "tr": true, "ul": true,
}

// blockBounded reports whether h, white space aside, opens with a block element's start
// tag and ends with a block element's end tag.
func blockBounded(h string) bool {
	h = strings.TrimSpace(h)
	if !strings.HasPrefix(h, "<") || !strings.HasSuffix(h, ">") {
		return false
	}
	first := h[1:strings.IndexAny(h, " \t\n>")]
	i := strings.LastIndex(h, "</")
	return i >= 0 && blockTags[first] && blockTags[h[i+2:len(h)-1]]
}

// finishFragment finishes a piece of HTML that many pages show, once.
func (r *renderer) finishFragment(h string) string {
	return r.finishFragments([]string{h})[0]
}

// finishFragments finishes pieces of HTML that many pages show, once, in one call.
func (r *renderer) finishFragments(hs []string) []string {
	if r.opts.Fragments == nil {
		return hs
	}
	return r.opts.Fragments(hs)
}

// finishValues finishes the pieces of HTML in m, in one call.
func finishValues[K comparable](r *renderer, m map[K]string) {
	if r.opts.Fragments == nil {
		return
	}
	keys, hs := make([]K, 0, len(m)), make([]string, 0, len(m))
	for k, h := range m {
		keys, hs = append(keys, k), append(hs, h)
	}
	for i, h := range r.opts.Fragments(hs) {
		m[keys[i]] = h
	}
}

// splice appends page to dst with each mark replaced by its fragment's pieces, in
// order. It reports false, and appends nothing, unless marks and fragments pair up one
// to one.
func splice(dst, page []byte, pieces []string, frags []fragment) ([]byte, bool) {
	mark := []byte(fragmentMark)
	if bytes.Count(page, mark) != len(frags) {
		return dst, false
	}
	for _, f := range frags {
		i := bytes.Index(page, mark)
		dst = append(dst, page[:i]...)
		for _, p := range pieces[f.start:f.end] {
			dst = append(dst, p...)
		}
		page = page[i+len(mark):]
	}
	return append(dst, page...), true
}
