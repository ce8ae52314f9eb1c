// Package highlight colours code for the site and for the dev server's error overlay. It
// is the one user of chroma. Output uses CSS classes, never inline styles, so pages run
// under a strict style-src 'self' policy; CSS returns the matching stylesheet.
package highlight

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Highlighter highlights code with class-based HTML. It is safe for concurrent use.
type Highlighter struct {
	formatter *chtml.Formatter
}

// New returns a Highlighter.
func New() *Highlighter {
	return &Highlighter{formatter: chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"))}
}

// Highlight writes code in language lang as a <pre> block. An unknown language is an
// error, so the caller can fall back to plain text.
func (h *Highlighter) Highlight(w io.Writer, lang, code string) error {
	lexer := lexers.Get(strings.ToLower(strings.TrimSpace(lang)))
	if lexer == nil {
		return fmt.Errorf("no highlighter for language %q", lang)
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return err
	}
	return h.formatter.Format(w, styles.Get("github"), it)
}

// CSS returns the stylesheet for highlighted code: a light palette, and a dark one
// under prefers-color-scheme: dark.
func (h *Highlighter) CSS() ([]byte, error) {
	var b bytes.Buffer
	if err := h.formatter.WriteCSS(&b, styles.Get("github")); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := h.formatter.WriteCSS(&b, styles.Get("github-dark")); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// Excerpt writes the lines first..last of code (counted from 1) as a highlighted block
// with line numbers, marking line mark: the dev server's error overlay shows the source
// around a problem this way.
func (h *Highlighter) Excerpt(w io.Writer, lang string, lines []string, first, mark int) error {
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, strings.Join(lines, "\n")+"\n")
	if err != nil {
		return err
	}
	f := chtml.New(chtml.WithClasses(true), chtml.ClassPrefix("hl-"), chtml.WithLineNumbers(true),
		chtml.BaseLineNumber(first), chtml.HighlightLines([][2]int{{mark, mark}}))
	return f.Format(w, styles.Get("github"), it)
}
