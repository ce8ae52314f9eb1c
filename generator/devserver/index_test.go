package devserver

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/search"
)

// TestSearchIndexFollowsEdits: after a save, the search index served is the one a build
// of the new sources makes, the files of the index before it are still served to the
// pages that loaded it, and a file of neither is not found.
func TestSearchIndexFollowsEdits(t *testing.T) {
	p := startPreview(t, 0)
	before := indexFiles(p.srv.served())
	p.sameIndex(before)

	const principle = "content/principles/ownership.md"
	p.write(principle, p.read(principle)+"\nOwners zyzzogeton their outcomes.\n")
	p.expect("reload")
	after := indexFiles(p.srv.served())
	if bytes.Equal(before[search.ManifestPath], after[search.ManifestPath]) {
		t.Fatal("the edit changed nothing of the index a build makes")
	}
	p.sameIndex(after) // the manifest waits for the refresh
	for name, data := range before {
		if _, same := after[name]; name == search.ManifestPath || same {
			continue
		}
		if status, body := p.get("/" + name); status != http.StatusOK || body != string(data) {
			t.Errorf("%s of the index before the edit: status %d, %d bytes, want %d", name, status, len(body), len(data))
		}
	}
	if status, _ := p.get("/" + search.FilesDir + "i.0.0123456789.json"); status != http.StatusNotFound {
		t.Errorf("a file of no index: status %d, want 404", status)
	}

	// Quick saves, each stopping the refresh of the one before: the index served in the
	// end is the last one's.
	text := p.read(principle)
	for i := range 5 {
		p.write(principle, fmt.Sprintf("%s\nSave number %d.\n", text, i))
		time.Sleep(15 * time.Millisecond)
	}
	waitFor(t, p, func() bool {
		_, page := p.get("/principles/ownership/")
		return strings.Contains(page, "Save number 4.")
	})
	p.sameIndex(indexFiles(p.srv.served()))
}

// indexFiles returns the search index's files among a site's.
func indexFiles(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for name, data := range files {
		if isIndexFile(name) {
			out[name] = data
		}
	}
	return out
}

// sameIndex fails unless the preview serves each of the index's files as given.
func (p *preview) sameIndex(files map[string][]byte) {
	p.t.Helper()
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range files {
			if !yield(name) {
				return
			}
		}
	})
	if !slices.Contains(names, search.ManifestPath) || len(names) < 3 {
		p.t.Fatalf("the site's index is %v", names)
	}
	for _, name := range names {
		status, body := p.get("/" + name)
		if status != http.StatusOK || body != string(files[name]) {
			p.t.Errorf("%s: status %d, %d bytes (%.60q), want the %d bytes a build makes", name, status, len(body), strings.TrimSpace(body), len(files[name]))
		}
	}
}
