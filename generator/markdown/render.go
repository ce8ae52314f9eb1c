package markdown

import (
	"bufio"
	"bytes"
	"html"
	"io"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/generator/diag"
)

// LinkFunc resolves the destination of an internal link written in from at pos to the
// href the page should carry. It reports ok=false (having recorded why) when the
// destination does not exist; the link text is then shown without a link.
type LinkFunc func(from *Doc, dest string, pos diag.Pos) (href string, ok bool)

// Highlighter writes code as highlighted, escaped HTML.
type Highlighter interface {
	Highlight(w io.Writer, lang, code string) error
}

// Renderer turns parsed documents into HTML. It holds per-call state, so use one
// Renderer per goroutine.
type Renderer struct {
	plain, wrapped renderer.Renderer
	links          LinkFunc
	highlight      Highlighter
	doc            *Doc
	anchor         func(heading string) string
	buf            bytes.Buffer
	w              *bufio.Writer
}

// NewRenderer returns a Renderer that resolves internal links with links and highlights
// fenced code with hl (either may be nil: links are then kept as written, code plain).
func NewRenderer(links LinkFunc, hl Highlighter) *Renderer {
	r := &Renderer{links: links, highlight: hl}
	r.w = bufio.NewWriter(&r.buf)
	r.plain = r.newGoldmarkRenderer()
	r.wrapped = r.newGoldmarkRenderer(gmhtml.WithHardWraps())
	return r
}

// Anchors makes every heading with an ID end in a link to itself, named by name from
// the heading's text (the theme's "Link to this section: ..."): <a class="anchor"
// href="#id" aria-label="...">, empty, for the theme's stylesheet draws its mark and
// its script copies its address. With nil, the default, headings have no such link.
func (r *Renderer) Anchors(name func(heading string) string) { r.anchor = name }

// newGoldmarkRenderer returns goldmark's HTML renderer with the extensions the parser
// uses, and this package's own rendering of links, images, code and raw HTML on top.
// A table column's alignment is written as an align attribute, which the theme's
// stylesheet honours, never as a style attribute: the site's policy (style-src 'self')
// drops inline styles.
func (r *Renderer) newGoldmarkRenderer(opts ...gmhtml.Option) renderer.Renderer {
	return renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(gmhtml.NewRenderer(opts...), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(&nodeRenderer{r: r}, 100),
	))
}

// HTML renders a part and returns its HTML.
func (r *Renderer) HTML(p Part) string {
	if p.doc == nil {
		return ""
	}
	r.buf.Reset()
	r.doc = p.doc
	rend := r.plain
	if p.doc.hardWraps {
		rend = r.wrapped
	}
	for _, n := range p.nodes {
		// Rendering into a buffer cannot fail; the renderers here return no errors.
		_ = rend.Render(r.w, p.doc.src, n)
	}
	_ = r.w.Flush()
	return r.buf.String()
}

// nodeRenderer overrides goldmark's rendering of the nodes whose output depends on the
// handbook: links, images, code and raw HTML.
type nodeRenderer struct {
	r    *Renderer
	open bool // whether the link being rendered was opened; links do not nest
}

func (nr *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, nr.heading)
	reg.Register(ast.KindLink, nr.link)
	reg.Register(ast.KindAutoLink, nr.autoLink)
	reg.Register(ast.KindImage, nr.image)
	reg.Register(ast.KindFencedCodeBlock, nr.code)
	reg.Register(ast.KindCodeBlock, nr.code)
	reg.Register(ast.KindRawHTML, skip)
	reg.Register(ast.KindHTMLBlock, skip)
	reg.Register(ast.KindString, escapedString)
}

// escapedString writes a String node as text. goldmark writes a String marked as code
// as it is, markup included; whatever made it, it reaches the page escaped.
func escapedString(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(util.EscapeHTML(node.(*ast.String).Value))
	}
	return ast.WalkContinue, nil
}

// skip drops raw HTML entirely: content never reaches the page as markup.
func skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// href returns the href for dest, or ok=false when the link must not be rendered.
func (nr *nodeRenderer) href(dest string, n ast.Node) (string, bool) {
	if gmhtml.IsDangerousURL([]byte(dest)) || isScriptURL(dest) {
		return "", false
	}
	if isExternal(dest) || nr.r.links == nil {
		return dest, true
	}
	return nr.r.links(nr.r.doc, dest, nr.r.doc.linkPos(n))
}

// isScriptURL catches schemes IsDangerousURL lets through, such as data: for anything
// but images (which are handled as images, not links).
func isScriptURL(dest string) bool {
	scheme, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(dest)), ":")
	return ok && (scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file")
}

// isExternal reports whether dest names another site (or an e-mail address).
func isExternal(dest string) bool {
	lower := strings.ToLower(dest)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") ||
		strings.HasPrefix(lower, "mailto:") || strings.HasPrefix(lower, "//")
}

// heading writes a heading as goldmark does, its link to itself (see Anchors) after
// its text.
func (nr *nodeRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			gmhtml.RenderAttributes(w, n, gmhtml.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id := headingID(n); id != "" && nr.r.anchor != nil {
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(id), false)))
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.WriteString(html.EscapeString(nr.r.anchor(nr.r.doc.text(n))))
		_, _ = w.WriteString(`"></a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func (nr *nodeRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		if nr.open {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	// A link that cannot be resolved keeps its text, without the link.
	var href string
	href, nr.open = nr.href(string(n.Destination), n)
	if nr.open {
		writeOpenA(w, href, string(util.UnescapePunctuations(n.Title)))
	}
	return ast.WalkContinue, nil
}

func writeOpenA(w util.BufWriter, href, title string) {
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_ = w.WriteByte('"')
	if title != "" {
		_, _ = w.WriteString(` title="` + html.EscapeString(title) + `"`)
	}
	if isExternal(href) {
		_, _ = w.WriteString(` rel="noopener noreferrer"`)
	}
	_ = w.WriteByte('>')
}

func (nr *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := string(n.Label(src))
	dest := label
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	href, ok := nr.href(dest, n)
	if ok {
		writeOpenA(w, href, "")
	}
	_, _ = w.WriteString(html.EscapeString(label))
	if ok {
		_, _ = w.WriteString("</a>")
	}
	return ast.WalkSkipChildren, nil
}

func (nr *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	dest := string(n.Destination)
	alt := nr.r.doc.text(n)
	href, ok := dest, !gmhtml.IsDangerousURL(n.Destination)
	if ok && !isExternal(dest) && !strings.HasPrefix(strings.ToLower(dest), "data:image/") && nr.r.links != nil {
		href, ok = nr.r.links(nr.r.doc, dest, nr.r.doc.nodePos(n))
	}
	if !ok {
		_, _ = w.WriteString(html.EscapeString(alt))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_, _ = w.WriteString(`" alt="` + html.EscapeString(alt) + `"`)
	if len(n.Title) > 0 {
		_, _ = w.WriteString(` title="` + html.EscapeString(string(util.UnescapePunctuations(n.Title))) + `"`)
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

func (nr *nodeRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		lang = string(f.Language(src))
	}
	var code strings.Builder
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	if nr.r.highlight != nil && lang != "" {
		if err := nr.r.highlight.Highlight(w, lang, code.String()); err == nil {
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString("<pre><code>" + html.EscapeString(code.String()) + "</code></pre>\n")
	return ast.WalkSkipChildren, nil
}
