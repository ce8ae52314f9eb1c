package devserver

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReloadTellsChangedOpenPages: after a save, the pages open are rendered from the
// new generation and only those whose HTML changed are told to reload, whatever part of
// the model their templates read. On the site whose theme prints a principle's rows'
// cells as written, rewording a cell reloads that principle's page and the page that
// lists every role, and not an open page that shows neither. A heading renamed under a
// link elsewhere shows the broken link, as a build reports it, once the background
// check of the new generation is done.
func TestReloadTellsChangedOpenPages(t *testing.T) {
	dir := siteOf(t, "serve-unusual-theme.txtar")
	p := startPreviewShowing(t, dir, Config{}, "/principles/qualite/")
	for _, page := range []string{"/about/", "/roles/support/", "/principles/kokyaku/"} {
		p.open(t.Context(), page)
	}
	const csv = "content/roles/ingenieur/levels.csv"
	p.write(csv, strings.Replace(p.read(csv), "Writes good tests.", "Writes tests others trust.", 1))
	pages := reloaded(p.expect("reload"))
	slices.Sort(pages)
	if want := []string{"/about/", "/principles/qualite/"}; !slices.Equal(pages, want) {
		t.Errorf("reload of %v, want %v", pages, want)
	}
	if _, body := p.get("/principles/qualite/"); !strings.Contains(body, "Writes tests others trust.") {
		t.Error("the principle's page does not show the reworded cell")
	}

	// An edit that changes no open page (the home page is not open) tells none.
	const home = "content/_index.md"
	p.write(home, strings.Replace(p.read(home), "Our [principles]", "All our [principles]", 1))
	p.quiet(500 * time.Millisecond)
	p.matchesBuild()

	// A link to a heading, then the heading renamed: the page that changed reloads,
	// and the check of the whole site shows the link it broke, elsewhere, as a build
	// reports it; the heading back clears it.
	const about, principle = "content/about.md", "content/principles/qualite.md"
	p.write(about, p.read(about)+"\nSee [our craft](principles/qualite.md#craft).\n")
	if pages := reloaded(p.expect("reload")); !contains(pages, "/about/") {
		t.Errorf("reload of %v, want /about/", pages)
	}
	p.write(principle, strings.Replace(p.read(principle), "## Craft", "## Métier", 1))
	if pages := reloaded(p.expect("reload")); !contains(pages, "/principles/qualite/") {
		t.Errorf("reload of %v, want /principles/qualite/", pages)
	}
	overlay := p.waitProblem("<code>content/about.md:10:5</code> broken link: page /principles/qualite/ has no anchor #craft")
	if !strings.Contains(overlay, "The preview shows this version") {
		t.Errorf("the overlay does not say the version shown is the one that fails:\n%s", overlay)
	}
	p.write(principle, strings.Replace(p.read(principle), "## Métier", "## Craft", 1))
	p.expect("reload")
	p.expect("fixed")
	p.matchesBuild()
}
