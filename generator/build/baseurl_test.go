package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, want, err string // want the normalised URL, or err a part of the error
	}{
		{"", "", ""},
		{"https://x.example", "https://x.example/", ""},
		{"https://x.example/", "https://x.example/", ""},
		{"https://x.example//", "https://x.example/", ""},
		{"https://x.example///handbook//", "https://x.example/handbook/", ""},
		{"https://x.example/handbook", "https://x.example/handbook/", ""},
		{"https://x.example/handbook/", "https://x.example/handbook/", ""},
		{"https://x.example/a/./b/../c/", "https://x.example/a/c/", ""},
		{"HTTPS://X.Example:8443/Hand%20Book/", "https://x.example:8443/Hand%20Book/", ""},
		{"http://127.0.0.1:1313", "http://127.0.0.1:1313/", ""},
		{"https://[::1]:8080/h", "https://[::1]:8080/h/", ""},
		{"https://例え.jp/手引き/", "https://例え.jp/%E6%89%8B%E5%BC%95%E3%81%8D/", ""},
		{"x.example/handbook", "", "not absolute"},
		{"/handbook/", "", "not absolute"},
		{"//x.example/", "", "not absolute"},
		{"javascript:alert(1)//", "", "scheme is javascript"},
		{"ftp://x.example/", "", "scheme is ftp"},
		{"https:x.example", "", "no host"},
		{"https:///handbook/", "", "no host"},
		{"https://:8080/", "", "no host name"},
		{"https://x.example/?q=1#f", "", "query"},
		{"https://x.example/?", "", "query"},
		{"https://x.example/#f", "", "fragment"},
		{"https://x.example/#", "", "fragment"},
		{"https://user:secret@x.example/", "", "password"},
		{" https://x.example/", "", "spaces"},
		{"https://x.example/a b/", "", "spaces"},
		{"https://x.example/%zz/", "", "not a URL"},
	}
	for _, tt := range tests {
		got, err := ParseBaseURL(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseBaseURL(%q) = %q, %v; want an error about %q", tt.in, got, err, tt.err)
		}
	}
}

// TestBuildRefusesBadBaseURL: a library caller's base URL goes through the same check.
func TestBuildRefusesBadBaseURL(t *testing.T) {
	res, diags := Build(fstest.MapFS{}, Options{BaseURL: "javascript:alert(1)//"})
	if res != nil || !diags.HasErrors(false) || !strings.Contains(diags.Error(), "scheme is javascript") {
		t.Errorf("Build with a javascript: base URL = %v, %v", res, diags)
	}
}

// TestHostFilesUnderBasePath builds testdata/sites/renames.txtar under a sub-path: the
// host's _headers and _redirects both name paths as served, under /handbook/.
func TestHostFilesUnderBasePath(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/renames.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _, opts := siteFS(ar)
	opts.BaseURL = "https://x.example/handbook/"
	res, diags := Build(fsys, opts)
	if res == nil {
		t.Fatal(diags.Error())
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	for path, want := range map[string][]string{
		"_headers":   {"\n/handbook/*\n  Content-Security-Policy: ", "\n/handbook/assets/*\n  Cache-Control: "},
		"_redirects": {"\n/handbook/principles/owner/ /handbook/principles/ownership/ 301!\n", "\n/handbook/principles/%E6%89%80%E6%9C%89/ /handbook/principles/ownership/ 301!\n"},
	} {
		for _, w := range want {
			if !strings.Contains(files[path], w) {
				t.Errorf("%s:\n%s\nwant %q", path, files[path], w)
			}
		}
	}
	if strings.Contains(files["_headers"], "\n/*\n") {
		t.Errorf("_headers has a rule for the host's root:\n%s", files["_headers"])
	}
}
