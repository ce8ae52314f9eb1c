package search

import (
	"path"
	"slices"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
)

// Update builds the index of a linked site as Build does, byte for byte, reusing what
// prev, the index of an earlier version of the same site, made of what has not
// changed since: the text of each part of the model a content patch kept, the terms
// of each document whose title, keys and body are as they were, the shards whose terms
// and postings are, and the entries of the documents whose entries are. What every
// edit may change (the terms' weights, which depend on every document's length, and
// the families' hashes) is computed again. Nothing is reused from the zero Index or
// from one Build made.
func Update(prev Index, site *model.Site, opts Options) Index {
	src, _ := Gather(prev, site, opts, nil)
	ix, _ := src.Build(nil)
	return ix
}

// Build builds the index of a linked site. The same site always gives the same bytes.
// The index keeps nothing for an update: updating from it reads everything.
func Build(site *model.Site, opts Options) Index {
	src, _ := collect(Index{}, site, opts, nil, false)
	ix, _ := src.Build(nil)
	return ix
}

// Sources are what an index is made of, read from the model by Gather: once they
// are, making the index (Sources.Build) reads nothing of the model, which may then
// change.
type Sources struct {
	docs   []*Doc
	opts   Options
	lang   string
	an     Analysis
	facets facetValues
	texts  readTexts // the texts of the model read
	prev   *state    // what the earlier index leaves to reuse
	keep   bool      // the index keeps what the next update may take from it
}

// Gather reads from a linked site what its index is made of, taking what it can from
// prev (see Update). stop, if not nil, is asked as the documents are read whether to
// give up: ok is then false. The caller holds whatever keeps the model from changing
// meanwhile.
func Gather(prev Index, site *model.Site, opts Options, stop func() bool) (src *Sources, ok bool) {
	return collect(prev, site, opts, stop, true)
}

// collect is Gather; keep says whether the index made keeps what the next update may
// take from it.
func collect(prev Index, site *model.Site, opts Options, stop func() bool, keep bool) (src *Sources, ok bool) {
	opts = opts.withDefaults()
	if opts.Strings == nil {
		opts.Strings = defaultStrings(site)
	}
	an := ForLanguage(site.Language)
	r := prev.reuse
	if r == nil || r.layout != opts.layout() || r.an != an {
		r = &state{}
	}
	docs, texts, ok := documents(site, opts.Strings, r.texts, stop, keep)
	if !ok {
		return nil, false
	}
	return &Sources{docs: docs, opts: opts, lang: site.Language, an: an, facets: facetsOf(site, docs), texts: texts, prev: r, keep: keep}, true
}

// layout is what of Options decides the files' bytes beside the site itself.
type layout struct{ shard, chunk, excerpt int }

func (o Options) layout() layout { return layout{o.ShardBytes, o.ChunkBytes, o.ExcerptChars} }

// state is what an index leaves to the index of a later version of its site. It is
// never changed once its index is made: the index after makes its own.
type state struct {
	layout layout
	an     Analysis
	texts  readTexts
	docs   []*Doc

	terms    []docTerms   // by document, as docs: its terms, numbered in vocab
	entries  *chunkFamily // the document store
	excerpts *chunkFamily // the excerpts

	vocab      vocabulary           // every term met, numbered once for all the indexes after
	resetTerms bool                 // vocab holds too many terms no document has: start afresh
	post       *postings            // the terms and postings of the shards
	shards     map[string]shardFile // each shard, by its first term
	facets     facetValues          // what the facets files were made of
	facetFiles [2]output.File       // the facets and the principles' documents
}

// shardFile is one term shard: the terms from..to of its index's postings.
type shardFile struct {
	from, to int
	data     []byte
}

// shard returns the data of the shard of the terms from..to of p when the earlier
// index wrote a shard of the very same terms and postings.
func (r *state) shard(p *postings, from, to int) ([]byte, bool) {
	old, ok := r.shards[p.terms[from]]
	if !ok || old.to-old.from != to-from {
		return nil, false
	}
	q := r.post
	if !slices.Equal(q.terms[old.from:old.to], p.terms[from:to]) {
		return nil, false
	}
	for i := range to - from {
		if q.start[old.from+i+1]-q.start[old.from+i] != p.start[from+i+1]-p.start[from+i] {
			return nil, false
		}
	}
	a, b := q.start[old.from], q.start[old.to]
	c, d := p.start[from], p.start[to]
	if !slices.Equal(q.doc[a:b], p.doc[c:d]) || !slices.Equal(q.impact[a:b], p.impact[c:d]) {
		return nil, false
	}
	return old.data, true
}

