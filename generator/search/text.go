package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one indexable word of a text: the word as normalised (lower case, accents
// folded, apostrophes dropped) and its stem, the term the index holds.
type Token struct {
	Word string
	Stem string
}

// maxWord is the longest word indexed; longer runs of letters are not words a reader
// types (hashes, run-together identifiers) and are skipped.
const maxWord = 40

// StopWords returns the words dropped from documents and queries alike. The list is
// short on purpose: words that carry no meaning in a handbook sentence, nothing more.
// It is written into the manifest, so the browser uses the very same list.
func StopWords() []string {
	return []string{
		"a", "about", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
		"can", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
		"how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on",
		"or", "our", "she", "so", "such", "than", "that", "the", "their", "them", "then",
		"there", "these", "they", "this", "those", "to", "us", "was", "we", "were", "what",
		"when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
	}
}

// Analysis is how the words of a handbook's language become terms. English words are
// stemmed (Porter2) and its stop words dropped; the words of any other language are only
// normalised, since an English stemmer would cut them wrongly ("Leistung" is no
// "Leist" + "ung" of English) and an English stop word may be a word of theirs (German
// "will", Dutch "door"). In every language, text of the scripts written without spaces
// between words (Chinese, Japanese, Thai) is cut into its characters and each pair of
// neighbouring ones, so a search for a word of two or more characters finds it wherever
// it stands in a sentence.
type Analysis struct {
	english bool
}

// English is the analysis of an English handbook, the default.
var English = Analysis{english: true}

// ForLanguage returns the analysis of a handbook in the language tag names (a BCP 47
// tag such as "en", "de-CH" or "ja").
func ForLanguage(tag string) Analysis {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return Analysis{english: base == "" || base == "en"}
}

// StopWords returns the words this analysis drops from documents and queries: English's
// StopWords, or none.
func (a Analysis) StopWords() []string {
	if a.english {
		return StopWords()
	}
	return []string{}
}

// Stemmer names the stemmer the script must use on query words: "porter2", or "" for
// none. It is written into the manifest.
func (a Analysis) Stemmer() string {
	if a.english {
		return "porter2"
	}
	return ""
}

// Stem returns the term of a normalised word: its English stem, or the word itself.
func (a Analysis) Stem(w string) string {
	if a.english {
		return Stem(w)
	}
	return w
}

// isStop reports whether a normalised word is a stop word.
func (a Analysis) isStop(w string) bool {
	switch utf8.RuneCountInString(w) {
	case 1:
		return true // single letters carry no meaning on their own
	case 2, 3, 4, 5:
		if !a.english {
			return false
		}
		for _, s := range StopWords() {
			if s == w {
				return true
			}
		}
	}
	return false
}

// Tokens splits English text into its indexable words, in order: English.Tokens.
func Tokens(text string) []Token { return English.Tokens(text) }

// Tokens splits text into its indexable words, in order. A word is a run of letters,
// digits and combining marks (apostrophes inside it are dropped: "partner's" is
// "partners"); it is lower-cased, its accents folded to ASCII where a Latin letter has
// one ("Économie" is "economie"), and stop words and single letters are skipped. A run
// of a script written without spaces gives each of its characters and each pair of
// neighbours instead ("日本語" is 日, 日本, 本, 本語, 語), single characters included.
// search.js implements the same function; TestTokensMatchScript keeps them in step.
func (a Analysis) Tokens(text string) []Token {
	var out []Token
	eachWord(text, func(raw string) {
		if w, ok := a.indexable(raw); ok {
			out = append(out, Token{Word: w, Stem: a.Stem(w)})
		}
	})
	return out
}

// indexable returns a raw word as normalised, and false when it is not indexed: a stop
// word, a single letter, nothing but apostrophes, or longer than maxWord. A character
// of a script written without spaces is a word of its own.
func (a Analysis) indexable(raw string) (string, bool) {
	w := Normalize(raw)
	if r, _ := utf8.DecodeRuneInString(w); isUnspaced(r) {
		return w, true
	}
	if w == "" || a.isStop(w) || utf8.RuneCountInString(w) > maxWord {
		return "", false
	}
	return w, true
}

// isUnspaced reports whether r belongs to a script written without spaces between
// words: Han, Hiragana, Katakana (with its prolonged sound mark), Thai, Lao, Khmer and
// Myanmar. search.js tests the same scripts.
func isUnspaced(r rune) bool {
	if r < 0x0e00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) || r == 0x30fc
}

