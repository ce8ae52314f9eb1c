package theme

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/frontmatter"
)

// StringsDir is the folder of a theme that holds its strings: every word the theme
// writes into pages, one file per language (strings/en.yaml, strings/de.yaml), each a
// mapping of keys to text.
const StringsDir = "strings/"

// Strings are the words a theme writes, in the handbook's language: the theme's
// strings/en.yaml (which defines every key), overridden key by key by the files of the
// language and its shorter forms (strings/de.yaml, then strings/de-CH.yaml), each
// file of the site's theme folder over the same file of the default theme.
//
// A text may hold the placeholders {1}, {2} ... for the arguments it is given. A text
// counted by a number is a mapping of "one" (used for exactly 1) and "other" to texts,
// chosen by its first argument that is a number.
type Strings struct {
	msgs map[string]message
	json sync.Map // keys joined by NUL -> JSON's result, as every page asks for the same lists
}

// message is one key's text.
type message struct {
	one, other string // one is "" when the text does not depend on a number
	pos        diag.Pos
}

// LoadStrings reads the strings of theme for the language tag lang (see Strings). Where the theme is an Overlay, each file of its
// top layer overrides the same file of its base key by key, rather than replacing it.
func LoadStrings(theme fs.FS, lang string) (*Strings, diag.List) {
	s := &Strings{msgs: map[string]message{}}
	var diags diag.List
	layers := layersOf(theme)
	names := []string{"en"}
	parts := strings.Split(lang, "-")
	for i := range parts {
		if n := strings.Join(parts[:i+1], "-"); n != "en" && n != "" {
			names = append(names, n)
		}
	}
	for i, name := range names {
		for _, layer := range layers {
			file := StringsDir + name + ".yaml"
			data, err := fs.ReadFile(layer, file)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				diags.Errorf(diag.Pos{File: file}, "%v", err)
				continue
			}
			diags.Append(s.read(file, data, i > 0))
		}
	}
	if len(s.msgs) == 0 {
		diags.Errorf(diag.Pos{File: StringsDir + "en.yaml"}, "the theme has no strings: %sen.yaml must give the text of every key", StringsDir)
	}
	for _, key := range goKeys() {
		if _, ok := s.msgs[key]; !ok && len(s.msgs) > 0 {
			diags.Errorf(diag.Pos{File: StringsDir + "en.yaml"}, "the theme's strings have no key %q, which the generator writes", key)
		}
	}
	return s, diags
}

// layersOf returns the layers of an Overlay, the base first, or fsys alone.
func layersOf(fsys fs.FS) []fs.FS {
	if o, ok := fsys.(overlay); ok {
		return append(layersOf(o.base), o.top)
	}
	return []fs.FS{fsys}
}

// read adds the keys of one strings file. In a translation (known), a key must be one
// that en.yaml defines, and a text should keep the placeholders of the text it
// translates.
func (s *Strings) read(file string, data []byte, known bool) diag.List {
	var diags diag.List
	root, d := frontmatter.Decode(file, data, 1)
	if d != nil {
		for i := range d { // the decoder speaks of front matter; this is a strings file
			d[i].Message = strings.Replace(d[i].Message, "front matter", "strings file", 1)
		}
		return d
	}
	keys := make([]string, 0, len(s.msgs))
	for k := range s.msgs {
		keys = append(keys, k)
	}
	for i, k := range root.Keys {
		m, ok := readMessage(root.Items[i], &diags)
		if !ok {
			continue
		}
		m.pos = k.Pos
		if strings.TrimSpace(m.other) == "" {
			diags.Warnf(k.Pos, "%s has no text: the theme would write nothing there", k.Value)
		}
		prev, had := s.msgs[k.Value]
		if known && !had {
			msg := "unknown string key " + strconv.Quote(k.Value)
			if sug := diag.Suggest(k.Value, keys); sug != "" {
				msg += "; did you mean " + strconv.Quote(sug) + "?"
			}
			diags.Errorf(k.Pos, "%s", msg)
			continue
		}
		if had {
			for _, p := range placeholders(prev.other + prev.one) {
				if !strings.Contains(m.other+m.one, p) {
					diags.Warnf(k.Pos, "%s: the text has no %s, which %s:%d has (%q)", k.Value, p, prev.pos.File, prev.pos.Line, prev.other)
				}
			}
		}
		s.msgs[k.Value] = m
	}
	return diags
}

// readMessage reads one key's value: a text, or a mapping of "one" and "other".
func readMessage(n *frontmatter.Node, diags *diag.List) (message, bool) {
	switch n.Kind {
	case frontmatter.Scalar:
		return message{other: n.Value}, true
	case frontmatter.Map:
		f := frontmatter.NewFields(n, diags)
		m := message{one: f.String("one").Text, other: f.String("other").Text}
		f.Done("a counted text (one, other)")
		if m.other == "" {
			diags.Errorf(n.Pos, "a counted text needs \"other\", the text for every number but 1")
			return m, false
		}
		if m.one == "" {
			m.one = m.other // a language without a singular form
		}
		return m, true
	}
	diags.Errorf(n.Pos, "a string must be a text, or a mapping of one and other for a counted text, not %s", n.Kind)
	return message{}, false
}

