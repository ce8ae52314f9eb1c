package build

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/source"
)

// Session builds one site again and again, as the dev server does on every save, and
// does as little as each change needs. A change to the content of items alone (prose,
// cells, answers: see model.SameShape) is patched into the last build's model and only
// the pages that show it are rendered again; any other change, a failed build, or a
// change the caller cannot name, builds everything. Either way the result is the same
// as Build's. A Session is not safe for concurrent use.
type Session struct {
	fsys  *recordFS
	opts  Options
	last  *built            // the last build, if it succeeded; the next starts from it
	srcs  map[string][]byte // the content files last's model was loaded from
	retry []string          // changed files that did not load: changed still, until they do
}

// NewSession returns a session building the site folder fsys with opts.
func NewSession(fsys fs.FS, opts Options) *Session {
	opts.Emit = nil // a session keeps every page, to update them
	return &Session{fsys: &recordFS{FS: fsys}, opts: opts}
}

// Rebuild brings the site up to date after changes to the files changed (paths
// relative to the site folder, such as "content/principles/ownership.md"); nil means
// the changes are not known, and everything is built. The result is nil when there are
// errors. When only some pages had to be rendered again, pagesReady (if not nil) hears
// of the result as soon as they are, before the search index and the downloads are
// brought up to date, so that a page can reload without waiting for them.
func (s *Session) Rebuild(changed []string, pagesReady func(*Result)) (*Result, diag.List) {
	start := time.Now()
	if s.last != nil && changed != nil {
		if res, diags, ok := s.update(changed, start, pagesReady); ok {
			return res, diags
		}
	}
	s.fsys.reset()
	b, diags := buildAll(s.fsys, s.opts)
	s.last, s.srcs = b, s.fsys.recorded()
	if b == nil {
		return nil, diags
	}
	return b.result(start), diags
}

// update patches the changes into the last build, when they change content alone. ok is
// false when they do not, and the site must be built whole.
func (s *Session) update(changed []string, start time.Time, pagesReady func(*Result)) (res *Result, diags diag.List, ok bool) {
	changed, s.retry = append(changed, s.retry...), nil
	paths, news, ok := s.changedSources(changed)
	if !ok {
		return nil, nil, false
	}
	if len(paths) == 0 {
		res := s.last.result(start)
		res.Rendered = 0
		return res, nil, true
	}
	before, _ := source.Load(s.miniSite(paths, nil), source.Options{Drafts: s.opts.Drafts})
	after, diags := source.Load(s.miniSite(paths, news), source.Options{Drafts: s.opts.Drafts})
	if diags.HasErrors(false) {
		// The errors are the changed files' own: report them and keep the last build,
		// which the next change starts from, with these files among its changes.
		s.retry = paths
		return nil, diags, true
	}
	if before == nil || after == nil || !model.SameShape(before, after) {
		return nil, nil, false
	}
	b := s.last
	b.site.Patch(after, paths)
	for p, data := range news {
		s.srcs[p] = data
	}
	pages, rdiags := b.rendered.Update(paths)
	b.replace(pages)
	diags.Append(rdiags)
	if diags.HasErrors(false) {
		// Such as a link broken by the change, which a later change elsewhere would
		// not check again: the next build is whole.
		s.last = nil
		return nil, diags, true
	}
	result := func() *Result {
		res := b.result(start)
		res.Rendered = len(pages)
		return res
	}
	if pagesReady != nil && len(pages) > 0 {
		pagesReady(result())
	}
	b.setFiles(b.rendered.Extras(), search.Build(b.site, search.Options{Strings: b.strings}).Files)
	return result(), diags, true
}

// changedSources reads the changed content files. ok is false when a change is anything
// but an edit of files the last build loaded: a source added or removed, a theme file.
// Changes to other files (an editor's temporary file, an image) are no change to the
// site. paths lists the files whose bytes differ from the last build's, news holds them.
func (s *Session) changedSources(changed []string) (paths []string, news map[string][]byte, ok bool) {
	news = map[string][]byte{}
	for _, p := range changed {
		old, known := s.srcs[p]
		if _, done := news[p]; done || !known {
			if !done && !s.irrelevant(p) {
				return nil, nil, false
			}
			continue
		}
		data, err := source.ReadFile(s.fsys.FS, p) // with the checks a build makes
		if err != nil {
			return nil, nil, false
		}
		if !bytes.Equal(old, data) {
			paths = append(paths, p)
			news[p] = data
		}
	}
	slices.Sort(paths)
	return paths, news, true
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

// miniSite is a site folder holding just the files paths, with the contents news (or as
// last loaded, when news is nil), the site's _index.md, and the other file of each role
// they belong to: what source.Load needs to load their items alone.
func (s *Session) miniSite(paths []string, news map[string][]byte) fs.FS {
	mini := fstest.MapFS{}
	add := func(p string) {
		if data, ok := news[p]; ok {
			mini[p] = &fstest.MapFile{Data: data}
		} else if data, ok := s.srcs[p]; ok {
			mini[p] = &fstest.MapFile{Data: data}
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
