// Package highlight colours code for the site and for the dev server's error overlay. It
// is the one user of chroma. Output uses CSS classes, never inline styles, so pages run
// under a strict style-src 'self' policy; CSS returns the matching stylesheet.
package highlight

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
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
	return h.formatter.Format(w, styles.Get(lightStyle), it)
}

// CSS returns the stylesheet for highlighted code: a light palette, and a dark one
// under prefers-color-scheme: dark unless the reader chose light (SystemDark), and
// again for a reader who chose dark (ChosenDark). Every class the highlighter writes is given its
// colours in both, so that no colour of the light palette is left over in the dark one
// (chroma's dark style leaves punctuation, for one, to the text colour, which its light
// style sets explicitly), and every colour is adjusted until it reads at WCAG AA (see
// MinContrast) on the background behind it.
func (h *Highlighter) CSS() ([]byte, error) {
	light, dark := newPalette(styles.Get(lightStyle)), newPalette(styles.Get(darkStyle))
	classes := tokenClasses(light, dark)
	var b bytes.Buffer
	b.WriteString(layoutCSS)
	light.write(&b, dark, classes, "")
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	dark.write(&b, light, classes, SystemDark)
	b.WriteString("}\n")
	dark.write(&b, light, classes, ChosenDark)
	return b.Bytes(), nil
}

// The scopes of the dark palette's rules: the root element as the theme's colour
// choice marks it (data-scheme, set by the theme's scripts). Either prefixes every
// selector of the dark palette.
const (
	SystemDark = `:root:not([data-scheme="light"])`
	ChosenDark = `:root[data-scheme="dark"]`
)

// The chroma styles of the two schemes.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// layoutCSS is what the line-number tables of Excerpt need whatever the scheme.
const layoutCSS = `.hl-chroma { -webkit-text-size-adjust: none; }
.hl-chroma .hl-lnlinks { outline: none; text-decoration: none; color: inherit }
.hl-chroma .hl-lntd { vertical-align: top; padding: 0; margin: 0; border: 0; }
.hl-chroma .hl-lntable { border-spacing: 0; padding: 0; margin: 0; border: 0; }
.hl-chroma .hl-line { display: flex; }
.hl-chroma .hl-lnt, .hl-chroma .hl-ln { white-space: pre; -webkit-user-select: none; user-select: none; margin-right: 0.4em; padding: 0 0.4em 0 0.4em; }
`

// MinContrast is the least contrast ratio of text to its background in the
// stylesheet: WCAG's AA level for text of normal size.
const MinContrast = 4.5

// palette is one scheme's colours: the code's text and background, and each token
// type's entry as the chroma style resolves it.
type palette struct {
	style      *chroma.Style
	text, back chroma.Colour
}

func newPalette(style *chroma.Style) palette {
	bg := style.Get(chroma.Background)
	p := palette{style: style, text: bg.Colour, back: bg.Background}
	if !p.text.IsSet() { // the style leaves the text to the page: pick the usual ink
		p.text = chroma.MustParseColour("#1f2328")
		if p.back.Brightness() < 0.5 {
			p.text = chroma.MustParseColour("#e6edf3")
		}
	}
	p.text = readable(p.text, p.back)
	return p
}

// own returns what a token type's entry sets beyond the code's text and background.
func (p palette) own(tt chroma.TokenType) chroma.StyleEntry {
	e := p.style.Get(tt)
	if e.Colour == p.text || e.Colour == p.style.Get(chroma.Background).Colour {
		e.Colour = 0
	}
	if e.Background == p.back {
		e.Background = 0
	}
	return e
}

// layoutTypes are the token types whose classes only lay out the line-number tables.
var layoutTypes = map[chroma.TokenType]bool{
	chroma.Background: true, chroma.PreWrapper: true, chroma.Line: true, chroma.LineTable: true,
	chroma.LineTableTD: true, chroma.LineLink: true, chroma.CodeLine: true,
}

