package render_test

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/sitecheck"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/themes"
)

// fuzzSite is a small valid handbook in which dest is written as a link target (in a
// principle's body, an exact document, and in a matrix cell) and ref as a reference: to
// a principle (an interview group's principles, a matrix row's Principles column and a
// phase's principles), to a role (a persona's role) and to a persona (a phase's
// personas). The role and the persona are both titled "Ownership", like the principle
// with that ID, so that one reference text can resolve in every index at once.
func fuzzSite(dest, ref string) fstest.MapFS {
	y := strconv.Quote(ref) // a YAML double-quoted string
	c := `"` + strings.ReplaceAll(ref, `"`, `""`) + `"`
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"content/_index.md":               file("---\ntitle: Fuzz Handbook\n---\nHome.\n"),
		"content/principles/ownership.md": file("---\ntitle: Ownership\norder: 1\n---\nOwners [act](" + dest + ") for the long term.\n\n## Long term\n\nThink ahead.\n"),
		"content/principles/dive-deep.md": file("---\ntitle: Dive Deep\norder: 2\n---\nStay close to the details.\n"),
		"content/roles/eng/_index.md":     file("---\ntitle: Ownership\nlevels:\n  - {title: Engineer I, id: e1}\n---\nEngineers build.\n"),
		"content/roles/eng/levels.csv":    file("Level,Engineer I,Principles,ID\nDelivery,\"Ships [work](" + strings.ReplaceAll(dest, `"`, `""`) + ").\"," + c + ",delivery\nCraft,Writes code.,Dive Deep,craft\n"),
		"content/interview/g.md":          file("---\ntitle: Group\nprinciples: [" + y + ", dive-deep]\n---\n## Questions\n1. Why?\n"),
		"content/delivery/_index.md":      file("---\ntitle: Delivery\npersonas:\n  - {id: lead, title: Ownership, role: " + y + "}\n---\nOverview.\n"),
		"content/delivery/kickoff.md":     file("---\ntitle: Kickoff\npersonas: [" + y + "]\nprinciples: [" + y + "]\n---\nStart.\n"),
	}
}

// rendered is one render of the fuzz site.
type rendered struct {
	site  *model.Site
	fsys  fstest.MapFS
	files []output.File // the pages and extras, then the theme's assets
	diags diag.List
}

func renderFuzzSite(t testing.TB, dest, ref string) rendered {
	t.Helper()
	fsys := fuzzSite(dest, ref)
	site, diags := source.Load(fsys, source.Options{})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	diags.Append(graph.Build(site))
	a, err := themeAssets()
	if err != nil {
		t.Fatal(err)
	}
	files, rdiags := render.Render(site, defaultTheme(t), render.Options{Assets: a.names})
	diags.Append(rdiags)
	return rendered{site: site, fsys: fsys, files: append(files, a.files...), diags: diags}
}

// themeAssets publishes the default theme's assets once: they do not depend on the site.
var themeAssets = sync.OnceValues(func() (assets, error) {
	files, names, err := output.Assets(themes.Default(), nil, nil)
	return assets{files, names}, err
})

type assets struct {
	files []output.File
	names map[string]string
}

var (
	urlAttrRe = regexp.MustCompile(`\s(href|src|action)="([^"]*)"`)
	tagOpenRe = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)[\s/>]`)
	schemeRe  = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.\-]*):`)
	// What markdown may add to a page, beyond what the theme writes.
	markdownTags = []string{"p", "a", "em", "strong", "code", "pre", "del", "h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "blockquote", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "span"}
)

