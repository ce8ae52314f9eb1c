package render_test

import (
	"html"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
)

// TestSharedPiecesRenderedOnce checks that a markdown part shown on several pages (a
// principle's text, on its page and on the principles page) is rendered once per
// build, however many pages show it and however many workers render them: its code
// block is highlighted once.
func TestSharedPiecesRenderedOnce(t *testing.T) {
	fsys := fuzzSite("/principles/dive-deep/", "Ownership")
	fsys["content/principles/ownership.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Ownership\norder: 1\n---\nThink ahead.\n\n```go\nplan()\n```\n")}
	site, diags := source.Load(fsys, source.Options{})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	graph.Build(site)
	a, err := themeAssets()
	if err != nil {
		t.Fatal(err)
	}
	hl := &countingHighlighter{}
	files, diags := render.Render(site, defaultTheme(t), render.Options{Assets: a.names, Highlighter: hl})
	if diags.HasErrors(false) {
		t.Fatalf("render: %v", diags)
	}
	shown := 0
	for _, f := range files {
		shown += strings.Count(string(f.Data), "Think ahead.")
	}
	if shown < 2 || hl.calls["plan()\n"] != 1 {
		t.Errorf("the principle's text is on %d pages and was rendered %d times; want it on two or more, rendered once", shown, hl.calls["plan()\n"])
	}
}

// countingHighlighter counts the code it is given, and leaves it plain.
type countingHighlighter struct {
	mu    sync.Mutex
	calls map[string]int
}

func (h *countingHighlighter) Highlight(w io.Writer, _, code string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.calls == nil {
		h.calls = map[string]int{}
	}
	h.calls[code]++
	_, err := io.WriteString(w, html.EscapeString(code))
	return err
}

// defaultTheme is the embedded default theme, in English.
func defaultTheme(t testing.TB) *theme.Theme {
	t.Helper()
	th, diags := theme.Default("en")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	return th
}
