// Package render turns the linked model into the site's files: every page through the
// theme's html/template files, plus the sitemap, robots.txt, the model as JSON and each
// matrix as a spreadsheet. Markdown is rendered through the markdown package with links
// resolved here, against the set of pages being rendered, so a link to a page or anchor
// that does not exist is an error at the place it was written.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"handbook/generator/diag"
	"handbook/generator/markdown"
	"handbook/generator/model"
)

// Options configure a render.
type Options struct {
	// BaseURL is where the site is published, such as "https://handbook.example.com/".
	// Internal links are root-relative to its path; the sitemap uses it whole.
	BaseURL string
	// Assets maps a theme asset's name ("style.css") to its published path
	// ("assets/style.3f2a1b9c.css"), as the output package fingerprinted it.
	Assets map[string]string
	// Highlighter colours fenced code; nil leaves code plain.
	Highlighter markdown.Highlighter
	// Head is extra markup for every page's head, such as the dev server's live-reload
	// script. It is trusted.
	Head template.HTML
	// Progress, if set, is called from time to time with the pages rendered so far.
	Progress func(done, total int)
	// Finish, if set, transforms each page as soon as it is rendered (the output package
	// minifies it), so that the unfinished page need not be kept.
	Finish func(path string, data []byte) []byte
}

// File is one output file, at a slash-separated path relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Render renders the whole site. theme holds templates/ and assets/.
func Render(site *model.Site, theme fs.FS, opts Options) ([]File, diag.List) {
	r, diags := newRenderer(site, theme, opts)
	if diags.HasErrors(false) {
		return nil, diags
	}
	pages, d := uniqueURLs(r.pages())
	diags.Append(d)
	files := r.renderPages(pages)
	diags.Append(r.diags)
	diags.Append(r.checkLinks(files))
	files = append(files, r.extras()...)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, diags
}

type renderer struct {
	site     *model.Site
	opts     Options
	basePath string // "/" or "/sub/"
	tmpl     map[string]*template.Template
	homes    map[string]string // content path -> URL of the page it is shown on
	targets  map[string]string // content path -> URL a link to it goes to
	cells    map[*model.Cell]template.HTML
	frag     fragments

	mu      sync.Mutex
	diags   diag.List
	pending []pendingLink

	progressMu sync.Mutex
	reported   int
}

func newRenderer(site *model.Site, theme fs.FS, opts Options) (*renderer, diag.List) {
	r := &renderer{site: site, opts: opts, basePath: "/"}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, diag.List{{Severity: diag.Error, Message: fmt.Sprintf("--base-url %q: %v", opts.BaseURL, err)}}
		}
		r.basePath = strings.TrimSuffix(u.Path, "/") + "/"
	}
	var diags diag.List
	r.tmpl, diags = parseTemplates(theme, r.funcs(nil))
	r.indexSources()
	return r, diags
}

// url makes a site path ("/principles/") into an href under the base path.
func (r *renderer) url(p string) string {
	return r.basePath + strings.TrimPrefix(p, "/")
}

