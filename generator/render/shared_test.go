package render_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/generator/theme"
)

// TestSharedPiecesRenderedOnce checks that a markdown part shown on several pages (a
// principle's text, on its page and on the principles page) is rendered and finished
// once per build, however many pages show it and however many workers render them.
func TestSharedPiecesRenderedOnce(t *testing.T) {
	site, diags := source.Load(fuzzSite("/principles/dive-deep/", "Ownership"), source.Options{})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	graph.Build(site)
	a, err := themeAssets()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Think ahead."
	var mu sync.Mutex
	finished := 0
	opts := render.Options{
		Assets: a.names,
		Finish: func(dst []byte, _ string, page []byte) []byte { return append(dst, page...) },
		Fragments: func(hs []string) []string {
			mu.Lock()
			defer mu.Unlock()
			for _, h := range hs {
				finished += strings.Count(h, text)
			}
			return hs
		},
	}
	files, diags := render.Render(site, defaultTheme(t), opts)
	if diags.HasErrors(false) {
		t.Fatalf("render: %v", diags)
	}
	shown := 0
	for _, f := range files {
		shown += strings.Count(string(f.Data), text)
	}
	if shown < 2 || finished != 1 {
		t.Errorf("the principle's text is on %d pages and was finished %d times; want it on two or more, finished once", shown, finished)
	}
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