// asciiWord marks the ASCII characters that belong to a word, so that eachWord decodes
// and classifies only the rest. It has a place for every byte so that indexing it
// needs no bounds check.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// eachWord calls f with every run of word characters of text; a run of a script
// written without spaces, with each of its characters and each pair of neighbours.
func eachWord(text string, f func(raw string)) {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		start := i
		var unspaced bool
		i, unspaced = wordEnd(text, i)
		if i == start { // a character beyond ASCII that belongs to no word
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		if unspaced {
			eachPart(text[start:i], f)
		} else {
			f(text[start:i])
		}
	}
}

// eachPart calls f with the parts of a run of word characters that holds characters
// of a script written without spaces: the runs of other scripts whole, and each
// character of the unspaced runs and each pair of neighbours, in order (日, 日本, 本, 本語,
// 語). A character carries the combining marks that follow it.
func eachPart(run string, f func(raw string)) {
	type unit struct {
		start, end int
		unspaced   bool
	}
	var units []unit
	for i := 0; i < len(run); {
		r, size := utf8.DecodeRuneInString(run[i:])
		if n := len(units); n > 0 && unicode.IsMark(r) {
			units[n-1].end = i + size
		} else {
			units = append(units, unit{i, i + size, isUnspaced(r)})
		}
		i += size
	}
	for i := 0; i < len(units); {
		j := i + 1
		for j < len(units) && units[j].unspaced == units[i].unspaced {
			j++
		}
		if !units[i].unspaced {
			f(run[units[i].start:units[j-1].end])
		} else {
			for k := i; k < j; k++ {
				f(run[units[k].start:units[k].end])
				if k+1 < j {
					f(run[units[k].start:units[k+1].end])
				}
			}
		}
		i = j
	}
}

// wordEnd returns where the run of word characters at text[i:] ends, and whether it
// holds a character of a script written without spaces.
func wordEnd(text string, i int) (int, bool) {
	unspaced := false
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		unspaced = unspaced || isUnspaced(r)
		i += size
	}
	return i, unspaced
}

// isWordRune reports whether r belongs to a word: a letter, a digit, a combining mark
// or an apostrophe (straight or typographic), which joins the letters around it.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || isApostrophe(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u2018' }

// Normalize lower-cases a word, folds accented Latin letters to ASCII, and drops
// apostrophes and combining accents (U+0300 to U+036F, as in "cafe\u0301").
func Normalize(raw string) string {
	if w, ok := normalizeASCII(raw); ok {
		return w
	}
	var b strings.Builder
	for _, r := range strings.ToLower(raw) {
		switch {
		case isApostrophe(r), r >= 0x300 && r <= 0x36f: // combining accents go with the fold
		case r < 0x80:
			b.WriteRune(r)
		default:
			if f := fold(r); f != "" {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// normalizeASCII is Normalize's fast path for words of ASCII letters and digits.
func normalizeASCII(raw string) (string, bool) {
	lower := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			lower = false
		default:
			return "", false
		}
	}
	if lower {
		return raw, true
	}
	b := []byte(raw)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), true
}

// foldTable lists, for each ASCII replacement, the lower-case letters that fold to it.
// search.js holds the same table.
func foldTable() [][2]string {
	return [][2]string{
		{"a", "àáâãäåāăą"},
		{"ae", "æ"},
		{"c", "çćĉċč"},
		{"d", "ďđð"},
		{"e", "èéêëēĕėęě"},
		{"g", "ĝğġģ"},
		{"h", "ĥħ"},
		{"i", "ìíîïĩīĭįı"},
		{"ij", "ĳ"},
		{"j", "ĵ"},
		{"k", "ķ"},
		{"l", "ĺļľŀł"},
		{"n", "ñńņňŉ"},
		{"o", "òóôõöøōŏő"},
		{"oe", "œ"},
		{"r", "ŕŗř"},
		{"s", "śŝşšſ"},
		{"ss", "ß"},
		{"t", "ţťŧ"},
		{"th", "þ"},
		{"u", "ùúûüũūŭůűų"},
		{"w", "ŵ"},
		{"y", "ýÿŷ"},
		{"z", "źżž"},
	}
}

// fold returns the ASCII form of an accented lower-case Latin letter, or "".
func fold(r rune) string {
	if r < 0xdf || r > 0x17f {
		return ""
	}
	for _, e := range foldTable() {
		if strings.ContainsRune(e[1], r) {
			return e[0]
		}
	}
	return ""
}
