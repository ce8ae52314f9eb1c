package render

import (
	"bytes"
	"maps"
	"slices"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/theme"
)

// Rendered is a rendered site kept in memory, so that it can be brought up to date
// cheaply: when content files change only in text that the model holds as content
// (bodies and cells; see build.Session), Update re-renders just the pages that show it.
type Rendered struct {
	r *renderer
}

// New renders every page of site. It returns nil when the theme's templates do not
// parse; otherwise the diagnostics list the problems found in rendering, such as
// broken links.
func New(site *model.Site, th *theme.Theme, opts Options) (*Rendered, diag.List) {
	r, diags := newRenderer(site, th, opts)
	if diags.HasErrors(false) {
		return nil, diags
	}
	var d diag.List
	pages := r.listPages()
	redirects, d := r.redirectPages(pages)
	diags.Append(d)
	// Redirect pages are files like any page: the same check of their paths.
	r.pages, d = r.uniquePaths(append(pages, redirects...))
	diags.Append(d)
	r.renderPages()
	if opts.Emit != nil {
		r.parts = map[markdown.PartKey]*renderedPart{} // no Update will need them
	}
	r.indexURLs()
	diags.Append(r.diags)
	diags.Append(r.checkLinks(func(int, string, pendingLink) bool { return true }))
	return &Rendered{r}, diags
}

// Pages returns the HTML pages, in the order the site lists them; without their data
// when Options.Emit took it.
func (rd *Rendered) Pages() []output.File {
	return slices.Clone(rd.r.files)
}

// Extras returns the files other than pages (see extras), made from the model as it is
// now.
func (rd *Rendered) Extras() []output.File {
	return rd.r.extras()
}

// Update re-renders what shows text from the given content files, which the caller has
// changed in place in the model without changing anything else in it: their matrices'
// cells and every page that showed their text. It returns the pages re-rendered, and
// checks again the links written in them and the links into them, since their anchors
// may have changed. It needs the pages' data: Options.Emit must not be set.
func (rd *Rendered) Update(sources []string) ([]output.File, diag.List) {
	r := rd.r
	changed := map[string]bool{}
	for _, s := range sources {
		changed[s] = true
	}
	r.diags = nil
	r.forgetParts(changed)
	r.forgetCached(changed)
	var roles []*model.Role
	for _, role := range r.site.Roles {
		if changed[role.CSVPath] {
			roles = append(roles, role)
		}
	}
	r.renderCells(roles) // also readies r.spare
	w := r.spare
	w.diags = nil
	redo := r.pagesShowing(sources)
	files := make([]output.File, 0, len(redo))
	for _, i := range redo {
		deps := r.deps[i]
		r.files[i], r.deps[i], r.pageLinks[i] = w.render(r.pages[i])
		r.files[i].Data = bytes.Clone(r.files[i].Data) // the worker's buffer
		if !slices.Equal(deps, r.deps[i]) {
			r.shows = nil // made again when next needed
		}
		files = append(files, r.files[i])
	}
	diags := append(r.diags, w.diags...)
	diags.Append(r.recheckLinks(redo, changed))
	return files, diags
}

// pagesShowing returns the indexes of the pages that show text from any of sources,
// in order.
func (r *renderer) pagesShowing(sources []string) []int {
	set := map[int]bool{}
	for _, s := range sources {
		if r.shows == nil {
			r.shows = map[string][]int{}
			for i, deps := range r.deps {
				for _, d := range deps {
					r.shows[d] = append(r.shows[d], i)
				}
			}
		}
		for _, i := range r.shows[s] {
			set[i] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// recheckLinks checks the links written in the pages redo and in the cells of the
// matrices changed, and the links to an anchor of a page in redo.
func (r *renderer) recheckLinks(redo []int, changed map[string]bool) diag.List {
	redone, urls := map[int]bool{}, map[string]bool{}
	for _, i := range redo {
		redone[i], urls[r.pages[i].URL] = true, true
	}
	return r.checkLinks(func(page int, matrix string, l pendingLink) bool {
		return redone[page] || changed[matrix] || l.anchor != "" && urls[l.url]
	})
}
