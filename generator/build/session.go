package build

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/cores"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/memfs"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// Session builds one site again and again, as the dev server does on every save. Each
// change makes a new Generation, whose pages are rendered when asked for; nothing
// records which page shows which source, so nothing can be left stale. A change to the
// content of items alone (prose, cells, answers: see model.SameShape) is patched into
// the model the last generation was made of, and the new generation reuses its parsed
// templates (render.Rendered.Next); any other change, or a change the caller cannot
// name, loads the whole model again. A build (Build) is a Session's first update,
// from nothing, followed by a Check of every page. A Session is not safe for
// concurrent use.
type Session struct {
	fsys  *recordFS
	opts  Options
	gen   *Generation       // the last generation, if it loaded without errors
	srcs  map[string][]byte // the content files gen's model was loaded from
	retry []string          // changed files that did not load: changed still, until they do

	// loadDiags are the problems of loading gen's model, by the file they are in (""
	// for the others); a content patch replaces those of the files it loads again.
	loadDiags map[string]diag.List
}

// Change is what an update did to the site.
type Change int

const (
	// Unchanged: the sources are as the last generation's; it is returned again.
	Unchanged Change = iota
	// Content: the content of items alone changed, patched into the model.
	Content
	// Whole: the model was loaded again.
	Whole
)

// NewSession returns a session building the site folder fsys with opts.
func NewSession(fsys fs.FS, opts Options) *Session {
	opts.Emit = nil // a session keeps every page it renders, to serve them
	return newSession(fsys, opts)
}

func newSession(fsys fs.FS, opts Options) *Session {
	return &Session{fsys: &recordFS{FS: fsys}, opts: opts}
}

// Update brings the model up to date after changes to the files changed (paths
// relative to the site folder, such as "content/principles/ownership.md"); nil means
// the changes are not known, and the model is loaded whole. It returns the new
// generation, rendering nothing, with the problems found in loading and preparing it;
// the generation's Check finds those of rendering. The generation is nil when there
// are errors; the last one is kept, and the next update starts from it.
//
// After a content patch, the previous generation shares the patched model: it must
// not be asked for files it has not made, and none of its files may be in the making
// while Update runs.
func (s *Session) Update(changed []string) (*Generation, Change, diag.List) {
	gen, change, diags := s.update(changed)
	if gen == nil || diags.HasErrors(false) {
		return nil, change, diags
	}
	return gen, change, diags
}

// Rebuild is Update followed by the generation's Check: the site built whole, as Build
// makes it, with every problem a build reports. The result is nil when there are
// errors.
func (s *Session) Rebuild(changed []string) (*Result, diag.List) {
	start := time.Now()
	gen, _, diags := s.update(changed)
	if gen == nil {
		return nil, diags
	}
	// The search index first, then the pages, each on every core: beside each other,
	// their working sets added up (a tenth of the build's peak memory) for no time
	// saved.
	gen.searchIndex()
	d, _ := gen.Check(0, nil)
	diags.Append(d)
	if diags.HasErrors(false) {
		return nil, diags
	}
	return &Result{Site: gen.site, Files: gen.Files(), Pages: gen.Pages(), Duration: time.Since(start)}, diags
}

// update is Update, returning the generation even when the sources have errors, so
// that Rebuild reports the broken links of the same run too.
func (s *Session) update(changed []string) (*Generation, Change, diag.List) {
	if changed != nil {
		changed, s.retry = append(changed, s.retry...), nil
	}
	if s.gen != nil && changed != nil {
		if gen, change, diags, ok := s.patch(changed); ok {
			return gen, change, diags
		}
	}
	s.fsys.reset()
	gen, diags := load(s.fsys, s.opts)
	switch {
	case gen != nil && !diags.HasErrors(false):
		s.gen, s.srcs, s.loadDiags = gen, s.fsys.recorded(), byFile(diags)
	case s.gen != nil && changed != nil:
		// The last generation stays the one the next change starts from, with these
		// files among its changes: a save that reached the server in two parts (a
		// rename of thousands of files on a busy machine) fails with its first, and
		// the second, the save whole, patches the last generation still.
		s.retry = changed
	default:
		s.gen, s.srcs = nil, nil
	}
	return gen, Whole, diags
}

