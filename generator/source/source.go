// Package source reads a handbook's content folder into the typed model. It knows the
// content layout (which file is a principle, a role, a question group ...), decodes each
// file's front matter and body, and reports every problem with its position. References
// between items stay as written (model.Ref); the graph package resolves them.
package source

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/cores"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/frontmatter"
	"github.com/handbook-dev/handbook/generator/language"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// ContentDir is the folder, inside the site folder, that holds the sources.
const ContentDir = "content"

// MaxFileSize is the largest source file read, so a stray huge file cannot exhaust memory.
const MaxFileSize = 4 << 20

// Options control what is loaded.
type Options struct {
	Drafts bool // include items marked draft: true
	// CellText leaves the matrices' cells unparsed: each cell keeps its Text as
	// written, and its Body is empty. Comparing two versions of a handbook reads
	// the cells' text alone, and parsing the markdown of every cell of each role
	// compared would cost more than all the rest of loading it.
	CellText bool
	// Parsed, if set, returns the document of a cell's text, or of a file's body (pos
	// its start: markdown.BodyPos), already parsed from the same text at the same place
	// (markdown.Doc.ParsedFrom), or nil: the text is then parsed. Parsing is a function
	// of the two, so a caller that keeps the documents of the last load (the dev server,
	// loading again the files a save changed) spares parsing what did not change: the
	// bodies and cells of the files a rename saved for their references. It is called
	// from every core at once.
	Parsed func(pos diag.Pos, text string) *markdown.Doc
}

// Load reads the content folder of the site folder fsys.
func Load(fsys fs.FS, opts Options) (*model.Site, diag.List) {
	paths, diags, err := sourceFiles(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(diag.Pos{File: ContentDir}, "there is no content folder: `handbook init` starts a new handbook, or --source names the folder that holds content/")
		return nil, diags
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: ContentDir}, "cannot read the content folder: %v", err)
		return nil, diags
	}
	parser := markdown.NewParser()
	l := &loader{site: &model.Site{NoIndex: true, Language: language.Default}, opts: opts, parser: parser, failed: map[string]bool{}}
	files := parseAll(fsys, parser, opts.Parsed, paths)
	for _, f := range files {
		if f.ok {
			l.add(f) // may record more problems of f in f.diags
		} else {
			l.failed[f.path] = true
		}
	}
	l.finish() // reads roles' front matter, recording its problems in f.diags too
	for _, f := range files {
		diags.Append(f.diags)
	}
	diags.Append(l.diags)
	return l.site, diags
}

// sourceFiles lists the files under content/ that are sources, sorted, skipping hidden
// files and folders and editors' temporary files. A folder inside that cannot be read is
// reported at its place, and the others are listed still; err is for content/ itself.
func sourceFiles(fsys fs.FS) (paths []string, diags diag.List, err error) {
	err = fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir {
				return err
			}
			diags.Errorf(diag.Pos{File: p}, "cannot read the folder: %v", err)
			return nil
		}
		name := d.Name()
		if p != ContentDir && IsIgnored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isSourceName(name) {
			paths = append(paths, p)
		}
		return nil
	})
	slices.Sort(paths)
	return paths, diags, err
}

// IsSource reports whether the path p (slash-separated, relative to the site folder)
// names a file the loader reads, judging by the path alone.
func IsSource(p string) bool {
	rest, ok := strings.CutPrefix(p, ContentDir+"/")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "/")
	if slices.ContainsFunc(parts, IsIgnored) {
		return false
	}
	return isSourceName(parts[len(parts)-1])
}

// ItemFiles returns the source files that make up the items the source file p (a
// path relative to the site folder) holds: p itself, and for a role's _index.md or
// levels.csv the other of the two, as a role is read from both. Every other source's
// items come from it alone, so Load of a folder holding just the ItemFiles of some
// sources gives the same items for them as Load of the whole folder (only the checks
// made across files differ): comparing or rebuilding a part of a handbook loads that
// part alone.
func ItemFiles(p string) []string {
	dir, name := path.Split(p)
	if k, _, _ := classify(strings.TrimPrefix(p, ContentDir+"/")); strings.HasPrefix(p, ContentDir+"/") && (k == kindRole || k == kindMatrix) {
		other := map[string]string{"_index.md": "levels.csv", "levels.csv": "_index.md"}[name]
		return []string{p, dir + other}
	}
	return []string{p}
}

func isSourceName(name string) bool {
	return strings.HasSuffix(name, ".md") || name == "levels.csv"
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
	lines []int // where each line of src starts, once a position in it is needed
}

// parseAll reads and parses every file, in parallel, taking the documents parsed has
// (see Options.Parsed); the result is in path order.
func parseAll(fsys fs.FS, parser *markdown.Parser, parsed func(diag.Pos, string) *markdown.Doc, paths []string) []*file {
	files := make([]*file, len(paths))
	cores.Each(len(paths), func(i int) { files[i] = readFile(fsys, parser, parsed, paths[i]) })
	return files
}

