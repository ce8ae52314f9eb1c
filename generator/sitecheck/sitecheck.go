// Package sitecheck inspects a built site as a browser would meet it: every internal
// link and anchor must lead somewhere, no page may load anything from elsewhere or
// carry inline script or style (which the site's Content-Security-Policy would block),
// and every page has one h1, a main landmark and a skip link to it.
// Tests run it over every build; it reads only the rendered files.
package sitecheck

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/output"
)

var (
	attrRe   = regexp.MustCompile(`\s(href|src|action)="([^"]*)"`)
	idRe     = regexp.MustCompile(`\sid="([^"]+)"`)
	tagRe    = regexp.MustCompile(`<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>`)
	quotedRe = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	inlineRe = regexp.MustCompile(`(?i)^<style[\s>]|\s(?:style|on[a-z]+)\s*=`)
	bodyRe   = regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>\s*[^<\s]`)
	scriptRe = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	h1Re     = regexp.MustCompile(`(?i)<h1[\s>]`)
	mainRe   = regexp.MustCompile(`(?i)<main\s[^>]*id="?main`)
	skipRe   = regexp.MustCompile(`(?i)<a\s[^>]*href="?#main`)
)

// Problem is one thing wrong with one page.
type Problem struct {
	Page    string // the file, "roles/x/index.html"
	Message string
}

func (p Problem) String() string { return p.Page + ": " + p.Message }

// Check walks every HTML page of files, published under basePath ("/" or "/sub/").
func Check(files []output.File, basePath string) []Problem {
	ids := map[string]map[string]bool{} // file path -> ids
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			set := map[string]bool{}
			for _, m := range idRe.FindAllSubmatch(f.Data, -1) {
				set[html.UnescapeString(string(m[1]))] = true
			}
			ids[f.Path] = set
		} else {
			ids[f.Path] = nil
		}
	}
	var out []Problem
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		report := func(format string, args ...any) {
			out = append(out, Problem{f.Path, fmt.Sprintf(format, args...)})
		}
		if n := h1Re.FindAll(f.Data, -1); len(n) != 1 {
			report("has %d h1 headings, want exactly one", len(n))
		}
		if !mainRe.Match(f.Data) || !skipRe.Match(f.Data) {
			report("lacks the main landmark or the skip link to it")
		}
		for _, tag := range tagRe.FindAll(f.Data, -1) {
			if inlineRe.Match(quotedRe.ReplaceAll(tag, nil)) {
				report("inline script or style: %s", tag)
			}
		}
		if m := bodyRe.Find(f.Data); m != nil {
			report("inline script: %q", m)
		}
		for _, m := range scriptRe.FindAll(f.Data, -1) {
			if !strings.Contains(string(m), " src=") {
				report("script without src: %s", m)
			}
		}
		for _, m := range attrRe.FindAllSubmatch(f.Data, -1) {
			checkURL(f.Path, string(m[1]), html.UnescapeString(string(m[2])), basePath, ids, report)
		}
	}
	slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.String(), b.String()) })
	return out
}

func checkURL(page, attr, raw, basePath string, ids map[string]map[string]bool, report func(string, ...any)) {
	u, err := url.Parse(raw)
	if err != nil {
		report("%s %q does not parse: %v", attr, raw, err)
		return
	}
	switch {
	case u.Scheme == "mailto":
		return
	case attr == "src" && u.Scheme == "data" && strings.HasPrefix(u.Opaque, "image/"):
		return // an inline image; the policy allows img-src data:
	case u.Scheme != "" || u.Host != "":
		if attr != "href" {
			report("loads %s from elsewhere: %q", attr, raw)
		}
		return // a link to another site is fine; loading from it is not
	}
	target := page
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir("/"+page), p)
		} else if !strings.HasPrefix(p, basePath) {
			report("%s %q is outside the site's base path %s", attr, raw, basePath)
			return
		} else {
			p = "/" + strings.TrimPrefix(p, basePath)
		}
		target = strings.TrimPrefix(p, "/")
		if target == "" || strings.HasSuffix(p, "/") {
			target += "index.html"
		}
		target = strings.TrimPrefix(target, "/")
	}
	set, ok := ids[target]
	if !ok {
		report("broken %s %q: no file %s", attr, raw, target)
		return
	}
	if u.Fragment != "" && !set[u.Fragment] {
		report("broken %s %q: %s has no id %q", attr, raw, target, u.Fragment)
	}
}
