package build

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/sitecheck"
)

var (
	update    = flag.Bool("update", false, "rewrite golden files")
	assetHash = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js|svg)`)
)

// TestSites builds each testdata/sites/*.txtar archive and checks the assertions in its
// "want" file, one per line:
//
//	page PATH contains TEXT    the file holds TEXT (a Go-quoted string)
//	page PATH lacks TEXT       it does not
//	page PATH links URL        it has a link with href="URL"
//	page PATH nolink URL       it does not
//	all lacks TEXT             no HTML page holds TEXT
//	nofile PATH                no such file was written
//	diag TEXT                  some diagnostic line contains TEXT
//	clean                      the build reported nothing at all
//
// A "flags" file may say "drafts" to build with drafts.
//
// A file named NAME.crlf.EXT (levels.crlf.csv, _index.crlf.md) is written as NAME.EXT
// the way Excel saves it: a UTF-8 byte-order mark, then the text with CRLF line ends
// (in a CSV, line breaks inside a quoted cell stay LF, as Excel keeps them). Git and
// txtar do not keep CRLF reliably, so the archive holds LF and the test converts it.
//
// Archives named org-*.txtar are other organisations' frameworks: TestOrgSites also
// builds each with no diagnostics at all and checks every cell on every view.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no test sites")
	}
	for _, name := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fsys, want, opts := siteFS(ar)
			res, diags := Build(fsys, opts)
			files := map[string][]byte{}
			if res != nil {
				for _, f := range res.Files {
					files[f.Path] = f.Data
				}
				for _, p := range sitecheck.Check(res.Files, "/") {
					t.Errorf("site check: %s", p)
				}
			}
			for i, line := range strings.Split(want, "\n") {
				if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
					if msg := assert(line, files, diags); msg != "" {
						t.Errorf("want:%d: %s: %s", i+1, line, msg)
					}
				}
			}
			if t.Failed() {
				t.Logf("diagnostics:\n%s", diags.Error())
			}
		})
	}
}

// siteFS turns an archive into a site folder, its assertions and its build options.
// buildSite builds the site archive testdata/sites/name with its files minified, as
// published, and returns the site folder with the result.
func buildSite(t testing.TB, name string) (fstest.MapFS, *Result) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/" + name)
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	opts.Minify = true
	res, diags := Build(fsys, opts)
	if res == nil {
		t.Fatal(diags.Error())
	}
	return fsys, res
}

func siteFS(ar *txtar.Archive) (fstest.MapFS, string, Options) {
	fsys := fstest.MapFS{}
	var want string
	opts := Options{}
	for _, f := range ar.Files {
		switch f.Name {
		case "want":
			want = string(f.Data)
		case "flags":
			opts.Drafts = strings.Contains(string(f.Data), "drafts")
		default:
			name, data := f.Name, f.Data
			if base, ext, ok := crlfName(name); ok {
				name, data = base+ext, excelSaved(data, ext == ".csv")
			}
			fsys[name] = &fstest.MapFile{Data: data}
		}
	}
	return fsys, want, opts
}

// crlfName splits "a/levels.crlf.csv" into "a/levels" and ".csv".
func crlfName(name string) (base, ext string, ok bool) {
	ext = filepath.Ext(name)
	base, ok = strings.CutSuffix(strings.TrimSuffix(name, ext), ".crlf")
	return base, ext, ok
}

// excelSaved returns text as Excel saves it: a byte-order mark, and CRLF at the end of
// each line, or in a CSV at the end of each record (outside quotes).
func excelSaved(text []byte, csv bool) []byte {
	out := append([]byte{}, "\uFEFF"...)
	quoted := false
	for _, c := range text {
		switch {
		case c == '"' && csv:
			quoted = !quoted // a doubled quote toggles twice
		case c == '\n' && !quoted:
			out = append(out, '\r')
		}
		out = append(out, c)
	}
	return out
}

var assertRe = regexp.MustCompile(`^(page|nofile|diag|clean|all)\s*(\S*)\s*(contains|lacks|links|nolink)?\s*(.*)$`)

// assert checks one assertion, returning what is wrong or "".
func assert(line string, files map[string][]byte, diags diag.List) string {
	m := assertRe.FindStringSubmatch(line)
	if m == nil {
		return "cannot parse assertion"
	}
	verb, path, op, arg := m[1], m[2], m[3], m[4]
	switch verb {
	case "clean":
		if len(diags) > 0 {
			return "diagnostics:\n" + diags.Error()
		}
		return ""
	case "nofile":
		if _, ok := files[path]; ok {
			return "file was written"
		}
		return ""
	case "all":
		text := unquote(arg)
		if path != "lacks" || text == "" {
			return "all takes lacks TEXT"
		}
		for name, data := range files {
			if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(text)) {
				return "found in " + name
			}
		}
		return ""
	case "diag":
		text := unquote(path + " " + arg)
		if !strings.Contains(diags.Error(), text) {
			return "no such diagnostic"
		}
		return ""
	}
	data, ok := files[path]
	if !ok {
		return "no such file"
	}
	text := unquote(arg)
	switch op {
	case "contains":
		if !bytes.Contains(data, []byte(text)) {
			return "text not found"
		}
	case "lacks":
		if bytes.Contains(data, []byte(text)) {
			return "text found"
		}
	case "links", "nolink":
		has := bytes.Contains(data, []byte(`href="`+text+`"`))
		if has != (op == "links") {
			return fmt.Sprintf("link present: %v", has)
		}
	default:
		return "unknown operation " + op
	}
	return ""
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// TestGolden renders one page of each type of testdata/sites/crosslinks.txtar, without
// minifying, and compares it with testdata/golden/<name>.html. Run with -update to
// rewrite them after an intended change.
func TestGolden(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/crosslinks.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	res, diags := Build(fsys, opts)
	if res == nil {
		t.Fatalf("build failed:\n%s", diags.Error())
	}
	pages := map[string]string{
		"home":       "index.html",
		"roles":      "roles/index.html",
		"role":       "roles/engineer/index.html",
		"level":      "roles/engineer/e1/index.html",
		"promotion":  "roles/engineer/e1-to-e2/index.html",
		"compare":    "compare/index.html",
		"dimensions": "dimensions/index.html",
		"dimension":  "dimensions/delivery/index.html",
		"principles": "principles/index.html",
		"principle":  "principles/ownership/index.html",
		"interview":  "interview/index.html",
		"question":   "interview/tell-me-about-a-time-you-owned-a-problem/index.html",
		"delivery":   "delivery/index.html",
		"phase":      "delivery/kickoff/index.html",
		"page":       "guide/index.html",
		"search":     "search/index.html",
		"404":        "404.html",
		"sitemap":    "sitemap.xml",
		"robots":     "robots.txt",
		"json":       "handbook.json",
		"csv":        "roles/engineer/levels.csv",
	}
	compareGolden(t, res, filepath.Join("testdata", "golden"), pages)
}

// compareGolden compares each file of the built site named in pages (golden name ->
// site path) with dir/<name><ext>, or rewrites those files with -update.
func compareGolden(t *testing.T, res *Result, dir string, pages map[string]string) {
	t.Helper()
	got := map[string][]byte{}
	for _, f := range res.Files {
		got[f.Path] = f.Data
	}
	for name, path := range pages {
		data, ok := got[path]
		if !ok {
			t.Errorf("%s: %s was not written", name, path)
			continue
		}
		// Asset names carry a hash of the theme's files, which changes with every edit
		// of the stylesheet; the pages are what is compared.
		data = assetHash.ReplaceAll(data, []byte(".HASH.$1"))
		golden := filepath.Join(dir, name+filepath.Ext(path))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run go test -update to create it)", name, err)
			continue
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s: %s differs from %s (run go test -update after an intended change)\n%s", name, path, golden, firstDiff(want, data))
		}
	}
}

// firstDiff shows where two texts start to differ.
func firstDiff(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("want: …%q…\ngot:  …%q…", want[from:min(len(want), i+80)], got[from:min(len(got), i+80)])
}
