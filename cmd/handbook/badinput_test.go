package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/foldertest"
)

// The crosslinks archive's files that the bad edits below change.
const (
	siteIndex     = "content/_index.md"
	ownership     = "content/principles/ownership.md"
	diveDeep      = "content/principles/dive-deep.md"
	engineerIndex = "content/roles/engineer/_index.md"
	owningGroup   = "content/interview/owning.md"
	savingGroup   = "content/interview/saving.md"
	deliveryIndex = "content/delivery/_index.md"
	kickoff       = "content/delivery/kickoff.md"
	closePhase    = "content/delivery/close.md"
	guidePage     = "content/guide.md"
)

// guideLink is reported whenever the guide is not published: the engineer matrix links
// to it.
const guideLink = "content/roles/engineer/levels.csv:4:17: error: broken link: there is no page /guide/"

// badCase is one bad edit to the valid crosslinks site, and every diagnostic line it
// must bring. Exit statuses follow from the lines: errors fail build and check; warnings
// fail them under --strict only.
type badCase struct {
	name  string
	edit  edit                           // on the archive's files (nil: none)
	disk  func(t *testing.T, dir string) // then on the site folder, for links and modes
	build []string                       // what build prints, in order
	check []string                       // what check prints besides (its own findings)
}

// Edits of the archive's files; each fails the test if the archive no longer holds what
// it edits, so that no case can silently stop applying.
type edit func(t *testing.T, files map[string]string)

func replace(name, old, new string) edit {
	return func(t *testing.T, files map[string]string) {
		if !strings.Contains(files[name], old) {
			t.Fatalf("%s does not hold %q", name, old)
		}
		files[name] = strings.Replace(files[name], old, new, 1)
	}
}

func set(name, data string) edit {
	return func(t *testing.T, files map[string]string) { files[name] = data }
}

func remove(name string) edit {
	return func(t *testing.T, files map[string]string) { delete(files, name) }
}

func all(edits ...edit) edit {
	return func(t *testing.T, files map[string]string) {
		for _, e := range edits {
			e(t, files)
		}
	}
}

func crlf(name string) edit {
	return func(t *testing.T, files map[string]string) {
		files[name] = strings.ReplaceAll(files[name], "\n", "\r\n")
	}
}

func symlink(target, name string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
}

// secret is a file beside content/ that no link may publish.
func secret(t *testing.T, dir string) {
	writeFile(t, filepath.Join(dir, "secret.md"), "---\ntitle: Secret\n---\nTOP SECRET\n")
	writeFile(t, filepath.Join(dir, "elsewhere", "x.md"), "---\ntitle: Elsewhere\n---\nTOP SECRET\n")
}

func nested(levels int) string {
	var b strings.Builder
	b.WriteString("x:")
	for i := range levels {
		b.WriteString("\n" + strings.Repeat("  ", i+1) + "k:")
	}
	return b.String() + " v"
}

