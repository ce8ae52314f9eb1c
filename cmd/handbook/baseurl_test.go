package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestBaseURLRefused: a --base-url that is not an absolute http(s) URL with a host and
// without query or fragment is a usage error saying why, and nothing is written.
func TestBaseURLRefused(t *testing.T) {
	tests := []struct{ url, want string }{
		{"x.example/handbook", "not absolute"},
		{"javascript:alert(1)//", "scheme is javascript"},
		{"https://x.example/?q=1#f", "query"},
		{"https://x.example/#f", "fragment"},
		{"https:///handbook/", "no host"},
		{"https://user:pw@x.example/", "password"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			dir := writeSite(t, nil)
			entries, _ := os.ReadDir(dir)
			r := runCLI(t, "build", "--source", dir, "--base-url", tt.url)
			wantCode(t, r, exitUsage)
			wantContains(t, "stderr", r.stderr, "--base-url", tt.url, tt.want)
			if after, _ := os.ReadDir(dir); len(after) != len(entries) {
				t.Errorf("a refused build wrote into %s", dir)
			}
		})
	}
}

// TestBaseURLNormalised: the URL is used with exactly one trailing slash, whatever it
// was given with; a sub-path stays.
func TestBaseURLNormalised(t *testing.T) {
	tests := []struct{ url, assets, loc string }{
		{"https://x.example//", `src="/assets/`, "<loc>https://x.example/</loc>"},
		{"https://x.example", `src="/assets/`, "<loc>https://x.example/</loc>"},
		{"https://x.example/handbook", `src="/handbook/assets/`, "<loc>https://x.example/handbook/</loc>"},
		{"https://x.example/handbook//", `src="/handbook/assets/`, "<loc>https://x.example/handbook/</loc>"},
	}
	protocolRelative := regexp.MustCompile(`(src|href)="//`)
	doubleSlash := regexp.MustCompile(`<loc>https://[^<]*//[^<]*`)
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			dir := writeSite(t, nil)
			wantCode(t, runCLI(t, "build", "--source", dir, "--base-url", tt.url), exitOK)
			page := string(readFile(t, filepath.Join(dir, "public", "index.html")))
			wantContains(t, "index.html", page, tt.assets)
			if m := protocolRelative.FindString(page); m != "" {
				t.Errorf("index.html links to another host: %s", m)
			}
			sitemap := string(readFile(t, filepath.Join(dir, "public", "sitemap.xml")))
			wantContains(t, "sitemap.xml", sitemap, tt.loc)
			if m := doubleSlash.FindString(sitemap); m != "" {
				t.Errorf("sitemap.xml holds a double slash: %s", m)
			}
		})
	}
}
