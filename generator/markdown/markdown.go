// Package markdown parses and renders the handbook's markdown. It is the one user of
// goldmark and goldmark-meta: goldmark-meta's block parser takes a whole file's front
// matter out of its markdown, while the values are read once, by package frontmatter;
// text cut out of a larger source (a matrix cell) is parsed with no front matter at all.
// The model keeps parsed documents as *Doc values and the renderer turns them, or parts
// of them, into HTML, resolving links through a function the caller supplies and
// highlighting code through a Highlighter, so this package knows nothing of URLs or of
// chroma.
//
// Raw HTML is never passed through, and links with dangerous schemes are dropped.
package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	meta "github.com/yuin/goldmark-meta"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Parser parses markdown sources. It is safe for concurrent use.
type Parser struct {
	file     goldmark.Markdown // whole files: goldmark-meta takes the front matter out
	fragment goldmark.Markdown // text cut out of a larger source: no front matter at all
}

// NewParser returns a Parser for CommonMark with GFM tables, strikethrough and automatic
// heading IDs.
func NewParser() *Parser {
	return &Parser{
		file: goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(),
				parser.WithBlockParsers(util.Prioritized(frontMatterBlock{meta.NewParser()}, 0))),
		),
		fragment: goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		),
	}
}

// frontMatterKey holds, in one parse's context, where the front matter ends.
var frontMatterKey = parser.NewContextKey()

// frontMatterEnd is where the frontmatter package found the end of a file's front matter
// (want, 0 when it has none) and where goldmark-meta's block parser ended it (got).
type frontMatterEnd struct{ want, got int }

// frontMatterBlock is goldmark-meta's block parser without its decoding: it recognises
// the front matter block of a whole file and takes it out of the document, so that every
// node's offset is an offset into the file. The values are read once, by yaml.v3 in
// package frontmatter, for typed fields and theme parameters alike; goldmark-meta's own
// yaml.v2 reading, which disagrees with it (no and on are booleans there), is not used,
// and nor is the node holding its error text, which it would write unescaped.
type frontMatterBlock struct{ parser.BlockParser }

// Open opens the block only in a file the frontmatter package found front matter in.
func (b frontMatterBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if end, ok := pc.Get(frontMatterKey).(*frontMatterEnd); !ok || end.want == 0 {
		return nil, parser.NoChildren
	}
	return b.BlockParser.Open(parent, reader, pc)
}

// Continue records where the block ends.
func (b frontMatterBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	state := b.BlockParser.Continue(node, reader, pc)
	if state&parser.Close != 0 {
		_, pos := reader.Position()
		pc.Get(frontMatterKey).(*frontMatterEnd).got = pos.Start
	}
	return state
}

// Close drops the block, without decoding it.
func (b frontMatterBlock) Close(node ast.Node, _ text.Reader, _ parser.Context) {
	node.Parent().RemoveChild(node.Parent(), node)
}

// Doc is one parsed markdown document: a whole file, or one matrix cell.
type Doc struct {
	File      string
	src       []byte
	root      ast.Node
	base      diag.Pos // where src starts, for documents cut out of a larger file
	exact     bool     // whether offsets into src map to file positions
	start     int      // where the body starts in src, after a whole file's front matter
	hardWraps bool
	rawHTML   bool         // whether the tree holds raw HTML, which RawHTML locates
	linesOnce sync.Once    // pages that show the same document are rendered in parallel
	lines     []int        // offsets of line starts, computed on first use
	labels    []takenLabel // the bold labels Labelled took out of paragraphs
}

// takenLabel is a bold label Labelled took out of a paragraph.
type takenLabel struct {
	para  ast.Node
	label string
}

// Parse parses a whole file whose front matter, decoded by package frontmatter, ends at
// offset bodyStart (0 when it has none). Offsets are offsets into the file.
func (p *Parser) Parse(file string, src []byte, bodyStart int) *Doc {
	end := &frontMatterEnd{want: bodyStart}
	ctx := parser.NewContext()
	ctx.Set(frontMatterKey, end)
	root := p.file.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if end.got != bodyStart {
		// goldmark-meta ends a front matter at any line of dashes (an empty list item
		// "-" of the YAML, say); the YAML that was read ends at "---". Parse the body
		// from there, so that what the reader sees is what was decoded.
		r := text.NewReader(src)
		r.Advance(bodyStart)
		root = p.fragment.Parser().Parse(r)
	}
	raw := settle(root, src)
	return &Doc{File: file, src: src, root: root, base: diag.Pos{File: file, Line: 1, Col: 1}, exact: true, start: bodyStart, rawHTML: raw}
}

// BodyPos is where the body of a whole file starts, its front matter ending at offset
// bodyStart: the first column of a line.
func BodyPos(file string, src []byte, bodyStart int) diag.Pos {
	return diag.Pos{File: file, Line: 1 + bytes.Count(src[:bodyStart], []byte("\n")), Col: 1}
}