var badCases = []badCase{
	// The site: content/_index.md.
	{name: "site/broken YAML", edit: replace(siteIndex, "title: Test Handbook", `title: "Test Handbook`),
		build: []string{"content/_index.md:5:1: error: front matter: found unexpected end of stream"}},
	{name: "site/wrong type", edit: replace(siteIndex, "title: Test Handbook", "title: Test Handbook\nnoindex: 3"),
		build: []string{"content/_index.md:3:10: error: noindex must be true or false, not the number 3"}},
	{name: "site/unknown key", edit: replace(siteIndex, "title: Test Handbook", "title: Test Handbook\ncolour: blue"),
		build: []string{`content/_index.md:3:1: error: unknown key "colour" in the site's front matter (known keys: aliases, description, edit_url, language, noindex, releases, theme, title, type)`}},
	{name: "site/javascript edit_url", edit: replace(siteIndex, "https://example.com/edit/content/", "javascript:alert(1)"),
		build: []string{"content/_index.md:4:11: error: edit_url must be an http or https address, such as https://example.com/repo/edit/main/content/"}},
	{name: "site/empty file", edit: set(siteIndex, ""),
		build: []string{`content/_index.md:1:1: error: missing title: add "title: ..." to the front matter`}},

	// Principles.
	{name: "principle/broken YAML fails its references too", edit: replace(diveDeep, "title: Dive Deep", "title: [Dive Deep"),
		build: []string{
			`content/interview/owning.md:3:25: error: unknown principle "Dive Deep"`,
			`content/principles/dive-deep.md:2:1: error: front matter: did not find expected ',' or ']'`,
			`content/roles/engineer/levels.csv:4:78: error: unknown principle "dive-deep"`,
			`content/roles/engineer/levels.csv:5:48: error: unknown principle "Dive Deep"`,
		}},
	{name: "principle/misspelled key", edit: replace(ownership, "order: 1", "ordre: 1"),
		build: []string{`content/principles/ownership.md:3:1: error: unknown key "ordre" in a principle; did you mean "order"?`}},
	{name: "principle/wrong type", edit: replace(ownership, "order: 1", "order: first"),
		build: []string{`content/principles/ownership.md:3:8: error: order must be a whole number, not the text "first"`}},
	{name: "principle/empty file", edit: set(ownership, ""),
		build: []string{`content/principles/ownership.md:1:1: error: missing title: add "title: ..." to the front matter`}},
	{name: "principle/duplicate title", edit: set("content/principles/owner.md", "---\ntitle: Ownership\n---\nAgain.\n"),
		build: []string{
			`content/principles/owner.md:1:1: error: principle "Ownership" has the same ID or title as another principle; IDs and titles must be unique`,
			`content/principles/owner.md:1:1: warning: principle "Ownership" is an orphan: no matrix row, interview question or delivery phase names it; name it in a levels.csv Principles cell or in the principles: of a question group or phase`,
		}},
	// What editors save as a matter of course is read exactly: build and check say nothing.
	{name: "principle/byte-order mark", edit: replace(ownership, "---\ntitle: Ownership", "\uFEFF---\ntitle: Ownership")},
	{name: "principle/CRLF", edit: crlf(ownership)},
	{name: "principle/byte-order mark and CRLF", edit: all(replace(ownership, "---\ntitle: Ownership", "\uFEFF---\ntitle: Ownership"), crlf(ownership))},
	{name: "principle/mojibake", edit: replace(ownership, "long-term", "long\u00e2\u20ac\u201cterm"),
		check: []string{`content/principles/ownership.md:5:18: warning: mojibake: "â€“" is "–" saved in the wrong encoding (UTF-8 read as Windows-1252); replace it with "–"`}},
	{name: "principle/NUL byte", edit: replace(ownership, "Owners think", "Owners\x00 think"),
		check: []string{"content/principles/ownership.md:5:7: warning: NUL byte: text never holds one, so the file may be damaged; delete it"}},
	{name: "principle/invalid file name", edit: set("content/principles/Bad Name.md", "---\ntitle: Bad\n---\nx\n"),
		build: []string{`content/principles/Bad Name.md: error: the file's name is its ID: "Bad Name" is not a valid ID: an ID is lowercase letters and digits (of any script) joined by single hyphens, without accents, such as "bad-name"; rename the file`}},
	{name: "section intro/unknown key", edit: replace("content/principles/_index.md", "title: Our Principles", "title: Our Principles\nsumary: x"),
		build: []string{`content/principles/_index.md:3:1: error: unknown key "sumary" in a section introduction (known keys: aliases, description, title, type)`}},

	// Role families: _index.md.
	{name: "role/broken YAML", edit: replace(engineerIndex, "    id: e1", "   id: e1"),
		build: []string{
			`content/delivery/_index.md:8:11: error: unknown role "engineer"`,
			"content/guide.md:4:51: error: broken link: there is no page /roles/engineer/",
			"content/roles/engineer/_index.md:5:1: error: front matter: did not find expected '-' indicator",
		}},
	{name: "role/levels is not a list", edit: replace(engineerIndex, "levels:\n  - title: Engineer I\n    id: e1\n  - title: Engineer II\n    id: e2", "levels: e1"),
		build: []string{
			`content/guide.md:4:51: error: broken link: page /roles/engineer/ has no anchor #delivery--e1; did you mean "delivery"?`,
			"content/roles/engineer/_index.md:5:9: error: levels must be a list, not a single value",
		}},
	{name: "role/misspelled key", edit: replace(engineerIndex, "track:", "trak:"),
		build: []string{`content/roles/engineer/_index.md:3:1: error: unknown key "trak" in a role; did you mean "track"?`}},
	{name: "role/wrong type", edit: replace(engineerIndex, "order: 1", "order: 1\ndraft: 2"),
		build: []string{"content/roles/engineer/_index.md:5:8: error: draft must be true or false, not the number 2"}},
	{name: "role/misspelled level title", edit: replace(engineerIndex, "title: Engineer II", "title: Engineer 2"),
		build: []string{
			`content/roles/engineer/_index.md:8:5: error: levels: "Engineer 2" is not a column of content/roles/engineer/levels.csv; did you mean "Engineer II"? That column (content/roles/engineer/levels.csv:1:18) has no entry here: write the level's title the same in both places`,
			`content/roles/engineer/levels.csv:1:18: error: level "Engineer II" has no entry under levels: in content/roles/engineer/_index.md; the entry at content/roles/engineer/_index.md:8:5 is titled "Engineer 2": write the level's title the same in both places`,
		}},
	{name: "role/duplicate level ID", edit: replace(engineerIndex, "id: e2", "id: e1"),
		build: []string{
			`content/roles/engineer/_index.md:8:5: error: levels: "Engineer II" has the ID "e1", which level "Engineer I" has too; give each level its own id`,
			`content/roles/engineer/levels.csv: error: the level page of "Engineer II" would be written to roles/engineer/e1/index.html, and the level page of "Engineer I" to roles/engineer/e1/index.html: the same file; give one of them another ID`,
		}},
	{name: "role/no matrix", edit: remove(engineerCSV),
		build: []string{
			`content/delivery/_index.md:8:11: error: unknown role "engineer"`,
			"content/guide.md:4:51: error: broken link: there is no page /roles/engineer/",
			`content/roles/engineer/_index.md: error: role "engineer" has no levels.csv beside its _index.md`,
		}},

	// Role families: levels.csv.
	{name: "matrix/short row", edit: replace(engineerCSV, "Craft,Writes *clear* code.,Designs components.,Dive Deep,", "Craft,Writes *clear* code.,Dive Deep,"),
		build: []string{"content/roles/engineer/levels.csv:5:1: error: row has 4 fields but the header has 5"}},
	{name: "matrix/long row", edit: replace(engineerCSV, "Dive Deep,\n", "Dive Deep,,extra\n"),
		build: []string{"content/roles/engineer/levels.csv:5:1: error: row has 6 fields but the header has 5"}},
	{name: "matrix/row of empty fields", edit: replace(engineerCSV, "Craft,", ",,,,\nCraft,"),
		build: []string{"content/roles/engineer/levels.csv:5:1: error: row has no title in its first column"}},
	{name: "matrix/blank line between rows is skipped", edit: replace(engineerCSV, "Craft,", "\nCraft,")},
	{name: "matrix/empty file", edit: set(engineerCSV, ""),
		build: []string{
			"content/guide.md:4:51: error: broken link: page /roles/engineer/ has no anchor #delivery--e1",
			"content/roles/engineer/levels.csv:1:1: error: the matrix has no header row",
		}},
	{name: "matrix/empty level title", edit: replace(engineerCSV, "Level,Engineer I,", "Level,,"),
		build: []string{
			`content/guide.md:4:51: error: broken link: page /roles/engineer/ has no anchor #delivery--e1; did you mean "delivery--e2"?`,
			`content/roles/engineer/_index.md:6:5: error: levels: "Engineer I" is not a column of content/roles/engineer/levels.csv; did you mean "Engineer II"?`,
			"content/roles/engineer/levels.csv:1:7: error: level column 2 has no title",
		}},
	{name: "matrix/bare quote", edit: replace(engineerCSV, "Writes *clear* code.", `Writes "clear" code.`),
		build: []string{`content/roles/engineer/levels.csv:5:14: error: bare " in non-quoted-field`}},
	{name: "matrix/unclosed quote", edit: replace(engineerCSV, "Writes *clear* code.,", `"Writes *clear* code.,`),
		build: []string{`content/roles/engineer/levels.csv:5:60: error: extraneous or missing " in quoted-field`}},
	{name: "matrix/duplicate row ID", edit: replace(engineerCSV, "Dive Deep,\n", "Dive Deep,delivery\n"),
		build: []string{`content/roles/engineer/levels.csv:5:1: error: row ID "delivery" is used twice in role "engineer" (also at line 2); give one an ID column value`}},
	{name: "matrix/misspelled principle", edit: replace(engineerCSV, "Designs components.,Dive Deep,", "Designs components.,Dive Deap,"),
		build: []string{`content/roles/engineer/levels.csv:5:48: error: unknown principle "Dive Deap"; did you mean "Dive Deep"?`}},
	{name: "matrix/invalid UTF-8", edit: replace(engineerCSV, "Writes *clear* code.", "Writes *cl\xe9ar* code."),
		build: []string{
			`content/delivery/_index.md:8:11: error: unknown role "engineer"`,
			"content/guide.md:4:51: error: broken link: there is no page /roles/engineer/",
			"content/roles/engineer/levels.csv:5:17: error: invalid UTF-8: save the file as UTF-8",
		}},
	// A matrix as Excel or Python's csv module saves it (RFC 4180: CRLF, and a BOM).
	{name: "matrix/byte-order mark", edit: replace(engineerCSV, "Level,", "\uFEFFLevel,")},
	{name: "matrix/CRLF", edit: crlf(engineerCSV)},
	{name: "matrix/byte-order mark and CRLF", edit: all(replace(engineerCSV, "Level,", "\uFEFFLevel,"), crlf(engineerCSV))},
	// A blank cell is no expectation at that level, as a row that starts later has.
	{name: "matrix/blank cell", edit: replace(engineerCSV, "Craft,Writes *clear* code.,", "Craft,,")},
	{name: "matrix/blank cells, BOM and CRLF", edit: all(replace(engineerCSV, "Craft,Writes *clear* code.,", "Craft,  ,"), replace(engineerCSV, "Level,", "\uFEFFLevel,"), crlf(engineerCSV))},
	{name: "matrix/row blank at every level", edit: replace(engineerCSV, "Craft,Writes *clear* code.,Designs components.,", "Craft,,,"),
		build: []string{`content/roles/engineer/levels.csv:5:1: warning: row "Craft" has no expectation at any level: every cell of its line is blank; fill one in or delete the line`}},
	{name: "matrix/level blank in every row", edit: all(
		replace(engineerCSV, "Delivery,\"Ships small changes.\n- with tests\n- with reviews\",", "Delivery,,"),
		replace(engineerCSV, "Craft,Writes *clear* code.,", "Craft,,")),
		build: []string{`content/roles/engineer/levels.csv:1:7: warning: level "Engineer I" has no expectation in any row: every cell of its column is blank; fill one in or delete the column`}},
	{name: "matrix/mojibake", edit: replace(engineerCSV, "Designs components.", "Designs caf\u00c3\u00a9 components."),
		check: []string{`content/roles/engineer/levels.csv:5:39: warning: mojibake: "Ã©" is "é" saved in the wrong encoding (UTF-8 read as Windows-1252); replace it with "é"`}},
	{name: "matrix/NUL byte", edit: replace(engineerCSV, "Writes *clear* code.", "Writes \x00 code."),
		check: []string{"content/roles/engineer/levels.csv:5:14: warning: NUL byte: text never holds one, so the file may be damaged; delete it"}},
	{name: "matrix/row without principles", edit: replace(engineerCSV, "Designs components.,Dive Deep,", "Designs components.,,"),
		build: []string{`content/roles/engineer/levels.csv:5:1: warning: row "Craft" names no principle: add it to the Principles column`}},

	// Interview question groups.
	{name: "interview/misspelled principle", edit: replace(owningGroup, "[Ownership, Dive Deep]", "[Ownership, Dive Deeper]"),
		build: []string{`content/interview/owning.md:3:25: error: unknown principle "Dive Deeper"; did you mean "Dive Deep"?`}},
	{name: "interview/principles is a mapping", edit: replace(owningGroup, "principles: [Ownership, Dive Deep]", "principles: {a: b}"),
		build: []string{
			`content/interview/owning.md:1:1: warning: the questions of "Owning problems" probe no principle: add "principles: [...]", the main one first`,
			"content/interview/owning.md:3:13: error: principles must be a list, not a mapping",
		}},
	{name: "interview/duplicate question", edit: replace(owningGroup, "2. Describe a time you went deep.", "2. Tell me about a time you owned a problem!"),
		build: []string{`content/interview/owning.md:8:4: error: question "Tell me about a time you owned a problem!" has the same ID "tell-me-about-a-time-you-owned-a-problem" as the question at content/interview/owning.md:7:4; reword one`}},
	{name: "interview/empty file", edit: set(owningGroup, ""),
		build: []string{
			`content/interview/owning.md:1:1: error: missing title: add "title: ..." to the front matter`,
			`content/interview/owning.md:1:1: error: question group "" has no questions: add a "## Questions" section holding a numbered list`,
			`content/interview/owning.md:1:1: warning: the questions of "" probe no principle: add "principles: [...]", the main one first`,
		}},
	{name: "interview/no principles", edit: replace(owningGroup, "principles: [Ownership, Dive Deep]\n", ""),
		build: []string{`content/interview/owning.md:1:1: warning: the questions of "Owning problems" probe no principle: add "principles: [...]", the main one first`}},
	{name: "interview/invalid UTF-8", edit: replace(savingGroup, "title: Saving money", "title: Saving \xc3(money"),
		build: []string{"content/interview/saving.md:2:15: error: invalid UTF-8: save the file as UTF-8"}},

	// The delivery framework: _index.md and its personas.
	{name: "delivery/misspelled role", edit: replace(deliveryIndex, "role: engineer", "role: enginer"),
		build: []string{`content/delivery/_index.md:8:11: error: unknown role "enginer"; did you mean "engineer"?`}},
	{name: "delivery/duplicate persona", edit: replace(deliveryIndex, "id: leads", "id: builders"),
		build: []string{`content/delivery/_index.md:9:5: error: persona "builders" has the same ID or title as another persona; IDs and titles must be unique`}},
	{name: "delivery/misspelled persona key", edit: replace(deliveryIndex, "description: Build the product", "descripton: Build the product"),
		build: []string{`content/delivery/_index.md:7:5: error: unknown key "descripton" in a persona; did you mean "description"?`}},
	{name: "delivery/roles is a mapping", edit: replace(deliveryIndex, "roles: [SDE, QA]", "roles: {x: y}"),
		build: []string{"content/delivery/_index.md:6:12: error: roles must be a list, not a mapping"}},

	// Delivery phases.
	{name: "phase/misspelled persona", edit: replace(kickoff, "personas: [builders]", "personas: [bilders]"),
		build: []string{`content/delivery/kickoff.md:4:12: error: unknown persona "bilders"; did you mean "builders"?`}},
	{name: "phase/tab indentation", edit: replace(kickoff, "order: 1", "\torder: 1"),
		build: []string{"content/delivery/kickoff.md:3:1: error: front matter: found a tab character that violates indentation"}},
	{name: "phase/misspelled key", edit: replace(kickoff, "mechanisms:", "mechanism:"),
		build: []string{`content/delivery/kickoff.md:6:1: error: unknown key "mechanism" in a phase; did you mean "mechanisms"?`}},
	{name: "phase/broken YAML", edit: replace(closePhase, "principles: [Frugality]", "principles: [Frugality"),
		build: []string{"content/delivery/close.md:4:1: error: front matter: did not find expected ',' or ']'"}},
	{name: "phase/NUL byte in front matter", edit: replace(closePhase, "title: Close", "title: Cl\x00ose"),
		build: []string{"content/delivery/close.md:2:1: error: front matter: control characters are not allowed"},
		check: []string{"content/delivery/close.md:2:10: warning: NUL byte: text never holds one, so the file may be damaged; delete it"}},

	// Free pages, and limits.
	{name: "page/unclosed front matter", edit: set(guidePage, "---\ntitle: Guide\nBody.\n"),
		build: []string{"content/guide.md:1:1: error: front matter opened with --- is never closed by a --- line", guideLink}},
	{name: "page/front matter is a list", edit: set(guidePage, "---\n- a\n- b\n---\nx\n"),
		build: []string{"content/guide.md:2:1: error: front matter must be a mapping of keys to values, not a list", guideLink}},
	{name: "page/huge file", edit: set(guidePage, strings.Repeat("word ", 4<<20/5+1)),
		build: []string{"content/guide.md: error: file is 4194305 bytes, more than the 4194304 a source may have", guideLink}},
	{name: "page/deep nesting, flow", edit: replace(guidePage, "title: Guide", "title: Guide\nx: "+strings.Repeat("[", 25)+strings.Repeat("]", 25)),
		build: []string{"content/guide.md:3:24: error: front matter is nested more than 20 levels deep", guideLink}},
	{name: "page/deep nesting, block", edit: replace(guidePage, "title: Guide", "title: Guide\n"+nested(25)),
		build: []string{"content/guide.md:24:43: error: front matter is nested more than 20 levels deep", guideLink}},
	{name: "page/alias bomb", edit: replace(guidePage, "title: Guide", "title: Guide\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]"),
		build: []string{"content/guide.md:3:8: error: front matter expands to more than 10000 values (too many aliases?)", guideLink}},
	{name: "page/duplicate URL with a section", edit: set("content/principles.md", "---\ntitle: Principles page\n---\nX.\n"),
		build: []string{
			"content/principles.md: error: content/principles.md would be written to principles/index.html, and the principles page to principles/index.html: the same file; rename content/principles.md",
			"content/principles/_index.md: error: content/principles.md would be written to principles/index.html, and the principles page to principles/index.html: the same file; rename content/principles.md",
		}},
	{name: "page/CR-only line ends", edit: set(guidePage, "---\rtitle: Guide\r---\rRead me.\r"),
		build: []string{"content/guide.md:1:4: error: the file has CR-only line ends (a carriage return without a line feed, as old Mac programs save): save it with LF or CRLF line ends", guideLink}},
	{name: "page/a folder where the build writes a file", edit: set("content/sitemap.xml.md", "---\ntitle: Sitemap notes\n---\nX.\n"),
		build: []string{"content/sitemap.xml.md: error: content/sitemap.xml.md would be written to sitemap.xml/index.html, and the sitemap to sitemap.xml: a file and, inside a folder of the same name, another; rename content/sitemap.xml.md"}},
	{name: "page/names that differ only in case", edit: set("content/Guide.md", "---\ntitle: Guide again\n---\nX.\n"),
		build: []string{
			"content/Guide.md: error: content/guide.md would be written to guide/index.html, and content/Guide.md to Guide/index.html: files whose names differ only in case, which hosts that ignore case (macOS, Windows) take for one; rename content/guide.md",
			"content/guide.md: error: content/guide.md would be written to guide/index.html, and content/Guide.md to Guide/index.html: files whose names differ only in case, which hosts that ignore case (macOS, Windows) take for one; rename content/guide.md",
		}},
	{name: "page/duplicate URL with a generated page", edit: set("content/roles.md", "---\ntitle: Roles page\n---\nX.\n"),
		build: []string{"content/roles.md: error: content/roles.md would be written to roles/index.html, and the roles page to roles/index.html: the same file; rename content/roles.md"}},
	{name: "page/misspelled link", edit: replace(guidePage, "(principles/ownership.md)", "(principles/ownershp.md)"),
		build: []string{`content/guide.md:4:6: error: link to "principles/ownershp.md": there is no source content/principles/ownershp.md; did you mean "content/principles/ownership.md"?`}},
	{name: "page/misspelled anchor", edit: replace(guidePage, "#delivery--e1", "#delivery--e9"),
		build: []string{`content/guide.md:4:51: error: broken link: page /roles/engineer/ has no anchor #delivery--e9; did you mean "delivery--e1"?`}},
	{name: "page/links to itself", edit: replace(guidePage, "Read [Ownership]", "See [this page](guide.md) and [its top](/guide/). Read [Ownership]")},
	{name: "page/links to its own missing anchor", edit: replace(guidePage, "Read [Ownership]", "See [below](#nowhere). Read [Ownership]"),
		build: []string{"content/guide.md:4:5: error: broken link: page /guide/ has no anchor #nowhere"}},
	{name: "page/two pages linking to each other", edit: all(
		set("content/a.md", "---\ntitle: A\n---\n[b](b.md)\n"),
		set("content/b.md", "---\ntitle: B\n---\n[a](a.md)\n"))},
	{name: "page/raw HTML", edit: replace(guidePage, "Read [Ownership]", "<div>hi</div>\n\nRead [Ownership]"),
		build: []string{"content/guide.md:4:1: warning: raw HTML is not rendered; write markdown instead"}},

	// Symbolic links: only inside content/.
	{name: "symlink/to a file beside content", disk: func(t *testing.T, dir string) {
		secret(t, dir)
		symlink("../../secret.md", "content/principles/leak.md")(t, dir)
	}, build: []string{`content/principles/leak.md: error: symbolic link to "../../secret.md" leads out of the content folder; a source must be inside content/`}},
	{name: "symlink/absolute", disk: symlink("/etc/passwd", "content/passwd.md"),
		build: []string{`content/passwd.md: error: symbolic link to "/etc/passwd" leads out of the content folder; a source must be inside content/`}},
	{name: "symlink/through a linked folder", disk: func(t *testing.T, dir string) {
		secret(t, dir)
		symlink("..", "content/up")(t, dir)
		symlink("up/secret.md", "content/leak.md")(t, dir)
	}, build: []string{`content/leak.md: error: symbolic link to "up/secret.md" leads out of the content folder through content/up; a source must be inside content/`}},
	{name: "symlink/dangling", disk: symlink("nope.md", "content/principles/gone.md"),
		build: []string{"content/principles/gone.md: error: cannot read: lstat content/principles/nope.md: no such file or directory"}},
	{name: "symlink/to itself", disk: symlink("loop.md", "content/loop.md"),
		build: []string{"content/loop.md: error: cannot read: more than 40 symbolic links in a row"}},
	{name: "symlink/folder out of content is not entered", disk: func(t *testing.T, dir string) {
		secret(t, dir)
		symlink("../elsewhere", "content/elsewhere")(t, dir)
	}},
	{name: "symlink/inside content is read", disk: symlink("guide.md", "content/guide-copy.md")},

	// Unreadable files.
	{name: "unreadable file", disk: func(t *testing.T, dir string) {
		p := filepath.Join(dir, filepath.FromSlash(guidePage))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o644) })
		if f, err := os.Open(p); err == nil {
			f.Close()
			t.Skipf("chmod 000 does not stop reads here (uid %d); TestSourcesChangingDuringBuild in generator/build covers unreadable files", os.Geteuid())
		}
	}, build: []string{"content/guide.md: error: cannot read: open content/guide.md: permission denied", guideLink}},
}

