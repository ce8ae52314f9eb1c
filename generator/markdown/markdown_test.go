package markdown

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
)

func parse(src string) *Doc { return NewParser().Parse("f.md", []byte(src)) }

func TestSectionsAndItems(t *testing.T) {
	d := parse("---\ntitle: T\n---\nIntro.\n\n## Questions\n1. First *one*?\n2. Second\n   - nested\n\n## Other\nText.\n")
	intro, secs := d.Whole().Sections(2)
	if got := intro.Text(); got != "Intro." {
		t.Errorf("intro = %q", got)
	}
	if len(secs) != 2 || secs[0].Title != "Questions" || secs[0].ID != "questions" || secs[1].Title != "Other" {
		t.Fatalf("sections = %+v", secs)
	}
	if secs[0].Pos.String() != "f.md:6:4" { // the heading's text
		t.Errorf("section position %s", secs[0].Pos)
	}
	items, ok := secs[0].Items()
	if !ok || len(items) != 2 || items[0].Title != "First one?" || items[1].Title != "Second nested" {
		t.Fatalf("items = %+v, %v", items, ok)
	}
	if items[1].Pos.String() != "f.md:8:4" {
		t.Errorf("item position %s", items[1].Pos)
	}
	if _, ok := secs[1].Items(); ok {
		t.Error("a paragraph is not a list")
	}
}

func TestLabelled(t *testing.T) {
	tests := []struct {
		src  string
		want string // label=text|...
	}{
		{"**S:** One.\n\n**T:** Two.", "S=One.|T=Two."},
		{"**S:** One.\n**T:** Two.", "S=One.|T=Two."},
		{"Before.\n\n### Action\nDid it.\n\n### Result\nWorked.", "=Before.|Action=Did it.|Result=Worked."},
		{"**Situation:** A\n\n- more\n\n**Result:** B", "Situation=A\n\nmore|Result=B"},
		{"**Not a label** here.", "=Not a label here."},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range parse(tt.src).Whole().Labelled(2) {
			got = append(got, p.Title+"="+p.Text())
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Labelled(%q) = %q, want %q", tt.src, g, tt.want)
		}
	}
}

func TestRenderLinksAndSafety(t *testing.T) {
	var seen []string
	links := func(from *Doc, dest string, pos diag.Pos) (string, bool) {
		seen = append(seen, dest+"@"+pos.String())
		if dest == "missing.md" {
			return "", false
		}
		return "/resolved/" + dest, true
	}
	tests := []struct{ src, want string }{
		{"[a](x.md)", `<p><a href="/resolved/x.md">a</a></p>`},
		{"[gone](missing.md)", "<p>gone</p>"},
		{"[ext](https://e.com/)", `<a href="https://e.com/" rel="noopener noreferrer">ext</a>`},
		{"[js](javascript:alert(1))", "<p>js</p>"},
		{"[js](JavaScript:alert(1))", "<p>js</p>"},
		{"[d](data:text/html,x)", "<p>d</p>"},
		{`[t](x.md "a\"b<c")`, `title="a&#34;b&lt;c"`},
		{"<script>alert(1)</script>\n\nok", "<p>ok</p>"},
		{"a <b onclick=x>b</b>", "<p>a b</p>"},
		{"```\"><x>\ncode\n```", "<pre><code>code\n</code></pre>"},
		{"Line one\nline two", "<p>Line one\nline two</p>"},
	}
	r := NewRenderer(links, nil)
	for _, tt := range tests {
		got := r.HTML(parse(tt.src).Whole())
		if !strings.Contains(got, tt.want) {
			t.Errorf("%q rendered %q, want it to contain %q", tt.src, got, tt.want)
		}
	}
	if seen[0] != "x.md@f.md:1:1" {
		t.Errorf("link resolution saw %v", seen)
	}
}

func TestCellsKeepLineBreaks(t *testing.T) {
	p := NewParser()
	got := NewRenderer(nil, nil).HTML(p.ParseCell(diag.Pos{File: "l.csv", Line: 3, Col: 5}, "One\ntwo\n- a\n- b").Whole())
	if !strings.Contains(got, "One<br>\ntwo") || !strings.Contains(got, "<li>a</li>") {
		t.Errorf("cell = %q", got)
	}
}

func TestRawHTMLPositions(t *testing.T) {
	d := parse("---\nt: 1\n---\ntext <b>x</b>\n\n<div>\nblock\n</div>\n")
	var got []string
	for _, p := range d.RawHTML() {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "f.md:4:6 f.md:4:10 f.md:6:1" {
		t.Errorf("raw HTML at %v", got)
	}
}

// TestParseBody checks that a file parsed from the end of its front matter, its YAML
// left to the frontmatter package, renders and places its nodes as when parsed whole.
func TestParseBody(t *testing.T) {
	src := []byte("---\ntitle: A\nlist:\n  - x\n---\n# Heading\n\ntext <b>x</b> and [a link](/a/)\n\n```go\nfunc f() {}\n```\n\n<div>\nblock\n</div>\n")
	const bodyStart = len("---\ntitle: A\nlist:\n  - x\n---\n")
	p := NewParser()
	whole, body := p.Parse("f.md", src), p.ParseBody("f.md", src, bodyStart)
	if whole.Params() == nil || body.Params() != nil {
		t.Errorf("params: whole %v, body %v; want the front matter's, then none", whole.Params(), body.Params())
	}
	r := NewRenderer(nil, nil)
	if w, b := r.HTML(whole.Whole()), r.HTML(body.Whole()); w != b {
		t.Errorf("parsed whole:\n%s\nparsed from the body:\n%s", w, b)
	}
	pos := func(d *Doc) (out []string) {
		for _, p := range d.RawHTML() {
			out = append(out, p.String())
		}
		return out
	}
	if w, b := pos(whole), pos(body); strings.Join(w, " ") != strings.Join(b, " ") || len(w) != 3 {
		t.Errorf("raw HTML at %v parsed whole, at %v parsed from the body", w, b)
	}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"Para one\nwraps here.\n\nPara two.\n", []string{"Para one wraps here.", "Para two."}},
		{"1. First\n2. Second *item*\n   - nested one\n   - nested two\n3. Third\n", []string{"First", "Second item", "nested one", "nested two", "Third"}},
		{"- loose\n\n- list\n", []string{"loose", "list"}},
		{"### Heading\n\nText <b>raw</b> here.\n\n<div>block</div>\n", []string{"Heading", "Text raw here."}},
		{"| a | b |\n|---|---|\n| c | d |\n", []string{"a", "b", "c", "d"}},
	}
	for _, tt := range tests {
		got := parse(tt.src).Whole().Blocks()
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Blocks(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
