// Package source reads a handbook's content folder into the typed model. It knows the
// content layout (which file is a principle, a role, a question group ...), decodes each
// file's front matter and body, and reports every problem with its position. References
// between items stay as written (model.Ref); the graph package resolves them.
package source

import (
	"bytes"
	"cmp"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"handbook/generator/diag"
	"handbook/generator/frontmatter"
	"handbook/generator/markdown"
	"handbook/generator/model"
)

// ContentDir is the folder, inside the site folder, that holds the sources.
const ContentDir = "content"

// MaxFileSize is the largest source file read, so a stray huge file cannot exhaust memory.
const MaxFileSize = 4 << 20

// Options control what is loaded.
type Options struct {
	Drafts bool // include items marked draft: true
}

// Load reads the content folder of the site folder fsys.
func Load(fsys fs.FS, opts Options) (*model.Site, diag.List) {
	var diags diag.List
	paths, err := sourceFiles(fsys)
	if err != nil {
		diags.Errorf(diag.Pos{File: ContentDir}, "cannot read the content folder: %v", err)
		return nil, diags
	}
	parser := markdown.NewParser()
	l := &loader{site: &model.Site{NoIndex: true}, opts: opts, parser: parser}
	for _, f := range parseAll(fsys, parser, paths) {
		if f.ok {
			l.add(f) // may record more problems of f in f.diags
		}
		diags.Append(f.diags)
	}
	l.finish()
	diags.Append(l.diags)
	return l.site, diags
}

// sourceFiles lists the files under content/ that are sources, sorted, skipping hidden
// files and folders and editors' temporary files.
func sourceFiles(fsys fs.FS) ([]string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != ContentDir && IsIgnored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && (strings.HasSuffix(name, ".md") || name == "levels.csv") {
			paths = append(paths, p)
		}
		return nil
	})
	slices.Sort(paths)
	return paths, err
}

// IsIgnored reports whether a file or folder name is never a source: hidden files, the
// temporary files editors write beside the file being saved (vim probes with "4913"),
// and names starting with "_" other than _index.md. The dev server watches by the same
// rule, so a change it ignores is one the build would ignore too.
func IsIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913" ||
		strings.HasPrefix(name, "_") && !strings.HasPrefix(name, "_index")
}

// file is one source, read and parsed.
type file struct {
	path  string // "content/..."
	rel   string // relative to content/
	src   []byte
	doc   *markdown.Doc
	meta  *frontmatter.Fields
	diags diag.List
	ok    bool
}

// parseAll reads and parses every file, in parallel; the result is in path order.
func parseAll(fsys fs.FS, parser *markdown.Parser, paths []string) []*file {
	files := make([]*file, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				files[i] = readFile(fsys, parser, paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return files
}

func readFile(fsys fs.FS, parser *markdown.Parser, p string) *file {
	f := &file{path: p, rel: strings.TrimPrefix(p, ContentDir+"/")}
	at := diag.Pos{File: p}
	if info, err := fs.Stat(fsys, p); err != nil {
		f.diags.Errorf(at, "cannot read: %v", err)
		return f
	} else if info.Size() > MaxFileSize {
		f.diags.Errorf(at, "file is %d bytes, more than the %d a source may have", info.Size(), MaxFileSize)
		return f
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		f.diags.Errorf(at, "cannot read: %v", err)
		return f
	}
	if !checkText(p, src, &f.diags) {
		return f
	}
	// A byte-order mark would hide the front matter; check reports it, the build skips it.
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	f.src = src
	if path.Ext(p) == ".csv" {
		f.ok = true
		return f
	}
	yml, line, _, err := frontmatter.Split(p, src)
	if err != nil {
		f.diags.Append(err.(diag.List))
		return f
	}
	var root *frontmatter.Node
	if yml != nil {
		var ds diag.List
		root, ds = frontmatter.Decode(p, yml, line)
		f.diags.Append(ds)
		if ds.HasErrors(false) {
			return f
		}
	}
	f.meta = frontmatter.NewFields(root, &f.diags)
	f.doc = parser.Parse(p, src)
	for _, pos := range f.doc.RawHTML() {
		f.diags.Warnf(pos, "raw HTML is not rendered; write markdown instead")
	}
	f.ok = true
	return f
}

// checkText reports text that is not valid UTF-8 at its first bad byte.
func checkText(p string, src []byte, diags *diag.List) bool {
	if utf8.Valid(src) {
		return true
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += size
		}
		i += size
	}
	diags.Errorf(diag.Pos{File: p, Line: line, Col: col}, "invalid UTF-8: save the file as UTF-8")
	return false
}

// ordered sorts items by their explicit order (ordered items first), then by title.
func ordered[T any](items []T, order func(T) int, title func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int {
		oa, ob := order(a), order(b)
		if (oa == 0) != (ob == 0) {
			return cmp.Compare(ob, oa) // 0 (unordered) sorts last
		}
		return cmp.Or(cmp.Compare(oa, ob), strings.Compare(title(a), title(b)))
	})
}