// placeholders returns the placeholders {1}, {2} ... that text holds.
func placeholders(text string) []string {
	var out []string
	for i := 1; i <= 9; i++ {
		if p := "{" + strconv.Itoa(i) + "}"; strings.Contains(text, p) {
			out = append(out, p)
		}
	}
	return out
}

// Has reports whether key has a text.
func (s *Strings) Has(key string) bool {
	_, ok := s.msgs[key]
	return ok
}

// Values returns every text of every key, for the tests that look for them.
func (s *Strings) Values() map[string][]string {
	out := map[string][]string{}
	for k, m := range s.msgs {
		out[k] = []string{m.other}
		if m.one != "" && m.one != m.other {
			out[k] = append(out[k], m.one)
		}
	}
	return out
}

// pattern returns the text of key for args: its "one" form when its first numeric
// argument is 1.
func (s *Strings) pattern(key string, args []any) (string, error) {
	m, ok := s.msgs[key]
	if !ok {
		return "", fmt.Errorf("no string %q in the theme's %sen.yaml", key, StringsDir)
	}
	if m.one != "" {
		for _, a := range args {
			if n, ok := number(a); ok {
				if n == 1 {
					return m.one, nil
				}
				break
			}
		}
	}
	return m.other, nil
}

func number(a any) (int, bool) {
	switch n := a.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	}
	return 0, false
}

// Text returns the text of key with its placeholders filled by args, or the key
// itself when there is none (LoadStrings reports the keys the generator needs).
func (s *Strings) Text(key string, args ...any) string {
	p, err := s.pattern(key, args)
	if err != nil {
		return key
	}
	return fill(p, args, fmt.Sprint)
}

// fill replaces {1}, {2} ... in pattern by each argument as str makes it.
func fill(pattern string, args []any, str func(...any) string) string {
	if !strings.Contains(pattern, "{") {
		return pattern
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(pattern, '{')
		if i < 0 || i+2 >= len(pattern) || pattern[i+2] != '}' || pattern[i+1] < '1' || pattern[i+1] > '9' {
			if i < 0 {
				b.WriteString(pattern)
				return b.String()
			}
			b.WriteString(pattern[:i+1])
			pattern = pattern[i+1:]
			continue
		}
		b.WriteString(pattern[:i])
		if n := int(pattern[i+1] - '1'); n < len(args) {
			b.WriteString(str(args[n]))
		}
		pattern = pattern[i+3:]
	}
}

// T is the template function t: {{t "key" args...}}. The text is plain (the template
// escapes it) unless an argument is HTML, such as a link made by the template
// function link; then the text is escaped here and the HTML arguments put in as they
// are.
func (s *Strings) T(key string, args ...any) (any, error) {
	p, err := s.pattern(key, args)
	if err != nil {
		return "", err
	}
	if !slices.ContainsFunc(args, func(a any) bool { _, ok := a.(template.HTML); return ok }) {
		return fill(p, args, fmt.Sprint), nil
	}
	escaped := make([]any, len(args))
	for i, a := range args {
		if h, ok := a.(template.HTML); ok {
			escaped[i] = string(h)
		} else {
			escaped[i] = html.EscapeString(fmt.Sprint(a))
		}
	}
	return template.HTML(fill(html.EscapeString(p), escaped, fmt.Sprint)), nil
}

// JSON is the template function tjson: the texts of keys as a JSON object, for a
// theme's script to read from a data attribute (a counted text is {"one", "other"}).
func (s *Strings) JSON(keys ...string) (string, error) {
	list := strings.Join(keys, "\x00")
	if done, ok := s.json.Load(list); ok {
		return done.(string), nil
	}
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		m, ok := s.msgs[k]
		if !ok {
			return "", fmt.Errorf("no string %q in the theme's %sen.yaml", k, StringsDir)
		}
		if m.one != "" {
			out[k] = map[string]string{"one": m.one, "other": m.other}
		} else {
			out[k] = m.other
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return "", err
	}
	s.json.Store(list, string(data))
	return string(data), nil
}

// goKeys are the keys of the texts the generator writes itself: page titles and
// breadcrumbs, the search index's
// labels and the redirect pages.
func goKeys() []string {
	return []string{
		"title.home", "title.roles", "title.principles", "title.interview", "title.delivery",
		"title.compare", "title.dimensions", "title.search", "title.notfound",
		"promotion.title", "label.principles", "label.probe", "where.in", "kits.more",
		"search.type.principle", "search.type.question", "search.type.row", "search.type.cell",
		"search.type.phase", "search.type.section", "search.levelpage", "search.roles",
		"redirect.title", "redirect.text",
	}
}
