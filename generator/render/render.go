// Package render turns the linked model into the site's files: every page through the
// theme's html/template files, plus the sitemap, robots.txt, the model as JSON and each
// matrix as a spreadsheet. Markdown is rendered through the markdown package with links
// resolved here, against the set of pages being rendered, so a link to a page or anchor
// that does not exist is an error at the place it was written.
//
// A page is base.html executing its kind's template with a Data. Go code here prepares
// data; every piece of markup comes from the theme's templates, the items many pages
// show (a principle's chip, a question's list item, a row's header) from partials
// executed once per item through the template function cached, keyed by the item and
// by the definition of the template (cached.go). The template functions (funcs) and
// the data each template receives are documented in README.md's "Theming" section,
// which TestTemplateFunctionsDocumented keeps complete.
package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/language"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/theme"
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
	// Emit, if set, is handed each page once it is rendered, and the page is not kept:
	// Pages then lists the pages without their data. The build writes pages this way,
	// as they are made, so that a large site is never held in memory whole. The page's
	// Data is only valid until Emit returns.
	Emit func(output.File)
	// History, if set, is the handbook's releases and what each changed: the site
	// then has the changelog (/changes/), a page per release and a feed of them, and
	// the cells the latest release changed are marked where they are shown.
	History *changes.Log
	// Headers, if set, makes the host's headers file (HeadersFile) for a site served
	// under basePath ("/" or "/handbook/"); the output package owns its format.
	Headers func(basePath string) []byte
}

// Render renders the whole site with the theme th.
func Render(site *model.Site, th *theme.Theme, opts Options) ([]output.File, diag.List) {
	rd, diags := New(site, th, opts)
	if rd == nil {
		return nil, diags
	}
	files := append(rd.Pages(), rd.Extras()...)
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, diags
}

type renderer struct {
	site     *model.Site
	opts     Options
	basePath string // "/" or "/sub/"
	tmpl     map[string]*template.Template
	defs     definitions                  // which definition of a template each page kind executes
	homes    map[string]string            // content path -> URL of the page it is shown on
	targets  map[string]string            // content path -> URL a link to it goes to
	cells    map[*model.Cell]renderedCell // the rendered text of each cell not blank
	strings  *theme.Strings
	latest   map[cellKey]*changes.CellChange // the cells the latest release changed
	liveOnce sync.Once
	liveURLs map[string]bool // the pages and cells changes may link to (see live)

	// One entry per page, in the order of pages: its data, and once it is rendered (on
	// request, or all at once by Check), its file, the links written in it and the
	// problems found in rendering it.
	pages     []*Data
	files     []output.File
	pageLinks [][]pendingLink
	pageDiags []diag.List
	rendered  []sync.Once
	done      []atomic.Bool            // set once a page's file is kept
	cellLinks map[string][]pendingLink // matrix file -> the links written in its cells
	cellDiags map[string]diag.List     // matrix file -> the problems found in its cells
	cellCSV   map[string][]byte        // matrix file -> the CSV its cells were rendered from
	byURL     map[string]int           // page URL -> index in pages
	byPath    map[string]int           // output path -> index in pages
	listed    bool                     // listing the pages found no problem (see Next)
	anchors   []string                 // the IDs on each page (an idList), when Emit took its data

	prepareOnce sync.Once

	questionsOnce sync.Once
	questionAt    map[*model.Question]int // each question's place in the site's list (questionIndex)

	spare     *worker // renders cells, one role at a time
	workersMu sync.Mutex
	idle      []*worker // workers free to render a requested page

	// parts caches rendered markdown: a group's answer is shown on each of its
	// questions' pages, every principle on the principles page.
	partsMu sync.Mutex
	parts   map[markdown.PartKey]*renderedPart

	// cache holds the templates executed by the cached template function, by
	// definition and key.
	cacheMu sync.Mutex
	cache   map[cacheKey]*cachedPartial

	progressMu sync.Mutex
	reported   int
}

