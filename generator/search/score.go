package search

import (
	"math"
	"slices"
)

// postings holds every term of the index, sorted as JavaScript sorts strings, and
// their postings in one run: the postings of terms[t] are doc[start[t]:start[t+1]],
// in document order, with their impacts beside them.
type postings struct {
	terms  []string
	start  []int
	doc    []int32
	impact []uint8
}

// list returns the postings of terms[t].
func (p *postings) list(t int) (docs []int32, impacts []uint8) {
	from, to := p.start[t], p.start[t+1]
	return p.doc[from:to], p.impact[from:to]
}

// BM25F parameters. A document's fields are its title, its keys (secondary titles)
// and its body; each has a weight and a length normalisation.
const (
	k1        = 1.2
	maxImpact = 255
)

type field struct {
	weight float64 // relative to the body
	b      float64 // how much the field's length normalises its term frequency
}

// fields returns the fields of documents of type t: a title counts more than the body,
// less so for the types whose titles are shared (cells carry their row's title).
func fields(t Type) [3]field {
	title := 4.0
	switch t {
	case Cell:
		title = 1.5
	case Section:
		title = 3
	}
	return [3]field{{title, 0.3}, {1.5, 0.5}, {1, 0.75}}
}

// prior weighs a type's documents: the page that is the thing a reader named (a
// principle, a dimension, a phase) before the places that mention it.
func prior(t Type) float64 {
	return [...]float64{Principle: 1.3, Question: 1.0, Row: 1.2, Cell: 0.85, Phase: 1.2, Section: 0.9}[t]
}

// score computes every term's postings from the documents' terms (see analyseAll):
// for each document holding it, its BM25F score (with the type's prior) quantised to
// an integer impact from 1 to 255 against the highest score of the index. The browser
// adds impacts; ranking needs no more.
func score(docs []*Doc, all []docTerms, terms []string) *postings {
	df := make([]int, len(terms))
	var avg [3]float64
	hits := 0
	for i := range all {
		for f := range avg {
			avg[f] += float64(all[i].len[f]) / float64(len(docs))
		}
		for _, tc := range all[i].terms {
			df[tc.term]++
		}
		hits += len(all[i].terms)
	}
	scores := make([]float64, hits) // one block for every document's
	for i := range all {
		n := len(all[i].terms)
		all[i].scores, scores = scores[:n:n], scores[n:]
	}
	best := scoreAll(docs, all, idfs(df, len(docs)), avg)
	return gather(all, terms, df, best)
}

// idfs returns each term's inverse document frequency, from the number of documents
// that hold it.
func idfs(df []int, docs int) []float64 {
	n := float64(docs)
	out := make([]float64, len(df))
	for t, d := range df {
		out[t] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	return out
}

// scoreAll fills in every document's term scores, on every core, and returns the
// highest.
func scoreAll(docs []*Doc, all []docTerms, idf []float64, avg [3]float64) float64 {
	ws := workers()
	bests := make([]float64, ws)
	parallel(ws, len(docs), func(w, i int) {
		bests[w] = math.Max(bests[w], all[i].score(docs[i], idf, avg))
	})
	return slices.Max(append(bests, 0))
}

// score sets the document's score for each of its terms and returns the highest.
func (dt *docTerms) score(d *Doc, idf []float64, avg [3]float64) float64 {
	fs, p := fields(d.Type), prior(d.Type)
	var norm [3]float64 // each field's length normalisation
	for f := range norm {
		norm[f] = 1 - fs[f].b + fs[f].b*float64(dt.len[f])/math.Max(avg[f], 1)
	}
	best := 0.0
	for j, tc := range dt.terms {
		w := 0.0
		for f, c := range tc.tf {
			if c > 0 {
				w += fs[f].weight * float64(c) / norm[f]
			}
		}
		s := idf[tc.term] * w * (k1 + 1) / (w + k1) * p
		if b := d.boost; b > 0 {
			s *= b
		}
		dt.scores[j] = s
		best = math.Max(best, s)
	}
	return best
}

// gather turns the documents' scored terms into the postings of each term some
// document holds, sorted, quantising each score against the highest.
func gather(all []docTerms, terms []string, df []int, best float64) *postings {
	order := make([]int32, 0, len(terms)) // the terms some document holds, by rank
	for t := range terms {
		if df[t] > 0 {
			order = append(order, int32(t))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return compareUTF16(terms[a], terms[b]) })
	p := &postings{terms: make([]string, len(order)), start: make([]int, len(order)+1)}
	rank := make([]int32, len(terms))
	for r, t := range order {
		rank[t] = int32(r)
		p.terms[r] = terms[t]
		p.start[r+1] = p.start[r] + df[t]
	}
	total := p.start[len(order)]
	p.doc, p.impact = make([]int32, total), make([]uint8, total)
	next := slices.Clone(p.start[:len(order)])
	for i, dt := range all {
		for j, tc := range dt.terms {
			r := rank[tc.term]
			at := next[r]
			next[r]++
			p.doc[at] = int32(i)
			p.impact[at] = uint8(max(1, int(math.Round(dt.scores[j]/best*maxImpact))))
		}
	}
	return p
}