// ParsedFrom reports whether the document was parsed from text at pos: a cell's text
// where the cell is, or a whole file's body where it starts (see BodyPos). A document is
// a function of the two, so one parsed before can stand for parsing the same text at
// the same place again (see source.Options.Parsed).
func (d *Doc) ParsedFrom(pos diag.Pos, text string) bool {
	if !d.exact {
		return d.base == pos && string(d.src) == text
	}
	return BodyPos(d.File, d.src, d.start) == pos && string(d.src[d.start:]) == text
}

// settle computes what goldmark otherwise computes on first use and keeps in the tree
// (a fenced block's language), so that the tree is only read afterwards: pages that show
// the same document render it on several goroutines at once. It reports whether the
// tree holds raw HTML, which RawHTML then looks for.
func settle(root ast.Node, src []byte) (rawHTML bool) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			n.Language(src)
		case *ast.HTMLBlock, *ast.RawHTML:
			rawHTML = true
		}
		return ast.WalkContinue, nil
	})
	return rawHTML
}

// ParseCell parses text that was cut out of a larger source (a spreadsheet cell) at pos.
// It is never read as front matter: a cell whose first line is "---" starts with a
// thematic break, as anywhere else in markdown. Its line breaks are kept when rendered.
func (p *Parser) ParseCell(pos diag.Pos, cell string) *Doc {
	src := []byte(cell)
	root := p.fragment.Parser().Parse(text.NewReader(src))
	raw := settle(root, src)
	return &Doc{File: pos.File, src: src, root: root, base: pos, hardWraps: true, rawHTML: raw}
}

// Empty reports whether the document has no content.
func (d *Doc) Empty() bool { return d == nil || d.root.FirstChild() == nil }

// Pos returns the file position of a byte offset into the document.
func (d *Doc) Pos(offset int) diag.Pos {
	if !d.exact {
		return d.base
	}
	d.linesOnce.Do(func() {
		d.lines = append(d.lines, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	})
	line, found := slices.BinarySearch(d.lines, offset)
	if !found {
		line--
	}
	start := d.lines[line]
	return diag.Pos{File: d.File, Line: line + 1, Col: diag.Column(d.src[start:], offset-start)}
}

// nodePos returns the position of a node, from its first line or first text.
func (d *Doc) nodePos(n ast.Node) diag.Pos {
	if off, ok := nodeOffset(n); ok {
		return d.Pos(off)
	}
	return d.base
}

// linkPos returns the position of a link or image: its opening bracket, which comes just
// before its text ("![" for images).
func (d *Doc) linkPos(n ast.Node) diag.Pos {
	off, ok := nodeOffset(n)
	if !ok {
		return d.base
	}
	for off > 0 && d.src[off-1] != '[' {
		off--
	}
	return d.Pos(max(off-1, 0))
}

func nodeOffset(n ast.Node) (int, bool) {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			return l.At(0).Start, true
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := nodeOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

// Part is a run of top-level nodes of a document: a section under a heading, a list
// item, or the labelled part of an example answer.
type Part struct {
	Title string   // the heading or label text, if any
	ID    string   // the heading's anchor, if any
	Pos   diag.Pos // where the part starts
	doc   *Doc
	nodes []ast.Node
}

// Whole returns the whole document as one part.
func (d *Doc) Whole() Part {
	p := Part{Pos: d.base, doc: d}
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		p.nodes = append(p.nodes, n)
	}
	return p
}

// Empty reports whether the part has no content.
func (p Part) Empty() bool { return len(p.nodes) == 0 }

// Doc returns the document the part belongs to.
func (p Part) Doc() *Doc { return p.doc }

// PartKey identifies a part of a parsed document, for caching what is made from it.
// Parts made from the same nodes of the same document have the same key.
type PartKey struct {
	doc   *Doc
	first ast.Node
	n     int
}

// Key returns the part's key.
func (p Part) Key() PartKey {
	k := PartKey{doc: p.doc, n: len(p.nodes)}
	if k.n > 0 {
		k.first = p.nodes[0]
	}
	return k
}

// Sections splits the part at its headings of the given level: the part before the first
// such heading, then one part per heading holding what follows it.
func (p Part) Sections(level int) (intro Part, sections []Part) {
	intro = Part{Pos: p.Pos, doc: p.doc}
	cur := &intro
	for _, n := range p.nodes {
		if h, ok := n.(*ast.Heading); ok && h.Level == level {
			sections = append(sections, Part{Title: p.doc.text(h), ID: headingID(h), Pos: p.doc.nodePos(h), doc: p.doc})
			cur = &sections[len(sections)-1]
			continue
		}
		cur.nodes = append(cur.nodes, n)
	}
	return intro, sections
}

// Items returns the items of the part's first list, one part each; nested lists stay
// inside their item. ok is false when the part holds anything but one list.
func (p Part) Items() (items []Part, ok bool) {
	if len(p.nodes) != 1 || p.nodes[0].Kind() != ast.KindList {
		return nil, false
	}
	for it := p.nodes[0].FirstChild(); it != nil; it = it.NextSibling() {
		item := Part{Pos: p.doc.nodePos(it), doc: p.doc}
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			item.nodes = append(item.nodes, c)
		}
		item.Title = p.doc.text(it)
		items = append(items, item)
	}
	return items, true
}