// vocabulary numbers terms. The index after copies it before it adds terms, so that
// the numbers the terms of an earlier index's documents carry stay theirs.
type vocabulary struct {
	index map[string]int32
	stems []string
}

// clone returns a copy of v that may be added to.
func (v vocabulary) clone() vocabulary {
	out := vocabulary{index: make(map[string]int32, len(v.index)), stems: slices.Clip(v.stems)}
	for s, t := range v.index {
		out.index[s] = t
	}
	return out
}

// id returns the number of a stem, numbering it if it is new.
func (v *vocabulary) id(stem string) int32 {
	t, ok := v.index[stem]
	if !ok {
		t = int32(len(v.stems))
		v.stems = append(v.stems, stem)
		v.index[stem] = t
	}
	return t
}

// textKey is what a document's terms are read from. A dimension counted from its
// cells has the terms of its whole body (TestSharedTerms), so the body says it all.
type textKey struct{ title, keys, body string }

func textKeyOf(d *Doc) textKey { return textKey{d.Title, d.Keys, d.Body} }

// entryKey is what a document's entry in the document store is made of.
type entryKey struct {
	title, url, place string
	typ               Type
}

func entryKeyOf(d *Doc) entryKey { return entryKey{d.ShownTitle(), d.URL, d.place, d.Type} }

func bodyOf(d *Doc) string { return d.Body }

// manyMoved is how many documents may be unlike the earlier index's at their
// positions before they are looked for at any position.
const manyMoved = 64

// match returns for each document the position of a document of prev with the same
// key, or -1: the one at its own position, which an edit of content leaves in place;
// when many are not alike (a document added or removed before them), any.
func match[K comparable](docs, prev []*Doc, key func(*Doc) K) []int {
	at := make([]int, len(docs))
	missing := 0
	for i, d := range docs {
		at[i] = -1
		if i < len(prev) && key(prev[i]) == key(d) {
			at[i] = i
		} else {
			missing++
		}
	}
	if missing <= manyMoved {
		return at
	}
	index := make(map[K]int, len(prev))
	for j, d := range prev {
		index[key(d)] = j
	}
	for i, d := range docs {
		if j, ok := index[key(d)]; ok && at[i] < 0 {
			at[i] = j
		}
	}
	return at
}

// analyse returns the terms of every document, numbered in next's vocabulary: those of
// the documents whose text r knows are taken from it, the others read on every core.
// keep says whether next keeps them.
func analyse(docs []*Doc, an Analysis, r, next *state, keep bool) []docTerms {
	prev := r.docs
	next.vocab = r.vocab.clone()
	if r.resetTerms || next.vocab.index == nil {
		prev, next.vocab = nil, vocabulary{index: map[string]int32{}}
	}
	all := make([]docTerms, len(docs))
	var missing []int
	for i, j := range match(docs, prev, textKeyOf) {
		if j >= 0 {
			all[i] = r.terms[j]
		} else {
			missing = append(missing, i)
		}
	}
	ws := workers()
	as := make([]*analyzer, ws)
	for w := range as {
		as[w] = newAnalyzer(an)
	}
	parallel(ws, len(missing), func(w, j int) { all[missing[j]] = as[w].analyse(docs[missing[j]]) })

	// Number the workers' terms in the vocabulary, then renumber each document's.
	renumber := make([][]int32, ws)
	for w, a := range as {
		renumber[w] = make([]int32, len(a.terms))
		for t, s := range a.terms {
			renumber[w][t] = next.vocab.id(s)
		}
	}
	parallel(ws, len(missing), func(w, j int) {
		dt := all[missing[j]]
		for k, tc := range dt.terms {
			dt.terms[k].term = renumber[w][tc.term]
		}
	})
	addCells(docs, all, missing, len(next.vocab.stems))
	if keep {
		next.terms = slices.Clone(all) // before their scores are set
	}
	return all
}

// analyseAll analyses every document, on every core, and returns their terms numbered
// across the index, with each term's stem.
func analyseAll(docs []*Doc, an Analysis) ([]docTerms, []string) {
	next := &state{}
	all := analyse(docs, an, &state{}, next, false)
	return all, next.vocab.stems
}

