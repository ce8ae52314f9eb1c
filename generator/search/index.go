package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/theme"
)

// Options tune the index's layout; the zero value gives the defaults, which keep the
// files a first query fetches small on a large site.
type Options struct {
	ShardBytes   int // target size of one term shard, before compression (default 16 KiB)
	ChunkBytes   int // target size of one document-store chunk (default 6 KiB)
	ExcerptChars int // longest text kept per document for its excerpt (default 320)

	// Strings are the theme's words for the index's labels (types, where a result
	// lives); nil takes those of the default theme in the site's language.
	Strings *theme.Strings
}

func (o Options) withDefaults() Options {
	if o.ShardBytes <= 0 {
		o.ShardBytes = 16 << 10
	}
	if o.ChunkBytes <= 0 {
		o.ChunkBytes = 6 << 10
	}
	if o.ExcerptChars <= 0 {
		o.ExcerptChars = 320
	}
	return o
}

// Index is a built search index: the files to publish and where its manifest is.
type Index struct {
	Files    []output.File // the manifest, term shards, document and text chunks and facets, under search/
	Manifest string        // the manifest's path, always ManifestPath
	Docs     int           // the number of documents

	reuse *state // what the index of a later version of the site may take from this one (see Update)
}

// ManifestPath is where the manifest is published. Its name is stable, so that pages,
// which point to it, do not change when only the index does; it is small and is
// revalidated like a page. Every other file is named by its content's hash, under
// FilesDir, and may be cached forever.
const ManifestPath = "search/index.json"

// FilesDir holds the index's files: the manifest, and the others named by their
// content's hash (name.<n>.<hash>.json, which output.IsFingerprinted recognises).
// They are not under assets/: the dev server reloads every open page when an asset
// changes, and the index changes with every edit of the content.
const FilesDir = "search/"

// Build makes the index of what Gather read, reusing what the earlier index left (an
// empty state reuses nothing). stop, if not nil, is asked between its steps whether to
// give up: ok is then false.
func (src *Sources) Build(stop func() bool) (ix Index, ok bool) {
	docs, opts, an, r := src.docs, src.opts, src.an, src.prev
	b := &builder{docs: docs, opts: opts}
	m := &manifest{Version: 1, Docs: len(docs), Lang: src.lang, Stem: an.Stemmer(), Stop: an.StopWords(), Files: ""}
	m.Types = b.types()
	next := &state{layout: src.opts.layout(), an: an, texts: src.texts, docs: docs}
	// Reading the documents' words takes every core. The families do not depend on one
	// another: each is then written on its own goroutine, into its own files, so the
	// result does not depend on which finishes first, and the documents and texts fill
	// the cores while scoring has steps that take one.
	all := analyse(docs, an, r, next, src.keep)
	if stop != nil && stop() {
		return Index{}, false
	}
	var shards, chunks, texts, facets []output.File
	var wg sync.WaitGroup
	wg.Go(func() {
		p := score(docs, all, next.vocab.stems)
		next.resetTerms = 2*len(p.terms)+1024 < len(next.vocab.stems) // too many terms gone: start afresh
		m.Shards, shards = b.shards(p, r, next)
	})
	wg.Go(func() {
		at := match(docs, r.docs, entryKeyOf)
		m.Chunks, chunks, next.entries = b.chunks("d", at, r.entries, appendDocument)
	})
	wg.Go(func() {
		at := match(docs, r.docs, bodyOf)
		m.Texts, texts, next.excerpts = b.chunks("x", at, r.excerpts, func(dst []byte, d *Doc) []byte {
			return appendExcerpt(dst, d.Body, b.opts.ExcerptChars)
		})
	})
	wg.Go(func() { m.Facets, m.Principles, facets = src.facets.files(r, next) })
	wg.Wait()
	ix = Index{Docs: len(docs), Manifest: ManifestPath}
	if src.keep {
		ix.reuse = next
	}
	ix.Files = slices.Concat(shards, chunks, texts, facets, []output.File{{Path: ManifestPath, Data: encode(m)}})
	slices.SortFunc(ix.Files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return ix, true
}

// manifest is the one file every search loads first, kept small: what a query needs
// to find its shards and documents, nothing a filter alone needs.
type manifest struct {
	Version    int      `json:"version"`
	Docs       int      `json:"docs"`
	Lang       string   `json:"lang,omitempty"` // the handbook's language tag
	Stem       string   `json:"stem"`           // the stemmer of query words: "porter2", or "" for none
	Stop       []string `json:"stop"`
	Files      string   `json:"files"`      // the folder of the other files, relative to the manifest's ("": the same)
	Types      [][]any  `json:"types"`      // [id, label, first doc, end doc]
	Shards     family   `json:"shards"`     // Keys: the lowest term key of each shard
	Chunks     family   `json:"chunks"`     // Keys: the first document of each chunk, as deltas
	Texts      family   `json:"texts"`      // the same for the excerpt texts
	Facets     string   `json:"facets"`     // the facets file, beside the manifest
	Principles string   `json:"principles"` // the documents of each principle, beside the manifest
}

// family is a set of files <FilesDir><prefix>.<n>.<hash>.json, n counting from 0. Its
// hash is that of all of its files' contents, so any change renames them all: the
// manifest names a family with one hash rather than one per file, which keeps it small.
type family struct {
	Hash string `json:"hash"`
	Keys []any  `json:"keys"`
}

type builder struct {
	docs []*Doc
	opts Options
}

// encode returns v as compact JSON.
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only slices, strings and numbers are encoded
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func hashOf(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:5])
}