// Labelled splits the part into labelled runs: a paragraph that starts with a bold label
// ending in a colon ("**S:** ...") or a heading one level below level starts a new run.
// The label is taken out of the run's content and becomes its Title. Nodes before the
// first label form a run with an empty Title. It changes the document's tree (it
// splits paragraphs at their labels and takes the labels out), and remembers the labels
// it took: asked again of the same part, it returns the same runs, so that a document
// parsed once serves every load of the same text. As it changes the tree, it must not
// run while anything else reads the document.
func (p Part) Labelled(level int) []Part {
	var parts []Part
	var nodes []ast.Node
	for _, n := range p.nodes {
		nodes = append(nodes, p.doc.splitAtLabels(n)...)
	}
	for _, n := range nodes {
		if label, ok := p.doc.takeLabel(n, level+1); ok {
			parts = append(parts, Part{Title: label, Pos: p.doc.nodePos(n), doc: p.doc})
			if n.Kind() == ast.KindHeading || n.FirstChild() == nil {
				continue
			}
		} else if len(parts) == 0 {
			parts = append(parts, Part{Pos: p.doc.nodePos(n), doc: p.doc})
		}
		parts[len(parts)-1].nodes = append(parts[len(parts)-1].nodes, n)
	}
	return parts
}

// splitAtLabels splits a paragraph whose later lines start with a bold label ("**T:**")
// into one paragraph per label, so labels written on consecutive lines each start a part.
func (d *Doc) splitAtLabels(n ast.Node) []ast.Node {
	if n.Kind() != ast.KindParagraph {
		return []ast.Node{n}
	}
	out := []ast.Node{n}
	cur := n
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		prev, ok := c.PreviousSibling().(*ast.Text)
		if ok && prev.SoftLineBreak() && d.isLabel(c) {
			para := ast.NewParagraph()
			n.Parent().InsertAfter(n.Parent(), cur, para)
			for m := c; m != nil; {
				after := m.NextSibling()
				para.AppendChild(para, m) // moves m out of its old paragraph
				m = after
			}
			prev.SetSoftLineBreak(false)
			out = append(out, para)
			cur = para
		}
		c = next
	}
	return out
}

// isLabel reports whether n is a bold label such as "**S:**" or "**Situation:**".
func (d *Doc) isLabel(n ast.Node) bool {
	e, ok := n.(*ast.Emphasis)
	if !ok || e.Level != 2 {
		return false
	}
	label := d.text(e)
	return strings.HasSuffix(label, ":") && len(label) <= 40
}

// takeLabel recognises a label node and, for a bold label, removes it from the
// paragraph, once: the label of a paragraph it took it from before is returned again.
func (d *Doc) takeLabel(n ast.Node, headingLevel int) (string, bool) {
	if h, ok := n.(*ast.Heading); ok && h.Level == headingLevel {
		return d.text(h), true
	}
	if n.Kind() != ast.KindParagraph {
		return "", false
	}
	for _, t := range d.labels { // a few an answer
		if t.para == n {
			return t.label, true
		}
	}
	first := n.FirstChild()
	if first == nil || !d.isLabel(first) {
		return "", false
	}
	label := d.text(first)
	label = label[:len(label)-1]
	n.RemoveChild(n, first)
	if t, ok := n.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(d.src)
	}
	d.labels = append(d.labels, takenLabel{n, label})
	return label, true
}

func headingID(h *ast.Heading) string {
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// Headings returns the anchor IDs of every heading in the document.
func (d *Doc) Headings() []string {
	var ids []string
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id := headingID(h); id != "" {
				ids = append(ids, id)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ids
}

// Heading is a heading of a document, as a table of contents lists it.
type Heading struct {
	Level int    // 1 to 6
	Text  string // its text, without markup
	ID    string // its anchor
}

// Outline returns the part's headings of levels 2 and 3 that have an anchor, in order:
// what a page showing the part lists in its table of contents.
func (p Part) Outline() []Heading {
	var out []Heading
	for _, n := range p.nodes {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level < 2 || h.Level > 3 {
			continue
		}
		if id := headingID(h); id != "" {
			out = append(out, Heading{Level: h.Level, Text: p.doc.text(h), ID: id})
		}
	}
	return out
}
