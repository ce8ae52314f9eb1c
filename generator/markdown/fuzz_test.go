package markdown

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/frontmatter"
)

var (
	tagRe  = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)/?>`)
	attrRe = regexp.MustCompile(`\s([^\s="]+)(?:="([^"]*)")?`)
	// The elements and attributes markdown writes; anything else came from the input.
	fuzzTags   = []string{"p", "br", "a", "em", "strong", "code", "pre", "del", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "img", "table", "thead", "tbody", "tr", "th", "td"}
	fuzzAttrs  = []string{"href", "title", "rel", "src", "alt", "loading", "id", "start"}
	alignments = []string{"left", "right", "center"}
)

// FuzzRender parses arbitrary text as a whole file (its front matter found by package
// frontmatter, as the build finds it) and as a matrix cell, and renders both:
//   - nothing panics;
//   - every '<' of the HTML opens an element markdown writes, with attributes markdown
//     writes: text from the input never reaches a page as markup, whatever goldmark-meta
//     or a cell's "---" lines make of it, and no comment is ever written;
//   - a whole file renders, and places its raw HTML, as its body parsed on its own from
//     where the front matter ends: skipping the front matter never changes the body.
//
// Its seeds, in testdata/fuzz/FuzzRender, are cells and files of the tests and the
// content, and the cells that once put markup into the matrix.
func FuzzRender(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		p, r := NewParser(), NewRenderer(nil, nil)
		checkHTML(t, "cell", r.HTML(p.ParseCell(diag.Pos{File: "levels.csv", Line: 2, Col: 3}, src).Whole()))
		yml, _, bodyStart, err := frontmatter.Split("f.md", []byte(src))
		if err != nil {
			return
		}
		doc := p.Parse("f.md", []byte(src), bodyStart)
		html := r.HTML(doc.Whole())
		checkHTML(t, "file", html)
		reader := text.NewReader([]byte(src))
		reader.Advance(bodyStart)
		root := p.fragment.Parser().Parse(reader)
		raw := settle(root, []byte(src))
		body := &Doc{File: "f.md", src: []byte(src), root: root, base: doc.base, exact: true, rawHTML: raw}
		if b := r.HTML(body.Whole()); b != html {
			t.Errorf("front matter %q: the file renders\n%s\nits body alone\n%s", yml, html, b)
		}
		if w, b := doc.RawHTML(), body.RawHTML(); !slices.Equal(w, b) {
			t.Errorf("raw HTML at %v in the file, at %v in its body alone", w, b)
		}
	})
}

// checkHTML reports any '<' of html that does not open an element and attributes markdown writes.
func checkHTML(t *testing.T, what, html string) {
	t.Helper()
	for i := strings.IndexByte(html, '<'); i >= 0; {
		m := tagRe.FindStringSubmatch(html[i:])
		if m == nil || !slices.Contains(fuzzTags, strings.ToLower(m[2])) {
			t.Errorf("%s: stray '<' at %q in\n%s", what, html[i:min(len(html), i+60)], html)
			return
		}
		for _, a := range attrRe.FindAllStringSubmatch(m[3], -1) {
			alignment := a[1] == "align" && slices.Contains(alignments, a[2]) // GFM table columns
			if !slices.Contains(fuzzAttrs, a[1]) && !alignment {
				t.Errorf("%s: attribute %q in %q", what, a[1], m[0])
			}
		}
		j := strings.IndexByte(html[i+1:], '<')
		if j < 0 {
			return
		}
		i += 1 + j
	}
}
