package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/search"
)

// TestOrgSites builds every testdata/sites/org-*.txtar archive, a framework as another
// organisation writes it, and checks that the build and check report nothing at all
// (what --strict needs) and that every cell of every matrix is where it belongs, read
// from the CSV itself rather than from the model: each sentence of a cell in its row
// and level's column of the matrix (by anchor and by position), on its level's page
// and its dimension's page; a blank cell as the theme's one blank mark there, left out
// of its level's page, of a promotion view blank on both sides, of search, and an
// empty string in handbook.json. An archive added later is covered as it is.
func TestOrgSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/org-*.txtar")
	if len(archives) < 2 {
		t.Fatalf("%d org-*.txtar archives", len(archives))
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fsys, _, opts := siteFS(ar)
			res, diags := Build(fsys, opts)
			if len(diags) > 0 || res == nil {
				t.Fatalf("build reported:\n%s", diags.Error())
			}
			if checked := Check(fsys); len(checked) > 0 {
				t.Errorf("check reported what build did not:\n%s", checked.Error())
			}
			files := map[string][]byte{}
			for _, f := range res.Files {
				files[f.Path] = f.Data
			}
			var site jsonSite
			if err := json.Unmarshal(files["handbook.json"], &site); err != nil {
				t.Fatalf("handbook.json: %v", err)
			}
			mark := blankMark(t, files)
			blankURLs := map[string]bool{}
			cells := 0
			for _, role := range site.Roles {
				m := readMatrix(t, fsys, role.ID)
				if len(m.levels) != len(role.Levels) || len(m.rows) != len(role.Rows) {
					t.Fatalf("%s: the CSV has %d levels and %d rows, handbook.json %d and %d", role.ID, len(m.levels), len(m.rows), len(role.Levels), len(role.Rows))
				}
				o := orgRole{t: t, files: files, role: role, m: m, mark: mark}
				o.checkMatrix()
				o.checkLevels()
				o.checkPromotions()
				o.checkDimensions()
				for i, row := range role.Rows {
					for j, lv := range role.Levels {
						if m.blank(i, j) {
							blankURLs[unescaped(role.URL)+lv.ID+"/#"+row.ID+"--"+lv.ID+"-h"] = true
						} else {
							cells++
						}
					}
				}
			}
			checkSearch(t, res, blankURLs, cells)
		})
	}
}

// The parts of handbook.json the test reads.
type (
	jsonSite struct {
		Roles []jsonRole `json:"roles"`
	}
	jsonRole struct {
		ID     string `json:"id"`
		URL    string `json:"url"`
		Levels []struct {
			ID, Title, URL string
		} `json:"levels"`
		Rows []struct {
			ID, Title string
			Cells     map[string]*string
		} `json:"rows"`
	}
)

// matrix is a role's levels.csv as a spreadsheet holds it.
type matrix struct {
	levels []string   // the level columns' titles
	rows   []string   // the rows' titles
	cells  [][]string // cells[row][level], as written
}

func (m *matrix) blank(row, level int) bool { return strings.TrimSpace(m.cells[row][level]) == "" }

// readMatrix reads content/roles/<role>/levels.csv with encoding/csv: level columns
// are those after the first but Principles and ID.
func readMatrix(t *testing.T, fsys fs.FS, role string) *matrix {
	t.Helper()
	src, err := fs.ReadFile(fsys, "content/roles/"+role+"/levels.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %v", role, err)
	}
	var cols []int
	m := &matrix{}
	for i, h := range recs[0][1:] {
		if name := strings.ToLower(strings.TrimSpace(h)); name != "principles" && name != "id" {
			cols = append(cols, i+1)
			m.levels = append(m.levels, strings.TrimSpace(h))
		}
	}
	for _, rec := range recs[1:] {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		m.rows = append(m.rows, strings.TrimSpace(rec[0]))
		var cells []string
		for _, c := range cols {
			cells = append(cells, rec[c])
		}
		m.cells = append(m.cells, cells)
	}
	return m
}

// orgRole checks one role's views.
type orgRole struct {
	t     *testing.T
	files map[string][]byte
	role  jsonRole
	m     *matrix
	mark  string // the blank mark, as the compare page's template holds it
}

// page returns the built page at the site path u.
func (o *orgRole) page(u string) string {
	o.t.Helper()
	data, ok := o.files[outputFile(u)]
	if !ok {
		o.t.Fatalf("no page %s", u)
	}
	return string(data)
}

