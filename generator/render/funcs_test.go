package render

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/theme"
)

// documentedFunc is a template function's name where README.md's Theming section
// documents it: in code, at the start of a list item's head, the item's text up to
// its first "`:" ("- `url PATH`:", "- `prevPhase PHASE`, `nextPhase PHASE`:").
var documentedFunc = regexp.MustCompile("`([a-zA-Z0-9]+)")

// TestTemplateFunctionsDocumented checks that every template function the renderer
// registers is documented in README.md's Theming section, and that the section
// documents no function that is not registered.
func TestTemplateFunctionsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Theming\n")
	if !ok {
		t.Fatal(`README.md has no "Theming" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, list, ok := strings.Cut(section, "\n### Template functions\n")
	if !ok {
		t.Fatal(`README.md's Theming section has no "Template functions"`)
	}
	list, _, _ = strings.Cut(list, "\n### ")
	var documented []string
	for _, line := range strings.Split(list, "\n") {
		head, _, ok := strings.Cut(line, "`:")
		if !strings.HasPrefix(line, "- `") || !ok {
			continue
		}
		for _, m := range documentedFunc.FindAllStringSubmatch(head, -1) {
			documented = append(documented, m[1])
		}
	}
	r := &renderer{site: &model.Site{}, strings: &theme.Strings{}}
	registered := r.funcs(nil)
	for name := range registered {
		if !slices.Contains(documented, name) {
			t.Errorf("the template function %s is not documented in README.md's Theming section", name)
		}
	}
	for _, name := range documented {
		if _, ok := registered[name]; !ok {
			t.Errorf("README.md documents a template function %s that the renderer does not have", name)
		}
	}
	if len(registered) < 25 {
		t.Errorf("only %d template functions registered", len(registered))
	}
}
