package devserver

import (
	"bytes"
	"mime"
	"path"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/output"
)

// snapshot is one successful build, served from memory.
type snapshot struct {
	files map[string][]byte
}

func newSnapshot(files []output.File) *snapshot {
	s := &snapshot{files: make(map[string][]byte, len(files))}
	for _, f := range files {
		s.files[f.Path] = f.Data
	}
	return s
}

// maxListed is the most changed pages an event names; beyond it, every page reloads.
const maxListed = 200

// changes compares a build with the next and returns the event that tells open pages
// about it: a stylesheet swap when only the stylesheet changed, else a reload of the
// pages that changed. changed is false when the output is the same.
func (s *snapshot) changes(next *snapshot) (e event, changed bool) {
	if s == nil {
		return jsonEvent("reload", reload{Pages: []string{"*"}}), true
	}
	var pages, others []string
	for p, data := range next.files {
		if old, ok := s.files[p]; !ok || !bytes.Equal(old, data) {
			classify(p, &pages, &others)
		}
	}
	for p := range s.files {
		if _, ok := next.files[p]; !ok {
			classify(p, &pages, &others)
		}
	}
	if len(pages) == 0 && len(others) == 0 {
		return event{}, false
	}
	if href, ok := s.onlyStyle(next, pages, others); ok {
		return jsonEvent("style", style{Href: href}), true
	}
	slices.Sort(pages)
	if len(others) > 0 || len(pages) > maxListed {
		pages = []string{"*"}
	}
	return jsonEvent("reload", reload{Pages: pages}), true
}

type reload struct {
	Pages []string `json:"pages"` // page URLs, or "*" for all
}

type style struct {
	Href string `json:"href"`
}

// classify files a changed output path as a page URL or as another file.
func classify(p string, pages, others *[]string) {
	switch {
	case strings.HasSuffix(p, "/index.html") || p == "index.html":
		*pages = append(*pages, "/"+strings.TrimSuffix(p, "index.html"))
	case p == "404.html" || strings.HasSuffix(p, ".css") && strings.HasPrefix(p, "assets/"):
		// The 404 page has no URL of its own; stylesheets are judged by onlyStyle.
		*others = append(*others, p)
	case !strings.HasSuffix(p, ".html"):
		// Downloads, the sitemap and the JSON model are not shown in a page.
		if strings.HasPrefix(p, "assets/") {
			*others = append(*others, p)
		}
	default:
		*others = append(*others, p)
	}
}

// onlyStyle reports whether the change is the stylesheet alone: the old stylesheet gone,
// a new one in its place, and every changed page different only in naming it.
func (s *snapshot) onlyStyle(next *snapshot, pages, others []string) (string, bool) {
	oldCSS, newCSS := s.styleSheet(), next.styleSheet()
	if oldCSS == "" || newCSS == "" || oldCSS == newCSS {
		return "", false
	}
	for _, o := range others {
		if o != oldCSS && o != newCSS && o != "404.html" {
			return "", false
		}
	}
	from, to := []byte("/"+oldCSS), []byte("/"+newCSS)
	for _, u := range append(pages, "/404.html") {
		key := strings.TrimPrefix(u, "/")
		if strings.HasSuffix(key, "/") || key == "" {
			key += "index.html"
		}
		if !bytes.Equal(bytes.ReplaceAll(s.files[key], from, to), next.files[key]) {
			return "", false
		}
	}
	return "/" + newCSS, true
}

// styleSheet returns the path of the site's fingerprinted stylesheet.
func (s *snapshot) styleSheet() string {
	for p := range s.files {
		if strings.HasPrefix(p, "assets/style.") && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	return ""
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".json":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".xml":
		return "application/xml"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}
