package sitecheck

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/output"
)

const shell = `<a href="#main">Skip</a><main id="main"><h1>T</h1>%s</main>`

func page(body string) []byte { return []byte(strings.Replace(shell, "%s", body, 1)) }

func TestCheck(t *testing.T) {
	tests := []struct {
		name, body, want string // want "" means no problem
	}{
		{"clean", `<a href="/other/">o</a> <a href="/other/#x">x</a> <a href="https://e.com/">e</a> <img src="data:image/png;base64,AA==">`, ""},
		{"escaped text is not markup", `<p>&lt;img src=x onerror=alert(1)&gt;</p><meta content="a onclick=b">`, ""},
		{"missing page", `<a href="/nope/">n</a>`, "no file nope/index.html"},
		{"missing anchor", `<a href="/other/#y">y</a>`, `has no id "y"`},
		{"handler", `<a href="/other/" onclick="go()">o</a>`, "inline script or style"},
		{"style attribute", `<div style="color:red">r</div>`, "inline script or style"},
		{"style element", `<style>p{}</style>`, "inline script or style"},
		{"inline script", `<script>alert(1)</script>`, "inline script"},
		{"remote script", `<script src="https://cdn.example/x.js"></script>`, "loads src from elsewhere"},
		{"two h1", `<h1>again</h1>`, "2 h1 headings"},
		{"outside base", `<a href="/elsewhere/">e</a>`, "outside the site's base path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := "/"
			if tt.name == "outside base" {
				base = "/sub/"
			}
			files := []output.File{
				{Path: "index.html", Data: page(tt.body)},
				{Path: "other/index.html", Data: page(`<p id="x">x</p>`)},
			}
			var got []string
			for _, p := range Check(files, base) {
				if p.Page == "index.html" {
					got = append(got, p.Message)
				}
			}
			all := strings.Join(got, "\n")
			if tt.want == "" && len(got) > 0 || tt.want != "" && !strings.Contains(all, tt.want) {
				t.Errorf("problems:\n%s\nwant: %q", all, tt.want)
			}
		})
	}
}