// FuzzResolve renders a small site with an arbitrary link target and reference text and
// checks the link resolver (render) and the reference resolver (graph) on it:
//   - nothing panics;
//   - every diagnostic is at a line and column inside a source file;
//   - a reference resolves only to an item whose ID or title it is, ignoring case and
//     surrounding spaces, and one that does not resolve is an error where it was written;
//   - every href, src and action in the output is an http, https or mailto URL, an inline
//     image (src only) or site-internal, never javascript:, data: or the like;
//   - a build without errors has no broken link or anchor, and no build has inline
//     script, as sitecheck sees it;
//   - every '<' in a page opens a tag the theme or markdown writes, outside attribute
//     values, and a page holds no more scripts than it does on a plain build: text from
//     the input never reaches a page as markup.
//
// Its seeds, in testdata/fuzz/FuzzResolve, are link targets and reference texts of the
// content and of the build's test sites.
func FuzzResolve(f *testing.F) {
	plain := renderFuzzSite(f, "/principles/ownership/#long-term", "ownership")
	if plain.diags.HasErrors(false) {
		f.Fatalf("the plain fuzz site has errors:\n%s", plain.diags.Error())
	}
	if p := sitecheck.Check(plain.files, "/"); len(p) > 0 {
		f.Fatalf("the plain fuzz site fails sitecheck: %v", p)
	}
	tags := map[string]bool{}
	for _, t := range markdownTags {
		tags[t] = true
	}
	scripts := map[string]int{}
	for _, file := range plain.files {
		if strings.HasSuffix(file.Path, ".html") {
			scripts[file.Path] = bytes.Count(file.Data, []byte("<script"))
			for i := bytes.IndexByte(file.Data, '<'); i >= 0; i = next(file.Data, i) {
				if m := tagOpenRe.FindSubmatch(file.Data[i:]); m != nil {
					tags[strings.ToLower(string(m[2]))] = true
				}
			}
		}
	}

	f.Fuzz(func(t *testing.T, dest, ref string) {
		r := renderFuzzSite(t, dest, ref)
		checkPositions(t, r)
		checkRefs(t, r)
		hasErrors := r.diags.HasErrors(false)
		for _, p := range sitecheck.Check(r.files, "/") {
			if !hasErrors || !strings.HasPrefix(p.Message, "broken ") {
				t.Errorf("sitecheck: %s (diagnostics: %v)", p, r.diags)
			}
		}
		for _, file := range r.files {
			if !strings.HasSuffix(file.Path, ".html") {
				continue
			}
			checkURLs(t, file)
			checkMarkup(t, file, tags)
			if n, want := bytes.Count(file.Data, []byte("<script")), scripts[file.Path]; n > want {
				t.Errorf("%s has %d scripts, %d on a plain build", file.Path, n, want)
			}
		}
	})
}

