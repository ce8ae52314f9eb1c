package frontmatter

import (
	"slices"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Value is one scalar read from the front matter, with where it was written.
type Value struct {
	Text string
	Pos  diag.Pos
}

// Fields reads typed values out of a Map node. Every problem (a wrong type, a key nobody
// reads) is recorded in the diagnostic list it was made with, so one pass reports them all.
type Fields struct {
	node  *Node
	diags *diag.List
	read  map[string]bool
}

// NewFields returns a reader over the map n; n may be nil (no front matter).
func NewFields(n *Node, diags *diag.List) *Fields {
	return &Fields{node: n, diags: diags, read: map[string]bool{}}
}

// Pos returns the position of the map itself.
func (f *Fields) Pos() diag.Pos {
	if f.node == nil {
		return diag.Pos{}
	}
	return f.node.Pos
}

func (f *Fields) get(key string) *Node {
	f.read[key] = true
	n := f.node.Get(key)
	if n != nil && n.Kind == Null {
		return nil
	}
	return n
}

func (f *Fields) wrongType(key string, n *Node, want string) {
	f.diags.Errorf(n.Pos, "%s must be %s, not %s", key, want, n.Kind)
}

// String returns the text of key, or the zero Value when absent.
func (f *Fields) String(key string) Value {
	n := f.get(key)
	if n == nil {
		return Value{}
	}
	if n.Kind != Scalar {
		f.wrongType(key, n, "text")
		return Value{}
	}
	return Value{Text: n.Value, Pos: n.Pos}
}

// Bool returns the boolean value of key, or def when absent. The value must be one YAML
// reads as a boolean (true or false), so that a theme reading the same key through
// Params sees the same: yes, no, on, off and "true" in quotes are text, so an error here.
func (f *Fields) Bool(key string, def bool) bool {
	n := f.get(key)
	if n == nil {
		return def
	}
	b, ok := n.Decoded.(bool)
	if n.Kind != Scalar || !ok {
		f.diags.Errorf(n.Pos, "%s must be true or false, not %s", key, describe(n))
		return def
	}
	return b
}

// Int returns the integer value of key, or 0 when absent. The value must be one YAML
// reads as a whole number (3, 0x10, 1_000), not text such as "3" in quotes.
func (f *Fields) Int(key string) int {
	n := f.get(key)
	if n == nil {
		return 0
	}
	i, ok := n.Decoded.(int)
	if n.Kind != Scalar || !ok {
		f.diags.Errorf(n.Pos, "%s must be a whole number, not %s", key, describe(n))
		return 0
	}
	return i
}

// describe names a value in a message: the text "yes", the number 1.5, a list.
func describe(n *Node) string {
	if n.Kind != Scalar {
		return n.Kind.String()
	}
	switch n.Decoded.(type) {
	case string:
		return "the text " + diag.Quote(n.Value)
	case bool:
		return "the boolean " + n.Value
	case int, int64, uint64, float64:
		return "the number " + n.Value
	case time.Time:
		return "the date " + n.Value
	}
	return n.Value
}

// Params returns the whole mapping as untyped values, for templates (nil when there is no
// front matter). Its values are those the typed readers see.
func (f *Fields) Params() map[string]any {
	if f.node == nil || f.node.Kind != Map {
		return nil
	}
	params, _ := f.node.Plain().(map[string]any)
	return params
}

// Strings returns the items of a list of text under key. A single value is taken as a
// list of one.
func (f *Fields) Strings(key string) []Value {
	n := f.get(key)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Scalar:
		return []Value{{Text: n.Value, Pos: n.Pos}}
	case List:
		out := make([]Value, 0, len(n.Items))
		for _, item := range n.Items {
			if item.Kind != Scalar {
				f.wrongType(key+" item", item, "text")
				continue
			}
			out = append(out, Value{Text: item.Value, Pos: item.Pos})
		}
		return out
	}
	f.wrongType(key, n, "a list")
	return nil
}

// Maps returns a reader for each item of a list of mappings under key.
func (f *Fields) Maps(key string) []*Fields {
	n := f.get(key)
	if n == nil {
		return nil
	}
	if n.Kind != List {
		f.wrongType(key, n, "a list")
		return nil
	}
	var out []*Fields
	for _, item := range n.Items {
		if item.Kind != Map {
			f.wrongType(key+" item", item, "a mapping")
			continue
		}
		out = append(out, NewFields(item, f.diags))
	}
	return out
}

// Rest returns the keys nobody has read yet, in order.
func (f *Fields) Rest() []*Node {
	if f.node == nil {
		return nil
	}
	var rest []*Node
	for _, k := range f.node.Keys {
		if !f.read[k.Value] {
			rest = append(rest, k)
		}
	}
	return rest
}

// Done reports every key that was not read as an unknown key, suggesting the closest
// known one. Call it after reading every field the source kind allows.
func (f *Fields) Done(what string) {
	known := make([]string, 0, len(f.read))
	for k := range f.read {
		known = append(known, k)
	}
	for _, k := range f.Rest() {
		msg := "unknown key " + diag.Quote(k.Value) + " in " + what
		if s := diag.Suggest(k.Value, known); s != "" {
			msg += "; did you mean " + diag.Quote(s) + "?"
		} else if len(known) > 0 {
			msg += " (known keys: " + strings.Join(sortedCopy(known), ", ") + ")"
		}
		f.diags.Errorf(k.Pos, "%s", msg)
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
