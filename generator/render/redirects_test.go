package render_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/source"
)

// TestRedirectsAndSiteFiles: a former address is checked against every file the site
// writes besides its pages (the feed, the host's headers and redirect rules among
// them), exactly and but for case, and the host's files carry the base path.
func TestRedirectsAndSiteFiles(t *testing.T) {
	for _, tc := range []struct {
		alias string
		want  string // in the diagnostics
	}{
		{"/changes/index.xml", `alias "/changes/index.xml" is in /changes/, where the build publishes what changed`},
		{"/_headers", "the former address /_headers/ would be written to _headers/index.html, and the headers file to _headers"},
		{"/_HEADERS/", "the former address /_HEADERS/ would be written to _HEADERS/index.html, and the headers file to _headers"},
		{"/_redirects", "the former address /_redirects/ would be written to _redirects/index.html, and the redirect rules to _redirects"},
		{"/Changes/Index.xml", `alias "/Changes/Index.xml" is in /changes/, where the build publishes what changed`},
		{"/Principles/Ownership/", "the former address /Principles/Ownership/ would be written to Principles/Ownership/index.html, and content/principles/ownership.md to principles/ownership/index.html"},
	} {
		t.Run(tc.alias, func(t *testing.T) {
			_, diags := renderWithAlias(t, tc.alias, "/")
			if !strings.Contains(diags, tc.want) {
				t.Errorf("diagnostics:\n%s\nwant %q", diags, tc.want)
			}
		})
	}
}

// TestHostFilesUnderBasePath: _redirects and _headers both name paths as served,
// under the base path.
func TestHostFilesUnderBasePath(t *testing.T) {
	files, diags := renderWithAlias(t, "/principles/所有/", "/handbook/")
	if diags != "" {
		t.Fatal(diags)
	}
	if got, want := files["_redirects"], "/handbook/principles/%E6%89%80%E6%9C%89/ /handbook/principles/dive-deep/ 301!\n"; !strings.Contains(got, want) {
		t.Errorf("_redirects:\n%s\nwant %q", got, want)
	}
	if got, want := files["_headers"], "base /handbook/"; got != want {
		t.Errorf("_headers: %q, want %q", got, want)
	}
}

// renderWithAlias renders a small handbook whose principle Dive Deep has the alias,
// with a (empty) history and a headers file that tells its base path; it returns the
// files other than pages and the diagnostics.
func renderWithAlias(t *testing.T, alias, basePath string) (map[string]string, string) {
	t.Helper()
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"content/_index.md":               file("---\ntitle: Handbook\n---\nHome.\n"),
		"content/principles/ownership.md": file("---\ntitle: Ownership\n---\nOwners.\n"),
		"content/principles/dive-deep.md": file("---\ntitle: Dive Deep\naliases: [\"" + alias + "\"]\n---\nDetails.\n"),
		"content/roles/eng/_index.md":     file("---\ntitle: Engineer\n---\n"),
		"content/roles/eng/levels.csv":    file("Level,Engineer I,Principles\nDelivery,Ships.,Ownership; Dive Deep\n"),
	}
	site, diags := source.Load(fsys, source.Options{})
	if site == nil {
		t.Fatal(diags)
	}
	diags.Append(graph.Build(site))
	a, err := themeAssets()
	if err != nil {
		t.Fatal(err)
	}
	opts := render.Options{
		BaseURL: "https://x.example" + basePath, Assets: a.names, History: &changes.Log{},
		Headers: func(base string) []byte { return []byte("base " + base) },
	}
	rd, rdiags := render.New(site, defaultTheme(t), opts)
	diags.Append(rdiags)
	out := map[string]string{}
	if rd != nil {
		for _, f := range rd.Extras() {
			out[f.Path] = string(f.Data)
		}
	}
	var errs []string
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	return out, strings.Join(errs, "\n")
}