// TestBadInput applies each bad edit to a copy of the valid site whose destination holds
// a previous complete build, then runs build and check, with and without --strict. It
// requires the exact diagnostics and exit statuses, a destination that is byte for byte
// as it was after every failed build, and sources that no command changed.
func TestBadInput(t *testing.T) {
	ar, err := txtar.ParseFile(siteArchive)
	if err != nil {
		t.Fatal(err)
	}
	archive := map[string]string{}
	for _, f := range ar.Files {
		if f.Name != "want" {
			archive[f.Name] = string(f.Data)
		}
	}
	names := map[string]bool{}
	for _, tc := range badCases {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			// A previous build, which a failed one must leave as it was. (A copy would
			// not do: the tool recognises the folder it published, not its contents.)
			dir := writeSite(t, nil)
			out := filepath.Join(dir, "out")
			wantCode(t, runCLI(t, "build", "--source", dir, "--dest", out), exitOK)
			if tc.edit != nil {
				edited := map[string]string{}
				for k, v := range archive {
					edited[k] = v
				}
				tc.edit(t, edited)
				applyEdit(t, dir, archive, edited)
			}
			if tc.disk != nil {
				tc.disk(t, dir)
			}
			// What builds keep beside out/ is theirs, not the sources.
			notSources := func() []string { return append([]string{"out", ".out.handbook-lock"}, setAside(t, out)...) }
			sources := foldertest.State(t, dir, notSources()...)
			published := foldertest.State(t, out)

			buildErrs, buildWarns := countLines(tc.build)
			checkLines := sortLines(t, append(slices.Clone(tc.build), tc.check...))
			checkErrs, checkWarns := countLines(checkLines)

			// --strict first: while it fails, the previous site must stay as it was.
			for _, strict := range []bool{true, false} {
				args := []string{"build", "--source", dir, "--dest", out}
				if strict {
					args = append(args, "--strict")
				}
				r := runCLI(t, args...)
				fails := buildErrs > 0 || strict && buildWarns > 0
				want := strings.Join(tc.build, "\n")
				if want != "" {
					want += "\n"
				}
				if fails {
					want += fmt.Sprintf("build failed: %s; %s was not changed\n", countsText(buildErrs, buildWarns), out)
				}
				// The fixture is in no git repository: the build says so once, which is
				// TestBuildHistory's concern, not this test's.
				if got := withoutHistoryNote(t, r.stderr); got != want {
					t.Errorf("build (strict %v): stderr:\n%s\nwant:\n%s", strict, got, want)
				}
				if fails {
					wantCode(t, r, exitFail)
					if r.stdout != "" {
						t.Errorf("a failed build printed %q", r.stdout)
					}
					foldertest.Same(t, "the destination after a failed build", published, foldertest.State(t, out))
				} else {
					wantCode(t, r, exitOK)
					if !exists(filepath.Join(out, "index.html")) {
						t.Errorf("a successful build did not publish the site")
					}
				}
				if left := leftBeside(t, out); len(left) > 0 {
					t.Errorf("temporary folders left behind: %v", left)
				}
			}

			for _, strict := range []bool{false, true} {
				args := []string{"check", "--source", dir}
				if strict {
					args = append(args, "--strict")
				}
				r := runCLI(t, args...)
				want := strings.Join(checkLines, "\n")
				if want != "" {
					want += "\n"
				}
				if r.stderr != want {
					t.Errorf("check (strict %v): stderr:\n%s\nwant:\n%s", strict, r.stderr, want)
				}
				code := exitOK
				if checkErrs > 0 || strict && checkWarns > 0 {
					code = exitFail
				}
				wantCode(t, r, code)
				if summary := fmt.Sprintf("checked %s: %s\n", filepath.Join(dir, "content"), countsText(checkErrs, checkWarns)); r.stdout != summary {
					t.Errorf("check printed %q, want %q", r.stdout, summary)
				}
			}
			foldertest.Same(t, "the sources", sources, foldertest.State(t, dir, notSources()...))
		})
	}
	if len(badCases) < 30 {
		t.Errorf("only %d cases", len(badCases))
	}
}

