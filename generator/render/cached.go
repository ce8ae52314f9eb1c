package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// cachedPartial is a template executed once per render for one key, with what the
// execution recorded, replayed on every page that shows it.
type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
	recording
}

// cached is the template function {{cached "name" data key...}}: it executes the
// named template with data the first time a render meets the name with those keys,
// and returns the same HTML every later time, as Hugo's partialCached does. A page's
// chrome (its head's links, the site header) is the same on thousands of pages; the
// theme caches it by what it varies with, such as the page's kind. The template must
// depend on nothing but data's parts named by the keys.
func (w *worker) cached(name string, data any, keys ...any) (template.HTML, error) {
	k := cacheKey{name: name}
	if len(keys) == 1 {
		k.key, _ = keys[0].(string) // the common case, without formatting
	}
	if k.key == "" && len(keys) > 0 {
		k.key, k.formatted = fmt.Sprint(keys...), true
	}
	p := w.r.cachedPartial(k)
	p.once.Do(func() { w.executeCached(p, name, data) })
	if p.err != nil {
		return "", p.err
	}
	p.replay(w)
	return w.fragment(p.html), nil
}

// executeCached executes the named template into p, recording the links written in it
// and the problems found, apart from the page's own.
// HTML bounded by block elements is finished once, here, as a page is (its own
// fragments marked and put back after the rest is finished), and spliced into pages;
// other HTML is finished with each page that shows it.
func (w *worker) executeCached(p *cachedPartial, name string, data any) {
	links, diags := len(w.links), len(w.diags)
	splicing, pieces, frags := w.splicing, w.pieces, w.frags
	t := w.kind(w.page.Kind)
	var b bytes.Buffer
	execute := func(splice bool) {
		w.links, w.diags = w.links[:links], w.diags[:diags]
		w.splicing, w.pieces, w.frags = splice, nil, nil
		b.Reset()
		p.err = t.ExecuteTemplate(&b, name, data)
	}
	finished := false
	if w.r.opts.Fragments != nil {
		execute(true)
		skeleton := w.r.finishFragment(b.String())
		if html, ok := splice(nil, []byte(skeleton), w.pieces, w.frags); ok && blockBounded(string(html)) {
			p.html, finished = template.HTML(html), true
		}
	}
	if !finished {
		execute(false)
		p.html = template.HTML(b.String()) // made by html/template, escaped for HTML text
	}
	p.since(w, links, diags)
	w.links, w.diags = w.links[:links], w.diags[:diags] // cached replays them
	w.splicing, w.pieces, w.frags = splicing, pieces, frags
}

// cacheKey names a cached template execution: the template and its keys, one string
// key as it is, any others formatted.
type cacheKey struct {
	name, key string
	formatted bool
}

// cachedPartial returns the cache entry for key, making it if need be.
func (r *renderer) cachedPartial(key cacheKey) *cachedPartial {
	r.cacheMu.Lock()
	defer r.cacheMu.Unlock()
	p := r.cache[key]
	if p == nil {
		p = &cachedPartial{}
		r.cache[key] = p
	}
	return p
}
