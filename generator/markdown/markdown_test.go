package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/frontmatter"
)

// parse parses a whole file, its front matter found as the source package finds it.
func parse(src string) *Doc {
	_, _, bodyStart, err := frontmatter.Split("f.md", []byte(src))
	if err != nil {
		panic(err)
	}
	return NewParser().Parse("f.md", []byte(src), bodyStart)
}

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
	runs := func(parts []Part) (text, where string) {
		var got, at []string
		for _, p := range parts {
			got = append(got, p.Title+"="+p.Text())
			at = append(at, p.Pos.String()+" "+NewRenderer(nil, nil).HTML(p))
		}
		return strings.Join(got, "|"), strings.Join(at, "|")
	}
	for _, tt := range tests {
		doc := parse(tt.src)
		got, at := runs(doc.Whole().Labelled(2))
		if got != tt.want {
			t.Errorf("Labelled(%q) = %q, want %q", tt.src, got, tt.want)
		}
		// A document parsed once serves the next load of the same text, which asks
		// for the runs again of a tree the first time changed.
		if again, againAt := runs(doc.Whole().Labelled(2)); again != got || againAt != at {
			t.Errorf("Labelled(%q) asked again = %q at %s, want %q at %s", tt.src, again, againAt, got, at)
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

// TestTableAlignment: a GFM table's column alignment is an align attribute, which the
// site's policy keeps, never an inline style, which it drops.
func TestTableAlignment(t *testing.T) {
	got := NewRenderer(nil, nil).HTML(parse("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |").Whole())
	for _, want := range []string{`<th align="left">a</th>`, `<th align="center">b</th>`, `<td align="right">3</td>`, `<td>4</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("the table renders\n%s\nwant it to contain %s", got, want)
		}
	}
	if strings.Contains(got, "style=") {
		t.Errorf("the table has an inline style:\n%s", got)
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

// TestParseSkipsFrontMatter checks that a whole file renders and places its nodes as its
// body alone would, wherever the YAML that was read ends, and that a file without front
// matter keeps all its text, even one starting with a line of dashes.
func TestParseSkipsFrontMatter(t *testing.T) {
	const body = "# Heading\n\ntext <b>x</b> and [a link](/a/)\n\n```go\nfunc f() {}\n```\n\n<div>\nblock\n</div>\n"
	tests := []struct{ name, front, want string }{
		{"none", "", "<h1 id=\"heading\">Heading</h1>"},
		{"front matter", "---\ntitle: A\nlist:\n  - x\n---\n", "<h1 id=\"heading\">Heading</h1>"},
		{"crlf fences", "---\r\ntitle: A\r\n---\r\n", "<h1 id=\"heading\">Heading</h1>"},
		// goldmark-meta alone would end the front matter at the empty list item "-"
		{"a line of one dash in the YAML", "---\naliases:\n-\n---\n", "<h1 id=\"heading\">Heading</h1>"},
		{"dashes in a block scalar", "---\nnote: |\n  -----\n---\n", "<h1 id=\"heading\">Heading</h1>"},
		// not front matter: goldmark-meta alone would take the file up to the next dashes
		{"a thematic break first", "-----\nKept.\n\n---\n\n", "<hr>\n<p>Kept.</p>\n<hr>\n<h1"},
	}
	r := NewRenderer(nil, nil)
	bodyHTML := r.HTML(parse(body).Whole())
	pos := func(d *Doc, shift int) (out []string) {
		for _, p := range d.RawHTML() {
			p.Line -= shift
			out = append(out, p.String())
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(tt.front + body)
			got := r.HTML(d.Whole())
			if !strings.HasPrefix(got, tt.want) || !strings.HasSuffix(got, bodyHTML) {
				t.Errorf("rendered\n%s\nwant it to start with %q and end with the body's HTML\n%s", got, tt.want, bodyHTML)
			}
			shift := strings.Count(tt.front, "\n")
			if w, b := pos(d, shift), pos(parse(body), 0); strings.Join(w, " ") != strings.Join(b, " ") || len(w) != 3 {
				t.Errorf("raw HTML at %v (less %d lines of front matter), at %v in the body alone", w, shift, b)
			}
		})
	}
}

// TestCellIsNeverFrontMatter checks that a cell starting with a "---" line is markdown
// like any other: its text is kept, escaped, and no markup of its own reaches the page.
func TestCellIsNeverFrontMatter(t *testing.T) {
	tests := []struct {
		cell       string
		want, lack []string
	}{
		{"---\ntitle: x\n---\nKept", []string{"<hr>", "title: x", "Kept"}, nil},
		{"---\n--><i>\n---", []string{"<hr>", "--&gt;"}, []string{"<i>", "<!--", "-->"}},
		{"---\n[unclosed: <b>\n---\nText", []string{"[unclosed: ", "Text"}, []string{"<b>", "<!--"}},
	}
	r := NewRenderer(nil, nil)
	p := NewParser()
	for _, tt := range tests {
		d := p.ParseCell(diag.Pos{File: "levels.csv", Line: 2, Col: 5}, tt.cell)
		got := r.HTML(d.Whole())
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("cell %q rendered %q, want it to contain %q", tt.cell, got, w)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(got, l) {
				t.Errorf("cell %q rendered %q, which contains %q", tt.cell, got, l)
			}
		}
	}
}

// TestStringNodesAreEscaped checks that a String node, which goldmark writes as it is
// when marked as code (goldmark-meta's error text is one), reaches the page as text.
func TestStringNodesAreEscaped(t *testing.T) {
	d := parse("Text")
	s := ast.NewString([]byte("<!-- --><i>x</i> -->"))
	s.SetCode(true)
	d.root.FirstChild().AppendChild(d.root.FirstChild(), s)
	got := NewRenderer(nil, nil).HTML(d.Whole())
	if want := "<p>Text&lt;!-- --&gt;&lt;i&gt;x&lt;/i&gt; --&gt;</p>"; !strings.Contains(got, want) {
		t.Errorf("rendered %q, want %q", got, want)
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

// TestCollapseSpace checks the one-pass collapse of white space against
// strings.Fields, which it stands for.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\nb", "a\tb", "a\u00a0b", "日本 語", "a \u2003 b", "ünï cødé", "\n"} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestOutline(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Heading
	}{
		{"none", "Just text.\n", nil},
		{"levels two and three", "# Top\n\n## A *b*\n\ntext\n\n### C\n\n#### D\n\n## E\n",
			[]Heading{{2, "A b", "a-b"}, {3, "C", "c"}, {2, "E", "e"}}},
		{"repeated titles keep their own anchors", "## Same\n\n## Same\n",
			[]Heading{{2, "Same", "same"}, {2, "Same", "same-1"}}},
		{"a heading inside a list is not the page's", "- item\n\n  ## Nested\n\n## Own\n",
			[]Heading{{2, "Own", "own"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(tt.src).Whole().Outline()
			if len(got) != len(tt.want) {
				t.Fatalf("Outline() = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("heading %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestHeadingAnchors(t *testing.T) {
	name := func(h string) string { return "Link: " + h }
	tests := []struct {
		name, src string
		anchors   bool
		want      string
	}{
		{"the link ends the heading, named from its text", "## A *b*\n", true,
			`<h2 id="a-b">A <em>b</em><a class="anchor" href="#a-b" aria-label="Link: A b"></a></h2>` + "\n"},
		{"its name is escaped", "### Say \"hi\" & 1 < 2\n", true,
			`<h3 id="say-hi--1--2">Say &quot;hi&quot; &amp; 1 &lt; 2<a class="anchor" href="#say-hi--1--2" aria-label="Link: Say &#34;hi&#34; &amp; 1 &lt; 2"></a></h3>` + "\n"},
		{"every level", "#### Deep\n", true,
			`<h4 id="deep">Deep<a class="anchor" href="#deep" aria-label="Link: Deep"></a></h4>` + "\n"},
		{"none unless asked for", "## A *b*\n", false, `<h2 id="a-b">A <em>b</em></h2>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRenderer(nil, nil)
			if tt.anchors {
				r.Anchors(name)
			}
			if got := r.HTML(parse(tt.src).Whole()); got != tt.want {
				t.Errorf("HTML(%q) =\n%s\nwant\n%s", tt.src, got, tt.want)
			}
		})
	}
}