// checkCell checks that got, the HTML shown for the cell at row i and level j, says
// what the CSV does: its every sentence, or only the blank mark.
func (o *orgRole) checkCell(where string, i, j int, got string) {
	o.t.Helper()
	text := plainText(got)
	if o.m.blank(i, j) {
		if !strings.Contains(got, o.mark) || text != plainText(o.mark) {
			o.t.Errorf("%s: blank cell %q at %q shows %q, want only the blank mark %q", where, o.m.rows[i], o.m.levels[j], text, o.mark)
		}
		return
	}
	for _, s := range cellSentences(o.m.cells[i][j]) {
		if !strings.Contains(text, s) {
			o.t.Errorf("%s: cell %q at %q lacks %q; it shows %q", where, o.m.rows[i], o.m.levels[j], s, text)
		}
	}
}

// checkMatrix checks each cell in its row's table row, at its level's position and by
// its anchor, and in handbook.json.
func (o *orgRole) checkMatrix() {
	page := o.page(o.role.URL)
	head := element(page, "<thead>")
	for j, title := range o.m.levels {
		if ths := elements(head, "th"); len(ths) != len(o.m.levels)+1 || plainText(ths[j+1]) != title {
			o.t.Errorf("%s: header column %d is not %q", o.role.URL, j+2, title)
		}
	}
	for i, row := range o.role.Rows {
		if row.Title != o.m.rows[i] {
			o.t.Errorf("%s: row %d is %q in handbook.json, %q in the CSV", o.role.ID, i+1, row.Title, o.m.rows[i])
		}
		tr := element(page, `<tr id="`+html.EscapeString(row.ID)+`">`)
		if ths := elements(tr, "th"); len(ths) != 1 || !strings.Contains(plainText(ths[0]), o.m.rows[i]) {
			o.t.Errorf("%s: row %q has no header with its title", o.role.URL, o.m.rows[i])
		}
		tds := elements(tr, "td")
		if len(tds) != len(o.role.Levels) {
			o.t.Errorf("%s: row %q has %d cells for %d levels", o.role.URL, o.m.rows[i], len(tds), len(o.role.Levels))
			continue
		}
		for j, lv := range o.role.Levels {
			anchor := `<td id="` + html.EscapeString(row.ID+"--"+lv.ID) + `" data-level="` + html.EscapeString(o.m.levels[j]) + `">`
			if !strings.HasPrefix(tds[j], anchor) {
				o.t.Errorf("%s: cell %d of row %q opens %.80q, want %q", o.role.URL, j+1, o.m.rows[i], tds[j], anchor)
			}
			o.checkCell(o.role.URL, i, j, tds[j])
			want := o.m.cells[i][j]
			if o.m.blank(i, j) {
				want = ""
			}
			if got := row.Cells[lv.ID]; got == nil || *got != want {
				o.t.Errorf("handbook.json: %s at %s is %v, want %q", row.ID, lv.ID, got, want)
			}
		}
	}
}

// checkLevels checks each level's page: a section per row with an expectation there,
// none for a blank cell.
func (o *orgRole) checkLevels() {
	for j, lv := range o.role.Levels {
		page := o.page(lv.URL)
		for i, row := range o.role.Rows {
			open := `data-row="` + html.EscapeString(row.ID) + `"`
			has := strings.Contains(page, open)
			if o.m.blank(i, j) {
				if has {
					o.t.Errorf("%s lists %q, blank at that level", lv.URL, o.m.rows[i])
				}
				continue
			}
			if !has {
				o.t.Errorf("%s does not list %q", lv.URL, o.m.rows[i])
				continue
			}
			o.checkCell(lv.URL, i, j, element(page, `<div class="prose cell-text" `+open+`>`))
		}
	}
}

// checkPromotions checks each promotion view: the rows with an expectation at either
// level, in order, those that start at the upper level marked new.
func (o *orgRole) checkPromotions() {
	for j := range len(o.role.Levels) - 1 {
		a, b := o.role.Levels[j], o.role.Levels[j+1]
		u := path.Dir(strings.TrimSuffix(a.URL, "/")) + "/" + a.ID + "-to-" + b.ID + "/"
		trs := elements(element(o.page(u), "<tbody>"), "tr")
		k := 0
		for i := range o.role.Rows {
			if o.m.blank(i, j) && o.m.blank(i, j+1) {
				continue
			}
			if k >= len(trs) {
				o.t.Errorf("%s: no row %q", u, o.m.rows[i])
				break
			}
			tr := trs[k]
			k++
			if th := elements(tr, "th"); len(th) != 1 || !strings.Contains(plainText(th[0]), o.m.rows[i]) {
				o.t.Errorf("%s: row %d is not %q", u, k, o.m.rows[i])
				continue
			}
			if isNew := strings.HasPrefix(tr, `<tr class="new">`); isNew != o.m.blank(i, j) {
				o.t.Errorf("%s: row %q marked new: %v", u, o.m.rows[i], isNew)
			}
			if tds := elements(tr, "td"); len(tds) == 2 {
				o.checkCell(u, i, j, tds[0])
				o.checkCell(u, i, j+1, upperText(strings.Replace(tds[1], o.newMark(), "", 1)))
			} else if len(tds) == 1 && strings.HasPrefix(tr, `<tr class="same">`) {
				folded := strings.Replace(tds[0], element(tds[0], "<summary>"), "", 1)
				o.checkCell(u, i, j, folded)
				o.checkCell(u, i, j+1, folded)
			} else {
				o.t.Errorf("%s: row %q has %d cells", u, o.m.rows[i], len(tds))
			}
		}
		if k != len(trs) {
			o.t.Errorf("%s: %d rows, want %d", u, len(trs), k)
		}
	}
}