// tokenClasses returns the token types either palette gives a look of their own, in
// the order of their numbers.
func tokenClasses(a, b palette) []chroma.TokenType {
	var out []chroma.TokenType
	for tt := range chroma.StandardTypes {
		if !layoutTypes[tt] && (!a.own(tt).IsZero() || !b.own(tt).IsZero()) {
			out = append(out, tt)
		}
	}
	slices.Sort(out)
	return out
}

// write writes the palette's rules: the code block's colours, then each class's,
// spelling out what the other palette sets and this one leaves to the default, so
// that the later scheme overrides every property of the earlier one.
func (p palette) write(b *bytes.Buffer, other palette, classes []chroma.TokenType, scope string) {
	if scope != "" {
		scope += " "
	}
	fmt.Fprintf(b, "%[3]s.hl-bg, %[3]s.hl-chroma { color: %[1]s; background-color: %[2]s; }\n", p.text, p.back, scope)
	for _, tt := range classes {
		mine, theirs := p.own(tt), other.own(tt)
		var decls []string
		back := p.back
		switch {
		case mine.Background.IsSet():
			back = readableBehind(mine.Background, p.back, p.fg(tt))
			decls = append(decls, "background-color: "+back.String())
		case theirs.Background.IsSet():
			decls = append(decls, "background-color: transparent")
		}
		if mine.Colour.IsSet() || theirs.Colour.IsSet() || back != p.back {
			decls = append(decls, "color: "+readable(p.fg(tt), back).String())
		}
		decls = appendTrilean(decls, "font-weight", "bold", mine.Bold, theirs.Bold)
		decls = appendTrilean(decls, "font-style", "italic", mine.Italic, theirs.Italic)
		decls = appendTrilean(decls, "text-decoration", "underline", mine.Underline, theirs.Underline)
		if len(decls) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s.hl-chroma .hl-%s { %s }\n", scope, chroma.StandardTypes[tt], strings.Join(decls, "; "))
	}
}

// fg returns a token type's text colour: its own, or the code's.
func (p palette) fg(tt chroma.TokenType) chroma.Colour {
	if c := p.own(tt).Colour; c.IsSet() {
		return c
	}
	return p.text
}

// appendTrilean appends a property set to on where this palette sets it, and to its
// initial value where only the other one does.
func appendTrilean(decls []string, prop, on string, mine, theirs chroma.Trilean) []string {
	switch {
	case mine == chroma.Yes:
		return append(decls, prop+": "+on)
	case theirs == chroma.Yes:
		initial := "normal"
		if prop == "text-decoration" {
			initial = "none"
		}
		return append(decls, prop+": "+initial)
	}
	return decls
}

// readable returns fg, or fg moved step by step towards black or white (whichever
// stands out more against bg) until it has MinContrast against bg.
func readable(fg, bg chroma.Colour) chroma.Colour {
	target := chroma.MustParseColour("#000000")
	if Contrast(chroma.MustParseColour("#ffffff"), bg) > Contrast(target, bg) {
		target = chroma.MustParseColour("#ffffff")
	}
	for i := 1; Contrast(fg, bg) < MinContrast && i <= 20; i++ {
		fg = mix(fg, target, 0.05*float64(i))
	}
	return fg
}

// readableBehind returns a token's own background, or that background moved step by
// step towards the code's until text has MinContrast on it.
func readableBehind(back, code, text chroma.Colour) chroma.Colour {
	orig := back
	for i := 1; Contrast(text, back) < MinContrast && i <= 20; i++ {
		back = mix(orig, code, 0.05*float64(i))
	}
	return back
}

// mix returns the colour a fraction t of the way from a to b.
func mix(a, b chroma.Colour, t float64) chroma.Colour {
	ch := func(x, y uint8) int { return int(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return chroma.NewColour(uint8(ch(a.Red(), b.Red())), uint8(ch(a.Green(), b.Green())), uint8(ch(a.Blue(), b.Blue())))
}

// Contrast returns the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is WCAG 2's relative luminance of a colour.
func luminance(c chroma.Colour) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.Red()) + 0.7152*lin(c.Green()) + 0.0722*lin(c.Blue())
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
	return f.Format(w, styles.Get(lightStyle), it)
}
