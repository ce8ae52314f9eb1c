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
// given before the addition that replaces it.
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
	var out segments
	for i := range pre {
		out.add(Kept, keptToken(a[i], b[i]))
	}
	lcs(&out, a[pre:len(a)-suf], b[pre:len(b)-suf], wa[pre:len(a)-suf], wb[pre:len(b)-suf])
	for _, t := range b[len(b)-suf:] {
		out.add(Kept, t)
	}
	return absorbShortKept(out.list)
}

// absorbShortKept folds into the edits around it each kept run, inside the text, no
// longer than the edits on either side of it: two rewritten sentences that share only
// "the" and "to" read as one removal and one addition, not as a dozen fragments.
// (This is the semantic clean-up of Myers' differences as diff-match-patch makes it.)
func absorbShortKept(list []Segment) []Segment {
	for i := 1; i < len(list)-1; i++ {
		if list[i].Op != Kept {
			continue
		}
		from, before := editsAround(list, i, -1)
		to, after := editsAround(list, i, +1)
		if from == i || to == i || len(list[i].Text) > min(before, after) {
			continue
		}
		var removed, added strings.Builder
		for _, s := range list[from : to+1] {
			if s.Op != Added {
				removed.WriteString(s.Text)
			}
			if s.Op != Removed {
				added.WriteString(s.Text)
			}
		}
		merged := []Segment{{Removed, removed.String()}, {Added, added.String()}}
		list = append(list[:from], append(merged, list[to+1:]...)...)
		i = max(from-1, 0) // the merged edits may now dwarf the kept run before them
	}
	return list
}

// editsAround returns the index of the last edit of the run next to list[i] in the
// direction step (i itself when there is none), and the length of the run's longer
// side: its removed or its added text.
func editsAround(list []Segment, i, step int) (end, longer int) {
	var removed, added int
	end = i
	for j := i + step; j >= 0 && j < len(list) && list[j].Op != Kept; j += step {
		if list[j].Op == Removed {
			removed += len(list[j].Text)
		} else {
			added += len(list[j].Text)
		}
		end = j
	}
	return end, max(removed, added)
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

// lcs appends the difference of the tokens a and b, which share neither first nor
// last word; wa and wb are their words' numbers.
func lcs(out *segments, a, b []string, wa, wb []int32) {
	if len(a) == 0 || len(b) == 0 || (len(a)+1)*(len(b)+1) > maxWordCells {
		for _, t := range a {
			out.add(Removed, t)
		}
		for _, t := range b {
			out.add(Added, t)
		}
		return
	}
	// n[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	w := len(b) + 1
	n := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		row, next := n[i*w:(i+1)*w], n[(i+1)*w:(i+2)*w]
		for j := len(b) - 1; j >= 0; j-- {
			if wa[i] == wb[j] {
				row[j] = next[j+1] + 1
			} else {
				row[j] = max(next[j], row[j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case wa[i] == wb[j]:
			out.add(Kept, keptToken(a[i], b[j]))
			i, j = i+1, j+1
		case n[(i+1)*w+j] >= n[i*w+j+1]:
			out.add(Removed, a[i])
			i++
		default:
			out.add(Added, b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		out.add(Removed, a[i])
	}
	for ; j < len(b); j++ {
		out.add(Added, b[j])
	}
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

// segments collects tokens into segments, joining neighbours of one operation and
// putting a removal before the addition next to it.
type segments struct{ list []Segment }

func (s *segments) add(op Op, tok string) {
	n := len(s.list)
	if n > 0 && s.list[n-1].Op == op {
		s.list[n-1].Text += tok
		return
	}
	// An addition then a removal reads better as the removal then the addition.
	if op == Removed && n > 0 && s.list[n-1].Op == Added {
		if n > 1 && s.list[n-2].Op == Removed {
			s.list[n-2].Text += tok
			return
		}
		s.list = append(s.list[:n-1], Segment{Removed, tok}, s.list[n-1])
		return
	}
	s.list = append(s.list, Segment{op, tok})
}

// tokens splits text into words, each with the white space that follows it (the text's
// leading space is a token of its own).
func tokens(text string) []string {
	var out []string
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