// applyEdit writes to dir the files edited changed, added or removed.
func applyEdit(t *testing.T, dir string, before, edited map[string]string) {
	t.Helper()
	for name, data := range edited {
		if old, ok := before[name]; !ok || old != data {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
		}
	}
	for name := range before {
		if _, ok := edited[name]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

var diagLine = regexp.MustCompile(`^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning): (.*)$`)

// sortLines sorts diagnostic lines as the command prints them.
func sortLines(t *testing.T, lines []string) []string {
	t.Helper()
	var list diag.List
	for _, l := range lines {
		m := diagLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a diagnostic: %q", l)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		sev := diag.Warning
		if m[4] == "error" {
			sev = diag.Error
		}
		list = append(list, diag.Diagnostic{Pos: diag.Pos{File: m[1], Line: line, Col: col}, Severity: sev, Message: m[5]})
	}
	var out []string
	for _, d := range list.Sorted() {
		out = append(out, d.String())
	}
	return out
}

func countLines(lines []string) (errs, warns int) {
	for _, l := range lines {
		switch {
		case strings.Contains(l, ": error: "):
			errs++
		case strings.Contains(l, ": warning: "):
			warns++
		}
	}
	return errs, warns
}

func countsText(errs, warns int) string {
	return fmt.Sprintf("%d %s, %d %s", errs, plural(errs, "error"), warns, plural(warns, "warning"))
}