// patch patches the changes into the last generation's model, when they change content
// alone. ok is false when they do not, and the model must be loaded whole.
func (s *Session) patch(changed []string) (gen *Generation, change Change, diags diag.List, ok bool) {
	paths, news, ok := s.changedSources(changed)
	if !ok {
		return nil, 0, nil, false
	}
	if len(paths) == 0 {
		return s.gen, Unchanged, s.reported(nil), true
	}
	// A rename saved with every file naming it by title changes thousands of files at
	// once: they are looked up by name, not searched for, once per item of the site.
	saved := make(map[string]bool, len(paths))
	for _, p := range paths {
		saved[p] = true
	}
	// The files as they were are the last model's items from them, as linked (which
	// SameShape leaves out): loading them again would cost as much as loading them as
	// they are (a rename saved with the thousands of files naming it by title).
	mini := s.miniSite(paths, news)
	before := s.gen.site.Subset(func(p string) bool { _, ok := mini[p]; return ok })
	after, fresh := source.Load(memfs.New(mini), source.Options{Drafts: s.opts.Drafts, Parsed: s.parsed(saved, before)})
	if fresh.HasErrors(false) {
		// The errors are the changed files' own: report them and keep the last
		// generation, which the next change starts from, with these files among its
		// changes.
		s.retry = paths
		return nil, Content, fresh, true
	}
	if after == nil {
		return nil, 0, nil, false
	}
	retitled, ok := s.retitles(saved, before, after)
	if !ok {
		return nil, 0, nil, false
	}
	prev := s.gen
	prev.site.Patch(after, paths)
	for p, data := range news {
		s.srcs[p] = data
	}
	for _, p := range paths {
		delete(s.loadDiags, p)
	}
	for p, d := range byFile(fresh) {
		if saved[p] {
			s.loadDiags[p] = d
		}
	}
	rendered, rdiags := prev.rendered.Next(retitled)
	if rendered == nil { // the templates parsed before: they cannot fail now
		return nil, 0, nil, false
	}
	s.gen = &Generation{site: prev.site, fsys: prev.fsys, strings: prev.strings, rendered: rendered, assets: prev.assets, emit: prev.emit}
	return s.gen, Content, s.reported(siteThemePaths(prev.fsys, prev.site, rdiags)), true
}

// parsed returns the documents of the files among saved, as the last generation
// holds them (before: its items from those files), by place and text: loading those
// files again need not parse the bodies and cells a save left as they were (all of
// them, when a rename changed only the references of the files naming it). A cell is
// found by its file and place, then checked for its text: hashing the texts of a
// rename's tens of thousands of cells would cost more.
func (s *Session) parsed(saved map[string]bool, before *model.Site) func(diag.Pos, string) *markdown.Doc {
	bodies := before.Docs()
	cells := map[string]map[[2]int]*markdown.Doc{} // by file, line and column
	for _, r := range before.Roles {
		if !saved[r.CSVPath] {
			continue
		}
		at := map[[2]int]*markdown.Doc{}
		for _, row := range r.Rows {
			for _, c := range row.Cells {
				if doc := c.Body.Doc(); doc != nil {
					at[[2]int{c.Pos.Line, c.Pos.Col}] = doc
				}
			}
		}
		cells[r.CSVPath] = at
	}
	return func(pos diag.Pos, text string) *markdown.Doc {
		doc := bodies[pos.File]
		if at, ok := cells[pos.File]; ok {
			doc = at[[2]int{pos.Line, pos.Col}]
		}
		if doc != nil && doc.ParsedFrom(pos, text) {
			return doc
		}
		return nil
	}
}