// file returns v as the file <FilesDir><prefix>.<hash>.json.
func file(prefix string, v any) output.File {
	data := encode(v)
	return output.File{Path: FilesDir + prefix + "." + hashOf(data) + ".json", Data: data}
}

// familyFiles names the contents of one family's files, and returns them with the
// family's hash.
func familyFiles(prefix string, datas [][]byte) (string, []output.File) {
	hash := hashOf(datas...)
	files := make([]output.File, len(datas))
	for i, data := range datas {
		files[i] = output.File{Path: FilesDir + prefix + "." + strconv.Itoa(i) + "." + hash + ".json", Data: data}
	}
	return hash, files
}

func (b *builder) types() [][]any {
	var out [][]any
	for t := range numTypes {
		from, _ := slices.BinarySearchFunc(b.docs, t, func(d *Doc, t Type) int { return int(d.Type - t) })
		to, _ := slices.BinarySearchFunc(b.docs, t+1, func(d *Doc, t Type) int { return int(d.Type - t) })
		out = append(out, []any{t.ID(), t.Label(b.opts.Strings), from, to})
	}
	return out
}

// runs encodes a per-document value as runs: first document, value, first, value ...
func runs(docs []*Doc, value func(*Doc) int) []int {
	out := []int{}
	for i, d := range docs {
		if v := value(d); i == 0 || v != out[len(out)-1] {
			out = append(out, i, v)
		}
	}
	return out
}

