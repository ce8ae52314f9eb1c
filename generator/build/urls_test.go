package build

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestEncodedURLsEverywhere builds org-atelier, whose free page's name holds "#", "?"
// and a space, and checks that every file that gives its address, the search index
// included, gives it encoded and never raw.
func TestEncodedURLsEverywhere(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/org-atelier.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	res, diags := Build(fsys, opts)
	if res == nil || len(diags) > 0 {
		t.Fatalf("build: %v", diags)
	}
	const encoded, raw = "we%23ird%3F%20notes/", "we#ird? notes/"
	found := map[string]bool{}
	for _, f := range res.Files {
		if strings.HasPrefix(f.Path, raw) {
			continue // the page itself, at its file
		}
		if bytes.Contains(f.Data, []byte(raw)) {
			t.Errorf("%s gives the page's address unescaped", f.Path)
		}
		if bytes.Contains(f.Data, []byte(encoded)) {
			top, _, _ := strings.Cut(f.Path, "/")
			found[top] = true
		}
	}
	for _, want := range []string{"index.html", "sitemap.xml", "handbook.json", "search"} {
		if !found[want] {
			t.Errorf("%s does not give the page's encoded address %s", want, encoded)
		}
	}
}
