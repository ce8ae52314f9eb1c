package render

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/theme"
)

// Rendered is one render of one state of the model: the parsed templates, the page
// list, the URL index and the caches of what pages share (markdown parts, cells,
// cached partials). Pages are rendered when first asked for (File) or all at once
// (Check), each once; nothing is ever re-rendered or invalidated. A changed model gets
// a new Rendered, with empty caches: Prepare for a model loaded anew, Next for one
// whose content alone was patched (model.Patch). So no page can differ from what a
// render from nothing of the same model makes, whichever pages were asked for and in
// which order. A Rendered is safe for concurrent use, as long as its model is not
// changed meanwhile.
type Rendered struct {
	r  *renderer
	th *theme.Theme

	extrasOnce sync.Once
	extras     map[string]*lazyFile // output path -> a file other than a page
	extraOrder []string
}

// lazyFile is a file other than a page, made when first asked for.
type lazyFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

// New renders every page of site. It returns nil when the theme's templates do not
// parse; otherwise the diagnostics list the problems found in rendering, such as
// broken links.
func New(site *model.Site, th *theme.Theme, opts Options) (*Rendered, diag.List) {
	rd, diags := Prepare(site, th, opts)
	if rd == nil {
		return nil, diags
	}
	d, _ := rd.Check(0, nil)
	diags.Append(d)
	if opts.Emit != nil {
		rd.r.parts = map[markdown.PartKey]*renderedPart{} // the pages are written: no one asks again
	}
	return rd, diags
}

// Prepare makes a render of site without rendering anything yet: pages are rendered
// when asked for. It returns nil when the theme's templates do not parse; otherwise the
// diagnostics are those found in listing the pages (such as two pages at one path);
// Check finds the rest.
func Prepare(site *model.Site, th *theme.Theme, opts Options) (*Rendered, diag.List) {
	return prepare(site, th, opts, nil, nil)
}

// Next is a new render of the same model after model.Patch changed its content alone
// (see model.SameShape), or that and the titles of the principles retitled (see
// graph.CanRetitle): the same theme, options and parsed templates, with empty caches.
// What depends on the model's shape alone and the cells of the matrices whose CSV is
// as it was are taken over, since they are made of nothing else: the page list, but
// for the pages whose listing names a retitled principle's title (its own pages' titles
// and crumbs, the titles of the redirect pages leading to them), listed again. rd must
// not be asked for pages it has not rendered once its model is patched: they would
// show the patched model.
func (rd *Rendered) Next(retitled []*model.Principle) (*Rendered, diag.List) {
	return prepare(rd.r.site, rd.th, rd.r.opts, rd.r, retitled)
}

// prepare makes a render of site, taking over from prev, the render of the same model
// before a patch, what the patch leaves as it was: all but the pages of the retitled
// principles, listed again.
func prepare(site *model.Site, th *theme.Theme, opts Options, prev *renderer, retitled []*model.Principle) (*Rendered, diag.List) {
	r, diags := newRenderer(site, th, opts, prev)
	if diags.HasErrors(false) {
		return nil, diags
	}
	var byPath map[string]int
	if prev != nil {
		prev.prepare()
		r.cells, r.cellLinks = maps.Clone(prev.cells), maps.Clone(prev.cellLinks)
		r.cellDiags, r.cellCSV = maps.Clone(prev.cellDiags), maps.Clone(prev.cellCSV)
	}
	if prev != nil && prev.listed && r.relist(prev, retitled) {
		// The pages, their paths and URLs and where each source's links lead are made
		// of the model's shape alone, which a patch leaves as it was, but for the
		// titles of retitled principles; so are the problems listing them finds, but
		// for their positions, which are content. So a listing that found none is
		// taken over.
		r.byURL, r.homes, r.targets, r.listed = prev.byURL, prev.homes, prev.targets, true
		byPath = prev.byPath
	} else {
		r.indexSources()
		pages := r.listPages()
		redirects, d := r.redirectPages(pages)
		listed := d
		// Redirect pages are files like any page: the same check of their paths.
		r.pages, d = r.uniquePaths(append(pages, redirects...))
		listed.Append(d)
		diags.Append(listed)
		r.indexURLs()
		r.listed = len(listed) == 0
		byPath = make(map[string]int, len(r.pages))
		for i, d := range r.pages {
			byPath[outputPath(d.URL)] = i
		}
	}
	n := len(r.pages)
	r.files, r.pageLinks, r.pageDiags = make([]output.File, n), make([][]pendingLink, n), make([]diag.List, n)
	r.rendered, r.done = make([]sync.Once, n), make([]atomic.Bool, n)
	if opts.Emit != nil {
		r.anchors = make([]string, n)
	}
	r.byPath = byPath
	return &Rendered{r: r, th: th}, diags
}

