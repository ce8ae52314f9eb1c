package coda

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
)

// The seeds' role IDs: which content/roles/<id>/ each testdata export is imported into.
var seeds = []struct {
	file, role string
}{
	{"proserve.txt", "professional-services"},
	{"manager-proserve.txt", "manager-professional-services"},
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func mustParse(t testing.TB, name string, src []byte) *Export {
	t.Helper()
	e, diags := Parse(name, src)
	if len(diags) > 0 || e == nil {
		t.Fatalf("Parse(%s): %v", name, diags)
	}
	return e
}

// small is a short valid export: two levels, two rows, with Coda's chrome.
const small = `icon picker
Guide
` + `
Small Role Guideline
` + `
First paragraph.
Second paragraph.
Table 3
0
Column 1
Column 2
Column 3
1
Job Title
Level One
Level Two
2
Scope
Does tasks
Leads "teams", at scale
3
Craft
` + `
Masters it
There are no rows in this table
Want to print your doc?
This is not the way.
Try clicking the ⋯ next to your doc name or using a keyboard shortcut (
CtrlP
) instead.`

func TestParseSeeds(t *testing.T) {
	type cell struct {
		row, col int // col 0 is the row title
		text     string
	}
	tests := []struct {
		file   string
		page   string
		title  string
		intro  []string // the first words of each paragraph
		levels []string
		rows   []string
		cells  []cell
	}{
		{
			file:   "proserve.txt",
			page:   "Role Guideance",
			title:  "Professional Services (ProServe) Role Guideline",
			intro:  []string{"This document describes the general expectations of the ProServe role.", "ProServe consultants are responsible", "For management responsibilities, refer to Manager, Professional Services."},
			levels: []string{"Professional Services I", "Professional Services II", "Professional Services III", "Principal Professional Service"},
			rows: []string{
				"General Scope / Progression",
				"Key Responsibilities",
				"Deliver Professional and Valuable Customer Experience and Engagement",
				"Deliver Professional and Valuable Partner Experience Engagement",
				"Enable Target Business Outcomes for Customers and Partners",
				"Consistently Demonstrate Technical Excellence",
				"Deliver Effective Leadership Externally and Internally",
				"Produce and Publish Reusable Assets",
			},
			cells: []cell{
				{0, 1, "Manages tasks and supports a small range of stakeholders"},
				{0, 4, "Develops strategy and sets direction for team; influences broadly internally and externally"},
				{1, 1, "Assisting"}, {1, 2, "Delivering"}, {1, 3, "Leading"}, {1, 4, "Influencing"},
				{7, 1, "Generates and captures reusable scripts, code, documentation and other artifacts from engagements that are shared and used by others"},
				{7, 4, "Directly, and through others, creates and shares business and/or technical innovations that are used broadly throughout an industry segment, and/or deeply in a technical domain or vertical industry. Personally generates unique and commercially valuable IP that lands in patents, products, and services."},
			},
		},
		{
			file:   "manager-proserve.txt",
			page:   "Leveling Guide",
			title:  "Manager, Professional Services Role Guideline",
			intro:  []string{"This document describes the general expectations of the Manager, Professional Services role."},
			levels: []string{"Mgr III, Professional Services", "Sr. Mgr, Principal Prof Svcs"},
			rows: []string{
				"Key Responsibilities",
				"Deliver Professional and Valuable Customer Experience and Engagement",
				"Deliver Professional and Valuable Partner Experience Engagement",
				"Enable Target Business Outcomes for Customers and Partners",
				"Consistently Demonstrate Technical Excellence",
				"Deliver Effective Leadership Externally and Internally",
				"Drive Business Maturity and Scale via Reusable Assets and Repeatable Offerings",
				"Operational Excellence",
			},
			cells: []cell{
				{0, 1, "Building"}, {0, 2, "Scaling"},
				{1, 2, "Influences and leads customer experience and engagement from sales though delivery to produce high-quality, scalable outcomes.Invests in new markets and initiatives to develop, manage and maintain relationships with customers, partners and key stakeholders. Establishes and matures cross-functional initiatives that contribute to continuous improvement and accelerated growth across new regions and specialty practices. Hires and develops leaders capable of driving orchestrated adoption and execution of strategy, operations, and process design on behalf of the customer."},
				{2, 1, "Proactively engages partners in customer engagements that positively impact the partner’s business and maximize customer value. Minimizes channel conflict through effective communication, collaboration and alignment of partners, customers and key stakeholders. Consistently earns partner trust, and ensures partner satisfaction while building customer confidence and references."},
				{7, 2, "Develops and executes the operational plan to achieve go-to-market financial and operational targets across customers, partners, and employees for the area, industry and/or specialty practice that s/he leads. Influences the creation and implementation of scalable mechanisms that improve quality, productivity and efficiency across the organization. Leads team to provide adequate data into agreed set of business tools and processes. Enables regular visibility of the performance level versus the plan. Establishes and executes strong control and governance that drives operational excellence. Implements a local planning cadence that contributes to the Amazon planning process"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e := mustParse(t, tt.file, readTestdata(t, tt.file))
			if e.Page != tt.page || e.Title != tt.title || e.Corner != "Job Title" {
				t.Errorf("page, title, corner = %q, %q, %q; want %q, %q, %q", e.Page, e.Title, e.Corner, tt.page, tt.title, "Job Title")
			}
			if len(e.Intro) != len(tt.intro) {
				t.Fatalf("intro has %d paragraphs, want %d: %q", len(e.Intro), len(tt.intro), e.Intro)
			}
			for i, p := range tt.intro {
				if !strings.HasPrefix(e.Intro[i], p) {
					t.Errorf("intro[%d] = %q, want it to start with %q", i, e.Intro[i], p)
				}
			}
			if !slices.Equal(e.Levels, tt.levels) {
				t.Errorf("levels = %q, want %q", e.Levels, tt.levels)
			}
			var titles []string
			for _, r := range e.Rows {
				titles = append(titles, r.Title)
				if len(r.Cells) != len(tt.levels) {
					t.Errorf("row %q has %d cells, want %d", r.Title, len(r.Cells), len(tt.levels))
				}
			}
			if !slices.Equal(titles, tt.rows) {
				t.Errorf("rows = %q, want %q", titles, tt.rows)
			}
			for _, c := range tt.cells {
				got := e.Rows[c.row].Title
				if c.col > 0 {
					got = e.Rows[c.row].Cells[c.col-1]
				}
				if got != c.text {
					t.Errorf("row %d col %d = %q, want %q", c.row, c.col, got, c.text)
				}
			}
			// The rows' positions point at their titles.
			lines := strings.Split(string(readTestdata(t, tt.file)), "\n")
			for _, r := range e.Rows {
				if r.Pos.File != tt.file || r.Pos.Col != 1 || lines[r.Pos.Line-1] != r.Title {
					t.Errorf("row %q at %v, which holds %q", r.Title, r.Pos, lines[r.Pos.Line-1])
				}
			}
			assertNoChrome(t, e)
		})
	}
}

// assertNoChrome fails when any text of e that is written out is, or holds, Coda chrome.
func assertNoChrome(t *testing.T, e *Export) {
	t.Helper()
	texts := append([]string{e.Title, e.Corner}, e.Intro...)
	texts = append(texts, e.Levels...)
	for _, r := range e.Rows {
		texts = append(texts, r.Title)
		texts = append(texts, r.Cells...)
	}
	chrome := []string{"icon picker", "Table ", "Column 1", "There are no rows in this table", "Want to print your doc?",
		"This is not the way.", "Try clicking the", "CtrlP", ") instead.", e.Page}
	for _, s := range texts {
		if _, isNumber := rowNumber(s); isNumber || strings.TrimSpace(s) == "" {
			t.Errorf("export holds the row-number or blank line %q", s)
		}
		for _, c := range chrome {
			if strings.Contains(s, c) {
				t.Errorf("export holds chrome %q in %q", c, s)
			}
		}
	}
}

func TestParseSmall(t *testing.T) {
	e := mustParse(t, "small.txt", []byte(small))
	want := &Export{
		Page:   "Guide",
		Title:  "Small Role Guideline",
		Intro:  []string{"First paragraph.", "Second paragraph."},
		Corner: "Job Title",
		Levels: []string{"Level One", "Level Two"},
		Rows: []Row{
			{Title: "Scope", Cells: []string{"Does tasks", `Leads "teams", at scale`}, Pos: diag.Pos{File: "small.txt", Line: 18, Col: 1}},
			{Title: "Craft", Cells: []string{"", "Masters it"}, Pos: diag.Pos{File: "small.txt", Line: 22, Col: 1}},
		},
	}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("Parse = %#v\nwant %#v", e, want)
	}
}

func TestParseDropsBlankRows(t *testing.T) {
	want := mustParse(t, "small.txt", []byte(small))
	src := strings.Replace(small, "\nThere are no rows", "\n4\n \n\n\t\nThere are no rows", 1)
	if got := mustParse(t, "small.txt", []byte(src)); !reflect.DeepEqual(got, want) {
		t.Errorf("a blank row was kept: %#v", got.Rows)
	}
}

// TestParseLineEndings checks that CRLF line endings, a byte order mark, white space
// around the chrome and a missing or doubled final newline change nothing.
func TestParseLineEndings(t *testing.T) {
	for _, s := range seeds {
		lf := readTestdata(t, s.file)
		want := mustParse(t, s.file, lf)
		variants := map[string]string{
			"crlf+bom":        bom + strings.ReplaceAll(string(lf), "\n", "\r\n"),
			"crlf":            strings.ReplaceAll(string(lf), "\n", "\r\n"),
			"final newline":   string(lf) + "\n",
			"trailing blanks": string(lf) + "\n\n  \n",
			"padded chrome": strings.NewReplacer("\nThere are no rows in this table\n", "\n  There are no rows in this table \n",
				"\nCtrlP\n", "\n\tCtrlP\t\n", "\nicon picker\n", "\nicon picker  \n").Replace(string(lf)),
		}
		for name, src := range variants {
			got, diags := Parse(s.file, []byte(src))
			if len(diags) > 0 {
				t.Errorf("%s %s: %v", s.file, name, diags)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: parsed differently from the LF original", s.file, name)
			}
		}
	}
}

// TestParseChrome checks the closing chrome's variants: it may be cut short, end without
// a newline, or use another icon or shortcut.
func TestParseChrome(t *testing.T) {
	body, _, _ := strings.Cut(small, "There are no rows")
	want := mustParse(t, "small.txt", []byte(small))
	for name, tail := range map[string]string{
		"no newline":      "There are no rows in this table",
		"print hint only": "Want to print your doc?\nThis is not the way.\n",
		"mac":             "There are no rows in this table\nWant to print your doc?\nThis is not the way.\nTry clicking the … next to your doc name or using a keyboard shortcut (\n⌘P\n) instead.\n",
		"lowercase":       "there are no rows in this table\n",
	} {
		e, diags := Parse("small.txt", []byte(body+tail))
		if len(diags) > 0 {
			t.Errorf("%s: %v", name, diags)
			continue
		}
		if !reflect.DeepEqual(e, want) {
			t.Errorf("%s: got %#v", name, e)
		}
	}
}

func TestParseErrors(t *testing.T) {
	seed := string(readTestdata(t, "proserve.txt"))
	cut := strings.Index(seed, "Generates and captures reusable scripts")
	noChrome, _, _ := strings.Cut(small, "There are no rows")
	tests := []struct {
		name string
		src  string
		want []string // "line: message fragment", one for each diagnostic, in order
	}{
		{"empty", "", []string{`1: no "Table N" line`}},
		{"missing table", strings.Replace(small, "Table 3\n", "", 1), []string{`1: no "Table N" line`}},
		{"truncated mid-cell", seed[:3000], []string{"39: the table does not end with Coda's closing lines"}},
		{"no closing chrome", noChrome, []string{"24: the table does not end with Coda's closing lines"}},
		{"truncated seed", seed[:cut], []string{`65: row 9 is cut short: the file ends after 1 of its 5 lines`}},
		{"truncated mid-row", strings.Split(small, "3\nCraft")[0] + "3\nCraft\n", []string{"22: row 3 is cut short: the file ends after 1 of its 3 lines"}},
		{"row numbering skips", strings.Replace(small, "\n3\nCraft", "\n4\nCraft", 1), []string{"21: row number 4 does not count up: expected 3"}},
		{"row numbering repeats", strings.Replace(small, "\n3\nCraft", "\n2\nCraft", 1), []string{"21: row number 2 does not count up: expected 3"}},
		{"row missing a cell", strings.Replace(small, "Does tasks\n", "", 1), []string{"17: row 2 has 2 lines, expected 3"}},
		{"cell over two lines", strings.Replace(small, "Does tasks\n", "Does\ntasks\n", 1), []string{"17: row 2 has 4 lines, expected 3"}},
		{"no row number", strings.Replace(small, "\n3\nCraft", "\nCraft", 1), []string{"17: row 2 has 6 lines, expected 3"}},
		{"no row number nor chrome", strings.Replace(noChrome, "\n3\nCraft", "\nCraft", 1), []string{`21: expected row number 3 after row 2's 3 lines, found "Craft"`}},
		{"only blank lines after the table", noChrome + "\n\n", []string{"26: the table does not end with Coda's closing lines"}},
		{"no header row", strings.Split(small, "\n1\n")[0] + "\nThere are no rows in this table\n", []string{"12: the table has no header row"}},
		{"no levels", "icon picker\nP\n\nT\nTable 1\n0\nColumn 1\n1\nJob Title\n2\nScope\nCtrlP", []string{"9: the table has no level columns"}},
		{"no columns", "P\nT\nTable 1\n0\n1\nJob Title\n", []string{`5: expected "Column 1"`}},
		{"no zero", strings.Replace(small, "Table 3\n0\n", "Table 3\n", 1), []string{`9: expected the header chrome "0"`}},
		{"no title", "icon picker\nGuide\nTable 1\n0\nColumn 1\nColumn 2\n1\nJob Title\nL1\nThere are no rows in this table\n", []string{"3: expected the Coda page name and the document title"}},
		{"invalid UTF-8", strings.Replace(small, "Masters it", "Masters \xff it", 1), []string{"24: invalid UTF-8"}},
		{"text after table", small + "\nTable 4\n0\n", []string{`31: unexpected text after the table: "Table 4"`}},
		{"reserved level", strings.Replace(small, "Level Two", "ID", 1), []string{`16: level title "ID" is reserved`}},
		{"duplicate level", strings.Replace(small, "Level Two", "level one", 1), []string{`16: level title "level one" appears twice`}},
		{"empty level", strings.Replace(small, "Level Two", " ", 1), []string{`16: level 2 has no title`}},
		{"row without title", strings.Replace(small, "\nCraft\n", "\n \n", 1), []string{"22: row 3 has no title"}},
		{"several problems", strings.Replace(strings.Replace(small, "Level Two", "Principles", 1), "\n3\nCraft", "\n5\nCraft", 1),
			[]string{`16: level title "Principles" is reserved`, "21: row number 5 does not count up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, diags := Parse("x.txt", []byte(tt.src))
			if e != nil {
				t.Errorf("Parse returned an Export along with errors")
			}
			diags = diags.Sorted()
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(diags), len(tt.want), diags)
			}
			for i, w := range tt.want {
				d := diags[i]
				line, msg, _ := strings.Cut(w, ": ")
				if d.Severity != diag.Error || d.Pos.File != "x.txt" || d.Pos.Col != 1 ||
					line != strconv.Itoa(d.Pos.Line) || !strings.HasPrefix(d.Message, msg) {
					t.Errorf("diagnostic %d = %v, want x.txt:%s:1: error: %s...", i, d, line, msg)
				}
			}
		})
	}
}
