package search

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzTokens checks what Tokens promises of any text, valid UTF-8 or not:
//   - it does not panic;
//   - its words are the runs of letters, digits, combining marks and apostrophes of the
//     text, normalised, without stop words, single letters and words longer than
//     maxWord, in order;
//   - each word is valid UTF-8 and normalised: lower case, accents folded, no apostrophe
//     or combining accent left, so that Normalize leaves it as it is;
//   - each stem is Stem of its word: the word itself when it is not plain ASCII letters
//     or has at most two, otherwise a non-empty run of ASCII lower-case letters;
//   - the index counts the very same terms in the text, and the words, tokenized again,
//     give themselves back: what is indexed is what a query for it finds.
//
// Its seeds, in testdata/fuzz/FuzzTokens, are every word of the handbook, queries and
// real text.
func FuzzTokens(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokens(text)
		var words []string
		stems := map[string]int{}
		for _, tok := range toks {
			w := tok.Word
			words = append(words, w)
			stems[tok.Stem]++
			switch {
			case !utf8.ValidString(w):
				t.Errorf("word %q is not valid UTF-8", w)
			case strings.ToLower(w) != w:
				t.Errorf("word %q is not lower case", w)
			case Normalize(w) != w:
				t.Errorf("word %q is not normalised: Normalize gives %q", w, Normalize(w))
			case strings.ContainsFunc(w, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) ||
					r >= 0x300 && r <= 0x36f || fold(r) != ""
			}):
				t.Errorf("word %q holds a character that is not a normalised letter, digit or mark", w)
			}
			if s := Stem(w); tok.Stem != s {
				t.Errorf("word %q has the stem %q, Stem gives %q", w, tok.Stem, s)
			}
			if len(w) <= 2 || !isLetters(w) {
				if tok.Stem != w {
					t.Errorf("word %q is stemmed to %q", w, tok.Stem)
				}
			} else if tok.Stem == "" || !isLetters(tok.Stem) {
				t.Errorf("word %q has the stem %q, not ASCII lower-case letters", w, tok.Stem)
			}
		}
		var want []string
		unspaced := false
		for _, run := range strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) }) {
			for _, raw := range referenceParts(run) {
				w := Normalize(raw)
				if r, _ := utf8.DecodeRuneInString(w); isUnspaced(r) {
					unspaced = true
					want = append(want, w)
				} else if n := utf8.RuneCountInString(w); n >= 2 && n <= maxWord && !English.isStop(w) {
					want = append(want, w)
				}
			}
		}
		if !slices.Equal(words, want) {
			t.Errorf("words %q, want %q", words, want)
		}
		if indexed := indexedStems(text); !maps.Equal(indexed, stems) {
			t.Errorf("the index counts the terms %v, Tokens %v", indexed, stems)
		}
		if again := Tokens(strings.Join(words, " ")); !unspaced && !slices.Equal(again, toks) {
			t.Errorf("the words tokenized again give\n%q\nnot\n%q", again, toks)
		}
	})
}

// referenceParts cuts a run of word characters as eachPart does, the slow way: runs of
// spaced scripts whole, and each character of an unspaced run and each pair.
func referenceParts(run string) []string {
	var units []string // characters with their combining marks
	var kinds []bool   // unspaced
	for _, r := range run {
		if n := len(units); n > 0 && unicode.IsMark(r) {
			units[n-1] += string(r)
			continue
		}
		units, kinds = append(units, string(r)), append(kinds, isUnspaced(r))
	}
	var out []string
	for i := 0; i < len(units); {
		j := i
		for j < len(units) && kinds[j] == kinds[i] {
			j++
		}
		if !kinds[i] {
			out = append(out, strings.Join(units[i:j], ""))
		} else {
			for k := i; k < j; k++ {
				out = append(out, units[k])
				if k+1 < j {
					out = append(out, units[k]+units[k+1])
				}
			}
		}
		i = j
	}
	return out
}

// indexedStems returns how often the index counts each term in a document's body.
func indexedStems(text string) map[string]int {
	a := newAnalyzer(English)
	a.analyse(&Doc{Body: "warm the cache: " + text}) // words are looked up as written
	dt := a.analyse(&Doc{Body: text})
	out := map[string]int{}
	for _, tc := range dt.terms {
		if n := tc.tf[2]; n > 0 {
			out[a.terms[tc.term]] = int(n)
		}
	}
	return out
}