// relist sets r's pages to prev's, with the pages of the principles ps listed again,
// as listPages lists them from the patched model, and the redirect pages to them given
// their new titles. ok is false if those do not take the places of prev's, which a
// retitle cannot cause: the pages must be listed from nothing. A retitle changes no
// address, so the redirect pages are prev's but for their titles.
func (r *renderer) relist(prev *renderer, ps []*model.Principle) (ok bool) {
	if len(ps) == 0 {
		r.pages = prev.pages
		return true
	}
	pages := slices.Clone(prev.pages)
	titles := map[string]string{} // the pages listed again: their titles, by URL
	page := r.pageMaker()
	for _, p := range ps {
		at, found := prev.byURL[p.URL()]
		if !found {
			return false
		}
		for i, d := range r.principlePages(p, page) {
			if at+i >= len(pages) || pages[at+i].URL != d.URL || pages[at+i].Kind != d.Kind {
				return false
			}
			pages[at+i] = d
			titles[d.URL] = d.Title
		}
	}
	for i := len(pages) - 1; i >= 0 && pages[i].Kind == "redirect"; i-- { // listed last (see prepare)
		if title, ok := titles[pages[i].RedirectTo]; ok && pages[i].Title != title {
			moved := *pages[i]
			moved.Title = title
			pages[i] = &moved
		}
	}
	r.pages = pages
	return true
}

// Check renders every page not rendered yet and returns the problems of the whole
// render: those found in rendering each page and its cells, and every link written in
// content whose page or anchor does not exist. With Prepare's, they are what a render
// from nothing reports. It renders with the given number of workers (0: one per core).
// stop, if not nil, is asked between pages whether to give up; ok is false when it did,
// and the list is then nil.
func (rd *Rendered) Check(workers int, stop func() bool) (diags diag.List, ok bool) {
	r := rd.r
	if !r.renderAll(workers, stop) {
		return nil, false
	}
	for _, role := range r.site.Roles {
		diags.Append(r.cellDiags[role.CSVPath])
	}
	for _, d := range r.pageDiags {
		diags.Append(d)
	}
	diags.Append(r.checkLinks(func(int, string, pendingLink) bool { return true }))
	return diags, true
}

// Pages returns the HTML pages, in the order the site lists them, rendering those not
// rendered yet; without their data when Options.Emit took it.
func (rd *Rendered) Pages() []output.File {
	rd.r.renderAll(0, nil)
	return slices.Clone(rd.r.files)
}

// Extras returns the files other than pages (see extras), made from the model as it is
// now.
func (rd *Rendered) Extras() []output.File {
	rd.listExtras()
	files := make([]output.File, 0, len(rd.extraOrder))
	for _, p := range rd.extraOrder {
		if data := rd.extra(p); data != nil {
			files = append(files, output.File{Path: p, Data: data})
		}
	}
	return files
}

// File returns the page or other file at path, rendering or making it if this render
// has not yet. ok is false when the site has no such file.
func (rd *Rendered) File(path string) (data []byte, ok bool) {
	if i, ok := rd.r.byPath[path]; ok {
		return rd.r.page(i).Data, true
	}
	rd.listExtras()
	if _, ok := rd.extras[path]; !ok {
		return nil, false
	}
	data = rd.extra(path)
	return data, data != nil
}

// Rendered returns the page at path if this render has rendered it, without rendering
// it: what a page shown before a change showed.
func (rd *Rendered) Rendered(path string) (data []byte, ok bool) {
	i, ok := rd.r.byPath[path]
	if !ok {
		return nil, false
	}
	if !rd.r.done[i].Load() {
		return nil, false
	}
	return rd.r.files[i].Data, true
}

// IsPage reports whether path is one of the site's pages.
func (rd *Rendered) IsPage(path string) bool {
	_, ok := rd.r.byPath[path]
	return ok
}

func (rd *Rendered) listExtras() {
	rd.extrasOnce.Do(func() {
		rd.extras = map[string]*lazyFile{}
		for _, f := range rd.r.extraFiles() {
			rd.extras[f.path] = &lazyFile{make: f.data}
			rd.extraOrder = append(rd.extraOrder, f.path)
		}
	})
}

func (rd *Rendered) extra(path string) []byte {
	f := rd.extras[path]
	f.once.Do(func() { f.data = f.make() })
	return f.data
}

// PageCount returns the number of HTML pages.
func (rd *Rendered) PageCount() int { return len(rd.r.pages) }
