package build

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/sitecheck"
)

// repo is the site folder of the repository's own handbook.
var repo = os.DirFS("../..")

// buildRepo builds the real content and fails the test on any diagnostic: the handbook
// must build under --strict.
func buildRepo(t *testing.T, drafts bool) []output.File {
	t.Helper()
	res, diags := Build(repo, Options{Drafts: drafts, Minify: true})
	if len(diags) > 0 || res == nil {
		t.Fatalf("building content/ (drafts %v):\n%s", drafts, diags.Error())
	}
	return res.Files
}

func TestContentHasNoBrokenLinks(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		files := buildRepo(t, drafts)
		for _, p := range sitecheck.Check(files, "/") {
			t.Errorf("drafts %v: %s", drafts, p)
		}
		if len(files) < 80 {
			t.Errorf("drafts %v: only %d files built", drafts, len(files))
		}
	}
}

func TestContentCodeIsHighlightedWithClasses(t *testing.T) {
	page := fileData(t, buildRepo(t, false), "contributing/index.html")
	for _, lang := range []string{"yaml", "csv", "markdown"} {
		if !bytes.Contains(page, []byte(`class=hl-chroma`)) && !bytes.Contains(page, []byte(`class="hl-chroma"`)) {
			t.Fatalf("contributing page has no highlighted %s code", lang)
		}
	}
	if n := bytes.Count(page, []byte("hl-chroma")); n < 3 {
		t.Errorf("contributing page has %d highlighted blocks, want at least 3 (yaml, csv, markdown)", n)
	}
}

func fileData(t *testing.T, files []output.File, path string) []byte {
	t.Helper()
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	t.Fatalf("%s was not built", path)
	return nil
}

var (
	blockRe   = regexp.MustCompile(`</?(?:p|li|h[1-6]|td|th|tr|div|section|br|ul|ol|dl|dd|dt|nav|main|header|footer|table|caption|pre|title|label|option)\b[^>]*>`)
	tagRe     = regexp.MustCompile(`<[^>]*>`)
	starRe    = regexp.MustCompile(`^[STAR]: `)
	spaceRe   = regexp.MustCompile(`\s+`)
	sentences = regexp.MustCompile(`[^.!?]+(?:[.!?]+|$)`)
	mdLinkRe  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	listRe    = regexp.MustCompile(`^(?:[-*•]|\d+\.|#+)\s*`)
)

// siteText is every page's text as a reader sees it, one line of normalised words.
func siteText(files []output.File) string {
	var b strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			// Block elements separate words; inline ones (links, emphasis) do not.
			text := tagRe.ReplaceAllString(blockRe.ReplaceAllString(string(f.Data), " "), "")
			b.WriteString(normalise(html.UnescapeString(text)))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func normalise(s string) string {
	return strings.TrimSpace(spaceRe.ReplaceAllString(s, " "))
}

// codaChrome is what a Coda export holds that is not content: the importer drops it.
var codaChrome = regexp.MustCompile(`^(icon picker|Table \d+|\d+|Column \d+|There are no rows in this table|Want to print your doc\?|This is not the way\.|Try clicking the .*|CtrlP|\) instead\.)$`)

// seedLines returns the lines of a seed that are material, markdown syntax removed.
func seedLines(t *testing.T, name string) []string {
	data, err := os.ReadFile(filepath.Join("testdata", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "â€“", "–") // the repaired mojibake
	lines := strings.Split(text, "\n")
	if strings.HasPrefix(text, "---\n") { // the old file's front matter is metadata
		end := 1
		for lines[end] != "---" {
			end++
		}
		lines = lines[end+1:]
	}
	var out []string
	for i, line := range lines {
		line = strings.TrimSpace(line)
		isCoda := strings.HasPrefix(name, "000") || strings.HasPrefix(name, "001")
		switch {
		case line == "", isCoda && (codaChrome.MatchString(line) || i == 1):
			// Line 2 of a Coda export is the name of the Coda page holding the table.
			continue
		case strings.HasPrefix(line, "|"): // a table row: each cell is material
			if strings.Contains(line, "---") {
				continue
			}
			for _, cell := range strings.Split(strings.Trim(line, "|"), "|") {
				out = append(out, clean(cell))
			}
			continue
		}
		out = append(out, clean(line))
	}
	return out
}

func clean(s string) string {
	s = mdLinkRe.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "**", "")
	s = listRe.ReplaceAllString(strings.TrimSpace(s), "")
	// An example answer's S:, T:, A: and R: labels are shown as its part headings.
	s = starRe.ReplaceAllString(s, "")
	return normalise(s)
}

// structural are seed lines the site shows as structure rather than as text: the
// interview groups' main and other principles.
var structural = map[string][]string{
	"Main: Bias for Action":                                {"main principle Bias for Action"},
	"Sub: Customer Obsession, Ownership, Are Right, A Lot": {"Probes Bias for Action, Customer Obsession, Ownership, Are Right, A Lot"},
}

// metadata are seed lines the sources keep as metadata rather than show: the notes'
// tag line, which is no prose for readers, is a comment of the principles' front
// matter. Each is checked to be in its source and on no page.
var metadata = map[string]struct{ source, line string }{
	"principles #amazon #leadership": {"content/principles/_index.md", "#principles #amazon #leadership"},
}

func TestContentHoldsEverySeedSentence(t *testing.T) {
	text := siteText(buildRepo(t, true))
	seeds, _ := filepath.Glob("testdata/seeds/*.txt")
	if len(seeds) != 4 {
		t.Fatalf("want the 4 seeds in testdata/seeds, have %d", len(seeds))
	}
	for _, part := range []string{"Situation", "Task", "Action", "Result"} {
		if strings.Count(text, "Example answer "+part) < 3 && strings.Count(text, " "+part+" ") < 3 {
			t.Errorf("the example answers' %s parts are not shown", part)
		}
	}
	checked := 0
	for _, seed := range seeds {
		for _, line := range seedLines(t, filepath.Base(seed)) {
			if meta, ok := metadata[line]; ok {
				src, err := os.ReadFile(filepath.Join("../..", meta.source))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(src), meta.line) {
					t.Errorf("%s: %q is not kept in %s", filepath.Base(seed), meta.line, meta.source)
				}
				if strings.Contains(text, line) {
					t.Errorf("%s: the metadata %q is shown on a page", filepath.Base(seed), line)
				}
				continue
			}
			if want, ok := structural[line]; ok {
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: %q is not shown as %q", filepath.Base(seed), line, w)
					}
				}
				continue
			}
			for _, s := range sentences.FindAllString(line, -1) {
				if s = normalise(s); len(s) < 2 {
					continue
				}
				checked++
				if !strings.Contains(text, s) {
					t.Errorf("%s: sentence missing from the site: %q", filepath.Base(seed), s)
				}
			}
		}
	}
	if checked < 400 {
		t.Errorf("only %d sentences checked; the seeds hold more", checked)
	}
}