// shards cuts the sorted terms into files of about ShardBytes each. A shard's key is
// the shortest prefix of its first term that sorts after the previous shard's last
// term, so a term belongs to the last shard whose key is not greater than it. Each
// shard is {"t": terms, "p": per term [doc delta, impact, ...]}. A shard whose terms
// and postings are those of a shard of the earlier index r holds is not written again;
// next keeps the shards for the index after.
func (b *builder) shards(p *postings, r, next *state) (family, []output.File) {
	var keys []any
	var cuts []int // where each shard starts, among the terms, and where the last ends
	size := 0
	for t, term := range p.terms {
		if size == 0 {
			if len(cuts) > 0 {
				keys = append(keys, separator(p.terms[t-1], term))
			} else {
				keys = append(keys, "")
			}
			cuts = append(cuts, t)
		}
		size += len(term) + 4 + 4*2*(p.start[t+1]-p.start[t])
		if size >= b.opts.ShardBytes {
			size = 0
		}
	}
	cuts = append(cuts, len(p.terms))
	datas := make([][]byte, len(cuts)-1)
	ws := workers()
	bufs := make([][]byte, ws)
	parallel(ws, len(datas), func(w, i int) {
		if data, ok := r.shard(p, cuts[i], cuts[i+1]); ok {
			datas[i] = data
			return
		}
		bufs[w] = appendShard(bufs[w][:0], p, cuts[i], cuts[i+1])
		datas[i] = slices.Clone(bufs[w])
	})
	next.post, next.shards = p, make(map[string]shardFile, len(datas))
	for i, data := range datas {
		next.shards[p.terms[cuts[i]]] = shardFile{from: cuts[i], to: cuts[i+1], data: data}
	}
	hash, files := familyFiles("i", datas)
	return family{Hash: hash, Keys: keys}, files
}

// appendShard appends the shard of the terms from..to.
func appendShard(dst []byte, p *postings, from, to int) []byte {
	dst = append(dst, `{"t":[`...)
	for t := from; t < to; t++ {
		if t > from {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, p.terms[t])
	}
	dst = append(dst, `],"p":[`...)
	for t := from; t < to; t++ {
		if t > from {
			dst = append(dst, ',')
		}
		docs, impacts := p.list(t)
		dst = append(dst, '[')
		last := int32(0)
		for i, d := range docs {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONInt(dst, int(d-last))
			dst = append(dst, ',')
			dst = appendJSONInt(dst, int(impacts[i]))
			last = d
		}
		dst = append(dst, ']')
	}
	return append(dst, "]}"...)
}

// separator returns the shortest prefix of next that sorts after prev.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && compareUTF16(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// chunks writes one value per document in files of about ChunkBytes each: the
// document store ("d": [title, url without the leading slash, type, where]) and the
// excerpt texts ("x"), which only the full search page loads. Keys are the number of
// documents before each file. The value of a document i is that of the document at[i]
// of the earlier index, whose chunks were old, when at[i] is not negative; a file of
// values all at their earlier positions is the earlier file. chunks returns the
// values and files too, for the index after.
func (b *builder) chunks(prefix string, at []int, old *chunkFamily, appendValue func([]byte, *Doc) []byte) (family, []output.File, *chunkFamily) {
	made := &chunkFamily{values: make([][]byte, len(b.docs)), files: map[int]chunkFile{}}
	values := made.values
	var fresh []byte // the values not known, one after another
	ends := make([]int, len(b.docs))
	for i, d := range b.docs {
		if j := at[i]; j >= 0 {
			values[i], ends[i] = old.values[j], -1
			continue
		}
		fresh = appendValue(fresh, d)
		ends[i] = len(fresh)
	}
	start := 0
	for i, end := range ends {
		if end >= 0 {
			values[i], start = fresh[start:end:end], end
		}
	}
	var fkeys []any
	var datas [][]byte
	n, first, prev, size := 0, 0, 0, 0 // bytes so far, the chunk's first document, the last chunk's
	for i, v := range values {
		n += len(v) + 1
		size += len(v) + 1
		if n >= b.opts.ChunkBytes || i == len(values)-1 {
			data, ok := old.file(at, first, i+1)
			if !ok {
				data = make([]byte, 0, size+1)
				data = append(data, '[')
				for j, v := range values[first : i+1] {
					if j > 0 {
						data = append(data, ',')
					}
					data = append(data, v...)
				}
				data = append(data, ']')
			}
			made.files[first] = chunkFile{end: i + 1, data: data}
			fkeys = append(fkeys, first-prev)
			datas = append(datas, data)
			n, size, first, prev = 0, 0, i+1, first
		}
	}
	hash, files := familyFiles(prefix, datas)
	return family{Hash: hash, Keys: fkeys}, files, made
}