// newRenderer makes a render of site: its templates parsed from th, or, when prev is
// a render of the same theme, prev's (parsed templates are never executed, only their
// clones, so one parse serves every generation).
func newRenderer(site *model.Site, th *theme.Theme, opts Options, prev *renderer) (*renderer, diag.List) {
	r := &renderer{site: site, opts: opts, basePath: "/", parts: map[markdown.PartKey]*renderedPart{}, cache: map[cacheKey]*cachedPartial{}}
	if opts.History != nil {
		r.latest = latestChanges(opts.History)
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, diag.List{{Severity: diag.Error, Message: fmt.Sprintf("--base-url %q: %v", opts.BaseURL, err)}}
		}
		r.basePath = strings.TrimSuffix(u.Path, "/") + "/"
	}
	var diags diag.List
	r.strings = th.Strings
	if prev != nil {
		r.tmpl, r.defs = prev.tmpl, prev.defs
	} else {
		var files map[string]string
		var d diag.List
		r.tmpl, files, d = parseTemplates(th.FS, r.funcs(nil))
		diags.Append(d)
		diags.Append(checkKeys(r.strings, r.tmpl, files))
		r.defs = defineDefinitions(th.FS, r.tmpl)
	}
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

// prepare renders the matrix cells, which many pages show, before the first page. It
// runs once per render.
func (r *renderer) prepare() {
	r.prepareOnce.Do(func() { r.renderCells(r.site.Roles) })
}

// renderAll renders every page not rendered yet, with the given number of workers (0:
// one per core), until stop (if not nil) reports true. It reports whether every page
// is rendered.
func (r *renderer) renderAll(workers int, stop func() bool) bool {
	r.prepare()
	n := len(r.pages)
	var wg sync.WaitGroup
	var done atomic.Int64
	var stopped atomic.Bool
	next := make(chan int)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range workers {
		wg.Go(func() {
			w := r.newWorker()
			for i := range next {
				if stop != nil && stop() {
					stopped.Store(true)
					continue
				}
				r.renderPage(w, i)
				if d := int(done.Add(1)); r.opts.Progress != nil && (d%100 == 0 || d == n) {
					r.progress(d, n)
				}
			}
		})
	}
	for i := range r.pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return !stopped.Load()
}

// renderPage renders page i with w, unless it is rendered already, and keeps its file,
// links and problems. Each page is rendered once per render.
func (r *renderer) renderPage(w *worker, i int) {
	r.rendered[i].Do(func() {
		w.diags = w.diags[:0]
		f, links := w.render(r.pages[i])
		r.pageLinks[i], r.pageDiags[i] = links, slices.Clone(w.diags)
		if r.opts.Emit != nil {
			r.anchors[i] = idList(f.Data)
			r.opts.Emit(f)
			f.Data = nil
		} else {
			f.Data = bytes.Clone(f.Data)
		}
		r.files[i] = f
		r.done[i].Store(true)
	})
}

