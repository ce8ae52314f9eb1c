package search

import "strings"

// Stem returns the English stem of a normalised word: the Porter2 ("Snowball English")
// algorithm, https://snowballstem.org/algorithms/english/stemmer.html, without its
// apostrophe step (Normalize drops apostrophes first). Words that are not plain ASCII
// letters (numbers, other scripts) are returned as they are. search.js implements the
// same algorithm, step by step with the same names.
func Stem(word string) string {
	if len(word) <= 2 || !isLetters(word) {
		return word
	}
	if s, ok := exceptional(word); ok {
		return s
	}
	w := []byte(word)
	markY(w)
	r1, r2 := regions(w)
	w = step1a(w)
	if invariantAfter1a(string(w)) {
		return string(w)
	}
	w = step1b(w, r1)
	w = step1c(w)
	w = step2(w, r1)
	w = step3(w, r1, r2)
	w = step4(w, r2)
	w = step5(w, r1, r2)
	return strings.ReplaceAll(string(w), "Y", "y")
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// exceptional handles the words Porter2 lists as special forms.
func exceptional(w string) (string, bool) {
	switch w {
	case "skis":
		return "ski", true
	case "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "idly":
		return "idl", true
	case "gently":
		return "gentl", true
	case "ugly":
		return "ugli", true
	case "early":
		return "earli", true
	case "only":
		return "onli", true
	case "singly":
		return "singl", true
	case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes":
		return w, true
	}
	return "", false
}

// invariantAfter1a reports the words Porter2 leaves alone once step 1a has run.
func invariantAfter1a(w string) bool {
	switch w {
	case "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed":
		return true
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// markY writes a consonant y (initial, or after a vowel) as Y.
func markY(w []byte) {
	if w[0] == 'y' {
		w[0] = 'Y'
	}
	for i := 1; i < len(w); i++ {
		if w[i] == 'y' && isVowel(w[i-1]) {
			w[i] = 'Y'
		}
	}
}

// regions returns where R1 and R2 start.
func regions(w []byte) (r1, r2 int) {
	switch {
	case hasPrefix(w, "gener"), hasPrefix(w, "arsen"):
		r1 = 5
	case hasPrefix(w, "commun"):
		r1 = 6
	default:
		r1 = regionAfter(w, 0)
	}
	return r1, regionAfter(w, r1)
}

// regionAfter returns the position after the first non-vowel that follows a vowel,
// both at or after start, or len(w).
func regionAfter(w []byte, start int) int {
	for i := start + 1; i < len(w); i++ {
		if !isVowel(w[i]) && isVowel(w[i-1]) {
			return i + 1
		}
	}
	return len(w)
}

func hasPrefix(w []byte, s string) bool { return len(w) >= len(s) && string(w[:len(s)]) == s }

func hasVowel(w []byte) bool {
	for _, c := range w {
		if isVowel(c) {
			return true
		}
	}
	return false
}

func hasSuffix(w []byte, s string) bool {
	if len(w) < len(s) {
		return false
	}
	w = w[len(w)-len(s):]
	for i := range len(s) {
		if w[i] != s[i] {
			return false
		}
	}
	return true
}

// longest returns the longest of suffixes that w ends with, or "".
func longest(w []byte, suffixes ...string) string {
	best := ""
	for _, s := range suffixes {
		if len(s) > len(best) && hasSuffix(w, s) {
			best = s
		}
	}
	return best
}

func isDouble(w []byte) bool {
	n := len(w)
	if n < 2 || w[n-1] != w[n-2] {
		return false
	}
	switch w[n-1] {
	case 'b', 'd', 'f', 'g', 'm', 'n', 'p', 'r', 't':
		return true
	}
	return false
}

// endsShortSyllable reports whether w ends in a short syllable: a vowel followed by a
// non-vowel other than w, x or Y and preceded by a non-vowel, or a vowel at the start
// of the word followed by a non-vowel.
func endsShortSyllable(w []byte) bool {
	n := len(w)
	if n == 2 {
		return isVowel(w[0]) && !isVowel(w[1])
	}
	if n < 3 {
		return false
	}
	c := w[n-1]
	return !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
}

// isShort reports whether w is a short word: R1 is empty and it ends in a short syllable.
func isShort(w []byte, r1 int) bool { return r1 >= len(w) && endsShortSyllable(w) }

func step1a(w []byte) []byte {
	n := len(w)
	switch longest(w, "sses", "ied", "ies", "us", "ss", "s") {
	case "sses":
		return w[:n-2]
	case "ied", "ies":
		if n > 4 {
			return w[:n-2]
		}
		return w[:n-1]
	case "s":
		if hasVowel(w[:n-2]) {
			return w[:n-1]
		}
	}
	return w
}

func step1b(w []byte, r1 int) []byte {
	n := len(w)
	suf := longest(w, "eed", "eedly", "ed", "edly", "ing", "ingly")
	switch suf {
	case "":
		return w
	case "eed", "eedly":
		if n-len(suf) >= r1 {
			return append(w[:n-len(suf)], "ee"...)
		}
		return w
	}
	stem := w[:n-len(suf)]
	if !hasVowel(stem) {
		return w
	}
	switch {
	case hasSuffix(stem, "at"), hasSuffix(stem, "bl"), hasSuffix(stem, "iz"):
		return append(stem, 'e')
	case isDouble(stem):
		return stem[:len(stem)-1]
	case isShort(stem, r1):
		return append(stem, 'e')
	}
	return stem
}

func step1c(w []byte) []byte {
	n := len(w)
	if n > 2 && (w[n-1] == 'y' || w[n-1] == 'Y') && !isVowel(w[n-2]) {
		w[n-1] = 'i'
	}
	return w
}

// replaceIn replaces the suffix suf of w by rep when the suffix lies in the region
// starting at r.
func replaceIn(w []byte, suf, rep string, r int) []byte {
	start := len(w) - len(suf)
	if start < r {
		return w
	}
	return append(w[:start], rep...)
}

func step2(w []byte, r1 int) []byte {
	suf := longest(w, "tional", "enci", "anci", "abli", "entli", "izer", "ization",
		"ational", "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness",
		"iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li")
	switch suf {
	case "tional":
		return replaceIn(w, suf, "tion", r1)
	case "enci":
		return replaceIn(w, suf, "ence", r1)
	case "anci":
		return replaceIn(w, suf, "ance", r1)
	case "abli":
		return replaceIn(w, suf, "able", r1)
	case "entli":
		return replaceIn(w, suf, "ent", r1)
	case "izer", "ization":
		return replaceIn(w, suf, "ize", r1)
	case "ational", "ation", "ator":
		return replaceIn(w, suf, "ate", r1)
	case "alism", "aliti", "alli":
		return replaceIn(w, suf, "al", r1)
	case "fulness", "fulli":
		return replaceIn(w, suf, "ful", r1)
	case "ousli", "ousness":
		return replaceIn(w, suf, "ous", r1)
	case "iveness", "iviti":
		return replaceIn(w, suf, "ive", r1)
	case "biliti", "bli":
		return replaceIn(w, suf, "ble", r1)
	case "ogi":
		if len(w) > 3 && w[len(w)-4] == 'l' {
			return replaceIn(w, suf, "og", r1)
		}
	case "lessli":
		return replaceIn(w, suf, "less", r1)
	case "li":
		if len(w) > 2 && isLiEnding(w[len(w)-3]) {
			return replaceIn(w, suf, "", r1)
		}
	}
	return w
}

func isLiEnding(c byte) bool { return strings.IndexByte("cdeghkmnrt", c) >= 0 }

func step3(w []byte, r1, r2 int) []byte {
	suf := longest(w, "tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative")
	switch suf {
	case "tional":
		return replaceIn(w, suf, "tion", r1)
	case "ational":
		return replaceIn(w, suf, "ate", r1)
	case "alize":
		return replaceIn(w, suf, "al", r1)
	case "icate", "iciti", "ical":
		return replaceIn(w, suf, "ic", r1)
	case "ful", "ness":
		return replaceIn(w, suf, "", r1)
	case "ative":
		return replaceIn(w, suf, "", max(r1, r2))
	}
	return w
}

func step4(w []byte, r2 int) []byte {
	suf := longest(w, "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
		"ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion")
	switch suf {
	case "":
		return w
	case "ion":
		if n := len(w); n > 3 && (w[n-4] == 's' || w[n-4] == 't') {
			return replaceIn(w, suf, "", r2)
		}
		return w
	}
	return replaceIn(w, suf, "", r2)
}

func step5(w []byte, r1, r2 int) []byte {
	n := len(w)
	switch w[n-1] {
	case 'e':
		if n-1 >= r2 || (n-1 >= r1 && !endsShortSyllable(w[:n-1])) {
			return w[:n-1]
		}
	case 'l':
		if n-1 >= r2 && n > 1 && w[n-2] == 'l' {
			return w[:n-1]
		}
	}
	return w
}
