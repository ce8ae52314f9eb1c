package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
)

// MaxSlug is the longest ID, in bytes of UTF-8: 80 ASCII letters, digits and hyphens, or
// fewer letters of other scripts (most CJK characters take 3 bytes). IDs name folders,
// and a promotion page's folder holds two of them, so that the longest stays well
// within the 255 bytes file systems allow a name. Slug cuts longer text at a word
// boundary.
const MaxSlug = 80

// Slug turns a title or a question into an ID: letters and digits of any script,
// lowercased, every other run of characters one hyphen, apostrophes dropped ("didn't" ->
// "didnt"). Accented Latin letters are spelled in ASCII ("Ingénieur" -> "ingenieur",
// "Straße" -> "strasse"); letters of other scripts are kept as they are ("日本語"), with
// the combining marks they are written with. A title of no letters or digits (emoji,
// punctuation) has the empty slug.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	last := rune(0) // the last letter or digit written
	write := func(t string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(t)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ':
			continue
		case r < utf8.RuneSelf:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				write(string(r))
				last = r
			} else {
				hyphen = true
			}
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			// A decomposed accent on a Latin letter goes, as the composed one does; the
			// vowel signs and marks of other scripts are part of their letters.
			if last >= utf8.RuneSelf && !hyphen {
				b.WriteRune(r)
			}
		case latin[r] != "":
			write(latin[r])
			last = 'a'
		case r >= 'ａ' && r <= 'ｚ' || r >= '０' && r <= '９': // fullwidth ASCII
			write(string(r - 'ａ' + 'a'))
			last = 'a'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			write(string(r))
			last = r
		default:
			hyphen = true
		}
	}
	return cut(b.String())
}

// cut shortens a slug to at most MaxSlug bytes, at its last hyphen if it has one there,
// else at a character boundary.
func cut(s string) string {
	if len(s) <= MaxSlug {
		return s
	}
	if i := strings.LastIndexByte(s[:MaxSlug+1], '-'); i > 0 {
		return s[:i]
	}
	end := MaxSlug
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}

// ValidID reports whether s is a well-formed ID: what Slug makes of it is itself.
func ValidID(s string) bool {
	return s != "" && Slug(s) == s
}

// IDProblem says what is wrong with an ID, in a sentence that gives the rule, or "".
func IDProblem(id string) string {
	switch {
	case id == "":
		return "an ID may not be empty"
	case ValidID(id):
		return ""
	case len(id) > MaxSlug:
		return fmt.Sprintf("an ID may be at most %d bytes long (%d ASCII characters, fewer of other scripts), and %s is %d", MaxSlug, MaxSlug, diag.Quote(id), len(id))
	}
	s := Slug(id)
	if s == "" {
		return diag.Quote(id) + " is not a valid ID: an ID is lowercase letters and digits (of any script) joined by single hyphens, without accents"
	}
	return diag.Quote(id) + " is not a valid ID: an ID is lowercase letters and digits (of any script) joined by single hyphens, without accents, such as " + diag.Quote(s)
}
