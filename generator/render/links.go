package render

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// pendingLink is an internal link written in content, checked once every page is
// rendered (Check), by the page or matrix it was written in.
type pendingLink struct {
	url    string // the page, "/principles/ownership/"
	anchor string
	pos    diag.Pos
}

// indexSources maps every content file to the page it is shown on and the URL a link to
// it goes to.
func (r *renderer) indexSources() {
	r.homes, r.targets = map[string]string{}, map[string]string{}
	add := func(source, home, target string) {
		if source != "" {
			r.homes[source], r.targets[source] = home, target
		}
	}
	s := r.site
	add(s.Path, "/", "/")
	if s.PrinciplesIntro != nil {
		add(s.PrinciplesIntro.Path, "/principles/", "/principles/")
	}
	if s.InterviewIntro != nil {
		add(s.InterviewIntro.Path, "/interview/", "/interview/")
	}
	if s.Delivery != nil {
		add(s.Delivery.Path, "/delivery/", "/delivery/")
	}
	for _, p := range s.Principles {
		add(p.Path, p.URL(), p.URL())
	}
	for _, role := range s.Roles {
		add(role.Path, role.URL(), role.URL())
		add(role.CSVPath, role.URL(), role.CSVURL())
	}
	for _, g := range s.Groups {
		add(g.Path, "/interview/", g.URL())
	}
	for _, p := range s.Phases {
		add(p.Path, p.URL(), p.URL())
	}
	for _, p := range s.Pages {
		add(p.Path, p.URL, p.URL)
	}
}

// resolveLink is the markdown.LinkFunc: it maps a link written in from to its href and
// records it for checking.
func (w *worker) resolveLink(from *markdown.Doc, dest string, pos diag.Pos) (string, bool) {
	r := w.r
	target, anchor, _ := strings.Cut(dest, "#")
	// A link may be written escaped or not ("/roles/日本語/", "/roles/%E6%97%A5..."): it
	// is checked unescaped, and its href escaped.
	target, anchor = unescape(target), unescape(anchor)
	home := unescape(r.homes[from.File])
	switch {
	case target == "":
		target = home
	case strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".csv"):
		src := path.Join(path.Dir(from.File), target)
		if strings.HasPrefix(target, "/") {
			src = path.Join("content", target)
		}
		u, ok := r.targets[src]
		if !ok {
			w.diags.Errorf(pos, "link to %q: there is no source %s%s", dest, src, suggestion(src, keys(r.targets)))
			return "", false
		}
		target, _, _ = strings.Cut(u, "#")
		target = unescape(target)
		if _, a, ok := strings.Cut(u, "#"); ok && anchor == "" {
			anchor = unescape(a)
		}
	default:
		if !strings.HasPrefix(target, "/") {
			target = path.Join(home, target)
		}
		if target = path.Clean(target); path.Ext(target) == "" && !strings.HasSuffix(target, "/") {
			target += "/"
		}
	}
	target = model.PathURL(target)
	w.links = append(w.links, pendingLink{url: target, anchor: anchor, pos: pos})
	href := r.url(target)
	if anchor != "" {
		href += "#" + model.PathURL(anchor)
	}
	return href, true
}

// readable shows a URL in a message: escaped, but with the letters of other scripts
// ("%E6%97%A5" is "日") as they are written.
func readable(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); {
		j := i
		for j+2 < len(u) && u[j] == '%' && strings.IndexByte("89ABCDEF", u[j+1]) >= 0 {
			j += 3 // a run of escaped bytes of non-ASCII characters (0x80 and over)
		}
		if j > i {
			if t, err := url.PathUnescape(u[i:j]); err == nil && utf8.ValidString(t) && strings.IndexFunc(t, func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
				b.WriteString(t)
			} else {
				b.WriteString(u[i:j])
			}
			i = j
			continue
		}
		b.WriteByte(u[i])
		i++
	}
	return b.String()
}

// unescape undoes the percent-encoding of a URL's path or fragment, leaving text that is
// not validly encoded as it is.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// checkLinks reports each link written in content whose page or anchor does not exist.
// It checks the links for which check returns true, given where they were written: the
// index of a page, or -1 and the matrix file of a cell. Only the pages the links name
// are searched for anchors.
func (r *renderer) checkLinks(check func(page int, matrix string, l pendingLink) bool) diag.List {
	anchors := map[string]map[string]bool{}
	var diags diag.List
	each := func(page int, matrix string, links []pendingLink) {
		for _, l := range links {
			if check(page, matrix, l) {
				r.checkLink(l, anchors, &diags)
			}
		}
	}
	for i, links := range r.pageLinks {
		each(i, "", links)
	}
	for _, role := range r.site.Roles {
		each(-1, role.CSVPath, r.cellLinks[role.CSVPath])
	}
	return diags
}

// checkLink reports l if its page or anchor does not exist. anchors caches the IDs
// found on the pages searched so far.
func (r *renderer) checkLink(l pendingLink, anchors map[string]map[string]bool, diags *diag.List) {
	i, ok := r.byURL[l.url]
	if !ok {
		diags.Errorf(l.pos, "broken link: there is no page %s%s", readable(l.url), suggestion(l.url, keys(r.byURL)))
		return
	}
	if i >= 0 && r.pages[i].Kind == "redirect" {
		diags.Warnf(l.pos, "link to %s, a former address of %s: link to %s itself", l.url, r.pages[i].Title, r.pages[i].RedirectTo)
	}
	if l.anchor == "" {
		return
	}
	set, seen := anchors[l.url]
	if !seen {
		switch {
		case i >= 0 && r.anchors != nil:
			set = idSet(r.anchors[i])
		case i >= 0:
			set = idSet(idList(r.files[i].Data))
		}
		anchors[l.url] = set
	}
	if !set[l.anchor] {
		diags.Errorf(l.pos, "broken link: page %s has no anchor #%s%s", readable(l.url), l.anchor, suggestion(l.anchor, keys(set)))
	}
}

// indexURLs maps every page's URL to its index, and each matrix download's to -1, for
// checkLink.
func (r *renderer) indexURLs() {
	r.byURL = make(map[string]int, len(r.pages)+len(r.site.Roles))
	for i, d := range r.pages {
		r.byURL[d.URL] = i
	}
	for _, role := range r.site.Roles {
		r.byURL[role.CSVURL()] = -1
	}
}

// idList returns the values of the id attributes in a page the renderer wrote (which
// always quotes them with double quotes), as written, one per line: what is kept of a
// page written out as it was rendered, in case a link names one of its anchors.
func idList(page []byte) string {
	// Looking for each '=' and checking for ` id="` around it is several times faster
	// than looking for ` id="`, whose first byte is the commonest in a page.
	var list []byte
	for {
		i := bytes.IndexByte(page, '=')
		if i < 0 {
			return string(list)
		}
		if i < 3 || string(page[i-3:i]) != " id" || i+1 == len(page) || page[i+1] != '"' {
			page = page[i+1:]
			continue
		}
		page = page[i+2:]
		if end := bytes.IndexByte(page, '"'); end >= 0 {
			list = append(append(list, page[:end]...), '\n')
			page = page[end:]
		}
	}
}

// idSet returns the set of the IDs in an idList.
func idSet(list string) map[string]bool {
	set := map[string]bool{}
	for id := range strings.Lines(list) {
		set[html.UnescapeString(strings.TrimSuffix(id, "\n"))] = true
	}
	return set
}

func suggestion(s string, candidates []string) string {
	if best := diag.Suggest(s, candidates); best != "" {
		return "; did you mean " + diag.Quote(best) + "?"
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
