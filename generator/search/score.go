package search

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// termPostings is one term and its postings: pairs of document-number delta and impact.
type termPostings struct {
	term string
	list []int
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

// docTerms is one document's term frequencies per field and the fields' lengths.
type docTerms struct {
	tf  map[string]*[3]int
	len [3]int
}

func analyse(tz tokenizer, d *Doc) docTerms {
	dt := docTerms{tf: map[string]*[3]int{}}
	for f, text := range [3]string{d.Title, d.Keys, d.Body} {
		for _, tok := range tz.tokens(text) {
			c := dt.tf[tok.Stem]
			if c == nil {
				c = new([3]int)
				dt.tf[tok.Stem] = c
			}
			c[f]++
			dt.len[f]++
		}
	}
	return dt
}

// analyseAll analyses every document, on every core; each worker keeps its own
// cache of stems.
func analyseAll(docs []*Doc) []docTerms {
	all := make([]docTerms, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			tz := tokenizer{stems: map[string]string{}}
			for i := w; i < len(docs); i += workers {
				all[i] = analyse(tz, docs[i])
			}
		})
	}
	wg.Wait()
	return all
}

// score computes every term's postings: for each document holding it, its BM25F score
// (with the type's prior) quantised to an integer impact from 1 to 255 against the
// highest score of the index. The browser adds impacts; ranking needs no more.
func score(docs []*Doc) []termPostings {
	all := analyseAll(docs)
	var avg [3]float64
	df := map[string]int{}
	for i := range docs {
		for f := range avg {
			avg[f] += float64(all[i].len[f]) / float64(len(docs))
		}
		for t := range all[i].tf {
			df[t]++
		}
	}
	type hit struct {
		doc   int
		score float64
	}
	raw := map[string][]hit{}
	best := 0.0
	n := float64(len(docs))
	for i, dt := range all {
		fs := fields(docs[i].Type)
		for t, tf := range dt.tf {
			w := 0.0
			for f, c := range tf {
				if c > 0 {
					w += fs[f].weight * float64(c) / (1 - fs[f].b + fs[f].b*float64(dt.len[f])/math.Max(avg[f], 1))
				}
			}
			idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
			s := idf * w * (k1 + 1) / (w + k1) * prior(docs[i].Type)
			if b := docs[i].boost; b > 0 {
				s *= b
			}
			raw[t] = append(raw[t], hit{i, s})
			best = math.Max(best, s)
		}
	}
	out := make([]termPostings, 0, len(raw))
	for t, hits := range raw {
		slices.SortFunc(hits, func(a, b hit) int { return a.doc - b.doc })
		list, last := make([]int, 0, 2*len(hits)), 0
		for _, h := range hits {
			q := int(math.Round(h.score / best * maxImpact))
			list = append(list, h.doc-last, max(1, q))
			last = h.doc
		}
		out = append(out, termPostings{t, list})
	}
	slices.SortFunc(out, func(a, b termPostings) int { return compareUTF16(a.term, b.term) })
	return out
}
