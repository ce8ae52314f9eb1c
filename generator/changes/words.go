package changes

import (
	"strings"
	"unicode"
)

// Op says what became of a piece of text between two versions.
type Op int

// The operations of a word difference.
const (
	Kept    Op = iota // in both versions
	Added             // only in the new version
	Removed           // only in the old version
)

// String names the operation, for text output and templates.
func (o Op) String() string {
	switch o {
	case Added:
		return "added"
	case Removed:
		return "removed"
	}
	return "kept"
}

// Segment is a run of words with one operation. Text keeps the spaces between its
// words as the version it comes from wrote them.
type Segment struct {
	Op   Op
	Text string
}

// IsAdded reports whether the segment is only in the new version (for templates).
func (s Segment) IsAdded() bool { return s.Op == Added }

// IsRemoved reports whether the segment is only in the old version (for templates).
func (s Segment) IsRemoved() bool { return s.Op == Removed }

// maxWordCells bounds the table of the longest common subsequence: past it, two texts
// are shown as one removal and one addition, which is what a reader sees anyway when
// a long text is rewritten.
const maxWordCells = 4 << 20

// Words returns the word-level difference from old to new: the words both share in
// order (their longest common subsequence) kept, the others removed or added. Spaces
// belong to the word they follow, so kept text reads as it was written; a removal is
// given before the addition that replaces it, and a few short words both share between
// longer edits are part of them (see absorbShortKept).
func Words(old, new string) []Segment {
	a, b := tokens(old), tokens(new)
	// Words are compared as numbers, one per distinct word, so that the table's
	// inner loop compares integers rather than trimming and comparing strings.
	ids := make(map[string]int32, len(a)+len(b))
	wa, wb := wordIDs(a, ids), wordIDs(b, ids)
	// Common ends are kept without entering the table, which keeps a small edit to a
	// long text cheap.
	pre := 0
	for pre < len(a) && pre < len(b) && wa[pre] == wb[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && wa[len(a)-1-suf] == wb[len(b)-1-suf] {
		suf++
	}
	d := make(diff, 0, len(a)+len(b))
	for i := range pre {
		d = append(d, token{Kept, keptToken(a[i], b[i])})
	}
	d = lcs(d, a[pre:len(a)-suf], b[pre:len(b)-suf], wa[pre:len(a)-suf], wb[pre:len(b)-suf])
	for _, t := range b[len(b)-suf:] {
		d = append(d, token{Kept, t})
	}
	return d.segments(absorbShortKept(d.runs()))
}

// wordIDs numbers each token's word, giving equal words equal numbers across the
// calls that share ids.
func wordIDs(toks []string, ids map[string]int32) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		w := word(t)
		id, ok := ids[w]
		if !ok {
			id = int32(len(ids))
			ids[w] = id
		}
		out[i] = id
	}
	return out
}

// lcs appends to d the difference of the tokens a and b, which share neither first nor
// last word; wa and wb are their words' numbers.
func lcs(d diff, a, b []string, wa, wb []int32) diff {
	i, j := 0, 0 // where the edits since the last kept word start
	for _, m := range matches(wa, wb) {
		d = d.edit(a[i:m[0]], b[j:m[1]])
		d = append(d, token{Kept, keptToken(a[m[0]], b[m[1]])})
		i, j = m[0]+1, m[1]+1
	}
	return d.edit(a[i:], b[j:])
}

