package build

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/theme"
	"github.com/handbook-dev/handbook/themes"
)

// TestSearchSpeaksTheHandbooksLanguage: a dimension shared by several roles is placed
// in search results by how many roles share it, in the handbook's language ("2
// Rollen"), as the theme's strings word it.
func TestSearchSpeaksTheHandbooksLanguage(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/org-german.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	// A second role of the same ladder shares every row with the first.
	for _, name := range []string{"_index.md", "levels.csv"} {
		f := *fsys["content/roles/softwareentwicklung/"+name]
		f.Data = bytes.Replace(f.Data, []byte("title: Softwareentwicklung"), []byte("title: Datenplattform"), 1)
		fsys["content/roles/datenplattform/"+name] = &f
	}
	res, diags := Build(fsys, opts)
	if res == nil {
		t.Fatal(diags.Error())
	}
	var index strings.Builder
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, "search/") {
			index.Write(f.Data)
		}
	}
	if !strings.Contains(index.String(), `"2 Rollen"`) || strings.Contains(index.String(), "2 roles") {
		t.Errorf("the search index does not place a shared dimension in 2 Rollen, in German:\n%.400s", index.String())
	}
}

// TestSecondLanguageHasNoEnglish builds testdata/sites/org-german.txtar, a handbook
// with language: de and a whole German strings file, and looks for every text of the
// default theme's strings/en.yaml (each piece between its placeholders, as a whole
// word or phrase) in what a reader of any page meets: its text, the labels of its
// controls, the texts its scripts show, and the search index's labels. None may be
// there.
func TestSecondLanguageHasNoEnglish(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/org-german.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	opts.Minify = true
	res, diags := Build(fsys, opts)
	if res == nil || len(diags) > 0 {
		t.Fatalf("the German handbook does not build cleanly:\n%s", diags.Error())
	}
	english, d := theme.LoadStrings(themes.Default(), "en")
	if len(d) > 0 {
		t.Fatal(d.Error())
	}
	pieces := englishPieces(english)
	if len(pieces) < 100 {
		t.Fatalf("only %d pieces of English text found in the default strings", len(pieces))
	}
	pages := 0
	for _, f := range res.Files {
		var text string
		switch {
		case strings.HasSuffix(f.Path, ".html"):
			text, pages = readerText(t, f.Path, string(f.Data)), pages+1
		case f.Path == "search/index.json":
			var m struct{ Types [][]any }
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatal(err)
			}
			for _, ty := range m.Types {
				text += ty[1].(string) + "\n"
			}
		default:
			continue
		}
		for _, p := range pieces {
			if p.re.MatchString(text) {
				t.Errorf("%s shows %q, of the English %s", f.Path, p.text, p.key)
			}
		}
	}
	if pages < 20 {
		t.Errorf("only %d pages built", pages)
	}
}

type piece struct {
	key, text string
	re        *regexp.Regexp
}

// englishPieces cuts every text of the strings at its placeholders and returns the
// pieces that hold a letter, each with a pattern that finds it as a whole word.
func englishPieces(s *theme.Strings) []piece {
	var out []piece
	seen := map[string]bool{}
	values := s.Values()
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range values[k] {
			for _, p := range regexp.MustCompile(`\{[1-9]\}`).Split(v, -1) {
				p = strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				if p == "" || seen[p] || !strings.ContainsFunc(p, unicode.IsLetter) {
					continue
				}
				seen[p] = true
				// A colon joins letters in German gendered words ("Entwickler:in").
				out = append(out, piece{k, p, regexp.MustCompile(`(^|[^\pL:])` + regexp.QuoteMeta(p) + `($|[^\pL:])`)})
			}
		}
	}
	return out
}

var (
	anyTagRe  = regexp.MustCompile(`(?s)<[^>]*>`)
	attrRe    = regexp.MustCompile(`\s(aria-label|title|placeholder|alt|label|data-level|content)=("[^"]*"|'[^']*'|[^\s>]+)`)
	sourceRe  = regexp.MustCompile(`<code>content/[^<]*</code>`)
	stringsRe = regexp.MustCompile(`\sdata-strings=("[^"]*"|'[^']*'|[^\s>]+)`)
)

// readerText returns what a reader meets on a page: its text, the attributes that
// label things, and the values of its scripts' texts (data-strings), unescaped; not
// the name of its source file, which the footer shows.
func readerText(t *testing.T, name, page string) string {
	page = sourceRe.ReplaceAllString(page, "")
	var b strings.Builder
	for _, tag := range anyTagRe.FindAllString(page, -1) {
		for _, m := range attrRe.FindAllStringSubmatch(tag, -1) {
			b.WriteString(html.UnescapeString(strings.Trim(m[2], `"'`)) + "\n")
		}
		for _, m := range stringsRe.FindAllStringSubmatch(tag, -1) {
			var texts map[string]any
			if err := json.Unmarshal([]byte(html.UnescapeString(strings.Trim(m[1], `"'`))), &texts); err != nil {
				t.Errorf("%s: data-strings: %v", name, err)
			}
			for _, v := range texts {
				if m, ok := v.(map[string]any); ok {
					b.WriteString(m["one"].(string) + "\n" + m["other"].(string) + "\n")
				} else {
					b.WriteString(v.(string) + "\n")
				}
			}
		}
	}
	b.WriteString(html.UnescapeString(anyTagRe.ReplaceAllString(page, "\n")))
	return b.String()
}

