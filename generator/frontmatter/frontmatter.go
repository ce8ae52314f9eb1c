// Package frontmatter splits a markdown source into its YAML front matter and body, and
// decodes the front matter into a small tree whose every node knows its file position, so
// that a wrong value is reported where it was written. It is the one user of yaml.v3.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Limits that keep hostile input from costing unbounded time or memory.
const (
	// MaxDepth is the deepest nesting of maps and lists accepted.
	MaxDepth = 20
	// MaxNodes is the most YAML nodes one front matter may expand to, aliases included.
	MaxNodes = 10000
)

// Split finds the front matter of src: a first line "---", then YAML, then a line "---".
// It returns the YAML (nil when there is no front matter), the 1-based line the YAML
// starts on, and the byte offset at which the body starts. A front matter that never
// closes is an error at its opening line.
func Split(file string, src []byte) (yml []byte, yamlLine, bodyStart int, err error) {
	first, rest, ok := cutLine(src)
	if !isFence(first) {
		return nil, 0, 0, nil
	}
	offset := len(src) - len(rest)
	start := offset
	for line := 2; ok || len(rest) > 0; line++ {
		var l []byte
		l, rest, ok = cutLine(rest)
		if isFence(l) {
			return src[start:offset], 2, len(src) - len(rest), nil
		}
		offset = len(src) - len(rest)
	}
	return nil, 0, 0, diag.List{{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error,
		Message: "front matter opened with --- is never closed by a --- line"}}
}

// cutLine returns the first line of b without its line ending, the rest, and whether a
// line ending was found.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest, found
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// Kind says what a node holds.
type Kind int

// The kinds of node.
const (
	Null Kind = iota
	Scalar
	Map
	List
)

func (k Kind) String() string {
	return [...]string{"nothing", "a single value", "a mapping", "a list"}[k]
}

// Node is one value of the front matter with its position.
type Node struct {
	Kind  Kind
	Pos   diag.Pos
	Value string  // for Scalar: the text as written
	Keys  []*Node // for Map: the keys, in order, each a Scalar
	Items []*Node // for Map: the values, parallel to Keys; for List: the items
	Tag   string  // YAML's resolved tag for a Scalar, such as "!!str", "!!int", "!!bool"
	// Decoded is a Scalar's value as yaml.v3 reads it: a string, bool, int, float64 or
	// time.Time. It is the one reading of the value: typed fields and the untyped
	// parameters a theme sees both come from it.
	Decoded any
}

// Decode parses yml, which starts at line firstLine of file, into a Node tree. An empty
// front matter decodes to an empty Map.
func Decode(file string, yml []byte, firstLine int) (*Node, diag.List) {
	var doc yaml.Node
	pos := diag.Pos{File: file, Line: firstLine, Col: 1}
	if err := yaml.Unmarshal(yml, &doc); err != nil {
		return nil, diag.List{{Pos: yamlErrorPos(err, pos), Severity: diag.Error, Message: "front matter: " + yamlErrorText(err)}}
	}
	if len(doc.Content) == 0 {
		return &Node{Kind: Map, Pos: pos}, nil
	}
	c := converter{file: file, lineOffset: firstLine - 1}
	n := c.convert(doc.Content[0], 0)
	if c.err != nil {
		return nil, diag.List{*c.err}
	}
	if n.Kind != Map {
		return nil, diag.List{{Pos: n.Pos, Severity: diag.Error, Message: "front matter must be a mapping of keys to values, not " + n.Kind.String()}}
	}
	return n, nil
}

type converter struct {
	file       string
	lineOffset int
	nodes      int
	err        *diag.Diagnostic
}

func (c *converter) fail(n *yaml.Node, msg string) *Node {
	if c.err == nil {
		c.err = &diag.Diagnostic{Pos: c.pos(n), Severity: diag.Error, Message: msg}
	}
	return &Node{Kind: Null, Pos: c.pos(n)}
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.file, Line: n.Line + c.lineOffset, Col: n.Column}
}

func (c *converter) convert(n *yaml.Node, depth int) *Node {
	c.nodes++
	switch {
	case c.err != nil:
		return &Node{Pos: c.pos(n)}
	case depth > MaxDepth:
		return c.fail(n, fmt.Sprintf("front matter is nested more than %d levels deep", MaxDepth))
	case c.nodes > MaxNodes:
		return c.fail(n, fmt.Sprintf("front matter expands to more than %d values (too many aliases?)", MaxNodes))
	}
	switch n.Kind {
	case yaml.AliasNode:
		out := c.convert(n.Alias, depth+1)
		out.Pos = c.pos(n)
		return out
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		out := &Node{Kind: List, Pos: c.pos(n)}
		for _, item := range n.Content {
			out.Items = append(out.Items, c.convert(item, depth+1))
		}
		return out
	case yaml.MappingNode:
		out := &Node{Kind: Map, Pos: c.pos(n)}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return c.fail(k, "a front matter key must be a plain word")
			}
			if out.Get(k.Value) != nil {
				return c.fail(k, "key "+diag.Quote(k.Value)+" is given twice")
			}
			out.Keys = append(out.Keys, &Node{Kind: Scalar, Pos: c.pos(k), Value: k.Value})
			out.Items = append(out.Items, c.convert(v, depth+1))
		}
		return out
	}
	return c.fail(n, "unsupported YAML construct")
}

// scalar decodes a scalar once, as yaml.v3 reads it into an untyped value: true and false
// are booleans, yes, no, on and off are text, 2024-01-02 is a date.
func (c *converter) scalar(n *yaml.Node) *Node {
	var v any
	if err := n.Decode(&v); err != nil {
		return c.fail(n, "front matter: "+yamlErrorText(err))
	}
	if v == nil {
		return &Node{Kind: Null, Pos: c.pos(n)}
	}
	return &Node{Kind: Scalar, Pos: c.pos(n), Value: n.Value, Tag: n.ShortTag(), Decoded: v}
}

// yamlErrorPos extracts "line N" from a yaml.v3 error message, relative to base.
func yamlErrorPos(err error, base diag.Pos) diag.Pos {
	msg := err.Error()
	if _, after, ok := strings.Cut(msg, "line "); ok {
		end := strings.IndexFunc(after, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(after)
		}
		if n, err := strconv.Atoi(after[:end]); err == nil && n > 0 {
			base.Line += n - 1
		}
	}
	return base
}

// yamlErrorText strips yaml.v3's "yaml: line N:" prefix, since the position says it.
func yamlErrorText(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if _, after, ok := strings.Cut(msg, ": "); ok {
			return after
		}
	}
	return msg
}

// Plain returns the node as untyped Go values, for templates: nil, a Scalar's Decoded
// value, []any for a List and map[string]any for a Map (keys are the text written).
func (n *Node) Plain() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Scalar:
		return n.Decoded
	case List:
		out := make([]any, len(n.Items))
		for i, item := range n.Items {
			out[i] = item.Plain()
		}
		return out
	case Map:
		out := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			out[k.Value] = n.Items[i].Plain()
		}
		return out
	}
	return nil
}

// Get returns the value of key in a Map, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	if i := slices.IndexFunc(n.Keys, func(k *Node) bool { return k.Value == key }); i >= 0 {
		return n.Items[i]
	}
	return nil
}