// addCells completes the terms of the dimensions among the documents missing, read
// afresh, from those of their cells, on every core.
func addCells(docs []*Doc, all []docTerms, missing []int, terms int) {
	var rows []int
	for _, i := range missing {
		if docs[i].cells != nil {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return
	}
	index := map[*Doc]int{} // the position of each cell that a dimension holds
	for _, i := range rows {
		for _, c := range docs[i].cells {
			index[c] = -1
		}
	}
	for i, d := range docs {
		if _, ok := index[d]; ok {
			index[d] = i
		}
	}
	ws := workers()
	as := make([]*analyzer, ws)
	for w := range as {
		as[w] = &analyzer{counts: make([][3]int32, terms)}
	}
	parallel(ws, len(rows), func(w, j int) {
		i := rows[j]
		cells := make([]*docTerms, len(docs[i].cells))
		for k, c := range docs[i].cells {
			cells[k] = &all[index[c]]
		}
		all[i] = as[w].addCells(all[i], cells)
	})
}

// facetValues are what the facets files are made of: the roles, levels and
// principles, and each document's role, level and principles.
type facetValues struct {
	roles      [][]string // [id, title]
	levels     [][]any    // [id, title, role]
	principles [][]string // [id, title]
	roleRuns   []int      // first doc, role+1 (0: none), ...
	levelPos   []int      // per doc, its level's position in its role + 1 (0: none)
	docs       [][]int    // per principle, its documents as deltas
}

// facetsOf reads the facets of the site's documents.
func facetsOf(site *model.Site, docs []*Doc) facetValues {
	f := facetValues{roles: [][]string{}, levels: [][]any{}, principles: [][]string{}}
	f.roleRuns = runs(docs, func(d *Doc) int { return d.role })
	f.levelPos = make([]int, len(docs))
	for i, d := range docs {
		f.levelPos[i] = d.levelPos
	}
	for i, r := range site.Roles {
		f.roles = append(f.roles, []string{r.ID, r.Title})
		for _, l := range r.Levels {
			f.levels = append(f.levels, []any{l.ID, l.Title, i})
		}
	}
	for _, p := range site.Principles {
		f.principles = append(f.principles, []string{p.ID, p.Title})
	}
	f.docs = principleDocs(site.Principles, docs)
	return f
}

// equal reports whether f and g make the same files.
func (f facetValues) equal(g facetValues) bool {
	strs := func(a, b []string) bool { return slices.Equal(a, b) }
	return slices.EqualFunc(f.roles, g.roles, strs) && slices.EqualFunc(f.principles, g.principles, strs) &&
		slices.EqualFunc(f.levels, g.levels, func(a, b []any) bool { return slices.Equal(a, b) }) &&
		slices.Equal(f.roleRuns, g.roleRuns) && slices.Equal(f.levelPos, g.levelPos) &&
		slices.EqualFunc(f.docs, g.docs, func(a, b []int) bool { return slices.Equal(a, b) })
}

// files writes what only the search page's filters need, in two files: the roles,
// levels and principles with each document's role (as runs) and level; and, per
// principle, the documents that carry it (as deltas), which the page loads only once
// the principle filter is used. It returns their names and the files, those the
// earlier index r wrote when they are the same.
func (f facetValues) files(r, next *state) (facets, principles string, files []output.File) {
	next.facets = f
	if r.facetFiles[0].Path != "" && f.equal(r.facets) {
		next.facetFiles = r.facetFiles
	} else {
		v := struct {
			Roles      [][]string `json:"roles"`       // [id, title]
			Levels     [][]any    `json:"levels"`      // [id, title, role]
			Principles [][]string `json:"principles"`  // [id, title]
			RoleRuns   []int      `json:"roleRuns"`    // first doc, role+1 (0: none), ...
			Levels1    []int      `json:"levelInRole"` // per doc, its level's position in its role + 1 (0: none)
		}{f.roles, f.levels, f.principles, f.roleRuns, f.levelPos}
		next.facetFiles = [2]output.File{file("f", v), file("p", f.docs)}
	}
	ff, pf := next.facetFiles[0], next.facetFiles[1]
	return path.Base(ff.Path), path.Base(pf.Path), []output.File{ff, pf}
}

// principleDocs lists, for each principle of the site, the documents that carry it,
// as deltas.
func principleDocs(principles []*model.Principle, docs []*Doc) [][]int {
	index := make(map[*model.Principle]int, len(principles))
	for i, p := range principles {
		if _, dup := index[p]; !dup {
			index[p] = i
		}
	}
	lists := make([][]int, len(principles))
	last := make([]int, len(principles)) // the last document listed
	for i := range lists {
		lists[i], last[i] = []int{}, -1
	}
	for i, d := range docs {
		for _, p := range d.Principles {
			if k, ok := index[p]; ok && last[k] < i {
				lists[k] = append(lists[k], i-max(last[k], 0))
				last[k] = i
			}
		}
	}
	// A principle listed twice on the site has the same documents each time.
	for i, p := range principles {
		if k := index[p]; k != i {
			lists[i] = lists[k]
		}
	}
	return lists
}
