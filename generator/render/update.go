package render

import (
	"io/fs"
	"maps"
	"slices"

	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/model"
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
func New(site *model.Site, theme fs.FS, opts Options) (*Rendered, diag.List) {
	r, diags := newRenderer(site, theme, opts)
	if diags.HasErrors(false) {
		return nil, diags
	}
	var d diag.List
	r.pages, d = uniqueURLs(r.listPages())
	diags.Append(d)
	r.renderPages()
	if opts.Emit != nil {
		r.parts = map[markdown.PartKey]renderedPart{} // no Update will need them
	}
	r.indexURLs()
	diags.Append(r.diags)
	diags.Append(r.checkLinks(func(int, string, pendingLink) bool { return true }))
	return &Rendered{r}, diags
}

// Pages returns the HTML pages, in the order the site lists them; without their data
// when Options.Emit took it.
func (rd *Rendered) Pages() []File {
	return slices.Clone(rd.r.files)
}

// Extras returns the files other than pages (see extras), made from the model as it is
// now.
func (rd *Rendered) Extras() []File {
	return rd.r.extras()
}

// Update re-renders what shows text from the given content files, which the caller has
// changed in place in the model without changing anything else in it: their matrices'
// cells and every page that showed their text. It returns the pages re-rendered, and
// checks again the links written in them and the links into them, since their anchors
// may have changed. It needs the pages' data: Options.Emit must not be set.
func (rd *Rendered) Update(sources []string) ([]File, diag.List) {
	r := rd.r
	changed := map[string]bool{}
	for _, s := range sources {
		changed[s] = true
	}
	r.diags = nil
	r.forgetParts(changed)
	var roles []*model.Role
	for _, role := range r.site.Roles {
		if changed[role.CSVPath] {
			roles = append(roles, role)
		}
	}
	r.renderCells(roles) // also readies r.spare
	w := r.spare
	w.diags = nil
	redone := map[int]bool{}
	for _, s := range sources {
		for _, i := range r.showing(s) {
			redone[i] = true
		}
	}
	var files []File
	for _, i := range slices.Sorted(maps.Keys(redone)) {
		deps := r.deps[i]
		r.files[i], r.deps[i], r.pageLinks[i] = w.render(r.pages[i])
		if !slices.Equal(deps, r.deps[i]) {
			r.shows = nil // made again when next needed
		}
		files = append(files, r.files[i])
	}
	diags := append(r.diags, w.diags...)
	redoneURL := map[string]bool{}
	for i := range redone {
		redoneURL[r.pages[i].URL] = true
	}
	diags.Append(r.checkLinks(func(page int, matrix string, l pendingLink) bool {
		return redone[page] || changed[matrix] || l.anchor != "" && redoneURL[l.url]
	}))
	return files, diags
}

// showing returns the pages that show text from the content file p.
func (r *renderer) showing(p string) []int {
	if r.shows == nil {
		r.shows = map[string][]int{}
		for i, deps := range r.deps {
			for _, d := range deps {
				r.shows[d] = append(r.shows[d], i)
			}
		}
	}
	return r.shows[p]
}
