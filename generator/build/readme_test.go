package build

import (
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/lint"
)

// readmePlaceholders are the IDs the README's examples leave to the author.
var readmePlaceholders = strings.NewReplacer("<role>", "professional-services", "<group>", "deciding", "<phase>", "technical-validation")

// readmePrinciples are the principles the README's examples name but do not show.
var readmePrinciples = []string{"Deliver Results", "Dive Deep", "Invent and Simplify", "Bias for Action", "Customer Obsession", "Are Right, A Lot"}

// TestReadmeExamples builds the content examples of README.md's "Writing content"
// section as written: each fenced yaml, csv or markdown block is the file its heading
// names (in the order the heading names them), so that an example a new author copies
// builds strictly, and check finds nothing in it either.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	files := readmeExamples(t, string(readme))
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for _, title := range readmePrinciples {
		fsys["content/principles/"+slugOf(title)+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\n---\nWhat it means.\n")}
	}
	res, diags := Build(fsys, Options{})
	diags.Append(lint.Site(fsys))
	if res == nil || len(diags) > 0 {
		t.Fatalf("the README's examples do not build strictly:\n%s", diags.Error())
	}
	for _, want := range []string{"roles/professional-services/ps-i/index.html", "delivery/technical-validation/index.html", "principles/ownership/index.html"} {
		if !hasFile(res, want) {
			t.Errorf("no %s", want)
		}
	}
}

var (
	fence       = regexp.MustCompile("(?ms)^```(yaml|csv|markdown)\n(.*?)^```\n")
	headingPath = regexp.MustCompile("`([^`]*(?:\\.md|\\.csv))`")
)

// readmeExamples returns the files of the section's examples, by path.
func readmeExamples(t *testing.T, readme string) map[string]string {
	_, section, ok := strings.Cut(readme, "\n## Writing content\n")
	if !ok {
		t.Fatal(`README.md has no "Writing content" section`)
	}
	section = untilHeading(section)
	files := map[string]string{}
	for _, sub := range strings.Split(section, "\n### ")[1:] {
		heading, _, _ := strings.Cut(sub, "\n")
		var paths []string
		for _, m := range headingPath.FindAllStringSubmatch(heading, -1) {
			p := readmePlaceholders.Replace(m[1])
			if !strings.HasPrefix(p, "content/") && len(paths) > 0 { // beside the first
				p = path.Join(path.Dir(paths[0]), p)
			}
			paths = append(paths, p)
		}
		blocks := fence.FindAllStringSubmatch(sub, -1)
		if len(blocks) > len(paths) {
			t.Fatalf("README: %q has %d examples but names %d files", heading, len(blocks), len(paths))
		}
		for i, b := range blocks {
			files[paths[i]] = b[2]
		}
	}
	if len(files) < 7 {
		t.Fatalf("README: only %d examples found: %v", len(files), files)
	}
	return files
}

func slugOf(title string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(title), "-"), "-")
}

func hasFile(res *Result, p string) bool {
	for _, f := range res.Files {
		if f.Path == p {
			return true
		}
	}
	return false
}

// untilHeading returns text up to its first "## " heading outside a fenced block.
func untilHeading(text string) string {
	inFence, at := false, 0
	for line := range strings.Lines(text) {
		switch {
		case strings.HasPrefix(line, "```"):
			inFence = !inFence
		case !inFence && strings.HasPrefix(line, "## "):
			return text[:at]
		}
		at += len(line)
	}
	return text
}

// themeExample matches an example of README.md's Theming section: a "### Example"
// heading naming a theme file, then the file's text in an html block.
var themeExample = regexp.MustCompile("(?ms)^### Example[^\n]*`themes/custom/([^`]+)`\n.*?^```html\n(.*?)^```\n")

// TestReadmeThemeExample builds the theme examples of README.md's Theming section as
// written, each a file of a site theme "custom" over the default one, and checks that
// the file's markup reaches the pages: a principle's chip shows its number of
// questions on the home page and on every role page.
func TestReadmeThemeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Theming\n")
	if !ok {
		t.Fatal(`README.md has no "Theming" section`)
	}
	examples := themeExample.FindAllStringSubmatch(untilHeading(section), -1)
	if len(examples) == 0 {
		t.Fatal("README.md's Theming section has no example")
	}
	files := map[string]string{}
	for _, m := range examples {
		files[m[1]] = m[2]
	}
	pages, kinds := buildPages(t, themedSite(t, files))
	chip := regexp.MustCompile(`<a class="chip" href="/principles/ownership/">Ownership <span class="count">[1-9]</span></a>`)
	for p, page := range pages {
		if (kinds[p] == "home" || kinds[p] == "role") && !chip.MatchString(page) {
			t.Errorf("%s lacks the README's chip", p)
		}
	}
}