// page returns page i, rendered on request by an idle worker.
func (r *renderer) page(i int) output.File {
	r.prepare()
	r.workersMu.Lock()
	var w *worker
	if n := len(r.idle); n > 0 {
		w, r.idle = r.idle[n-1], r.idle[:n-1]
	}
	r.workersMu.Unlock()
	if w == nil {
		w = r.newWorker()
	}
	r.renderPage(w, i)
	r.workersMu.Lock()
	r.idle = append(r.idle, w)
	r.workersMu.Unlock()
	return r.files[i]
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

// renderCells renders the matrix cells of roles once each: a cell is shown on its
// role's matrix, its level, two promotion views, its dimension and the compare page.
// A role whose cells r already holds, from the same CSV (see Next), is left as it is;
// in a role whose CSV changed, a cell whose document is the one its text was rendered
// from (source.Options.Parsed: a rename saves matrices whose cells did not change)
// keeps its text and what rendering it recorded.
func (r *renderer) renderCells(roles []*model.Role) {
	if r.cells == nil {
		r.cells, r.cellLinks, r.cellDiags, r.cellCSV = map[*model.Cell]renderedCell{}, map[string][]pendingLink{}, map[string]diag.List{}, map[string][]byte{}
	}
	if r.spare == nil {
		r.spare = r.newWorker()
	}
	w := r.spare
	for _, role := range roles {
		if csv, done := r.cellCSV[role.CSVPath]; done && bytes.Equal(csv, role.CSV) {
			continue
		}
		var rec recording
		for _, row := range role.Rows {
			for _, c := range row.Cells {
				if c.Blank {
					delete(r.cells, c)
					continue
				}
				done, ok := r.cells[c]
				if !ok || done.doc != c.Body.Doc() {
					w.links, w.diags = nil, nil
					done = renderedCell{doc: c.Body.Doc(), html: template.HTML(w.md.HTML(c.Body))}
					done.links, done.diags = w.links, w.diags
					r.cells[c] = done
				}
				rec.links, rec.diags = append(rec.links, done.links...), append(rec.diags, done.diags...)
			}
		}
		r.cellLinks[role.CSVPath], r.cellDiags[role.CSVPath], r.cellCSV[role.CSVPath] = rec.links, rec.diags, role.CSV
	}
}

// renderedCell is a cell's text rendered, with the document it was rendered from and
// what rendering it recorded.
type renderedCell struct {
	doc  *markdown.Doc
	html template.HTML
	recording
}

// worker holds what one goroutine needs to render pages: its own markdown renderer and
// its own clones of the templates bound to it.
type worker struct {
	r     *renderer
	raw   bytes.Buffer // the page being rendered
	md    *markdown.Renderer
	tmpl  map[string]*template.Template
	page  *Data
	diags diag.List
	links []pendingLink // written in what is being rendered
	// seen holds the cache entries this worker has used, so that it asks the
	// renderer's shared cache, under its lock, once per entry.
	seen map[cacheKey]*cachedPartial
}

// newWorker returns a worker; it clones a page kind's templates the first time it
// renders a page of that kind (see kind), so that a worker that renders a few pages,
// as the dev server's do, clones only theirs.
func (r *renderer) newWorker() *worker {
	w := &worker{r: r, tmpl: map[string]*template.Template{}, seen: map[cacheKey]*cachedPartial{}}
	w.md = markdown.NewRenderer(w.resolveLink, r.opts.Highlighter)
	// A markdown heading's link to itself is named in the theme's words, as the
	// templates' "anchor" partial names theirs.
	w.md.Anchors(func(h string) string { return r.strings.Text("anchor.section", h) })
	return w
}

// kind returns the worker's clone of the templates of a page kind, nil if the theme
// has none.
func (w *worker) kind(name string) *template.Template {
	if t, ok := w.tmpl[name]; ok {
		return t
	}
	t := w.r.tmpl[name]
	if t != nil {
		t = template.Must(t.Clone()).Funcs(w.r.funcs(w))
		w.tmpl[name] = t
	}
	return t
}

// render renders one page, and returns it with the links written in it. The page's
// data is the worker's own buffer, valid until it renders the next page.
func (w *worker) render(d *Data) (output.File, []pendingLink) {
	w.execute(d)
	return output.File{Path: outputPath(d.URL), Data: w.raw.Bytes()}, w.links
}

// execute executes the page's template into w.raw. It runs under the profiler label
// kind=KIND, so that a CPU profile (handbook build --cpuprofile) tells apart what each
// kind of page costs.
func (w *worker) execute(d *Data) {
	w.page, w.links = d, nil
	w.raw.Reset()
	t := w.kind(d.Kind)
	if t == nil {
		w.diags.Errorf(diag.Pos{File: "templates/" + d.Kind + ".html"}, "the theme has no template %s.html", d.Kind)
		return
	}
	var err error
	pprof.Do(context.Background(), pprof.Labels("kind", d.Kind), func(context.Context) {
		err = t.ExecuteTemplate(&w.raw, pageTemplate(d), d)
	})
	if err != nil {
		w.diags.Errorf(diag.Pos{File: "templates/" + d.Kind + ".html"}, "rendering %s: %v", d.URL, err)
	}
}

// recording is what rendering a shared piece (a markdown part, a cached partial) wrote
// into the page that rendered it first, for the pages that show it later: the links
// written in it and the problems found.
type recording struct {
	links []pendingLink
	diags diag.List
}

// since keeps what w recorded after it had the given numbers of links and problems.
func (rec *recording) since(w *worker, links, diags int) {
	rec.links = slices.Clone(w.links[links:])
	rec.diags = slices.Clone(w.diags[diags:])
}

// replay records in w's page what rendering the piece recorded.
func (rec *recording) replay(w *worker) {
	w.links = append(w.links, rec.links...)
	w.diags = append(w.diags, rec.diags...)
}

// renderedPart is a part's HTML with what rendering it recorded.
type renderedPart struct {
	once sync.Once
	html template.HTML
	file string
	recording
}

// part renders a markdown part, once per build: later pages that show it get the same
// HTML, links and problems. Pages that show the same part at the same time wait for
// one rendering of it.
func (w *worker) part(p markdown.Part) template.HTML {
	d := p.Doc()
	if d == nil {
		return ""
	}
	r, key := w.r, p.Key()
	r.partsMu.Lock()
	done := r.parts[key]
	if done == nil {
		done = &renderedPart{file: d.File}
		r.parts[key] = done
	}
	r.partsMu.Unlock()
	rendered := false
	done.once.Do(func() {
		links, diags := len(w.links), len(w.diags)
		done.html = template.HTML(w.md.HTML(p))
		done.since(w, links, diags)
		rendered = true
	})
	if !rendered {
		done.replay(w)
	}
	return done.html
}

// pageTemplate names the template that executes a page: base.html, which executes
// its kind's "content"; a redirect page is a page of its own.
func pageTemplate(d *Data) string {
	if d.Kind == "redirect" {
		return "redirect"
	}
	return "base.html"
}

// outputPath maps a page URL to its file: "/a/b/" -> "a/b/index.html".
func outputPath(u string) string { return model.FilePath(u) }

// funcs returns the template functions; w is nil when only parsing.
func (r *renderer) funcs(w *worker) template.FuncMap {
	return template.FuncMap{
		"url": r.url,
		"absURL": func(p string) string {
			if r.opts.BaseURL == "" {
				return r.url(p)
			}
			return r.absURL(p)
		},
		"asset": func(name string) string { return r.url(r.opts.Assets[name]) },
		"md": func(p markdown.Part) template.HTML {
			if w == nil {
				return ""
			}
			return w.part(p)
		},
		"cell": func(c *model.Cell) template.HTML {
			return r.cells[c].html
		},
		"cached": func(name string, data any, keys ...any) (template.HTML, error) {
			if w == nil {
				return "", nil
			}
			return w.cached(name, data, keys...)
		},
		"each": func(name string, list any, sep ...string) (template.HTML, error) {
			if w == nil {
				return "", nil
			}
			return w.each(name, list, sep...)
		},
		"promotionRows":   promotionRows,
		"expectations":    expectations,
		"interviewPlan":   interviewPlan,
		"gist":            cellGist,
		"mechanismsApart": mechanismsApart,
		"rowsByDimension": model.RowsByDimension,
		"add1":            func(i int) int { return i + 1 },
		"last": func(links []Link) (l Link) {
			if len(links) > 0 {
				l = links[len(links)-1]
			}
			return l
		},
		"head":    func() template.HTML { return r.opts.Head },
		"t":       r.strings.T,
		"rtl":     language.Tag(r.site.Language).RightToLeft,
		"tjson":   r.strings.JSON,
		"link":    w.link,
		"editURL": r.editURL,
		"first": func(n int, qs []*model.Question) []*model.Question {
			return qs[:min(n, len(qs))]
		},
		"byPrinciple": byPrinciple,
		"shown":       shown,
		"prevPhase":   func(p *model.Phase) *model.Phase { return r.phaseAt(p, -1) },
		"nextPhase":   func(p *model.Phase) *model.Phase { return r.phaseAt(p, +1) },
		"hasPage": func(u string) bool {
			return slices.ContainsFunc(r.site.Pages, func(p *model.Page) bool { return p.URL == u })
		},
		"changeOf":          r.changeOf,
		"cellChangeURL":     r.cellChangeURL,
		"latestRelease":     r.latestRelease,
		"hasChanges":        func() bool { return r.opts.History != nil },
		"hasFeed":           r.hasFeed,
		"live":              r.live,
		"date":              r.date,
		"pager":             r.pager,
		"updated":           r.opts.History.UpdatedAt,
		"heading":           heading,
		"headings":          headings,
		"kitHeadings":       kitHeadings,
		"principleHeadings": principleHeadings,
		"interviewHeadings": r.interviewHeadings,
		"toc":               toc,
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
// It also returns the theme file of each template file's name ("level.html" is
// "templates/level.html"), for placing problems found in them.
func parseTemplates(theme fs.FS, funcs template.FuncMap) (map[string]*template.Template, map[string]string, diag.List) {
	var diags diag.List
	names, err := fs.Glob(theme, "templates/*.html")
	if err != nil || !slices.Contains(names, "templates/base.html") {
		diags.Errorf(diag.Pos{File: "templates/base.html"}, "the theme has no templates/base.html")
		return nil, nil, diags
	}
	partials, _ := fs.Glob(theme, "templates/partials/*.html")
	files := map[string]string{}
	for _, n := range append(slices.Clone(names), partials...) {
		files[path.Base(n)] = n
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		base := path.Base(name)
		if base == "base.html" {
			continue
		}
		files := append([]string{"templates/base.html"}, partials...)
		t, err := template.New("base.html").Funcs(funcs).ParseFS(theme, append(files, name)...)
		if err != nil {
			diags = append(diags, templateError(theme, name, append(files, name), err))
			continue
		}
		out[strings.TrimSuffix(base, ".html")] = t
	}
	return out, files, diags
}

// PrincipleGroups are question groups of one main principle (nil: of none), as a page
// of the interview page lists them under the principle's heading.
type PrincipleGroups struct {
	Principle *model.Principle
	Groups    []*model.QuestionGroup
}

// byPrinciple is the template function {{byPrinciple GROUPS}}: groups in the
// interview page's order (model.Site.Interview), in runs of one main principle.
func byPrinciple(groups []*model.QuestionGroup) []PrincipleGroups {
	var out []PrincipleGroups
	for _, g := range groups {
		if n := len(out); n > 0 && out[n-1].Principle == g.Main() {
			out[n-1].Groups = append(out[n-1].Groups, g)
			continue
		}
		out = append(out, PrincipleGroups{g.Main(), []*model.QuestionGroup{g}})
	}
	return out
}

// shown is the template function {{shown LIST}}: the first model.Shown items of a list
// (a slice of any type), what a page shows of a list of other items it links to.
func shown(list any) (any, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("shown of %T, not a list", list)
	}
	return v.Slice(0, min(v.Len(), model.Shown)).Interface(), nil
}

// phaseAt returns the phase delta places from p, or nil.
func (r *renderer) phaseAt(p *model.Phase, delta int) *model.Phase {
	i := slices.Index(r.site.Phases, p) + delta
	if i < 0 || i >= len(r.site.Phases) {
		return nil
	}
	return r.site.Phases[i]
}