// retitles reports whether the changed files (saved), as they were (before) and are
// (after), have the same shape (model.SameShape) but for the titles of principles and
// references to them, and returns the principles of the last generation's model that
// take new titles: each principle must be able to take its new title in the last
// generation's model as it is linked (graph.CanRetitle) and keep its place among the
// principles, and each reference whose text changed must name the principle it named
// (graph.Names), as when a principle is renamed with the files that name it by title.
// The model's links then stay as they are, and the rename is a patch, not a load of
// the whole model.
func (s *Session) retitles(saved map[string]bool, before, after *model.Site) (retitled []*model.Principle, ok bool) {
	site := s.gen.site
	if len(before.Principles) != len(after.Principles) {
		return nil, false
	}
	type retitle struct {
		p   *model.Principle // in after
		old string
	}
	var changes []retitle
	titles := map[*model.Principle]string{} // the site's principles renamed, with their new titles
	list := slices.Clone(site.Principles)   // the site's principles, with the new titles
	for i, p := range after.Principles {
		was := before.Principles[i]
		if p.Path != was.Path || p.ID != was.ID {
			return nil, false
		}
		if p.Title == was.Title {
			continue
		}
		at := slices.IndexFunc(site.Principles, func(o *model.Principle) bool { return o.ID == p.ID })
		if at < 0 || !graph.CanRetitle(site, site.Principles[at], p.Title, func(file string) bool { return saved[file] }) {
			return nil, false
		}
		renamed := *site.Principles[at]
		renamed.Title = p.Title
		list[at] = &renamed
		titles[site.Principles[at]] = p.Title
		retitled = append(retitled, site.Principles[at])
		changes = append(changes, retitle{p, was.Title})
	}
	if !slices.IsSortedFunc(list, source.ComparePrinciples) {
		return nil, false
	}
	refs, ok := changedRefs(before, after)
	if !ok {
		return nil, false
	}
	// Whether a reference's text as it was and as it is name one principle, by the two
	// texts: a rename changes thousands of references alike.
	names := map[[2]string]bool{}
	for _, r := range refs {
		texts := [2]string{r.old, r.ref.Text}
		if _, done := names[texts]; !done {
			named := graph.Names(site, r.old, nil)
			names[texts] = named != nil && graph.Names(site, r.ref.Text, titles) == named
		}
		if !names[texts] {
			return nil, false
		}
	}
	// The rest of their shape is compared with the old titles and references, which
	// are then put back.
	swap := func() {
		for i := range changes {
			c := &changes[i]
			c.p.Title, c.old = c.old, c.p.Title
		}
		for i := range refs {
			r := &refs[i]
			r.ref.Text, r.old = r.old, r.ref.Text
		}
	}
	swap()
	same := model.SameShape(before, after)
	swap()
	return retitled, same
}

// changedRef is a principle reference of a changed file whose text changed: the
// reference as it is, and its text as it was.
type changedRef struct {
	ref *model.Ref
	old string
}

// changedRefs returns the principle references of the changed files whose text
// changed, pairing before's rows, groups and phases with after's in order; ok is false
// when they do not pair (the files changed in shape otherwise).
func changedRefs(before, after *model.Site) (out []changedRef, ok bool) {
	pair := func(a, b []model.Ref) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range b {
			if a[i].Text != b[i].Text {
				out = append(out, changedRef{&b[i], a[i].Text})
			}
		}
		return true
	}
	if len(before.Roles) != len(after.Roles) || len(before.Groups) != len(after.Groups) || len(before.Phases) != len(after.Phases) {
		return nil, false
	}
	for i, r := range after.Roles {
		if len(r.Rows) != len(before.Roles[i].Rows) {
			return nil, false
		}
		for j, row := range r.Rows {
			if !pair(before.Roles[i].Rows[j].PrincipleRefs, row.PrincipleRefs) {
				return nil, false
			}
		}
	}
	for i, g := range after.Groups {
		if !pair(before.Groups[i].PrincipleRefs, g.PrincipleRefs) {
			return nil, false
		}
	}
	for i, ph := range after.Phases {
		if !pair(before.Phases[i].PrincipleRefs, ph.PrincipleRefs) {
			return nil, false
		}
	}
	return out, true
}

// reported is the problems of loading the current generation's model, with those of
// preparing its render.
func (s *Session) reported(prepared diag.List) diag.List {
	var diags diag.List
	for _, p := range slices.Sorted(maps.Keys(s.loadDiags)) {
		diags.Append(s.loadDiags[p])
	}
	return append(diags, prepared...)
}

// byFile files problems by the file they are in.
func byFile(diags diag.List) map[string]diag.List {
	m := map[string]diag.List{}
	for _, d := range diags {
		m[d.Pos.File] = append(m[d.Pos.File], d)
	}
	return m
}

