package render

import (
	"html/template"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/theme"
)

// checkKeys reports each call of t or tjson in the templates that names a key with no
// text, at its place in its template file.
func checkKeys(s *theme.Strings, tmpl map[string]*template.Template, files map[string]string) diag.List {
	var diags diag.List
	seen := map[string]bool{}
	for _, t := range tmpl {
		for _, one := range t.Templates() {
			if one.Tree == nil || one.Tree.Root == nil {
				continue
			}
			walkCalls(one.Tree.Root, func(fn string, args []parse.Node) {
				for i, a := range args {
					str, ok := a.(*parse.StringNode)
					if !ok || (fn == "t" && i > 0) {
						continue
					}
					if s.Has(str.Text) {
						continue
					}
					loc, _ := one.Tree.ErrorContext(str)
					if seen[loc+str.Text] {
						continue
					}
					seen[loc+str.Text] = true
					diags.Errorf(templatePos(loc, files), "no string %q in the theme's %sen.yaml: add it there (and to the translations)", str.Text, theme.StringsDir)
				}
			})
		}
	}
	return diags
}

// templatePos turns a location "name.html:12:5" into the position of the theme file
// of that name.
func templatePos(loc string, files map[string]string) diag.Pos {
	parts := strings.Split(loc, ":")
	pos := diag.Pos{File: loc}
	if len(parts) >= 3 {
		line, _ := strconv.Atoi(parts[len(parts)-2])
		col, _ := strconv.Atoi(parts[len(parts)-1])
		name := strings.Join(parts[:len(parts)-2], ":")
		if f, ok := files[name]; ok {
			name = f
		}
		pos = diag.Pos{File: name, Line: line, Col: col + 1}
	}
	return pos
}

// walkCalls calls f with the arguments of each call of t or tjson under n.
func walkCalls(n parse.Node, f func(fn string, args []parse.Node)) {
	walkTree(n, func(n parse.Node) {
		if c, ok := n.(*parse.CommandNode); ok {
			if fn := calledFunc(c); fn == "t" || fn == "tjson" {
				f(fn, c.Args[1:])
			}
		}
	})
}
