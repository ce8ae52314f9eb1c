package render

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// RedirectsFile is the host's redirect rules: Netlify's _redirects, one
// "from to 301!" line per former address (forced: the redirect page is there too, and
// Netlify serves an existing file before a rule that is not). Other hosts take the same pairs in their own
// form (see README.md).
const RedirectsFile = "_redirects"

// formerAddress is one former URL path and the page it leads to now.
type formerAddress struct {
	from  string   // the former URL, escaped as page URLs are: "/roles/eng/old/", "/principles/%E6%97%A5/"
	to    string   // the page's URL now, which may hold a fragment
	title string   // the page's title
	pos   diag.Pos // where the former address was written
}

// redirectPages returns a redirect page for each former address the model gives (the
// aliases of pages, the former IDs of levels and rows) after pages, the site's pages.
// A former address that is some page's address now, or the former address of two
// pages, is an error at both places, and gets no page.
func (r *renderer) redirectPages(pages []*Data) ([]*Data, diag.List) {
	var diags diag.List
	var all []formerAddress
	for _, d := range pages {
		all = append(all, r.formerAddresses(d, &diags)...)
	}
	for _, g := range r.site.Groups {
		for _, a := range g.Aliases {
			if from, ok := aliasPath(a, &diags); ok {
				all = append(all, formerAddress{from, g.URL(), g.Title, a.Pos})
			}
		}
	}
	now := map[string]*Data{}
	for _, d := range pages {
		now[d.URL] = d
	}
	reserved := r.reservedPaths()
	first := map[string]formerAddress{}
	bad := map[string]bool{}
	var kept []formerAddress
	for _, a := range all {
		if d := now[a.from]; d != nil {
			at := diag.Pos{File: d.Source}
			switch d.Kind {
			case "level":
				at = d.Level.Pos // the level's column
			case "dimension":
				at = d.Dimension.Rows[0].Pos // the first row of that ID
			}
			what := describe(d)
			if at.Line > 0 {
				what = fmt.Sprintf("%q (%s)", d.Title, at)
			}
			diags.Errorf(a.pos, "the former address %s is the address of %s now; a former address must be one no page has", readable(a.from), what)
			if at.File != "" {
				diags.Errorf(at, "%s is the address of this page and also given as a former address at %s", readable(a.from), a.pos)
			}
			continue
		}
		if what, ok := reserved[a.from]; ok || strings.HasPrefix(a.from, "/assets/") || strings.HasPrefix(a.from, "/search/") {
			if what == "" {
				what = "the theme's assets and the search index are"
			} else {
				what += " is"
			}
			diags.Errorf(a.pos, "the former address %s is where %s published", readable(a.from), what)
			continue
		}
		if prev, ok := first[a.from]; ok {
			if prev.to != a.to {
				diags.Errorf(a.pos, "the former address %s is also given to %s at %s; a former address leads to one page", readable(a.from), readable(prev.to), prev.pos)
				if !bad[a.from] {
					diags.Errorf(prev.pos, "the former address %s is also given to %s at %s; a former address leads to one page", readable(a.from), readable(a.to), a.pos)
				}
				bad[a.from] = true
			}
			continue
		}
		first[a.from] = a
		kept = append(kept, a)
	}
	var out []*Data
	for _, a := range kept {
		if !bad[a.from] {
			out = append(out, &Data{Site: r.site, Kind: "redirect", URL: a.from, Title: a.title, RedirectTo: a.to, formerAt: a.pos})
		}
	}
	return out, diags
}

// formerAddresses lists the former addresses of one page: its item's aliases, and
// those its role's, level's or rows' former IDs give.
func (r *renderer) formerAddresses(d *Data, diags *diag.List) []formerAddress {
	var out []formerAddress
	add := func(from string, pos diag.Pos) { out = append(out, formerAddress{from, d.URL, d.Title, pos}) }
	for _, a := range aliasesOf(d) {
		if from, ok := aliasPath(a, diags); ok {
			add(from, a.Pos)
		}
	}
	// A role's pages, under each of its IDs: today's and its former ones. Every
	// combination of IDs but today's alone is a former address, written where its
	// first former ID is.
	var roles []itemID
	if d.Role != nil {
		roles = idsOf(d.Role.ID, d.Role.FormerIDs)
	}
	switch d.Kind {
	case "role":
		for _, id := range roles[1:] {
			add(model.PathURL("/roles/"+id.text+"/"), id.pos)
		}
	case "level":
		for _, role := range roles {
			for _, lv := range idsOf(d.Level.ID, d.Level.FormerIDs) {
				if pos, ok := formerPos(role, lv); ok {
					add(model.PathURL("/roles/"+role.text+"/"+lv.text+"/"), pos)
				}
			}
		}
	case "promotion":
		for _, role := range roles {
			for _, x := range idsOf(d.Level.ID, d.Level.FormerIDs) {
				for _, y := range idsOf(d.Next.ID, d.Next.FormerIDs) {
					if pos, ok := formerPos(role, x, y); ok {
						add(model.PathURL("/roles/"+role.text+"/"+x.text+"-to-"+y.text+"/"), pos)
					}
				}
			}
		}
	case "dimension":
		for _, row := range d.Dimension.Rows {
			for _, id := range row.FormerIDs {
				from := model.PathURL("/dimensions/" + id.Text + "/")
				if id.Text != d.Dimension.ID && !slices.ContainsFunc(out, func(a formerAddress) bool { return a.from == from }) {
					add(from, id.Pos)
				}
			}
		}
	}
	return out
}

