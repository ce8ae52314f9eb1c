package model

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// The URL layout of the site. Every URL is a path from the site root, ending in "/" for
// pages, so that the output is pretty URLs (dir/index.html). URLs are escaped, ready for
// an href, the sitemap and handbook.json: an ID of another script ("日本語") is
// percent-encoded, and so is a free page's name holding "#", "?", "%" or a space.
// FilePath maps a URL back to the file it is written to.

// escape makes an ID, or any name, one segment of a URL path: it percent-encodes the
// bytes of non-ASCII characters, controls, spaces and the characters that would end or
// change a path segment ("#", "?", "%", "/") or that a URL may not hold unescaped.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	i := strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf || mustEscape(byte(r)) })
	if i < 0 {
		return s
	}
	b := []byte(s[:i])
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || mustEscape(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// mustEscape reports whether an ASCII byte must be percent-encoded in a path segment.
func mustEscape(c byte) bool {
	return c <= ' ' || c == 0x7f || strings.IndexByte(`#?%/"<>\^`+"`{|}", c) >= 0
}

// PathURL makes a site path of unescaped names ("/we#ird?/") into its URL
// ("/we%23ird%3F/"), escaping each segment.
func PathURL(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = escape(s)
	}
	return strings.Join(parts, "/")
}

// FilePath maps a URL (without a fragment) to the file it is written to, unescaped:
// "/a/b/" -> "a/b/index.html", "/%E6%97%A5/" -> "日/index.html".
func FilePath(u string) string {
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	if strings.HasSuffix(u, "/") {
		u += "index.html"
	}
	return strings.TrimPrefix(u, "/")
}

// URL returns the principle's page.
func (p *Principle) URL() string { return "/principles/" + escape(p.ID) + "/" }

// URL returns the role's matrix page.
func (r *Role) URL() string { return "/roles/" + escape(r.ID) + "/" }

// CSVURL returns the matrix's spreadsheet download.
func (r *Role) CSVURL() string { return r.URL() + "levels.csv" }

// URL returns the level's page.
func (l *Level) URL() string { return l.Role.URL() + escape(l.ID) + "/" }

// PromotionURL returns the page comparing the level with the next one, or "".
func (l *Level) PromotionURL() string {
	if n := l.Next(); n != nil {
		return l.Role.URL() + escape(l.ID+"-to-"+n.ID) + "/"
	}
	return ""
}

// URL returns the cell's place on its role's matrix.
func (c *Cell) URL() string { return c.Row.Role.URL() + "#" + escape(c.Anchor()) }

// URL returns the row's progression page.
func (r *Row) URL() string { return "/dimensions/" + escape(r.ID) + "/" }

// URL returns the dimension's progression page.
func (d *Dimension) URL() string { return "/dimensions/" + escape(d.ID) + "/" }

// URL returns the question's page.
func (q *Question) URL() string { return "/interview/" + escape(q.ID) + "/" }

// URL returns the group's place on the page of the interview page that lists it.
func (g *QuestionGroup) URL() string { return PageURL("/interview/", g.Page) + "#" + escape(g.ID) }

// URL returns the phase's page.
func (p *Phase) URL() string { return "/delivery/" + escape(p.ID) + "/" }

// URL returns the persona's place on the delivery page.
func (p *Persona) URL() string { return "/delivery/#persona-" + escape(p.ID) }
