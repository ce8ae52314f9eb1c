package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Text returns the plain text of the part: what a reader sees, without markup, blocks
// separated by a blank line. Search and the content checks use it.
func (p Part) Text() string {
	texts := make([]string, 0, len(p.nodes))
	for _, n := range p.nodes {
		var b strings.Builder
		p.doc.writeText(&b, n)
		if t := strings.TrimSpace(b.String()); t != "" {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, "\n\n")
}

// text returns the plain text of one node on one line.
func (d *Doc) text(n ast.Node) string {
	var b strings.Builder
	d.writeText(&b, n)
	return collapseSpace(b.String())
}

// collapseSpace returns s with its runs of white space made one space and its ends
// trimmed, as strings.Join(strings.Fields(s), " ") does, in one pass and without a
// copy when s needs none (most blocks' text).
func collapseSpace(s string) string {
	space := true // before the text: a leading space is not clean
	for _, r := range s {
		if unicode.IsSpace(r) {
			if space || r != ' ' {
				return strings.Join(strings.Fields(s), " ")
			}
			space = true
		} else {
			space = false
		}
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func (d *Doc) writeText(b *strings.Builder, n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock && n.NextSibling() != nil {
				b.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(d.src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(d.src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(d.src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// RawHTML returns the position of every piece of raw HTML in the document, which the
// renderer drops: an author should hear of it.
func (d *Doc) RawHTML() []diag.Pos {
	if !d.rawHTML { // as most documents: they are loaded again on every save
		return nil
	}
	var out []diag.Pos
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			out = append(out, d.nodePos(n))
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				out = append(out, d.Pos(n.Segments.At(0).Start))
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Blocks returns the plain text of each block of the part that holds text of its own
// (a paragraph, a heading, a list item's text, a table cell, a code block), in order,
// each on one line. Text runs such blocks together, so that the items of a list read
// as one sentence; search keeps them apart in its excerpts.
func (p Part) Blocks() []string {
	var out []string
	for _, n := range p.nodes {
		out = p.doc.appendBlocks(out, n)
	}
	return out
}

// appendBlocks appends the text of each block of n that holds no block of its own.
func (d *Doc) appendBlocks(out []string, n ast.Node) []string {
	switch n.(type) {
	case *ast.RawHTML, *ast.HTMLBlock:
		return out
	}
	leaf := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			leaf = false
			break
		}
	}
	if leaf {
		if t := d.text(n); t != "" {
			out = append(out, t)
		}
		return out
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			out = d.appendBlocks(out, c)
		}
	}
	return out
}