// matches returns the pairs of positions, in wa and in wb, of a longest common
// subsequence of the two. Only the words both hold can be in it, so the table is made
// of those alone: two rewritten sentences share a few words, not every one.
func matches(wa, wb []int32) [][2]int {
	words := int32(0) // the numbers of words are 0 to words-1
	for _, w := range wa {
		words = max(words, w+1)
	}
	for _, w := range wb {
		words = max(words, w+1)
	}
	in := func(ws, other []int32) []int {
		seen := make([]bool, words)
		for _, w := range other {
			seen[w] = true
		}
		var at []int
		for i, w := range ws {
			if seen[w] {
				at = append(at, i)
			}
		}
		return at
	}
	ia, ib := in(wa, wb), in(wb, wa)
	if len(ia) == 0 || (len(ia)+1)*(len(ib)+1) > maxWordCells {
		return nil
	}
	// n[i][j] is the length of the longest common subsequence of ia[i:] and ib[j:].
	w := len(ib) + 1
	n := make([]int32, (len(ia)+1)*w)
	for i := len(ia) - 1; i >= 0; i-- {
		row, next := n[i*w:(i+1)*w], n[(i+1)*w:(i+2)*w]
		for j := len(ib) - 1; j >= 0; j-- {
			if wa[ia[i]] == wb[ib[j]] {
				row[j] = next[j+1] + 1
			} else {
				row[j] = max(next[j], row[j+1])
			}
		}
	}
	out := make([][2]int, 0, n[0])
	for i, j := 0, 0; i < len(ia) && j < len(ib); {
		switch {
		case wa[ia[i]] == wb[ib[j]]:
			out = append(out, [2]int{ia[i], ib[j]})
			i, j = i+1, j+1
		case n[(i+1)*w+j] >= n[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// diff is a word difference as it is made: each token with its operation, the
// removals of each stretch of edits before its additions.
type diff []token

// token is one word of a diff, with the white space after it.
type token struct {
	op   Op
	text string
}

// edit appends a stretch of edits: the removed tokens, then the added ones.
func (d diff) edit(removed, added []string) diff {
	for _, t := range removed {
		d = append(d, token{Removed, t})
	}
	for _, t := range added {
		d = append(d, token{Added, t})
	}
	return d
}

// run is a stretch of a diff's tokens, d[start:end]: either kept words alone, or edits
// (which absorbShortKept may give kept words too, then part of both sides). removed
// and added are the lengths of the text on each side.
type run struct {
	kept           bool
	start, end     int
	removed, added int
}

// runs cuts the diff into its stretches of kept words and of edits.
func (d diff) runs() []run {
	var out []run
	for i, t := range d {
		kept := t.op == Kept
		if n := len(out); n == 0 || out[n-1].kept != kept {
			out = append(out, run{kept: kept, start: i})
		}
		r := &out[len(out)-1]
		r.end = i + 1
		if t.op != Added {
			r.removed += len(t.text)
		}
		if t.op != Removed {
			r.added += len(t.text)
		}
	}
	return out
}

// segments joins each run's text: a kept run is one segment, a run of edits its
// removal and its addition.
func (d diff) segments(runs []run) []Segment {
	out := make([]Segment, 0, 2*len(runs))
	for _, r := range runs {
		if r.kept {
			out = append(out, Segment{Kept, d.join(r, Added)})
			continue
		}
		if r.removed > 0 {
			out = append(out, Segment{Removed, d.join(r, Added)})
		}
		if r.added > 0 {
			out = append(out, Segment{Added, d.join(r, Removed)})
		}
	}
	return out
}

// join returns the text of the run's tokens, leaving out those of the operation
// skip: the run's old text without Added, its new one without Removed.
func (d diff) join(r run, skip Op) string {
	var b strings.Builder
	b.Grow(max(r.removed, r.added))
	for _, t := range d[r.start:r.end] {
		if t.op != skip {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// absorbShortKept folds into the edits around it each run of kept words, inside the
// text, no longer than the edits on either side of it: two rewritten sentences that
// share only "the" and "to" read as one removal and one addition, not as a dozen
// fragments. (This is the semantic clean-up of differences as diff-match-patch makes
// it.) The runs alternate, kept and edits.
func absorbShortKept(runs []run) []run {
	for i := 1; i < len(runs)-1; i++ {
		k := runs[i]
		if !k.kept {
			continue
		}
		before, after := runs[i-1], runs[i+1]
		if k.added > min(max(before.removed, before.added), max(after.removed, after.added)) {
			continue
		}
		merged := run{start: before.start, end: after.end,
			removed: before.removed + k.removed + after.removed,
			added:   before.added + k.added + after.added}
		runs = append(append(runs[:i-1], merged), runs[i+2:]...)
		i = max(i-3, 0) // the merged edits may now outweigh the kept run before them
	}
	return runs
}

// keptToken is a word both versions have, spaced as the new version spaces it, unless
// only the old one has more words after it: then its space is kept, so that the old
// text can be read back from the kept and removed segments.
func keptToken(old, new string) string {
	if word(new) == new && word(old) != old {
		return old
	}
	return new
}

// tokens splits text into words, each with the white space that follows it (the text's
// leading space is a token of its own).
func tokens(text string) []string {
	out := make([]string, 0, strings.Count(text, " ")+1) // about one word a space
	start := 0
	inSpace := true
	for i, r := range text {
		space := unicode.IsSpace(r)
		if !space && inSpace && i > start {
			out = append(out, text[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// word is a token without its trailing space: words compare equal however they are
// spaced or broken into lines.
func word(tok string) string { return strings.TrimRightFunc(tok, unicode.IsSpace) }