func readFile(fsys fs.FS, parser *markdown.Parser, parsed func(diag.Pos, string) *markdown.Doc, p string) *file {
	f := &file{path: p, rel: strings.TrimPrefix(p, ContentDir+"/")}
	src, err := ReadFile(fsys, p)
	if err != nil {
		f.diags.Errorf(diag.Pos{File: p}, "%v", err)
		return f
	}
	if !checkText(p, src, &f.diags) {
		return f
	}
	// A byte-order mark would hide the front matter; check reports it, the build skips it.
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if !checkLineEnds(p, src, &f.diags) {
		return f
	}
	f.src = src
	if path.Ext(p) == ".csv" {
		f.ok = true
		return f
	}
	yml, line, bodyStart, err := frontmatter.Split(p, src)
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
	if parsed != nil {
		f.doc = parsed(markdown.BodyPos(p, src, bodyStart), string(src[bodyStart:]))
	}
	if f.doc == nil {
		f.doc = parser.Parse(p, src, bodyStart)
	}
	for _, pos := range f.doc.RawHTML() {
		f.diags.Warnf(pos, "raw HTML is not rendered; write markdown instead")
	}
	f.ok = true
	return f
}

// ReadFile reads the source file p, a path under content/ of the site folder fsys. It
// refuses a file larger than MaxFileSize, and a symbolic link that leads out of the
// content folder, so that no link can publish a file from elsewhere on the machine.
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	info, err := fs.Lstat(fsys, p)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if err := LinkInside(fsys, ContentDir, p); err != nil {
			if out, ok := err.(*LinkOutError); ok {
				return nil, fmt.Errorf("symbolic link to %q leads out of the content folder%s; a source must be inside content/", out.Target, out.via())
			}
			return nil, fmt.Errorf("cannot read: %w", err)
		}
		info, err = fs.Stat(fsys, p)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, more than the %d a source may have", info.Size(), MaxFileSize)
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if len(src) > MaxFileSize { // it grew since
		return nil, fmt.Errorf("file is %d bytes, more than the %d a source may have", len(src), MaxFileSize)
	}
	return src, nil
}

// maxLinks is the most symbolic links followed to reach one file, as in Linux.
const maxLinks = 40

// LinkOutError is a symbolic link that leads out of the folder it must stay in.
type LinkOutError struct {
	Link   string // the path that was opened
	Target string // where its link leads, as written
	Via    string // the link on its way that leads out, when it is not Link itself
	Root   string // the folder
}

func (e *LinkOutError) Error() string {
	return fmt.Sprintf("symbolic link to %q leads out of %s/%s", e.Target, e.Root, e.via())
}

func (e *LinkOutError) via() string {
	if e.Via == "" {
		return ""
	}
	return " through " + e.Via
}

// LinkInside follows the path p, a file or folder inside the folder root of fsys, and
// every symbolic link on its way, as the operating system does (a ".." after a link is
// the parent of where the link leads), and returns a *LinkOutError if one leads out of
// root, even on its way back in. A file system without symbolic links (one that does not
// implement fs.ReadLinkFS) has none to follow.
func LinkInside(fsys fs.FS, root, p string) error {
	if p != root && !strings.HasPrefix(p, root+"/") {
		return &LinkOutError{Link: p, Target: p, Root: root}
	}
	done := root // resolved: no links in it below root
	rest := strings.Split(strings.TrimPrefix(strings.TrimPrefix(p, root), "/"), "/")
	last, links := "", 0 // the last link followed, and how many
	out := func(target string) error {
		e := &LinkOutError{Link: p, Target: target, Root: root}
		if last != p {
			e.Via = last
			e.Target, _ = fs.ReadLink(fsys, p)
		}
		return e
	}
	for len(rest) > 0 {
		part := rest[0]
		rest = rest[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if done == root {
				target, _ := fs.ReadLink(fsys, last)
				return out(target)
			}
			done = path.Dir(done)
			continue
		}
		next := done + "/" + part
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if links++; links > maxLinks {
			return fmt.Errorf("more than %d symbolic links in a row", maxLinks)
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return err
		}
		last = next
		if path.IsAbs(target) {
			return out(target)
		}
		rest = append(strings.Split(target, "/"), rest...) // from done, the link's folder
	}
	return nil
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
			col++ // columns count characters
		}
		i += size
	}
	diags.Errorf(diag.Pos{File: p, Line: line, Col: col}, "invalid UTF-8: save the file as UTF-8")
	return false
}

// checkLineEnds reports a carriage return that ends a line on its own, as classic Mac
// programs (and Excel's "CSV (Macintosh)") save text: no parser here reads it as a line
// break, so the file would be read as one long line.
func checkLineEnds(p string, src []byte, diags *diag.List) bool {
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		if i+1 == len(src) || src[i+1] != '\n' {
			line := bytes.Count(src[:i], []byte("\n")) + 1
			start := bytes.LastIndexByte(src[:i], '\n') + 1
			diags.Errorf(diag.Pos{File: p, Line: line, Col: diag.Column(src[start:], i-start)},
				"the file has CR-only line ends (a carriage return without a line feed, as old Mac programs save): save it with LF or CRLF line ends")
			return false
		}
		next := bytes.IndexByte(src[i+1:], '\r')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return true
}

// ordered sorts items by their explicit order (ordered items first), then by title.
func ordered[T any](items []T, order func(T) int, title func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int { return compareOrdered(order(a), order(b), title(a), title(b)) })
}

// compareOrdered compares two items of explicit orders oa and ob (0: none) and titles
// ta and tb as ordered sorts them.
func compareOrdered(oa, ob int, ta, tb string) int {
	if (oa == 0) != (ob == 0) {
		return cmp.Compare(ob, oa) // 0 (unordered) sorts last
	}
	return cmp.Or(cmp.Compare(oa, ob), strings.Compare(ta, tb))
}

// ComparePrinciples compares two principles as the site lists them: by their explicit
// order (those with one first), then by title.
func ComparePrinciples(a, b *model.Principle) int {
	return compareOrdered(a.Order, b.Order, a.Title, b.Title)
}
