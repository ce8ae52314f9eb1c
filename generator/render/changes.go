package render

import (
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/model"
)

// changePages lists the changelog and a page for each release, when the site has a
// history.
func (r *renderer) changePages(page pageMaker) []*Data {
	h := r.opts.History
	if h == nil {
		return nil
	}
	text := r.strings.Text
	all := page("changes", "/changes/", text("title.changes"))
	all.Description = text("changes.description")
	all.History = h
	out := []*Data{all}
	for i := range h.Releases {
		rel := &h.Releases[i]
		d := page("release", rel.URL(), text("changes.release.title", rel.Name), Link{text("title.changes"), "/changes/"})
		d.History, d.Release = h, rel
		out = append(out, d)
	}
	return out
}

// latestChanges indexes the expectations changed in the latest release by the cells
// they are now, for marking them on the matrix, level and dimension pages.
func latestChanges(h *changes.Log) map[cellKey]*changes.CellChange {
	rel := h.Latest()
	if rel == nil {
		return nil
	}
	out := map[cellKey]*changes.CellChange{}
	for _, role := range rel.Changes.Roles {
		for i := range role.Cells {
			c := &role.Cells[i]
			if c.Anchor != "" {
				out[cellKey{role.ID, c.Anchor}] = c
			}
		}
	}
	return out
}

// cellKey names a cell of a role: the role's ID and the cell's anchor.
type cellKey struct{ role, anchor string }

// changeOf returns what the latest release changed in the cell, or nil.
func (r *renderer) changeOf(c *model.Cell) *changes.CellChange {
	if r.latest == nil || c == nil {
		return nil
	}
	return r.latest[cellKey{c.Row.Role.ID, c.Anchor()}]
}

// latestRelease returns the newest release, or nil.
func (r *renderer) latestRelease() *changes.Release { return r.opts.History.Latest() }

// cellChangeURL is where a changed cell's change is told: its place on the latest
// release's page.
func (r *renderer) cellChangeURL(c *model.Cell) string {
	rel := r.opts.History.Latest()
	return rel.URL() + "#" + rel.Slug + "--" + c.Row.Role.ID + "--" + c.Anchor()
}

// hasFeed reports whether the site has the feed of releases: it has a history with
// a release in it (a feed is as new as its newest entry, and without one it has no
// date to give).
func (r *renderer) hasFeed() bool {
	return r.opts.History != nil && len(r.opts.History.Releases) > 0
}

// atomID is the Atom ID of the feed or an entry at the site path p: its absolute
// address where the site has an absolute base URL, or else, as Atom IDs must be
// absolute, a URN made from the site's title and p, the same at every build.
func (r *renderer) atomID(p string) string {
	if u, err := url.Parse(r.opts.BaseURL); err == nil && u.IsAbs() && u.Host != "" {
		return r.absURL(p)
	}
	sum := sha256.Sum256([]byte(r.site.Title + "\x00" + p))
	sum[6] = sum[6]&0x0f | 0x80 // UUID version 8: made by the application, here a hash
	sum[8] = sum[8]&0x3f | 0x80 // the RFC 9562 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// atom is the feed of releases, newest first: one entry per release, linking to its
// page. It is as new as its newest release.
func (r *renderer) atom() []byte {
	h := r.opts.History
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	}
	feed := struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Entries []entry  `xml:"entry"`
	}{
		NS:     "http://www.w3.org/2005/Atom",
		Title:  r.strings.Text("changes.feed.title", r.site.Title),
		ID:     r.atomID("/changes/"),
		Links:  []link{{Href: r.absURL("/changes/")}, {Href: r.absURL("/changes/index.xml"), Rel: "self"}},
		Author: r.site.Title,
	}
	var updated time.Time
	for _, rel := range h.Releases {
		if rel.Date.After(updated) {
			updated = rel.Date
		}
		feed.Entries = append(feed.Entries, entry{
			Title:   rel.Name,
			ID:      r.atomID(rel.URL()),
			Link:    link{Href: r.absURL(rel.URL())},
			Updated: rel.Date.UTC().Format(time.RFC3339),
			Summary: r.summary(rel),
		})
	}
	feed.Updated = updated.UTC().Format(time.RFC3339)
	out, _ := xml.MarshalIndent(feed, "", " ") // plain structs of strings always marshal
	return append(append([]byte(xml.Header), out...), '\n')
}

// summary says in a line how much a release changed.
func (r *renderer) summary(rel changes.Release) string {
	switch n := rel.Changes.Count(); {
	case rel.Previous == "":
		return r.strings.Text("changes.first")
	case n == 0:
		return r.strings.Text("changes.none", rel.Previous)
	default:
		return r.strings.Text("changes.count", n, rel.Previous)
	}
}

// date is t as the handbook's language writes a date: the strings date.format (day,
// month and year) and date.months (the months' names, separated by commas).
func (r *renderer) date(t time.Time) string {
	month := t.Month().String()
	if months := strings.Split(r.strings.Text("date.months"), ","); len(months) == 12 {
		month = strings.TrimSpace(months[t.Month()-1])
	}
	return r.strings.Text("date.format", t.Day(), month, t.Year())
}

// live returns u if it leads to a page of the site as it is now (and, for a matrix
// cell, to a cell there is), or "": an older release's change names items that a
// later one renamed or removed, which are told without a link.
func (r *renderer) live(u string) string {
	r.liveOnce.Do(func() {
		r.liveURLs = map[string]bool{}
		for _, d := range r.pages {
			r.liveURLs[d.URL] = true
		}
		for _, role := range r.site.Roles {
			for _, row := range role.Rows {
				for _, c := range row.Cells {
					r.liveURLs[c.URL()] = true
				}
			}
		}
	})
	if r.liveURLs[u] {
		return u
	}
	return ""
}
