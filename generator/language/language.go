// Package language reads a handbook's language: a BCP 47 tag (RFC 5646) such as "en",
// "de-CH" or "ja", which sets the pages' lang attribute, picks the theme's strings and
// tells the search index how to read words.
package language

import (
	"strings"
)

// Default is the language of a handbook that names none.
const Default = "en"

// Tag is a well-formed BCP 47 language tag, in its canonical case ("de-CH", "zh-Hant").
type Tag string

// Base returns the tag's primary language subtag: "de" for "de-CH".
func (t Tag) Base() string {
	base, _, _ := strings.Cut(string(t), "-")
	return base
}

// English reports whether the tag names English, whose words the search index stems.
func (t Tag) English() bool { return t.Base() == "en" }

// RightToLeft reports whether the tag's language is written from right to left
// (Arabic, Hebrew, Persian, Urdu and the like), or its script is (Arab, Hebr, Thaa,
// Syrc, Nkoo, Adlm, Rohg), so that pages say dir="rtl".
func (t Tag) RightToLeft() bool {
	parts := strings.Split(string(t), "-")
	for _, p := range parts[1:] {
		if len(p) == 4 && !(p[0] >= '0' && p[0] <= '9') {
			switch p {
			case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
				return true
			}
			return false // a script of its own, such as az-Latn
		}
	}
	switch parts[0] {
	case "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb", "syr", "arc", "nqo":
		return true
	}
	return false
}

// Fallbacks returns the tag and its shorter forms, most general first: "de", "de-CH"
// for "de-CH". The theme's strings are looked up in this order, the later overriding.
func (t Tag) Fallbacks() []string {
	parts := strings.Split(string(t), "-")
	out := make([]string, 0, len(parts))
	for i := range parts {
		out = append(out, strings.Join(parts[:i+1], "-"))
	}
	return out
}

// Parse checks that s is a well-formed BCP 47 tag (RFC 5646, section 2.1: a language of
// 2 or 3 letters, then an optional script of 4 letters, a region of 2 letters or 3
// digits, variants, extensions and a private use part) and returns it in canonical
// case. The grammar also allows languages of 5 to 8 letters, for future registration;
// none is registered, and such a "tag" is most often a language's name ("german"), so
// it is refused. The message of the error says what is wrong.
func Parse(s string) (Tag, string) {
	if s == "" {
		return "", "is empty"
	}
	if strings.Contains(s, "_") {
		return "", "uses \"_\": BCP 47 tags separate their parts with \"-\" (" + strings.ReplaceAll(s, "_", "-") + ")"
	}
	parts := strings.Split(s, "-")
	for _, p := range parts {
		if p == "" || len(p) > 8 || !alnum(p) {
			return "", "has the part " + quote(p) + ": each part is 1 to 8 ASCII letters or digits"
		}
	}
	lang := parts[0]
	if !alpha(lang) || len(lang) < 2 || len(lang) > 3 {
		return "", "starts with " + quote(lang) + ": a tag starts with a language of 2 or 3 letters, such as en, de or ja"
	}
	out := []string{strings.ToLower(lang)}
	i := 1
	// extlang: up to three 3-letter subtags after a 2- or 3-letter language
	for n := 0; n < 3 && i < len(parts) && len(lang) <= 3 && len(parts[i]) == 3 && alpha(parts[i]); n++ {
		out, i = append(out, strings.ToLower(parts[i])), i+1
	}
	if i < len(parts) && len(parts[i]) == 4 && alpha(parts[i]) {
		p := strings.ToLower(parts[i])
		out, i = append(out, strings.ToUpper(p[:1])+p[1:]), i+1
	}
	if i < len(parts) && ((len(parts[i]) == 2 && alpha(parts[i])) || (len(parts[i]) == 3 && digits(parts[i]))) {
		out, i = append(out, strings.ToUpper(parts[i])), i+1
	}
	for i < len(parts) && isVariant(parts[i]) {
		out, i = append(out, strings.ToLower(parts[i])), i+1
	}
	for i < len(parts) {
		p := strings.ToLower(parts[i])
		if len(p) != 1 {
			return "", "has " + quote(parts[i]) + " where a script (4 letters), a region (2 letters or 3 digits) or a variant (5 to 8 characters) belongs"
		}
		j := i + 1
		for j < len(parts) && (len(parts[j]) >= 2 || p == "x") {
			j++
		}
		if j == i+1 {
			return "", "has the extension " + quote(parts[i]) + " with nothing after it"
		}
		for _, q := range parts[i:j] {
			out = append(out, strings.ToLower(q))
		}
		if p == "x" {
			j = len(parts)
		}
		i = j
	}
	return Tag(strings.Join(out, "-")), ""
}

func isVariant(p string) bool {
	return (len(p) >= 5 && len(p) <= 8) || (len(p) == 4 && p[0] >= '0' && p[0] <= '9')
}

func quote(s string) string { return "\"" + s + "\"" }

func alpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9') && !((c|0x20) >= 'a' && (c|0x20) <= 'z') {
			return false
		}
	}
	return true
}
