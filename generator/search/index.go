package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"handbook/generator/model"
	"handbook/generator/render"
)

// Options tune the index's layout; the zero value gives the defaults, which keep the
// files a first query fetches small on a large site.
type Options struct {
	ShardBytes   int // target size of one term shard, before compression (default 16 KiB)
	ChunkBytes   int // target size of one document-store chunk (default 6 KiB)
	ExcerptChars int // longest text kept per document for its excerpt (default 320)
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
	Files    []render.File // the manifest, term shards, document and text chunks and facets, under search/
	Manifest string        // the manifest's path, always ManifestPath
	Docs     int           // the number of documents
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

// Build builds the index of a linked site. The same site always gives the same bytes.
func Build(site *model.Site, opts Options) Index {
	opts = opts.withDefaults()
	docs := Documents(site)
	b := &builder{site: site, docs: docs, opts: opts}
	m := &manifest{Version: 1, Docs: len(docs), Stop: StopWords(), Files: ""}
	m.Types = b.types()
	m.Shards = b.shards(score(docs))
	m.Chunks = b.chunks("d", func(d *Doc) any { return []any{d.Title, strings.TrimPrefix(d.URL, "/"), int(d.Type), d.Where()} }, b.opts.ChunkBytes)
	m.Texts = b.chunks("x", func(d *Doc) any { return excerptText(d.Body, b.opts.ExcerptChars) }, b.opts.ChunkBytes)
	m.Facets, m.Principles = b.facets()
	ix := Index{Docs: len(docs), Manifest: ManifestPath}
	ix.Files = append(b.files, render.File{Path: ManifestPath, Data: encode(m)})
	slices.SortFunc(ix.Files, func(a, b render.File) int { return strings.Compare(a.Path, b.Path) })
	return ix
}

// manifest is the one file every search loads first, kept small: what a query needs
// to find its shards and documents, nothing a filter alone needs.
type manifest struct {
	Version    int      `json:"version"`
	Docs       int      `json:"docs"`
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
	site  *model.Site
	docs  []*Doc
	opts  Options
	files []render.File
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

// add writes v as <FilesDir><prefix>.<hash>.json and returns its path.
func (b *builder) add(prefix string, v any) string {
	data := encode(v)
	p := FilesDir + prefix + "." + hashOf(data) + ".json"
	b.files = append(b.files, render.File{Path: p, Data: data})
	return p
}

// addFamily writes the values as the files of one family and returns its hash.
func (b *builder) addFamily(prefix string, values []any) string {
	datas := make([][]byte, len(values))
	for i, v := range values {
		datas[i] = encode(v)
	}
	hash := hashOf(datas...)
	for i, data := range datas {
		b.files = append(b.files, render.File{Path: FilesDir + prefix + "." + strconv.Itoa(i) + "." + hash + ".json", Data: data})
	}
	return hash
}

func (b *builder) types() [][]any {
	var out [][]any
	for t := range numTypes {
		from, _ := slices.BinarySearchFunc(b.docs, t, func(d *Doc, t Type) int { return int(d.Type - t) })
		to, _ := slices.BinarySearchFunc(b.docs, t+1, func(d *Doc, t Type) int { return int(d.Type - t) })
		out = append(out, []any{t.ID(), t.Label(), from, to})
	}
	return out
}

func (b *builder) roleIndex(r *model.Role) int {
	return slices.Index(b.site.Roles, r)
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
// term, so a term belongs to the last shard whose key is not greater than it.
func (b *builder) shards(terms []termPostings) family {
	var keys, files []any
	var cur shard
	size, prev := 0, ""
	flush := func() {
		if len(cur.Terms) == 0 {
			return
		}
		key := ""
		if len(files) > 0 {
			key = separator(prev, cur.Terms[0])
		}
		prev = cur.Terms[len(cur.Terms)-1]
		keys, files = append(keys, key), append(files, cur)
		cur, size = shard{}, 0
	}
	for _, tp := range terms {
		cur.Terms = append(cur.Terms, tp.term)
		cur.Postings = append(cur.Postings, tp.list)
		size += len(tp.term) + 4 + 4*len(tp.list)
		if size >= b.opts.ShardBytes {
			flush()
		}
	}
	flush()
	return family{Hash: b.addFamily("i", files), Keys: keys}
}

// shard is one term shard: its sorted terms and, for each, its postings as pairs of
// document-number delta and impact.
type shard struct {
	Terms    []string `json:"t"`
	Postings [][]int  `json:"p"`
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

// chunks writes one value per document in files of about size bytes each: the
// document store ("d": [title, url without the leading slash, type, where]) and the
// excerpt texts ("x"), which only the full search page loads. Keys are the number of
// documents before each file.
func (b *builder) chunks(prefix string, value func(*Doc) any, size int) family {
	var keys, files []any
	var cur []any
	n, last := 0, 0
	for i, d := range b.docs {
		v := value(d)
		cur = append(cur, v)
		n += len(encode(v)) + 1
		if n >= size || i == len(b.docs)-1 {
			keys = append(keys, i+1-len(cur)-last)
			last = i + 1 - len(cur)
			files = append(files, cur)
			cur, n = nil, 0
		}
	}
	return family{Hash: b.addFamily(prefix, files), Keys: keys}
}

// excerptText cuts a text to at most n characters, at a word boundary when one is
// in the second half, and marks the cut with an ellipsis.
func excerptText(s string, n int) string {
	cut, count := -1, 0
	for i := range s {
		if count == n {
			cut = i
			break
		}
		count++
	}
	if cut < 0 {
		return s // n characters or fewer
	}
	// Keep n-1 characters, leaving room for the ellipsis.
	_, size := utf8.DecodeLastRuneInString(s[:cut])
	cut -= size
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > 0 && utf8.RuneCountInString(s[:sp]) > n/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "\u2026"
}

// levelsInRole lists each document's level as its position among its role's levels,
// plus one (0 for none): small numbers in cycles, which compress to almost nothing.
func levelsInRole(docs []*Doc) []int {
	out := make([]int, len(docs))
	for i, d := range docs {
		if d.Level != nil {
			out[i] = d.Level.Index + 1
		}
	}
	return out
}

// facets writes what only the search page's filters need, in two files: the roles,
// levels and principles with each document's role (as runs) and level; and, per
// principle, the documents that carry it (as deltas), which the page loads only once
// the principle filter is used. It returns their names.
func (b *builder) facets() (facets, principles string) {
	f := struct {
		Roles      [][]string `json:"roles"`       // [id, title]
		Levels     [][]any    `json:"levels"`      // [id, title, role]
		Principles [][]string `json:"principles"`  // [id, title]
		RoleRuns   []int      `json:"roleRuns"`    // first doc, role+1 (0: none), ...
		Levels1    []int      `json:"levelInRole"` // per doc, its level's position in its role + 1 (0: none)
	}{
		Roles: [][]string{}, Levels: [][]any{}, Principles: [][]string{},
		RoleRuns: runs(b.docs, func(d *Doc) int { return b.roleIndex(d.Role) + 1 }),
		Levels1:  levelsInRole(b.docs),
	}
	for i, r := range b.site.Roles {
		f.Roles = append(f.Roles, []string{r.ID, r.Title})
		for _, l := range r.Levels {
			f.Levels = append(f.Levels, []any{l.ID, l.Title, i})
		}
	}
	docs := [][]int{}
	for _, p := range b.site.Principles {
		f.Principles = append(f.Principles, []string{p.ID, p.Title})
		list, last := []int{}, 0
		for i, d := range b.docs {
			if slices.Contains(d.Principles, p) {
				list = append(list, i-last)
				last = i
			}
		}
		docs = append(docs, list)
	}
	return path.Base(b.add("f", f)), path.Base(b.add("p", docs))
}

// compareUTF16 compares strings as JavaScript does, by UTF-16 code units, so that the
// browser's binary search over shard keys agrees with the order written here.
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}
