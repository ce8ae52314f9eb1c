package build

import (
	"strings"
	"testing"
	"testing/fstest"
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
