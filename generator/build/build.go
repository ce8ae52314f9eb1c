// Package build is the one place that knows the order of the pipeline: load the sources,
// link the model, prepare the theme's assets, render every page, minify. The command line
// and the dev server call it; it writes nothing itself (output.Write publishes).
package build

import (
	"html/template"
	"io/fs"
	"strings"
	"time"

	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/highlight"
	"handbook/generator/model"
	"handbook/generator/output"
	"handbook/generator/render"
	"handbook/generator/search"
	"handbook/generator/source"
	"handbook/themes"
)

// Options control a build.
type Options struct {
	BaseURL string        // where the site is published; "" for root-relative links only
	Drafts  bool          // include drafts
	Minify  bool          // minify HTML, CSS and JS
	Head    template.HTML // trusted markup for every page's head, such as the dev server's script

	// Progress, if set, hears of the pages rendered so far, for a progress display.
	Progress func(done, total int)
}

// Result is a built site, in memory.
type Result struct {
	Site     *model.Site
	Files    []render.File
	Pages    int // HTML pages among Files
	Duration time.Duration
}

// Build builds the site in the site folder fsys (which holds content/ and, optionally,
// themes/). The result is nil when there are errors; warnings come with a result.
func Build(fsys fs.FS, opts Options) (*Result, diag.List) {
	start := time.Now()
	site, diags := source.Load(fsys, source.Options{Drafts: opts.Drafts})
	if site == nil {
		return nil, diags
	}
	diags.Append(graph.Build(site))
	index := search.Build(site, search.Options{})
	theme, err := Theme(fsys, site)
	if err != nil {
		diags.Append(err)
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
	assets, names, assetErr := output.Assets(theme, css, min)
	if assetErr != nil {
		diags.Errorf(diag.Pos{File: "assets"}, "theme assets: %v", assetErr)
	}
	if theme == nil || assetErr != nil || cssErr != nil {
		return nil, diags
	}
	names["search-manifest"] = index.Manifest // base.html gives the search script its index
	// Render even when the sources have errors, so that broken links are reported in the
	// same run; the result is only returned when there are none.
	ropts := render.Options{BaseURL: opts.BaseURL, Assets: names, Highlighter: hl, Head: opts.Head, Progress: opts.Progress}
	if min != nil {
		ropts.Finish = min.File // minify each page as it is made, on every core
	}
	files, rdiags := render.Render(site, theme, ropts)
	diags.Append(rdiags)
	if diags.HasErrors(false) {
		return nil, diags
	}
	res := &Result{Site: site, Files: append(append(files, assets...), index.Files...)}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			res.Pages++
		}
	}
	res.Duration = time.Since(start)
	return res, diags
}

// Theme returns the site's theme: the embedded default, overridden file by file by the
// folder themes/<name> of the site when _index.md names one.
func Theme(fsys fs.FS, site *model.Site) (fs.FS, diag.List) {
	name := site.Theme
	if name == "" || name == "default" {
		if _, err := fs.Stat(fsys, "themes/default"); err != nil {
			return themes.Default(), nil
		}
		name = "default"
	}
	dir := "themes/" + name
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() || strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
		return nil, diag.List{{Pos: site.Pos, Severity: diag.Error, Message: "theme " + name + ": there is no folder " + dir}}
	}
	top, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, diag.List{{Pos: site.Pos, Severity: diag.Error, Message: err.Error()}}
	}
	return render.Overlay(top, themes.Default()), nil
}