// absURL makes a site path into an absolute URL, for the sitemap.
func (r *renderer) absURL(p string) string {
	return strings.TrimSuffix(r.opts.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

// renderPages executes every page's template, in parallel, in a stable order.
func (r *renderer) renderPages(pages []*Data) []File {
	r.renderCells()
	r.makeFragments()
	files := make([]File, len(pages))
	var wg sync.WaitGroup
	var done atomic.Int64
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w := r.newWorker()
			for i := range next {
				files[i] = w.render(pages[i])
				if n := int(done.Add(1)); r.opts.Progress != nil && (n%100 == 0 || n == len(pages)) {
					r.progress(n, len(pages))
				}
			}
			r.mu.Lock()
			r.diags.Append(w.diags)
			r.pending = append(r.pending, w.links...)
			r.mu.Unlock()
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return files
}

// progress reports n rendered pages, one call at a time and never going backwards, so
// that callers need no locking.
func (r *renderer) progress(n, total int) {
	r.progressMu.Lock()
	defer r.progressMu.Unlock()
	if n > r.reported {
		r.reported = n
		r.opts.Progress(n, total)
	}
}

// renderCells renders every matrix cell once: a cell is shown on its role's matrix, its
// level, two promotion views, its dimension and the compare page.
func (r *renderer) renderCells() {
	r.cells = map[*model.Cell]template.HTML{}
	w := r.newWorker()
	for _, role := range r.site.Roles {
		for _, row := range role.Rows {
			for _, c := range row.Cells {
				r.cells[c] = template.HTML(w.md.HTML(c.Body))
			}
		}
	}
	r.diags.Append(w.diags)
	r.pending = append(r.pending, w.links...)
}

// worker holds what one goroutine needs to render pages: its own markdown renderer and
// its own clones of the templates bound to it.
type worker struct {
	r     *renderer
	md    *markdown.Renderer
	tmpl  map[string]*template.Template
	page  *Data
	diags diag.List
	links []pendingLink
}

func (r *renderer) newWorker() *worker {
	w := &worker{r: r, tmpl: map[string]*template.Template{}}
	w.md = markdown.NewRenderer(w.resolveLink, r.opts.Highlighter)
	for name, t := range r.tmpl {
		c := template.Must(t.Clone())
		w.tmpl[name] = c.Funcs(r.funcs(w))
	}
	return w
}

func (w *worker) render(d *Data) File {
	w.page = d
	var b bytes.Buffer
	t := w.tmpl[d.Kind]
	if t == nil {
		w.diags.Errorf(diag.Pos{File: "templates/" + d.Kind + ".html"}, "the theme has no template %s.html", d.Kind)
	} else if err := t.ExecuteTemplate(&b, "base.html", d); err != nil {
		w.diags.Errorf(diag.Pos{File: "templates/" + d.Kind + ".html"}, "rendering %s: %v", d.URL, err)
	}
	f := File{Path: outputPath(d.URL), Data: b.Bytes()}
	if w.r.opts.Finish != nil {
		f.Data = w.r.opts.Finish(f.Path, f.Data)
	}
	return f
}

// outputPath maps a page URL to its file: "/a/b/" -> "a/b/index.html".
func outputPath(u string) string {
	if strings.HasSuffix(u, "/") {
		return strings.TrimPrefix(u+"index.html", "/")
	}
	return strings.TrimPrefix(u, "/")
}

// funcs returns the template functions; w is nil when only parsing.
func (r *renderer) funcs(w *worker) template.FuncMap {
	return template.FuncMap{
		"url":   r.url,
		"asset": func(name string) string { return r.url(r.opts.Assets[name]) },
		"md": func(p markdown.Part) template.HTML {
			if w == nil {
				return ""
			}
			return template.HTML(w.md.HTML(p))
		},
		"cell":          func(c *model.Cell) template.HTML { return r.cells[c] },
		"add1":          func(i int) int { return i + 1 },
		"chips":         r.chips,
		"questionList":  r.questionList,
		"questionItems": r.questionItems,
		"rowList":       r.rowList,
		"head":          func() template.HTML { return r.opts.Head },
		"editURL":       r.editURL,
		"first": func(n int, qs []*model.Question) []*model.Question {
			return qs[:min(n, len(qs))]
		},
		"groupsOf":  r.groupsOf,
		"prevPhase": func(p *model.Phase) *model.Phase { return r.phaseAt(p, -1) },
		"nextPhase": func(p *model.Phase) *model.Phase { return r.phaseAt(p, +1) },
		"hasPage": func(u string) bool {
			return slices.ContainsFunc(r.site.Pages, func(p *model.Page) bool { return p.URL == u })
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}

// editURL is the "edit this page" link for a source, or "".
func (r *renderer) editURL(source string) string {
	if r.site.EditURL == "" || source == "" {
		return ""
	}
	return strings.TrimSuffix(r.site.EditURL, "/") + "/" + strings.TrimPrefix(source, "content/")
}

// parseTemplates parses each page template of the theme together with base.html and the
// partials (templates/partials/*.html).
func parseTemplates(theme fs.FS, funcs template.FuncMap) (map[string]*template.Template, diag.List) {
	var diags diag.List
	names, err := fs.Glob(theme, "templates/*.html")
	if err != nil || !slices.Contains(names, "templates/base.html") {
		diags.Errorf(diag.Pos{File: "templates/base.html"}, "the theme has no templates/base.html")
		return nil, diags
	}
	partials, _ := fs.Glob(theme, "templates/partials/*.html")
	out := map[string]*template.Template{}
	for _, name := range names {
		base := path.Base(name)
		if base == "base.html" {
			continue
		}
		files := append([]string{"templates/base.html"}, partials...)
		t, err := template.New("base.html").Funcs(funcs).ParseFS(theme, append(files, name)...)
		if err != nil {
			diags.Errorf(diag.Pos{File: name}, "%v", err)
			continue
		}
		out[strings.TrimSuffix(base, ".html")] = t
	}
	return out, diags
}

// groupsOf returns the question groups whose main principle is p (nil: those with none).
func (r *renderer) groupsOf(p *model.Principle) []*model.QuestionGroup {
	var out []*model.QuestionGroup
	for _, g := range r.site.Groups {
		if g.Main() == p {
			out = append(out, g)
		}
	}
	return out
}

// phaseAt returns the phase delta places from p, or nil.
func (r *renderer) phaseAt(p *model.Phase, delta int) *model.Phase {
	i := slices.Index(r.site.Phases, p) + delta
	if i < 0 || i >= len(r.site.Phases) {
		return nil
	}
	return r.site.Phases[i]
}
