package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"text/template/parse"
)

// cachedPartial is a template executed once per render for one key, with what the
// execution recorded, replayed on every page that shows it.
type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
	recording
}

// maxCacheKeys is how many keys {{cached}} takes after its data.
const maxCacheKeys = 4

// cached is the template function {{cached "name" data key...}}: it executes the
// named template with data the first time a render meets that definition of the
// template with those keys, and returns the same HTML every later time, as Hugo's
// partialCached does. Without keys, data itself is the key: {{cached "chip" .}} in a
// range over principles executes the chip once per principle, however many pages
// show it. The template must depend on nothing but what the keys name.
//
// A page kind's template file may redefine a partial (or a template the partial
// executes) for its own pages: the key holds which definition was executed (see
// definitions), so each page gets its own kind's version.
func (w *worker) cached(name string, data any, keys ...any) (template.HTML, error) {
	def, ok := w.r.defs.of(w.page.Kind, name)
	if !ok {
		return "", fmt.Errorf("cached: no template %q", name)
	}
	k := cacheKey{def: def}
	switch {
	case len(keys) == 0:
		k.key = keyOf(data)
	case len(keys) == 1:
		k.key = keyOf(keys[0])
	case len(keys) <= maxCacheKeys:
		var ks [maxCacheKeys]any
		for i, key := range keys {
			ks[i] = keyOf(key)
		}
		k.key = ks
	default:
		return "", fmt.Errorf("cached %q: %d keys, at most %d", name, len(keys), maxCacheKeys)
	}
	p := w.seen[k]
	if p == nil {
		p = w.r.cachedPartial(k)
		w.seen[k] = p
	}
	p.once.Do(func() { w.executeCached(p, name, data) })
	if p.err != nil {
		return "", p.err
	}
	p.replay(w)
	return p.html, nil
}

// each is the template function {{each "name" LIST [SEP]}}: the cached execution of
// the named template for each item of the list, one after the other (SEP between
// two), as {{range LIST}}{{cached "name" .}}{{end}} writes them. It is one call for the whole
// list where range makes two for each item (the call and the escaping of what it
// returns), which is most of what a list of a thousand questions costs a page.
func (w *worker) each(name string, list any, sep ...string) (template.HTML, error) {
	if len(sep) > 1 {
		return "", fmt.Errorf("each %q: %d separators, at most one", name, len(sep))
	}
	between := template.HTML(template.HTMLEscapeString(strings.Join(sep, "")))
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("each %q: %T is not a list", name, list)
	}
	items := make([]template.HTML, v.Len())
	size := 0
	for i := range items {
		html, err := w.cached(name, v.Index(i).Interface())
		if err != nil {
			return "", err
		}
		items[i], size = html, size+len(html)+len(between)
	}
	var b strings.Builder
	b.Grow(size)
	for i, html := range items {
		if i > 0 {
			b.WriteString(string(between))
		}
		b.WriteString(string(html))
	}
	return template.HTML(b.String()), nil
}

// keyOf makes a key for the cache's map: a pointer (a model item, the page's data),
// a string, a number, a bool or a Link as it is, since it is comparable and cheap to hash;
// anything else (a list, a struct) as its printed form, which names its parts (the
// items of a list by their addresses).
func keyOf(v any) any {
	switch v.(type) {
	case nil, Link:
		return v
	}
	switch reflect.TypeOf(v).Kind() {
	case reflect.Pointer, reflect.String, reflect.Bool, reflect.Int, reflect.Int64,
		reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Float64:
		return v
	}
	return fmt.Sprintf("%T %v", v, v)
}

// executeCached executes the named template into p, recording the links written in it
// and the problems found, apart from the page's own.
func (w *worker) executeCached(p *cachedPartial, name string, data any) {
	links, diags := len(w.links), len(w.diags)
	var b strings.Builder // its String does not copy, as a bytes.Buffer's would
	p.err = w.kind(w.page.Kind).ExecuteTemplate(&b, name, data)
	p.html = template.HTML(b.String()) // made by html/template, escaped for HTML text
	p.since(w, links, diags)
	w.links, w.diags = w.links[:links], w.diags[:diags] // cached replays them
}