// upperText is the upper level's text of a promotion view's cell that shows it as the
// word difference from the lower one's: without the words removed and the words that
// tell a screen reader what was added.
func upperText(td string) string {
	return hiddenRe.ReplaceAllString(delRe.ReplaceAllString(td, ""), "")
}

var (
	delRe    = regexp.MustCompile(`(?s)<del>.*?</del>`)
	hiddenRe = regexp.MustCompile(`<span class="visually-hidden">[^<]*</span>`)
)

// newMark is the mark of a row new at a promotion's upper level: what the cell holds
// before its text.
func (o *orgRole) newMark() string {
	for _, page := range o.files {
		if m := newMarkRe.FindSubmatch(page); m != nil {
			return string(m[1])
		}
	}
	return "\x00" // no row is new anywhere
}

var newMarkRe = regexp.MustCompile(`<tr class="new">.*?<td data-level="[^"]*">.*?</td><td data-level="[^"]*">(.*?)<div class="prose">`)

// checkDimensions checks each row's step at every level on its dimension's page.
func (o *orgRole) checkDimensions() {
	for i, row := range o.role.Rows {
		page := o.page("/dimensions/" + row.ID + "/")
		for j, lv := range o.role.Levels {
			step := element(page, `<li id="`+html.EscapeString(row.ID+"--"+lv.ID)+`">`)
			if h := element(step, "<h3>"); plainText(h) != o.m.levels[j] {
				o.t.Errorf("/dimensions/%s/: the step of %q is headed %q", row.ID, o.m.levels[j], plainText(h))
			}
			o.checkCell("/dimensions/"+row.ID+"/", i, j, element(step, `<div class="prose">`))
		}
	}
}

// checkSearch checks that no search document is a blank cell's and that every other
// cell has one, with text.
func checkSearch(t *testing.T, res *Result, blank map[string]bool, cells int) {
	t.Helper()
	n := 0
	for _, d := range search.Documents(res.Site, nil) {
		if d.Type != search.Cell {
			continue
		}
		n++
		if blank[unescaped(d.URL)] {
			t.Errorf("search has a document for the blank cell %s", d.URL)
		}
		if strings.TrimSpace(d.Body) == "" {
			t.Errorf("search document %s has no text", d.URL)
		}
	}
	checkSearchTargets(t, res)
	if n != cells {
		t.Errorf("search has %d cell documents for %d cells with an expectation", n, cells)
	}
}

// checkSearchTargets checks that every search document with a fragment in its address
// leads to an element of that ID on its page: a level expectation to its row's heading
// on the level's page, a section of prose to its heading.
func checkSearchTargets(t *testing.T, res *Result) {
	t.Helper()
	pages := map[string]string{}
	for _, f := range res.Files {
		pages[f.Path] = string(f.Data)
	}
	for _, d := range search.Documents(res.Site, nil) {
		page, fragment, ok := strings.Cut(d.URL, "#")
		if !ok {
			continue
		}
		data, ok := pages[outputFile(page)]
		if !ok {
			t.Errorf("search document %q leads to %s, which is not built", d.Title, d.URL)
			continue
		}
		id := regexp.MustCompile(`\sid="?` + regexp.QuoteMeta(html.EscapeString(unescaped(fragment))) + `["\s>]`)
		if !id.MatchString(data) {
			t.Errorf("search document %q leads to %s, whose page has no element of that ID", d.Title, d.URL)
		}
	}
}

// blankMark returns the theme's blank mark from the compare page's template.
func blankMark(t *testing.T, files map[string][]byte) string {
	t.Helper()
	m := regexp.MustCompile(`<template id="compare-blank">(.*?)</template>`).FindSubmatch(files["compare/index.html"])
	if m == nil || len(bytes.TrimSpace(m[1])) == 0 {
		t.Fatal("the compare page has no blank mark template")
	}
	return string(m[1])
}

// outputFile is the file a site path u is served from: u unescaped, as links to IDs in
// any script are percent-encoded, and a folder's index.html.
func outputFile(u string) string {
	u = unescaped(u)
	if strings.HasSuffix(u, "/") {
		u += "index.html"
	}
	return strings.TrimPrefix(u, "/")
}