// TestStringsOverrideKeyByKey gives a site's theme folder a strings/en.yaml of one key:
// that key changes, every other keeps the default theme's text.
func TestStringsOverrideKeyByKey(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                 {Data: []byte("---\ntitle: H\n---\n")},
		"themes/default/strings/en.yaml":    {Data: []byte("title.notfound: Nothing here\n")},
		"themes/default/strings/de.yaml":    {Data: []byte("header.skip: Weiter\n")}, // not the site's language
		"themes/default/strings/en-GB.yaml": {Data: []byte("nav.sections: Sections of the handbook\n")},
	}
	res, diags := Build(fsys, Options{})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	page := fileOf(res, "404.html")
	for _, want := range []string{"<h1>Nothing here</h1>", "Skip to content", `aria-label="Sections"`} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html lacks %q", want)
		}
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: H\nlanguage: en-GB\n---\n")}
	res, diags = Build(fsys, Options{})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	if page := fileOf(res, "404.html"); !strings.Contains(page, `aria-label="Sections of the handbook"`) || !strings.Contains(page, `<html lang="en-GB">`) {
		t.Errorf("en-GB: 404.html lacks its own strings:\n%s", page)
	}
}

// TestRightToLeftLanguage: a handbook in Arabic says dir="rtl" with its lang.
func TestRightToLeftLanguage(t *testing.T) {
	for lang, want := range map[string]string{"ar": `<html lang="ar" dir="rtl">`, "de": `<html lang="de">`} {
		fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: H\nlanguage: " + lang + "\n---\n")}}
		res, diags := Build(fsys, Options{})
		if res == nil || len(diags) > 0 {
			t.Fatalf("build: %v", diags)
		}
		if page := fileOf(res, "index.html"); !strings.Contains(page, want) {
			t.Errorf("%s: the home page lacks %q", lang, want)
		}
	}
}

func fileOf(res *Result, name string) string {
	for _, f := range res.Files {
		if f.Path == name {
			return string(f.Data)
		}
	}
	return ""
}

// TestStringsProblems: a template naming a key no strings file has is an error at its
// place in the template; so are an unknown key in a translation, a malformed strings
// file and a malformed language tag, each at its line.
func TestStringsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":                 {Data: []byte("---\ntitle: H\nlanguage: de_DE\n---\n")},
		"themes/default/templates/404.html": {Data: []byte("{{define \"content\"}}\n<h1>{{t \"title.notfound\"}}</h1>\n<p>{{t \"notfound.txt\"}}</p>\n{{end}}\n")},
		"themes/default/strings/de.yaml":    {Data: []byte("title.home: Startseite\ntitle.hom: Start\n")},
		"themes/default/strings/en.yaml":    {Data: []byte("title.home: [a, b]\n")},
	}
	_, diags := Build(fsys, Options{})
	got := diags.Error()
	for _, want := range []string{
		`themes/default/templates/404.html:3:8: error: no string "notfound.txt" in the theme's strings/en.yaml`,
		`content/_index.md:3:11: error: language "de_DE" uses "_"`,
		`themes/default/strings/en.yaml:1:13: error: a string must be a text`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no diagnostic %q in:\n%s", want, got)
		}
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: H\nlanguage: de\n---\n")}
	fsys["themes/default/strings/en.yaml"] = &fstest.MapFile{Data: []byte("title.home: Home\n")}
	_, diags = Build(fsys, Options{})
	if want := `themes/default/strings/de.yaml:2:1: error: unknown string key "title.hom"; did you mean "title.home"?`; !strings.Contains(diags.Error(), want) {
		t.Errorf("no diagnostic %q in:\n%s", want, diags.Error())
	}
	fsys["themes/default/strings/de.yaml"] = &fstest.MapFile{Data: []byte("title.home: [Start\npromotion.title: \"{1} → …\"\n")}
	_, diags = Build(fsys, Options{})
	if want := `themes/default/strings/de.yaml:1:1: error: strings file: did not find`; !strings.Contains(diags.Error(), want) {
		t.Errorf("no diagnostic %q in:\n%s", want, diags.Error())
	}
	fsys["themes/default/strings/de.yaml"] = &fstest.MapFile{Data: []byte("promotion.title: \"{1} → …\"\ntitle.roles: \"\"\n")}
	_, diags = Build(fsys, Options{})
	for _, want := range []string{
		`themes/default/strings/de.yaml:1:1: warning: promotion.title: the text has no {2}`,
		`themes/default/strings/de.yaml:2:1: warning: title.roles has no text`,
	} {
		if !strings.Contains(diags.Error(), want) {
			t.Errorf("no diagnostic %q in:\n%s", want, diags.Error())
		}
	}
}

// TestDefaultThemeKeys: every key the default theme's templates and the generator use
// has a text in strings/en.yaml, so the default theme builds with no problem at all.
func TestDefaultThemeKeys(t *testing.T) {
	s, diags := theme.LoadStrings(themes.Default(), "en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	res, diags := Build(fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: H\n---\n")}}, Options{})
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	if !s.Has("title.home") {
		t.Error("no title.home")
	}
}