func next(data []byte, i int) int {
	j := bytes.IndexByte(data[i+1:], '<')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// checkPositions wants every diagnostic at a line and column of a source file.
func checkPositions(t *testing.T, r rendered) {
	t.Helper()
	for _, d := range r.diags {
		file, ok := r.fsys[d.Pos.File]
		if !ok {
			t.Errorf("diagnostic outside the sources: %v", d)
			continue
		}
		lines := strings.Split(string(file.Data), "\n")
		if d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Col < 1 || d.Pos.Col > utf8.RuneCountInString(lines[d.Pos.Line-1])+1 {
			t.Errorf("diagnostic at no place in its file (%d lines): %v", len(lines), d)
		}
	}
}

// checkRefs checks every reference of the site against what it resolved to.
func checkRefs(t *testing.T, r rendered) {
	t.Helper()
	s := r.site
	var principles, roles, personas []named
	for _, p := range s.Principles {
		principles = append(principles, named{p, p.ID, p.Title})
	}
	for _, x := range s.Roles {
		roles = append(roles, named{x, x.ID, x.Title})
	}
	for _, p := range s.Personas {
		personas = append(personas, named{p, p.ID, p.Title})
	}
	asAny := func(ps []*model.Principle) []any {
		var out []any
		for _, p := range ps {
			out = append(out, p)
		}
		return out
	}
	for _, g := range s.Groups {
		checkList(t, r, "principle", g.PrincipleRefs, asAny(g.Principles), principles)
	}
	for _, role := range s.Roles {
		for _, row := range role.Rows {
			checkList(t, r, "principle", row.PrincipleRefs, asAny(row.Principles), principles)
		}
	}
	for _, ph := range s.Phases {
		checkList(t, r, "principle", ph.PrincipleRefs, asAny(ph.Principles), principles)
		var got []any
		for _, p := range ph.Personas {
			got = append(got, p)
		}
		checkList(t, r, "persona", ph.PersonaRefs, got, personas)
	}
	for _, p := range s.Personas {
		if p.RoleRef.Text == "" {
			continue
		}
		var got []any
		if p.Role != nil {
			got = append(got, p.Role)
		}
		checkList(t, r, "role", []model.Ref{p.RoleRef}, got, roles)
	}
}

type named struct {
	item      any
	id, title string
}

// checkList checks that refs resolved to got: each, in order and without repeats, to
// the item it names, or to nothing with an error at its place.
func checkList(t *testing.T, r rendered, kind string, refs []model.Ref, got []any, items []named) {
	t.Helper()
	var want []any
	for _, ref := range refs {
		text := strings.TrimSpace(ref.Text)
		var match []any
		for _, it := range items {
			if text != "" && (strings.EqualFold(text, it.id) || strings.EqualFold(text, it.title)) {
				match = append(match, it.item)
			}
		}
		i := slices.IndexFunc(got, func(x any) bool { return slices.Contains(match, x) })
		switch {
		case i >= 0:
			if !slices.Contains(want, got[i]) {
				want = append(want, got[i])
			}
		case isASCII(text) && len(match) > 0:
			t.Errorf("%s reference %q was not resolved to the %s it names", kind, ref.Text, kind)
		default:
			if !slices.ContainsFunc(r.diags, func(d diag.Diagnostic) bool {
				return d.Severity == diag.Error && d.Pos == ref.Pos && strings.Contains(d.Message, "unknown "+kind)
			}) {
				t.Errorf("%s reference %q at %s resolved to nothing without an error there:\n%s", kind, ref.Text, ref.Pos, r.diags.Error())
			}
			checkRefPos(t, r, ref)
		}
	}
	if len(got) != len(want) || !slices.Equal(got, want) {
		t.Errorf("%s references %q resolved to %s, want %s", kind, texts(refs), describe(got), describe(want))
	}
}

// checkRefPos wants a reference's position where it was written (its column counted in
// characters): at its first character
// in a matrix (a quote doubled), at the opening quote of its YAML string in front matter
// (fuzzSite quotes them all).
func checkRefPos(t *testing.T, r rendered, ref model.Ref) {
	t.Helper()
	file, ok := r.fsys[ref.Pos.File]
	if !ok || ref.Text == "" {
		return // checkPositions reports it
	}
	lines := strings.SplitAfter(string(file.Data), "\n")
	if ref.Pos.Line < 1 || ref.Pos.Line > len(lines) || ref.Pos.Col < 1 || ref.Pos.Col > utf8.RuneCountInString(lines[ref.Pos.Line-1])+1 {
		return
	}
	at := lines[ref.Pos.Line-1]
	for range ref.Pos.Col - 1 { // columns count characters
		_, size := utf8.DecodeRuneInString(at)
		at = at[size:]
	}
	want, _ := utf8.DecodeRuneInString(ref.Text)
	prefix := string(want)
	switch {
	case strings.HasSuffix(ref.Pos.File, ".md"):
		prefix = `"`
	case want == '"':
		prefix = `""`
	}
	if !strings.HasPrefix(at, prefix) {
		t.Errorf("reference %q is reported at %s, where the source has %q", ref.Text, ref.Pos, at[:min(len(at), 20)])
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func texts(refs []model.Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Text)
	}
	return out
}

func describe(items []any) string {
	var out []string
	for _, it := range items {
		switch x := it.(type) {
		case *model.Principle:
			out = append(out, x.ID)
		case *model.Role:
			out = append(out, x.ID)
		case *model.Persona:
			out = append(out, x.ID)
		default:
			out = append(out, fmt.Sprint(x))
		}
	}
	return "[" + strings.Join(out, " ") + "]"
}

// checkURLs wants every URL of a page to be site-internal or of an allowed scheme, as a
// browser reads it (leading and trailing spaces and controls trimmed, tabs and line
// breaks removed).
func checkURLs(t *testing.T, file output.File) {
	t.Helper()
	for _, m := range urlAttrRe.FindAllSubmatch(file.Data, -1) {
		attr, raw := string(m[1]), html.UnescapeString(string(m[2]))
		u := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' }))
		if sm := schemeRe.FindStringSubmatch(u); sm != nil {
			switch scheme := strings.ToLower(sm[1]); {
			case scheme == "http" || scheme == "https" || scheme == "mailto":
			case scheme == "data" && attr == "src" && strings.HasPrefix(strings.ToLower(u), "data:image/"):
			default:
				t.Errorf("%s: %s=%q has the scheme %s:", file.Path, attr, raw, scheme)
			}
			continue
		}
		if !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "#") {
			t.Errorf("%s: %s=%q is neither site-internal nor external", file.Path, attr, raw)
		}
	}
}

// checkMarkup wants every '<' of a page to open a tag the theme or markdown writes, or
// the doctype, and no '<' inside a tag.
func checkMarkup(t *testing.T, file output.File, tags map[string]bool) {
	t.Helper()
	data := file.Data
	inScript := false
	for i := bytes.IndexByte(data, '<'); i >= 0; i = next(data, i) {
		rest := data[i:]
		if inScript && !bytes.HasPrefix(rest, []byte("</script>")) {
			continue
		}
		if bytes.HasPrefix(bytes.ToLower(rest), []byte("<!doctype html>")) {
			continue
		}
		m := tagOpenRe.FindSubmatch(rest)
		if m == nil || !tags[strings.ToLower(string(m[2]))] {
			t.Errorf("%s: stray '<' at %q", file.Path, excerpt(data, i))
			continue
		}
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			t.Errorf("%s: unclosed tag at %q", file.Path, excerpt(data, i))
			return
		}
		if j := bytes.IndexByte(rest[1:end], '<'); j >= 0 {
			t.Errorf("%s: '<' inside a tag at %q", file.Path, excerpt(data, i))
		}
		inScript = len(m[1]) == 0 && strings.EqualFold(string(m[2]), "script")
	}
}

func excerpt(data []byte, i int) string {
	return string(data[max(0, i-40):min(len(data), i+80)])
}