// changedSources reads the changed content files. ok is false when a change is anything
// but an edit of files the last build loaded: a source added or removed, a theme file.
// Changes to other files (an editor's temporary file, an image) are no change to the
// site. paths lists the files whose bytes differ from the last build's, news holds them.
func (s *Session) changedSources(changed []string) (paths []string, news map[string][]byte, ok bool) {
	var known []string
	seen := map[string]bool{}
	for _, p := range changed {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, ok := s.srcs[p]; ok {
			known = append(known, p)
		} else if !s.irrelevant(p) {
			return nil, nil, false
		}
	}
	datas, err := readAll(s.fsys.FS, known)
	if err != nil {
		return nil, nil, false
	}
	news = map[string][]byte{}
	for i, p := range known {
		if !bytes.Equal(s.srcs[p], datas[i]) {
			paths = append(paths, p)
			news[p] = datas[i]
		}
	}
	slices.Sort(paths)
	return paths, news, true
}

// readAll reads the files paths with the checks a build makes, on every core: a rename
// saves thousands of files at once.
func readAll(fsys fs.FS, paths []string) ([][]byte, error) {
	datas := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	cores.Each(len(paths), func(i int) { datas[i], errs[i] = source.ReadFile(fsys, paths[i]) })
	return datas, errors.Join(errs...)
}

// irrelevant reports whether a change to p, a path the last build did not load, leaves
// the sources as they were: p is under content/, and is neither a new source, nor a
// folder holding one, nor a removed or renamed folder that held one.
func (s *Session) irrelevant(p string) bool {
	if p != source.ContentDir && !strings.HasPrefix(p, source.ContentDir+"/") {
		return false
	}
	info, err := fs.Stat(s.fsys.FS, p)
	switch {
	case err != nil:
		// Gone: a change if it was a folder holding sources (a source itself is
		// known, and not asked about); else a file that came and went, such as an
		// editor's temporary file. Sources gone from a folder that is still there
		// are reported on their own.
		for known := range s.srcs {
			if strings.HasPrefix(known, p+"/") {
				return false
			}
		}
		return true
	case !info.IsDir():
		return !source.IsSource(p)
	}
	unknown := false
	fs.WalkDir(s.fsys.FS, p, func(q string, d fs.DirEntry, err error) error {
		// A folder that cannot be read (made unreadable, say) is a change too: the
		// build can no longer read the sources it holds.
		if _, known := s.srcs[q]; err != nil || !d.IsDir() && source.IsSource(q) && !known {
			unknown = true
			return fs.SkipAll
		}
		return nil
	})
	return !unknown
}

// miniSite is the files of a site folder holding just the files paths, with the
// contents news (or as last loaded), the site's _index.md, and the other file of each
// role they belong to: what source.Load needs to load their items alone.
func (s *Session) miniSite(paths []string, news map[string][]byte) map[string][]byte {
	mini := map[string][]byte{}
	add := func(p string) {
		if data, ok := news[p]; ok {
			mini[p] = data
		} else if data, ok := s.srcs[p]; ok {
			mini[p] = data
		}
	}
	add(source.ContentDir + "/_index.md")
	for _, p := range paths {
		add(p)
		if dir, name := path.Split(p); strings.HasPrefix(dir, source.ContentDir+"/roles/") {
			add(dir + map[string]string{"_index.md": "levels.csv", "levels.csv": "_index.md"}[name])
		}
	}
	return mini
}

// recordFS keeps a copy of every content file read through it, so that a Session knows
// what each file held when the model was loaded.
type recordFS struct {
	fs.FS
	mu    sync.Mutex
	files map[string][]byte
}

// ReadFile reads a file, recording it when it is under content/.
func (r *recordFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.FS, name)
	if err == nil && strings.HasPrefix(name, source.ContentDir+"/") {
		r.mu.Lock()
		r.files[name] = data
		r.mu.Unlock()
	}
	return data, err
}

// The other methods pass through, so that the file system's own faster ways are used
// and its symbolic links are seen for what they are (source.ReadFile checks them).
func (r *recordFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(r.FS, name) }
func (r *recordFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, name) }
func (r *recordFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(r.FS, name) }
func (r *recordFS) ReadLink(name string) (string, error)       { return fs.ReadLink(r.FS, name) }

func (r *recordFS) reset() {
	r.mu.Lock()
	r.files = map[string][]byte{}
	r.mu.Unlock()
}

func (r *recordFS) recorded() map[string][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.files
}
