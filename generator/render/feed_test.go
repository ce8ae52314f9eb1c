package render_test

import (
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/source"
)

// atomFeed is what TestFeed reads of a feed.
type atomFeed struct {
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
	} `xml:"entry"`
}

// renderWithHistory renders the fuzz site with the log and returns its files by path.
func renderWithHistory(t *testing.T, baseURL string, log *changes.Log) map[string]string {
	t.Helper()
	site, diags := source.Load(fuzzSite("/principles/dive-deep/", "Ownership"), source.Options{})
	if site == nil {
		t.Fatalf("no site: %v", diags)
	}
	graph.Build(site)
	a, err := themeAssets()
	if err != nil {
		t.Fatal(err)
	}
	files, diags := render.Render(site, defaultTheme(t), render.Options{Assets: a.names, BaseURL: baseURL, History: log})
	if diags.HasErrors(false) {
		t.Fatalf("render: %v", diags)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}

// TestFeed: the Atom feed's IDs are absolute IRIs with a base URL and without one
// (then URNs, the same at every build and one per entry), and the feed is as new as
// its newest release. A history without a release has no feed, and no page links to
// one.
func TestFeed(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	log := &changes.Log{Releases: []changes.Release{ // newest first
		{Name: "v2.0", Slug: "v2.0", Date: day("2026-03-10"), Previous: "v1.0"},
		{Name: "v1.0", Slug: "v1.0", Date: day("2026-01-15")},
	}}
	urn := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, tc := range []struct {
		base string
		id   func(string) bool
	}{
		{"", urn.MatchString},
		{"/handbook/", urn.MatchString},
		{"https://handbook.example/", func(id string) bool { return strings.HasPrefix(id, "https://handbook.example/changes/") }},
	} {
		t.Run("base "+tc.base, func(t *testing.T) {
			var feeds [2]atomFeed
			for i := range feeds {
				data, ok := renderWithHistory(t, tc.base, log)["changes/index.xml"]
				if !ok {
					t.Fatal("changes/index.xml was not written")
				}
				if err := xml.Unmarshal([]byte(data), &feeds[i]); err != nil {
					t.Fatalf("the feed: %v\n%s", err, data)
				}
			}
			f := feeds[0]
			if f.Updated != "2026-03-10T00:00:00Z" {
				t.Errorf("updated %q, want the newest release's date", f.Updated)
			}
			ids := map[string]bool{f.ID: true}
			for _, e := range f.Entries {
				ids[e.ID] = true
			}
			if len(f.Entries) != 2 || len(ids) != 3 {
				t.Errorf("IDs %v of %d entries: want one each", ids, len(f.Entries))
			}
			for id := range ids {
				if !tc.id(id) {
					t.Errorf("ID %q is not an absolute IRI of the kind wanted", id)
				}
			}
			if f2 := feeds[1]; f2.ID != f.ID || f2.Entries[0].ID != f.Entries[0].ID {
				t.Errorf("two builds gave two IDs: %q, %q", f.ID, f2.ID)
			}
		})
	}
	t.Run("no release", func(t *testing.T) {
		files := renderWithHistory(t, "", &changes.Log{})
		if data, ok := files["changes/index.xml"]; ok {
			t.Errorf("a feed without a release was written:\n%s", data)
		}
		for path, data := range files {
			if strings.Contains(data, "index.xml") {
				t.Errorf("%s links to the feed there is not", path)
			}
		}
	})
}
