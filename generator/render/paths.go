package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// siteFile is one file the site will hold, and what puts it there.
type siteFile struct {
	path   string   // "roles/x/index.html", unescaped
	url    string   // where it is published
	what   string   // "content/about.md", "the roles page", "the sitemap"
	source string   // the content file, or "" for what the generator makes of its own
	pos    diag.Pos // where to report a collision: the source, or a former address
	page   *Data    // nil for a file other than a page
}

// uniquePaths reports every two files that would be written to the same path, and keeps
// the pages that collide with nothing, or with nothing listed before them but in case
// (so that links to either are checked as usual). Two paths
// collide when they are the same but for case, since many hosts (macOS and Windows
// disks, and the servers on them) do not tell them apart, and when one file's path is
// a folder of the other's ("sitemap.xml" and "sitemap.xml/index.html"). Each problem
// is reported at both sources, when both are content files.
func (r *renderer) uniquePaths(pages []*Data) ([]*Data, diag.List) {
	var diags diag.List
	files := r.outputs(pages)
	byKey := make(map[string]*siteFile, len(files))
	dropped := map[*Data]bool{}
	for _, f := range files {
		key := strings.ToLower(f.path)
		if prev := byKey[key]; prev != nil {
			collide(prev, f, &diags)
			if prev.path == f.path { // one URL cannot be two pages; in case only, it can
				drop(prev, f, dropped)
			}
			continue
		}
		byKey[key] = f
	}
	for _, f := range files {
		for dir := path.Dir(f.path); dir != "."; dir = path.Dir(dir) {
			if file := byKey[strings.ToLower(dir)]; file != nil && file != f && !dropped[f.page] && !dropped[file.page] {
				collide(file, f, &diags)
				drop(file, f, dropped)
			}
		}
	}
	kept := pages[:0]
	for _, d := range pages {
		if !dropped[d] {
			kept = append(kept, d)
		}
	}
	return kept, diags
}

// outputs lists the pages' files, then the others, as they will be written.
func (r *renderer) outputs(pages []*Data) []*siteFile {
	extras := r.extraFiles()
	files := make([]*siteFile, 0, len(pages)+len(extras)+len(r.opts.Assets))
	for _, d := range pages {
		what, source, pos := d.Source, d.Source, diag.Pos{File: d.Source}
		switch d.Kind {
		case "level", "promotion", "dimension": // made of a matrix, named by its titles
			what = "the " + d.Kind + " page of " + diag.Quote(d.Title)
		case "redirect": // made of a former address, reported where it is written
			what = "the redirect page of the former address " + readable(d.URL)
			source, pos = d.formerAt.File, d.formerAt
		case "home", "page", "principle", "role", "question", "phase":
		default:
			what = "the " + d.Kind + " page"
		}
		files = append(files, &siteFile{path: outputPath(d.URL), url: d.URL, what: what, source: source, pos: pos, page: d})
	}
	for _, f := range extras {
		files = append(files, &siteFile{path: f.path, url: model.PathURL("/" + f.path), what: f.what, source: f.source, pos: diag.Pos{File: f.source}})
	}
	for _, name := range keys(r.opts.Assets) {
		p := r.opts.Assets[name]
		files = append(files, &siteFile{path: p, url: "/" + p, what: "the theme's " + name})
	}
	return files
}

// collide reports that b's file collides with a's, at each source that is a content file.
func collide(a, b *siteFile, diags *diag.List) {
	var how string
	switch {
	case a.path == b.path:
		how = "the same file"
	case strings.EqualFold(a.path, b.path):
		how = "files whose names differ only in case, which hosts that ignore case (macOS, Windows) take for one"
	default:
		how = "a file and, inside a folder of the same name, another"
	}
	fix := b // what to rename: a free page, since its name is only its URL
	switch {
	case b.page != nil && b.page.Kind == "redirect":
	case a.page != nil && a.page.Kind == "redirect", // a former address is the easiest to change
		a.page != nil && a.page.Kind == "page" && (b.page == nil || b.page.Kind != "page"):
		fix = a
	}
	advice := "rename " + fix.what
	switch {
	case fix.page != nil && fix.page.Kind == "redirect":
		advice = "remove or change the former address"
	case a.source == b.source && fix.page != nil && fix.page.Kind != "page":
		advice = "give one of them another ID"
	}
	msg := fmt.Sprintf("%s would be written to %s, and %s to %s: %s; %s", b.what, readable(b.path), a.what, readable(a.path), how, advice)
	for i, at := range []*siteFile{b, a} {
		if at.source != "" && (i == 0 || a.source != b.source) {
			diags.Errorf(at.pos, "%s", msg)
		}
	}
	if a.source == "" && b.source == "" { // two files the generator makes: the theme's doing
		diags.Errorf(diag.Pos{File: "templates"}, "%s", msg)
	}
}

// drop marks the page of the two to leave out: the later one, unless it is the only page.
func drop(a, b *siteFile, dropped map[*Data]bool) {
	switch {
	case b.page != nil:
		dropped[b.page] = true
	case a.page != nil:
		dropped[a.page] = true
	}
}
