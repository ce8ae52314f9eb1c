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

	// Emit, if set, is handed each page as soon as it is rendered, and
	// the result's Files hold the other files only: the command line writes pages as
	// they are made, so that a large site is never held in memory whole.
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
	Rendered int // pages rendered by this build: all of them, unless a Session could do less
	Duration time.Duration
}

// Build builds the site in the site folder fsys (which holds content/ and, optionally,
// themes/). The result is nil when there are errors; warnings come with a result.
func Build(fsys fs.FS, opts Options) (*Result, diag.List) {
	start := time.Now()
	b, diags := buildAll(fsys, opts)
	if b == nil {
		return nil, diags
	}
	return b.result(start), diags
}

// built is a successful build, kept by a Session so that the next can start from it.
type built struct {
	site     *model.Site
	strings  *theme.Strings // the theme's words, which the search index uses too
	rendered *render.Rendered
	assets   []output.File  // the theme's assets, fingerprinted
	files    []output.File  // every file: pages and extras sorted by path, then assets and the search index
	at       map[string]int // path -> index in files, made when a Session first needs it
	pages    int
	emitted  bool // the pages went to Options.Emit; files holds the others
}

// setFiles lists the files of the site: pages (as rendered lists them) and extras
// (the headers file among them) sorted by path, then the assets and the search index.
func (b *built) setFiles(extras, index []output.File) {
	pages := b.rendered.Pages()
	b.pages = len(pages)
	if b.emitted {
		pages = nil
	}
	files := make([]output.File, 0, len(pages)+len(extras)+len(b.assets)+len(index))
	files = append(append(files, pages...), extras...)
	slices.SortFunc(files, func(x, y output.File) int { return strings.Compare(x.Path, y.Path) })
	b.files, b.at = append(append(files, b.assets...), index...), nil
}

// headersFile is the header policy as a _headers file for the hosts that read one, its
// paths under the site's base path as _redirects' are.
func headersFile(basePath string) []byte {
	return output.Headers(output.HeaderPolicy(), basePath)
}

// replace puts files in the place of those of the same paths.
func (b *built) replace(files []output.File) {
	if b.at == nil {
		b.at = make(map[string]int, len(b.files))
		for i, f := range b.files {
			b.at[f.Path] = i
		}
	}
	for _, f := range files {
		b.files[b.at[f.Path]] = f
	}
}

func (b *built) result(start time.Time) *Result {
	return &Result{Site: b.site, Files: slices.Clone(b.files), Pages: b.pages, Rendered: b.pages, Duration: time.Since(start)}
}

// buildAll runs the whole pipeline. It returns nil when there are errors.
func buildAll(fsys fs.FS, opts Options) (*built, diag.List) {
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
	strs := th.Strings
	// The search index is built while pages render: both only read the linked model,
	// and the index's work fills the cores while rendering prepares its shared parts.
	indexed := make(chan search.Index, 1) // buffered: after an early return it still ends
	go func() { indexed <- search.Build(site, search.Options{Strings: strs}) }()
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
	// Render even when the sources have errors, so that broken links are reported in the
	// same run; the result is only returned when there are none.
	ropts := render.Options{BaseURL: opts.BaseURL, Assets: names, Highlighter: hl, Head: opts.Head, Progress: opts.Progress, Emit: opts.Emit, Headers: headersFile}
	log, historyErr := history()
	if historyErr != nil {
		diags.Append(historyErr)
		return nil, diags
	}
	ropts.History = log
	rendered, rdiags := render.New(site, th, ropts)
	diags.Append(siteThemePaths(fsys, site, rdiags))
	if rendered == nil || diags.HasErrors(false) {
		return nil, diags
	}
	b := &built{site: site, strings: strs, rendered: rendered, assets: assets, emitted: opts.Emit != nil}
	index := <-indexed
	b.setFiles(rendered.Extras(), index.Files)
	return b, diags
}
