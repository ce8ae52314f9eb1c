// Package build is the one place that knows the order of the pipeline: check the options,
// load the sources, link the model, prepare the theme's assets, render every page,
// minify. The command line and the dev server call it; it writes nothing itself
// (output.Begin and output.Write publish). ParseBaseURL is the one check of the URL a
// site is published at, which the command line uses to refuse a bad --base-url as a
// usage error and Build applies to Options.BaseURL.
package build

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/highlight"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
)

// Options control a build.
type Options struct {
	BaseURL string        // where the site is published (see ParseBaseURL); "" for root-relative links only
	Drafts  bool          // include drafts
	Minify  bool          // minify the theme's CSS, JS and SVG; pages are written as the templates make them
	Head    template.HTML // trusted markup for every page's head, such as the dev server's script

	// Progress, if set, hears of the pages rendered so far, for a progress display.
	Progress func(done, total int)

	// Emit, if set, is handed each page as soon as it is rendered and the search
	// index's files as soon as they are made, from several goroutines at once; the
	// result's Files hold the other files only: the command line writes them as they
	// are made, so that a large site is never held in memory whole.
	Emit func(output.File)

	// Dir, if set, is the site folder on disk, whose git history gives the site its
	// changelog (see the history package); "" builds without one.
	Dir string
	// HistoryCache is where what each release changed is kept between builds; ""
	// for the user's cache folder (handbook/history in it).
	HistoryCache string
	// Notes, if set, hears what a user should know that is no problem of the
	// sources, such as that the site folder has no git history.
	Notes io.Writer
}

// Result is a built site, in memory.
type Result struct {
	Site     *model.Site
	Files    []output.File
	Pages    int // HTML pages among Files
	Duration time.Duration
}

// Build builds the site in the site folder fsys (which holds content/ and, optionally,
// themes/). The result is nil when there are errors; warnings come with a result.
// It is what a Session does from nothing: load the model, then render every page of
// that generation and check it whole.
func Build(fsys fs.FS, opts Options) (*Result, diag.List) {
	return newSession(fsys, opts).Rebuild(nil)
}

// Generation is the site as one state of its sources makes it: the linked model and
// its render (see render.Rendered), the theme's assets and, made when first asked for,
// the search index. Its files are made when asked for (File), or all at once (Check,
// Files); each once. A Session makes a new Generation for every change.
type Generation struct {
	site     *model.Site
	fsys     fs.FS          // the site folder, for naming the site theme's files in problems
	strings  *theme.Strings // the theme's words, which the search index uses too
	rendered *render.Rendered
	assets   []output.File     // the theme's assets, fingerprinted
	emit     func(output.File) // Options.Emit: the pages and the search index go there as they are made, and are not kept

	indexOnce sync.Once
	index     []output.File
}

// Site returns the generation's linked model.
func (g *Generation) Site() *model.Site { return g.site }

// Pages returns the number of HTML pages.
func (g *Generation) Pages() int { return g.rendered.PageCount() }

// File returns the file of the site at path ("principles/ownership/index.html",
// "search/index.json"), making it if this generation has not yet. ok is false when the
// site has no such file.
func (g *Generation) File(path string) (data []byte, ok bool) {
	if data, ok := g.rendered.File(path); ok {
		return data, true
	}
	for _, f := range g.assets {
		if f.Path == path {
			return f.Data, true
		}
	}
	if strings.HasPrefix(path, search.FilesDir) {
		for _, f := range g.searchIndex() {
			if f.Path == path {
				return f.Data, true
			}
		}
	}
	return nil, false
}

// Rendered returns the page at path if this generation has rendered it, without
// rendering it.
func (g *Generation) Rendered(path string) ([]byte, bool) { return g.rendered.Rendered(path) }

// IsPage reports whether path is one of the site's HTML pages.
func (g *Generation) IsPage(path string) bool { return g.rendered.IsPage(path) }

// Assets returns the theme's assets, fingerprinted.
func (g *Generation) Assets() []output.File { return g.assets }

