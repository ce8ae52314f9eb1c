package model

import "strings"

// MaxSlug is the longest slug Slug makes; longer text is cut at a word boundary.
const MaxSlug = 80

// Slug turns a title or a question into an ID: lowercase ASCII letters and digits, every
// other run of characters one hyphen, apostrophes dropped ("didn't" -> "didnt").
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	out := b.String()
	if len(out) > MaxSlug {
		out = out[:MaxSlug+1]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		} else {
			out = out[:MaxSlug]
		}
	}
	return out
}

// ValidID reports whether s is a well-formed ID: lowercase letters, digits and single
// hyphens, starting and ending with a letter or digit.
func ValidID(s string) bool {
	return s != "" && Slug(s) == s
}