// chunkFamily is what the chunks of a family are made of: each document's value, and
// each file by its first document.
type chunkFamily struct {
	values [][]byte
	files  map[int]chunkFile
}

// chunkFile is a chunk's data, and the document after its last.
type chunkFile struct {
	end  int
	data []byte
}

// file returns the data of the earlier chunk of the documents from..to, if there was
// one and their values are all at their earlier positions (at, as chunks takes it).
func (f *chunkFamily) file(at []int, from, to int) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	c, ok := f.files[from]
	if !ok || c.end != to {
		return nil, false
	}
	for i := from; i < to; i++ {
		if at[i] != i {
			return nil, false
		}
	}
	return c.data, true
}

// appendDocument appends a document's entry in the document store: [title, url
// without the leading slash, type, where].
func appendDocument(dst []byte, d *Doc) []byte {
	dst = append(dst, '[')
	dst = appendJSONString(dst, d.ShownTitle())
	dst = append(dst, ',')
	dst = appendJSONString(dst, strings.TrimPrefix(d.URL, "/"))
	dst = append(dst, ',')
	dst = appendJSONInt(dst, int(d.Type))
	dst = append(dst, ',', '"')
	dst = appendJSONEscaped(dst, d.place)
	return append(dst, '"', ']')
}

// appendExcerpt appends the text kept of s for excerpts (see excerptText) as a JSON
// string.
func appendExcerpt(dst []byte, s string, n int) []byte {
	head, cut := excerpt(s, n)
	dst = append(dst, '"')
	dst = appendJSONEscaped(dst, head)
	if cut {
		dst = append(dst, ellipsis...)
	}
	return append(dst, '"')
}

// excerptText cuts a text to at most n characters, at a word boundary when one is
// in the second half, and marks the cut with an ellipsis.
func excerptText(s string, n int) string {
	if head, cut := excerpt(s, n); cut {
		return head + ellipsis
	}
	return s
}

// ellipsis marks where an excerpt is cut.
const ellipsis = "\u2026"

// excerpt returns what excerptText keeps of s, and whether it cut s (and so adds an
// ellipsis).
func excerpt(s string, n int) (head string, cut bool) {
	if len(s) <= n {
		return s, false // no more characters than bytes
	}
	end, count := -1, 0
	for i := range s {
		if count == n {
			end = i
			break
		}
		count++
	}
	if end < 0 {
		return s, false // n characters or fewer
	}
	// Keep n-1 characters, leaving room for the ellipsis.
	_, size := utf8.DecodeLastRuneInString(s[:end])
	end -= size
	if sp := strings.LastIndexByte(s[:end], ' '); sp > 0 && utf8.RuneCountInString(s[:sp]) > n/2 {
		end = sp
	}
	return strings.TrimRight(s[:end], " ,;:\u00b7"), true
}

// compareUTF16 compares strings as JavaScript does, by UTF-16 code units, so that the
// browser's binary search over shard keys agrees with the order written here. That is
// the order of code points, but for a character above U+FFFF, written as a surrogate
// (U+D800 to U+DFFF), against one from U+E000 to U+FFFF.
func compareUTF16(a, b string) int {
	for len(a) > 0 && len(b) > 0 {
		if a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
			if a[0] != b[0] {
				return cmp.Compare(a[0], b[0])
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if (ra >= 0x10000) != (rb >= 0x10000) {
				return cmp.Compare(utf16Unit(ra), utf16Unit(rb))
			}
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// utf16Unit returns the first UTF-16 code unit of r: the character itself, or the
// high surrogate of a character above U+FFFF.
func utf16Unit(r rune) rune {
	if r >= 0x10000 {
		r1, _ := utf16.EncodeRune(r)
		return r1
	}
	return r
}