// Check renders every page not rendered yet and returns the problems that rendering
// the whole site finds (see render.Rendered.Check); with the problems the Session
// reported with the generation, they are what a build from nothing reports. It renders
// with the given number of workers (0: one per core); stop, if not nil, is asked
// between pages whether to give up (ok false).
func (g *Generation) Check(workers int, stop func() bool) (diags diag.List, ok bool) {
	d, ok := g.rendered.Check(workers, stop)
	if !ok {
		return nil, false
	}
	return siteThemePaths(g.fsys, g.site, d), true
}

// Files returns every file of the site, made: pages and extras (the headers file among
// them) sorted by path, then the assets and the search index. When the pages and the
// index went to Options.Emit, they are left out.
func (g *Generation) Files() []output.File {
	var pages []output.File
	if g.emit == nil {
		pages = g.rendered.Pages()
	}
	extras, index := g.rendered.Extras(), g.searchIndex()
	files := make([]output.File, 0, len(pages)+len(extras)+len(g.assets)+len(index))
	files = append(append(files, pages...), extras...)
	slices.SortFunc(files, func(x, y output.File) int { return strings.Compare(x.Path, y.Path) })
	return append(append(files, g.assets...), index...)
}

// searchIndex returns the search index's files, building the index the first time.
// With Options.Emit, the files go there as soon as they are made, and none are kept:
// a large site's index is not held until its last page is rendered.
func (g *Generation) searchIndex() []output.File {
	g.indexOnce.Do(func() {
		files := search.Build(g.site, g.SearchOptions()).Files
		if g.emit == nil {
			g.index = files
			return
		}
		for _, f := range files {
			g.emit(f)
		}
	})
	return g.index
}

// SearchOptions returns the options of the generation's search index (the theme's
// words), for a caller that makes the index itself, as the dev server does.
func (g *Generation) SearchOptions() search.Options { return search.Options{Strings: g.strings} }

// headersFile is the header policy as a _headers file for the hosts that read one, its
// paths under the site's base path as _redirects' are.
func headersFile(basePath string) []byte {
	return output.Headers(output.HeaderPolicy(), basePath)
}

// load loads the site's model and prepares its render, rendering nothing yet. It
// returns nil when there are errors. The diagnostics are those of loading and
// preparing; the generation's Check finds the rest.
func load(fsys fs.FS, opts Options) (*Generation, diag.List) {
	base, baseErr := ParseBaseURL(opts.BaseURL)
	if baseErr != nil {
		return nil, diag.List{{Pos: diag.Pos{File: "--base-url"}, Severity: diag.Error, Message: fmt.Sprintf("%q: %v", opts.BaseURL, baseErr)}}
	}
	opts.BaseURL = base
	site, diags := source.Load(fsys, source.Options{Drafts: opts.Drafts})
	if site == nil {
		return nil, diags
	}
	history := readHistory(opts, site)
	diags.Append(graph.Build(site))
	at := site.Pos
	if site.ThemePos.Line > 0 {
		at = site.ThemePos // the theme: line
	}
	th, tdiags := theme.Load(fsys, site.Theme, at, site.Language)
	diags.Append(siteThemePaths(fsys, site, tdiags))
	if th == nil {
		return nil, diags
	}
	hl := highlight.New()
	css, cssErr := hl.CSS()
	if cssErr != nil {
		diags.Errorf(diag.Pos{File: "highlight"}, "%v", cssErr)
	}
	var min *output.Minifier
	if opts.Minify {
		min = output.NewMinifier()
	}
	assets, names, assetErr := output.Assets(th.FS, css, min)
	if assetErr != nil {
		diags.Errorf(diag.Pos{File: "assets"}, "theme assets: %v", assetErr)
	}
	if assetErr != nil || cssErr != nil {
		return nil, diags
	}
	names["search-manifest"] = search.ManifestPath // base.html gives the search script its index
	ropts := render.Options{BaseURL: opts.BaseURL, Assets: names, Highlighter: hl, Head: opts.Head, Progress: opts.Progress, Emit: opts.Emit, Headers: headersFile}
	log, historyErr := history()
	if historyErr != nil {
		diags.Append(historyErr)
		return nil, diags
	}
	ropts.History = log
	rendered, rdiags := render.Prepare(site, th, ropts)
	diags.Append(siteThemePaths(fsys, site, rdiags))
	if rendered == nil {
		return nil, diags
	}
	return &Generation{site: site, fsys: fsys, strings: th.Strings, rendered: rendered, assets: assets, emit: opts.Emit}, diags
}