// TestPersonalNotesStayDraft checks that every line of the personal preparation notes is
// in a build with --drafts, and none that is not also elsewhere is in a build without.
func TestPersonalNotesStayDraft(t *testing.T) {
	notes, err := os.ReadFile("../../content/interview/preparation-notes.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(notes, []byte("\ndraft: true\n")) {
		t.Fatal("the personal notes page is not a draft")
	}
	published := siteText(buildRepo(t, false))
	previewed := siteText(buildRepo(t, true))
	body := string(notes[bytes.Index(notes[3:], []byte("\n---\n"))+8:])
	private := 0
	for _, raw := range strings.Split(body, "\n") {
		// Headings and the links to the questions the notes belong to are structure;
		// the rest is the notes' own text.
		if strings.HasPrefix(raw, "#") || mdLinkRe.MatchString(raw) {
			continue
		}
		line := clean(raw)
		if line == "" {
			continue
		}
		if !strings.Contains(previewed, line) {
			t.Errorf("not in the preview: %q", line)
		}
		if strings.Contains(published, line) {
			t.Errorf("personal note published without --drafts: %q", line)
		}
		private++
	}
	if private < 20 {
		t.Errorf("only %d lines of personal notes checked", private)
	}
}

// TestEmitWritesTheSameSite checks that a build handing its pages and search index to
// Options.Emit as they are made, as the command line does, makes the same files as one
// that keeps them, each once, and keeps none of them in its result.
func TestEmitWritesTheSameSite(t *testing.T) {
	want := map[string][]byte{}
	for _, f := range buildRepo(t, false) {
		want[f.Path] = f.Data
	}
	var mu sync.Mutex
	got := map[string][]byte{}
	emitted := 0
	res, diags := Build(repo, Options{Minify: true, Emit: func(f output.File) {
		mu.Lock()
		defer mu.Unlock()
		if _, twice := got[f.Path]; twice {
			t.Errorf("%s emitted twice", f.Path)
		}
		got[f.Path], emitted = bytes.Clone(f.Data), emitted+1
	}})
	if res == nil || len(diags) > 0 {
		t.Fatalf("building content/:\n%s", diags.Error())
	}
	for _, f := range res.Files {
		if _, ok := got[f.Path]; ok || strings.HasSuffix(f.Path, ".html") || strings.HasPrefix(f.Path, "search/") {
			t.Errorf("%s kept in the result", f.Path)
		}
		got[f.Path] = f.Data
	}
	if emitted < res.Pages+2 {
		t.Errorf("%d files emitted, want the %d pages and the search index", emitted, res.Pages)
	}
	for path, data := range want {
		if g, ok := got[path]; !ok {
			t.Errorf("%s missing", path)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s differs from the build that keeps its files", path)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("%s is not in the build that keeps its files", path)
		}
	}
}
