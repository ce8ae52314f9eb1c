package devserver

import (
	"bytes"
	"mime"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/output"
)

// maxListed is the most changed pages an event names; beyond it, every page reloads.
const maxListed = 200

// changes compares the generation served before a change with the next, on the pages
// open (their URL paths; "" for clients that did not say which page they show), and
// returns the event that tells them about it. A change of content alone reloads the
// open pages whose HTML changed; any other change reloads every page, unless all it
// changed among the assets and the open pages is the stylesheet (then the stylesheet
// is swapped) or nothing there changed at all. changed is false when no open page needs to hear of it. The caller
// holds the generations' read lock: the open pages are rendered here.
func changes(prev, next *build.Generation, change build.Change, open []string) (e event, changed bool) {
	switch {
	case prev == nil:
		return jsonEvent("reload", reload{Pages: []string{"*"}}), true
	case change == build.Unchanged || prev == next:
		return event{}, false
	case change == build.Whole:
		return wholeChange(prev, next, open)
	}
	var pages []string
	for _, u := range open {
		if u == "" {
			// A client that did not say which page it shows: it may show any.
			return jsonEvent("reload", reload{Pages: []string{"*"}}), true
		}
		key := fileOf(next, u)
		// The previous generation shares the patched model: what it did not render
		// before the change cannot be rendered now, so a page it did not render
		// counts as changed.
		old, ok := prev.Rendered(key)
		data, _ := next.File(key)
		if !ok || !bytes.Equal(old, data) {
			pages = append(pages, u)
		}
	}
	if len(pages) == 0 {
		return event{}, false
	}
	if len(pages) > maxListed {
		pages = []string{"*"}
	}
	return jsonEvent("reload", reload{Pages: pages}), true
}

// wholeChange is changes after the model was loaded again: the previous generation's
// model is its own still, so it renders the open pages it had not.
func wholeChange(prev, next *build.Generation, open []string) (event, bool) {
	oldCSS, newCSS, others := assetChanges(prev.Assets(), next.Assets())
	keys := []string{"404.html"}
	for _, u := range open {
		if u != "" {
			keys = append(keys, fileOf(next, u), fileOf(prev, u))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	same, onlyStyle := true, !others && oldCSS != "" && newCSS != ""
	from, to := []byte("/"+oldCSS), []byte("/"+newCSS)
	for _, key := range keys {
		old, _ := prev.File(key)
		data, _ := next.File(key)
		if !bytes.Equal(old, data) {
			same = false
			if !onlyStyle || !bytes.Equal(bytes.ReplaceAll(old, from, to), data) {
				onlyStyle = false
			}
		}
	}
	switch {
	case onlyStyle:
		return jsonEvent("style", style{Href: "/" + newCSS}), true
	case same && !others && oldCSS == newCSS && prev.Pages() == next.Pages() && !slices.Contains(open, ""):
		// Loaded again to the same pages and assets (a theme file saved unchanged,
		// say): the open pages show what they would after a reload.
		return event{}, false
	}
	return jsonEvent("reload", reload{Pages: []string{"*"}}), true
}

// assetChanges compares two generations' assets: the path of the stylesheet before and
// after, when it changed ("" and "" when it did not), and whether any other asset did.
func assetChanges(prev, next []output.File) (oldCSS, newCSS string, others bool) {
	before := map[string][]byte{}
	for _, f := range prev {
		before[f.Path] = f.Data
	}
	after := map[string]bool{}
	for _, f := range next {
		after[f.Path] = true
		if old, ok := before[f.Path]; ok && bytes.Equal(old, f.Data) {
			continue
		}
		if isStyleSheet(f.Path) && newCSS == "" {
			newCSS = f.Path
		} else {
			others = true
		}
	}
	for p := range before {
		if after[p] {
			continue
		}
		if isStyleSheet(p) && oldCSS == "" {
			oldCSS = p
		} else {
			others = true
		}
	}
	if (oldCSS == "") != (newCSS == "") {
		others = true
	}
	return oldCSS, newCSS, others
}

// isStyleSheet reports whether p is the site's fingerprinted stylesheet.
func isStyleSheet(p string) bool {
	return strings.HasPrefix(p, "assets/style.") && strings.HasSuffix(p, ".css")
}

// fileOf returns the file a page at the URL path u shows: its own, or the 404 page.
func fileOf(gen *build.Generation, u string) string {
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	key := strings.TrimPrefix(u, "/")
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	if !gen.IsPage(key) {
		return "404.html"
	}
	return key
}

type reload struct {
	Pages []string `json:"pages"` // page URLs, or "*" for all
}

type style struct {
	Href string `json:"href"`
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