// plainText is the text of an HTML fragment as a reader sees it, white space
// collapsed: block elements separate words, inline ones (links, emphasis) do not.
func plainText(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRe.ReplaceAllString(blockRe.ReplaceAllString(h, " "), ""))), " ")
}

// element returns the element of page that opens with the start tag open, up to its
// end tag (elements of the same name nested inside included), or "".
func element(page, open string) string {
	i := strings.Index(page, open)
	if i < 0 {
		return ""
	}
	name := strings.FieldsFunc(open[1:], func(r rune) bool { return r == ' ' || r == '>' })[0]
	return matching(page[i:], name)
}

// matching returns the element s starts with, named name, up to its end tag.
func matching(s, name string) string {
	depth := 0
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "</"+name+">"):
			depth--
			i += len(name) + 3
			if depth == 0 {
				return s[:i]
			}
		case strings.HasPrefix(rest, "<"+name+">") || strings.HasPrefix(rest, "<"+name+" "):
			depth++
			i += len(name) + 1
		default:
			i++
		}
	}
	return s
}

// elements returns the elements named name directly inside the HTML h.
func elements(h, name string) []string {
	var out []string
	inner := h[strings.IndexByte(h, '>')+1:]
	for {
		i := strings.Index(inner, "<"+name)
		if i < 0 {
			return out
		}
		if c := inner[i+len(name)+1]; c != '>' && c != ' ' {
			inner = inner[i+1:]
			continue
		}
		el := matching(inner[i:], name)
		out = append(out, el)
		inner = inner[i+len(el):]
	}
}

var (
	listMarkRe  = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	sentenceEnd = regexp.MustCompile(`[.!?…。！？]\s*`)
)

// cellSentences splits a cell's markdown into the sentences a reader sees: line by line,
// list markers, emphasis and link targets dropped, each line cut after its full stops.
func cellSentences(md string) []string {
	var out []string
	for line := range strings.SplitSeq(md, "\n") {
		line = listMarkRe.ReplaceAllString(line, "")
		line = mdLinkRe.ReplaceAllString(line, "$1")
		line = strings.NewReplacer("**", "", "*", "", "`", "", "~~", "").Replace(line)
		start := 0
		for _, end := range sentenceEnd.FindAllStringIndex(line, -1) {
			out = appendSentence(out, line[start:end[1]])
			start = end[1]
		}
		out = appendSentence(out, line[start:])
	}
	return out
}

func appendSentence(out []string, s string) []string {
	if s = strings.Join(strings.Fields(s), " "); s != "" {
		out = append(out, s)
	}
	return out
}

// TestExcelSaved checks the conversion of NAME.crlf.EXT files in the archives.
func TestExcelSaved(t *testing.T) {
	tests := []struct {
		name, in, want string
		csv            bool
	}{
		{"csv", "A,B\nx,\"one\ntwo\"\ny,\"say \"\"hi\"\"\nthere\"\n", "\uFEFFA,B\r\nx,\"one\ntwo\"\r\ny,\"say \"\"hi\"\"\nthere\"\r\n", true},
		{"markdown", "---\ntitle: \"X\"\n---\nBody\n", "\uFEFF---\r\ntitle: \"X\"\r\n---\r\nBody\r\n", false},
	}
	for _, tt := range tests {
		if got := string(excelSaved([]byte(tt.in), tt.csv)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	fsys, _, _ := siteFS(&txtar.Archive{Files: []txtar.File{{Name: "content/roles/r/levels.crlf.csv", Data: []byte("A\n")}}})
	if want := (fstest.MapFS{"content/roles/r/levels.csv": {Data: []byte("\uFEFFA\r\n")}}); !bytes.Equal(fsys["content/roles/r/levels.csv"].Data, want["content/roles/r/levels.csv"].Data) || len(fsys) != 1 {
		t.Errorf("siteFS wrote %v", fsys)
	}
}

// TestCheckAgrees checks that check and build report the same problems of every
// archive, with drafts and without: check adds only the lints build does not make
// (package lint: mojibake, Coda chrome, NUL bytes), which no archive holds; a
// byte-order mark and CRLF line ends are no such finding.
func TestCheckAgrees(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fsys, _, _ := siteFS(ar)
			// What build and build --drafts report, as CI and a preview run them.
			_, built := Build(fsys, Options{})
			_, drafts := Build(fsys, Options{Drafts: true})
			built.Append(drafts)
			if got, want := Check(fsys).Error(), built.Sorted().Error(); got != want {
				t.Errorf("check reported\n%s\nbuild reported\n%s", got, want)
			}
		})
	}
}

// unescaped is the URL u with its percent-encoding undone, or u if it has none.
func unescaped(u string) string {
	if p, err := url.PathUnescape(u); err == nil {
		return p
	}
	return u
}
