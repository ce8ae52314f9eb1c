// Package diag holds the one position type and the one diagnostic list that every
// user-facing problem is reported through, so that all of them print as
// "path:line:col: error|warning: message", sorted, all at once.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line means the
// whole file, a zero Col the whole line. Col counts characters (runes), as editors show
// them: "é" and "日" are one column each. Column turns a byte offset into one.
type Pos struct {
	File string
	Line int
	Col  int
}

// Column returns the column of the byte at offset in line (the text of one line, from
// its start): the characters before it, plus one.
func Column(line []byte, offset int) int {
	offset = min(max(offset, 0), len(line))
	return utf8.RuneCount(line[:offset]) + 1
}

// String formats the position as "file:line:col", leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, then line, then column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Warning is reported but does not fail a build unless it is strict.
	Warning Severity = iota
	// Error fails the build.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem found at one place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
}

// List collects the diagnostics of a run. The zero value is ready to use.
type List []Diagnostic

// Errorf records an error at pos. A %q verb quotes a string as Quote does, so that a
// title prints as it was written.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: sprintf(format, args)})
}

// Warnf records a warning at pos, formatting as Errorf does.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: sprintf(format, args)})
}

// sprintf formats as fmt.Sprintf does, but with every string argument quoted by Quote
// for %q.
func sprintf(format string, args []any) string {
	wrapped := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = text(s)
		}
		wrapped[i] = a
	}
	return fmt.Sprintf(format, wrapped...)
}

// text is a string argument of a message: %q quotes it with Quote, any other verb
// formats it as the string it is.
type text string

func (t text) Format(f fmt.State, verb rune) {
	if verb == 'q' && !f.Flag('#') && !f.Flag('+') {
		io.WriteString(f, Quote(string(t)))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), string(t))
}

// Quote quotes s in double quotes as strconv.Quote does, except that every character
// an editor shows is kept as written: emoji sequences with their zero-width joiners
// ("👩‍💼"), variation selectors, accented and CJK letters. Control characters, invalid
// UTF-8 and the bidirectional controls that could make a message read differently
// from what it holds are escaped.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case shown(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r) // 'x' with r escaped
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// shown reports whether r prints as itself in a message: a printable character, or an
// invisible one that joins or shapes its neighbours (zero-width joiner and non-joiner).
func shown(r rune) bool {
	switch {
	case r == '\u200c' || r == '\u200d':
		return true
	case unicode.Is(unicode.Bidi_Control, r):
		return false
	}
	return strconv.IsPrint(r)
}

// Append adds every diagnostic of m.
func (l *List) Append(m List) { *l = append(*l, m...) }

// HasErrors reports whether any diagnostic is an error, or, when strict, whether there
// is any diagnostic at all.
func (l List) HasErrors(strict bool) bool {
	for _, d := range l {
		if strict || d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sorted returns the diagnostics in position order, without exact duplicates.
func (l List) Sorted() List {
	s := slices.Clone(l)
	slices.SortStableFunc(s, func(a, b Diagnostic) int {
		return cmp.Or(a.Pos.Compare(b.Pos), cmp.Compare(b.Severity, a.Severity), strings.Compare(a.Message, b.Message))
	})
	return slices.Compact(s)
}

// Error formats the sorted list one diagnostic a line, so a List can be returned as an error.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l.Sorted() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns the list as an error when it holds errors (or anything, when strict), else nil.
func (l List) Err(strict bool) error {
	if l.HasErrors(strict) {
		return l
	}
	return nil
}

// Suggest returns the candidate closest to s by edit distance, ignoring case, or "" when
// none is close enough to be a plausible misspelling. Of equally close candidates, the
// first wins, so callers list the likeliest (IDs before titles) first.
func Suggest(s string, candidates []string) string {
	s = strings.ToLower(s)
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(s, strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(2, len([]rune(s))/3) {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// SuggestWords returns the candidate that holds every word of s, in any order and in
// any case: a title given in part ("Backbone" for "Have Backbone; Disagree and
// Commit") or with its words moved. Of several, the one with the fewest other words
// wins, then the first. It returns "" when none holds them all.
func SuggestWords(s string, candidates []string) string {
	want := words(s)
	if len(want) == 0 {
		return ""
	}
	best, extra := "", 0
	for _, c := range candidates {
		have := words(c)
		if !containsAll(have, want) {
			continue
		}
		if n := len(have) - len(want); best == "" || n < extra {
			best, extra = c, n
		}
	}
	return best
}

// words returns the words of s, in lower case: its runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsAll reports whether have holds every word of want, as many times.
func containsAll(have, want []string) bool {
	count := map[string]int{}
	for _, w := range have {
		count[w]++
	}
	for _, w := range want {
		if count[w]--; count[w] < 0 {
			return false
		}
	}
	return true
}