// cacheKey names a cached template execution: which definition of the template (see
// definitions) and the key it was called with.
type cacheKey struct {
	def int
	key any
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

// definitions numbers the distinct definitions of each template across the page
// kinds' template sets. Every set holds base.html, the partials and its kind's file,
// parsed together, and a kind's file may redefine any template of the others for its
// own pages (a site theme's home.html its own "footer-links"). Two sets execute a
// template the same way when the template and every template it executes, however
// deeply, come from the same files: those sets share the template's number, so
// {{cached}} executes it once for all of them.
type definitions struct {
	ids map[string]map[string]int // page kind -> template name -> its definition's number
}

// of returns the number of the definition of the template name in the kind's set.
func (d definitions) of(kind, name string) (int, bool) {
	id, ok := d.ids[kind][name]
	return id, ok
}

// defineDefinitions numbers the definitions of the templates of sets, each parsed
// from base.html, the partials and its kind's file of the theme, in that order.
func defineDefinitions(theme fs.FS, sets map[string]*template.Template) definitions {
	partials, _ := fs.Glob(theme, "templates/partials/*.html")
	definedIn := map[string][]string{} // file -> the templates it defines
	numbers := map[string]int{}        // a definition, written out -> its number
	d := definitions{ids: map[string]map[string]int{}}
	for _, kind := range slices.Sorted(maps.Keys(sets)) {
		files := append(append([]string{"templates/base.html"}, partials...), "templates/"+kind+".html")
		from := map[string]string{} // template name -> the file whose definition the set holds
		for _, f := range files {
			names, ok := definedIn[f]
			if !ok {
				names = templatesDefinedIn(theme, f)
				definedIn[f] = names
			}
			for _, n := range names {
				from[n] = f
			}
		}
		set := sets[kind]
		ids := map[string]int{}
		for _, t := range set.Templates() {
			sig := signature(set, t.Name(), from)
			id, ok := numbers[sig]
			if !ok {
				id = len(numbers)
				numbers[sig] = id
			}
			ids[t.Name()] = id
		}
		d.ids[kind] = ids
	}
	return d
}

// signature writes out which definition of the template name the set holds: the
// file of each template it executes, itself included.
func signature(set *template.Template, name string, from map[string]string) string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		if t := set.Lookup(n); t != nil && t.Tree != nil && t.Tree.Root != nil {
			templatesExecuted(t.Tree.Root, visit)
		}
	}
	visit(name)
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(seen)) {
		b.WriteString(n + "\x00" + from[n] + "\x00")
	}
	return b.String()
}

// templatesDefinedIn lists the templates the file defines with a body, as the
// template package counts them when it parses files together: a definition that is
// only white space does not replace an earlier one. A file's own text is the template
// named by its base name.
func templatesDefinedIn(theme fs.FS, file string) []string {
	text, err := fs.ReadFile(theme, file)
	if err != nil {
		return nil
	}
	t := parse.New(path.Base(file))
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(string(text), "", "", trees); err != nil {
		return nil // the set did not parse either, and says why
	}
	var names []string
	for n, tree := range trees {
		if tree.Root != nil && !parse.IsEmptyTree(tree.Root) {
			names = append(names, n)
		}
	}
	return names
}

// templatesExecuted calls f with the name of each template that node executes, in its
// branches too: by {{template "name"}}, by {{cached "name" ...}} or {{each "name" ...}}
// and, for the template
// "link", by the link function.
func templatesExecuted(node parse.Node, f func(string)) {
	walkTree(node, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.TemplateNode:
			f(n.Name)
		case *parse.CommandNode:
			switch calledFunc(n) {
			case "cached", "each":
				if len(n.Args) > 1 {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						f(s.Text)
					}
				}
			case "link":
				f("link")
			}
		}
	})
}
