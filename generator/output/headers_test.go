package output

import (
	"bufio"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// netlifyHeaders reads the [[headers]] tables of a netlify.toml: the subset of TOML it
// uses, a for = "..." line and its [headers.values] of name = "value" lines.
func netlifyHeaders(t *testing.T, file string) []HeaderRule {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rules []HeaderRule
	inHeaders := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case line == "[[headers]]":
			rules, inHeaders = append(rules, HeaderRule{}), true
			continue
		case line == "[headers.values]":
			continue
		case strings.HasPrefix(line, "["):
			inHeaders = false
			continue
		}
		if !inHeaders {
			continue
		}
		key, value, ok := strings.Cut(line, " = ")
		unquoted, err := strconv.Unquote(value)
		if !ok || err != nil {
			t.Fatalf("%s:%d: not a key = \"value\" line: %s", file, n, line)
		}
		r := &rules[len(rules)-1]
		if key == "for" {
			r.For = unquoted
		} else {
			r.Headers = append(r.Headers, Header{key, unquoted})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rules
}

// TestNetlifyTomlSendsThePolicy: the netlify.toml files of the repository and of the
// starter handbook send exactly the header policy the build writes as _headers.
func TestNetlifyTomlSendsThePolicy(t *testing.T) {
	for _, file := range []string{"../../netlify.toml", "../starter/files/netlify.toml"} {
		t.Run(file, func(t *testing.T) {
			if got, want := netlifyHeaders(t, file), HeaderPolicy(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s sends\n%v\nthe policy is\n%v", file, got, want)
			}
		})
	}
}

// TestHeaderPolicy: the policy's CSP is the one the site is tested under, no framing is
// allowed, and only fingerprinted assets are cached for long.
func TestHeaderPolicy(t *testing.T) {
	rules := HeaderPolicy()
	sent := map[string]string{}
	for _, r := range rules {
		for _, h := range r.Headers {
			sent[r.For+" "+h.Name] = h.Value
			if strings.Contains(h.Value, "immutable") && r.For != "/assets/*" {
				t.Errorf("%s is cached as immutable, but only /assets/ names carry a content hash", r.For)
			}
		}
	}
	for key, want := range map[string]string{
		"/* Content-Security-Policy": CSP,
		"/* X-Content-Type-Options":  "nosniff",
		"/* Referrer-Policy":         "same-origin",
		"/assets/* Cache-Control":    ImmutableCache,
	} {
		if sent[key] != want {
			t.Errorf("%s: %q, want %q", key, sent[key], want)
		}
	}
	if !strings.Contains(CSP, "frame-ancestors 'none'") {
		t.Error("the policy allows framing")
	}
}

func TestHeadersFile(t *testing.T) {
	got := string(Headers([]HeaderRule{
		{For: "/*", Headers: []Header{{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "same-origin"}}},
		{For: "/assets/*", Headers: []Header{{"Cache-Control", "public, max-age=31536000, immutable"}}},
	}, "/"))
	want := "/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
	if _, body, _ := strings.Cut(got, "\n"); !strings.HasPrefix(got, "# ") || body != want {
		t.Errorf("got\n%s\nwant a comment line, then\n%s", got, want)
	}
	// Under a base path, the patterns are the paths as served, as _redirects' lines are.
	sub := string(Headers(HeaderPolicy(), "/handbook/"))
	if !strings.Contains(sub, "\n/handbook/*\n") || !strings.Contains(sub, "\n/handbook/assets/*\n") || strings.Contains(sub, "\n/*\n") {
		t.Errorf("under /handbook/:\n%s\nwant the patterns /handbook/* and /handbook/assets/*", sub)
	}
}
