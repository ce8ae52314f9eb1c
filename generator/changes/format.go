package changes

import (
	"fmt"
	"io"
	"strings"
)

// Format is how a set of changes is written for people: plain text for a terminal,
// or markdown for a pull request's comment.
type Format int

// The formats.
const (
	Text Format = iota
	Markdown
)

// Write writes the set in the format, under a heading naming the two versions.
func Write(w io.Writer, f Format, from, to string, s Set) error {
	p := &printer{w: w, md: f == Markdown}
	p.head(1, fmt.Sprintf("Changes from %s to %s", from, to))
	if s.Empty() {
		p.line(0, "Nothing changed for readers.")
	}
	for _, r := range s.Roles {
		p.head(2, fmt.Sprintf("Role: %s (%s)", r.Title, r.ID))
		for _, c := range r.Items {
			p.change(c)
		}
		for _, c := range r.Cells {
			p.line(0, fmt.Sprintf("%s at %s: expectation %s", p.quote(c.RowT), p.quote(c.LevelT), c.Kind))
			p.line(1, p.diff(c.Diff))
		}
	}
	for _, part := range []struct {
		title string
		list  []Change
	}{{"Principles", s.Principles}, {"Interview questions", s.Questions}, {"Delivery phases", s.Phases}} {
		if len(part.list) == 0 {
			continue
		}
		p.head(2, part.title)
		for _, c := range part.list {
			p.change(c)
		}
	}
	return p.err
}

type printer struct {
	w   io.Writer
	md  bool
	err error
	n   int // lines written
	// headed is set when the last thing written was a markdown heading, which ends
	// with a blank line.
	headed bool
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) head(level int, title string) {
	if p.n > 0 && !p.headed {
		p.printf("\n")
	}
	p.n++
	p.headed = p.md // markdown puts a blank line after a heading already
	if p.md {
		p.printf("%s %s\n\n", strings.Repeat("#", level+1), escapeMarkdown(title))
		return
	}
	p.printf("%s\n", title)
}

// line writes one item (depth 0) or its detail (depth 1).
func (p *printer) line(depth int, text string) {
	p.n++
	p.headed = false
	if p.md {
		if depth == 0 {
			p.printf("- %s\n", text)
		} else {
			p.printf("  %s\n", text)
		}
		return
	}
	p.printf("%s%s\n", strings.Repeat("  ", depth+1), text)
}

func (p *printer) change(c Change) {
	switch c.Kind {
	case KindRenamed:
		p.line(0, fmt.Sprintf("%s renamed: %s (%s) to %s (%s)", c.Item, p.quote(c.OldTitle), c.OldID, p.quote(c.Title), c.ID))
	case KindReworded:
		p.line(0, fmt.Sprintf("%s reworded: %s", c.Item, p.quote(c.Title)))
		p.line(1, p.diff(c.Diff))
	default:
		p.line(0, fmt.Sprintf("%s %s: %s (%s)", c.Item, c.Kind, p.quote(c.Title), c.ID))
	}
}

func (p *printer) quote(s string) string {
	if p.md {
		return "“" + escapeMarkdown(s) + "”"
	}
	return "“" + s + "”"
}

// diff writes a word difference as git's --word-diff does in text ([-old-]{+new+}),
// and with struck-out and bold text in markdown.
func (p *printer) diff(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		t := strings.Join(strings.Fields(s.Text), " ")
		if t == "" {
			continue
		}
		lead, trail := "", ""
		if strings.TrimLeftFunc(s.Text, isSpace) != s.Text && b.Len() > 0 {
			lead = " "
		}
		if strings.TrimRightFunc(s.Text, isSpace) != s.Text {
			trail = " "
		}
		if p.md {
			t = escapeMarkdown(t)
			switch s.Op {
			case Added:
				t = "**" + t + "**"
			case Removed:
				t = "~~" + t + "~~"
			}
		} else {
			switch s.Op {
			case Added:
				t = "{+" + t + "+}"
			case Removed:
				t = "[-" + t + "-]"
			}
		}
		b.WriteString(lead + t + trail)
	}
	return strings.TrimSpace(b.String())
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// escapeMarkdown escapes the characters markdown would read as markup within a line
// (emphasis, code, links, HTML, entities, tables), so that text from the handbook reads
// as written in a comment.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>&|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
