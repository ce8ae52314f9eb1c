package search

import (
	"runtime"
	"strings"
	"sync"
)

// termCount is how often a term occurs in each field of one document.
type termCount struct {
	term int32
	tf   [3]int32
}

// docTerms is one document's terms with their counts and scores, and the lengths of
// its fields in indexed words.
type docTerms struct {
	terms  []termCount
	scores []float64 // per term, its BM25F score (set by score)
	len    [3]int
}

// analyzer turns documents into term counts. It numbers terms in the order it meets
// them and remembers each word as written with its term: a handbook has far fewer
// distinct words than words, so each is normalised and stemmed once.
type analyzer struct {
	an     Analysis                 // how the handbook's language is read
	recent *[recentWords]recentWord // the words met last, in front of words
	words  map[string]int32         // a word as written: its term, or -1 when it is not indexed
	stems  map[string]int32         // a stem: its term
	terms  []string                 // a term's stem
	counts [][3]int32               // a term's counts in the document being analysed
	seen   []int32                  // the terms of that document, in order of first occurrence
	free   []termCount              // room for the next documents' terms, allocated in blocks

	// The last body counted and its terms: the questions of a group share theirs, so
	// one worker meets the same body many times in a row.
	body      string
	bodyTerms []termCount
	bodyLen   int
}

// recentWords is the size of an analyzer's cache of words, a power of two: a
// handbook's few thousand distinct words fit, and the cache fits a core's own
// memory cache.
const recentWords = 4096

// recentWord is one word of an analyzer's cache and its term. The word may be a
// slice of a document's text, which outlives the analyzer.
type recentWord struct {
	word string
	term int32
}

func newAnalyzer(an Analysis) *analyzer {
	return &analyzer{an: an, recent: new([recentWords]recentWord), words: map[string]int32{}, stems: map[string]int32{}}
}

// term returns the term of a word as written, or -1 when it is not indexed. Most
// words are found in the cache, at the place a cheap hash of the word picks, which is
// several times faster than a map; the map holds every word.
func (a *analyzer) term(raw string) int32 {
	r := &a.recent[quickHash(raw)%recentWords]
	if r.word == raw {
		return r.term
	}
	t, ok := a.words[raw]
	if !ok {
		t = a.newWord(raw)
	}
	*r = recentWord{raw, t}
	return t
}

// quickHash hashes a word from its length and four of its bytes, which tell most
// words apart; a collision only costs a look in the map.
func quickHash(w string) uint32 {
	n := len(w)
	h := uint32(w[0]) | uint32(w[n/2])<<8 | uint32(w[n-1])<<16 | uint32(w[(n-1)/3])<<24
	return (h ^ uint32(n)*0x85ebca6b) * 0x9e3779b1 >> 16
}

// newWord finds the term of a word met for the first time, and remembers it.
func (a *analyzer) newWord(raw string) int32 {
	raw = strings.Clone(raw) // raw is a slice of a much longer text
	t := int32(-1)
	if w, ok := a.an.indexable(raw); ok {
		s := a.an.Stem(w)
		var known bool
		if t, known = a.stems[s]; !known {
			s = strings.Clone(s) // Stem may return a slice of raw
			t = int32(len(a.terms))
			a.terms = append(a.terms, s)
			a.stems[s] = t
			a.counts = append(a.counts, [3]int32{})
		}
	}
	a.words[raw] = t
	return t
}

// analyse counts the terms of a document's title, keys and body; of a dimension's
// body, only the titles between its cells' texts (see addCells).
func (a *analyzer) analyse(d *Doc) docTerms {
	var dt docTerms
	body := d.Body
	if d.cells != nil {
		body = d.titles
	}
	dt.len[2] = a.countBody(body)
	dt.len[0] = a.count(d.Title, 0)
	dt.len[1] = a.count(d.Keys, 1)
	return a.take(dt)
}

// countBody counts the terms of a body as count does, before anything else of its
// document: when it is the body counted last, its counts are copied rather than
// counted again.
func (a *analyzer) countBody(text string) int {
	if text == a.body && a.bodyTerms != nil {
		for _, tc := range a.bodyTerms {
			a.seen = append(a.seen, tc.term)
			a.counts[tc.term] = tc.tf
		}
		return a.bodyLen
	}
	n := a.count(text, 2)
	a.body, a.bodyLen, a.bodyTerms = text, n, a.bodyTerms[:0]
	for _, t := range a.seen {
		a.bodyTerms = append(a.bodyTerms, termCount{t, a.counts[t]})
	}
	return n
}

// take sets the terms of dt to those counted, and clears the counts for the next
// document.
func (a *analyzer) take(dt docTerms) docTerms {
	n := len(a.seen)
	if len(a.free) < n {
		a.free = make([]termCount, max(n, 1<<14))
	}
	dt.terms, a.free = a.free[:n:n], a.free[n:]
	for i, t := range a.seen {
		dt.terms[i] = termCount{t, a.counts[t]}
		a.counts[t] = [3]int32{}
	}
	a.seen = a.seen[:0]
	return dt
}

// addCells adds to a dimension's terms, numbered across the index, those of its
// cells' bodies, which are the rest of its body.
func (a *analyzer) addCells(dt docTerms, cells []*docTerms) docTerms {
	for _, tc := range dt.terms {
		a.seen = append(a.seen, tc.term)
		a.counts[tc.term] = tc.tf
	}
	for _, cell := range cells {
		for _, tc := range cell.terms {
			if tc.tf[2] == 0 {
				continue
			}
			if a.counts[tc.term] == [3]int32{} {
				a.seen = append(a.seen, tc.term)
			}
			a.counts[tc.term][2] += tc.tf[2]
		}
		dt.len[2] += cell.len[2]
	}
	return a.take(dt)
}

// count counts the terms of text in field f of the document being analysed, and
// returns how many words it indexed.
func (a *analyzer) count(text string, f int) int {
	n := 0
	eachWord(text, func(raw string) {
		t := a.term(raw)
		if t < 0 {
			return
		}
		if a.counts[t] == [3]int32{} {
			a.seen = append(a.seen, t)
		}
		a.counts[t][f]++
		n++
	})
	return n
}

// workers is how many goroutines share the index's parallel work.
func workers() int { return runtime.GOMAXPROCS(0) }

// parallel calls work(w, i) for every i below n on ws goroutines. Worker w takes the
// items i with i%ws == w, in order, every time: state kept per worker (an analyzer's
// term numbers) belongs to the same items from one call to the next.
func parallel(ws, n int, work func(w, i int)) {
	var wg sync.WaitGroup
	for w := range ws {
		wg.Go(func() {
			for i := w; i < n; i += ws {
				work(w, i)
			}
		})
	}
	wg.Wait()
}