// itemID is one of an item's IDs: today's, or a former one written at pos.
type itemID struct {
	text   string
	pos    diag.Pos
	former bool
}

// idsOf returns an item's ID, then its former IDs.
func idsOf(id string, former []model.Ref) []itemID {
	out := []itemID{{text: id}}
	for _, f := range former {
		out = append(out, itemID{f.Text, f.Pos, true})
	}
	return out
}

// formerPos returns where the first former ID among ids was written, and false when
// all of them are today's.
func formerPos(ids ...itemID) (diag.Pos, bool) {
	for _, id := range ids {
		if id.former {
			return id.pos, true
		}
	}
	return diag.Pos{}, false
}

// aliasesOf returns the aliases of the item a page shows.
func aliasesOf(d *Data) []model.Ref {
	switch {
	case d.Kind == "home":
		return d.Site.Aliases
	case d.Section != nil:
		return d.Section.Aliases
	case d.Kind == "principle": // not its lists' pages, which have its item too
		return d.Principle.Aliases
	case d.Kind == "role":
		return d.Role.Aliases
	case d.Phase != nil:
		return d.Phase.Aliases
	case d.Page != nil:
		return d.Page.Aliases
	}
	return nil
}

// aliasPath checks an alias as written and returns it as a page's URL: a path from the
// site root, ending in "/" unless its last part names a file ("old.html"), escaped as
// page URLs are (model.PathURL), whether it was written escaped or not.
func aliasPath(a model.Ref, diags *diag.List) (string, bool) {
	text := strings.TrimSpace(a.Text)
	fail := func(why string) (string, bool) {
		diags.Errorf(a.Pos, "alias %q %s", a.Text, why)
		return "", false
	}
	u, err := url.Parse(text)
	switch {
	case err != nil:
		return fail("does not parse as a path: " + err.Error())
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(text, "//"):
		return fail("is an address elsewhere: an alias is a former path on this site, such as /principles/old-name/")
	case !strings.HasPrefix(text, "/"):
		return fail("must be a path from the site root, starting with /, such as /principles/old-name/")
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(text, "?#"):
		return fail("holds ? or #: a former address is a path alone")
	}
	p := u.Path
	if slices.Contains(strings.Split(p, "/"), "..") || slices.Contains(strings.Split(p, "/"), ".") || strings.Contains(p, "//") {
		return fail("holds an empty, . or .. part")
	}
	if !strings.HasSuffix(p, "/") && !strings.Contains(path.Base(p), ".") {
		p += "/"
	}
	if p == "/" {
		return fail("is the home page's address")
	}
	if strings.HasPrefix(strings.ToLower(p), model.ChangesFolder) { // in any case: hosts that ignore case take the two for one
		return fail("is in " + model.ChangesFolder + ", where the build publishes what changed from git history")
	}
	return model.PathURL(p), true
}

// reservedPaths returns the URLs of the files other than pages, with what they are.
func (r *renderer) reservedPaths() map[string]string {
	out := map[string]string{}
	for _, f := range r.extraFiles() {
		out[model.PathURL("/"+f.path)] = f.what
	}
	return out
}

// redirectRules is the host's redirect rules for the redirect pages: one
// "from to 301!" line each, under the base path, escaped as URLs.
func (r *renderer) redirectRules() []byte {
	var b strings.Builder
	for _, d := range r.pages {
		if d.Kind == "redirect" {
			b.WriteString(r.url(d.URL) + " " + r.url(d.RedirectTo) + " 301!\n") // both escaped already
		}
	}
	// A renamed role's matrix download has no page to carry a redirect: the rule alone.
	roles := map[string]bool{}
	for _, role := range r.site.Roles {
		roles[role.ID] = true
	}
	for _, role := range r.site.Roles {
		for _, id := range role.FormerIDs {
			if !roles[id.Text] {
				b.WriteString(r.url(model.PathURL("/roles/"+id.Text+"/levels.csv")) + " " + r.url(role.CSVURL()) + " 301!\n")
			}
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return []byte("# Former addresses of renamed pages (aliases and former IDs), made by handbook build.\n" + b.String())
}

// describe names a page for a message: its source file, or its kind when the
// generator makes it.
func describe(d *Data) string {
	if d.Source != "" {
		return d.Source
	}
	return "the " + d.Kind + " page"
}
