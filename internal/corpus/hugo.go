package corpus

import (
	"embed"
	"io/fs"
	"strings"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/themes"
)

// The equivalent Hugo site: one page for every page the handbook builds, at the same
// URLs, with the same lists under the same bounds, computed by Hugo's templates from what
// a Hugo author would write. hugo/ holds its configuration and layouts, each saying what
// it computes; the parts many pages share are partialCached, as the handbook caches
// them. writeHugo writes the content:
//
//   - a "principles" taxonomy whose term pages are the principle pages, its terms
//     named in the front matter of every page that names a principle, main first;
//   - the matrix rows as pages that are listed but not rendered (content/rows/), in
//     role order, each with its dimension, role, principles and cells as levels.csv
//     has them, so that a principle's term lists its rows as it lists its questions,
//     a role's template draws its matrix and a level's its interview plan;
//   - the question groups likewise (content/groups/): a group's follow-ups, example
//     answer and notes are its content, which each of its questions' pages shows; a
//     question's page (content/interview/) names its group and its principles;
//   - a section per full list that the bounded lists give a principle
//     (content/lists/, at /principles/<id>/questions/ and /principles/<id>/rows/),
//     which its template fills and paginates. Hugo cannot make a page of a list only
//     when the list is long, so these sources are written only then;
//   - the markdown of the pages that show cells as prose: a level's expectations, a
//     promotion's two levels, a dimension's progression.
//
// The handbook's stylesheet is minified and fingerprinted through Hugo Pipes, as the
// handbook does with its own. It needs Hugo 0.128 or newer (the [pagination] settings).
//
//go:embed all:hugo
var hugoFiles embed.FS

// writeHugo writes the Hugo site.
func (p *plan) writeHugo(w *writer) error {
	css, err := fs.ReadFile(themes.Default(), "assets/style.css")
	if err != nil {
		return err
	}
	w.write("assets/style.css", css)
	err = fs.WalkDir(hugoFiles, "hugo", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := hugoFiles.ReadFile(name)
		w.write(strings.TrimPrefix(name, "hugo/"), data)
		return err
	})
	if err != nil {
		return err
	}

	// The fixed pages: home, about, compare, search, and the section pages below.
	w.write("content/_index.md", newFrontMatter("Synthetic Guideline Handbook").
		line("description", q("Career levels, leadership principles, interview questions and delivery practice of a synthetic organization.")).page(p.homeBody))
	w.write("content/about.md", newFrontMatter("About this handbook").page(p.aboutBody))
	w.write("content/compare.md", newFrontMatter("Compare levels").page("Pick any two levels, of one role or of two, to see their expectations side by side, dimension by dimension. The choice is kept in the address, so a comparison can be shared."))
	w.write("content/search.md", newFrontMatter("Search").page("Search principles, levels, questions and practices."))

	// Principles: the taxonomy's list page and one term page per principle.
	w.write("content/principles/_index.md", newFrontMatter("Leadership Principles").page(p.principlesIntro))
	for i, pr := range p.sitePrinciples() {
		w.write("content/principles/"+pr.id+"/_index.md", newFrontMatter(pr.title).line("weight", itoa(i+1)).page(pr.body))
	}
	p.writeHugoLists(w)

	// Roles: a section per role, whose template draws its matrix from its rows, holding
	// a page per level and per promotion.
	w.write("content/roles/_index.md", newFrontMatter("Roles").page(""))
	for _, r := range p.roles {
		w.write("content/roles/"+r.id+"/_index.md", newFrontMatter(r.title).line("weight", itoa(r.order)).
			line("track", q(r.track)).line("corner", q(r.corner)).page(r.intro))
		for li, lv := range r.levels {
			var b strings.Builder
			b.WriteString("[" + r.title + "](/roles/" + r.id + "/), level " + itoa(li+1) + " of " + itoa(len(r.levels)) + ".\n\n")
			for _, rw := range r.rows {
				b.WriteString("## [" + rw.dim.title + "](/dimensions/" + rw.dim.id + "/)\n\n" + rw.cells[li] + "\n\n**Principles:** " + principleLinks(rw.principles) + "\n\n")
			}
			w.write("content/roles/"+r.id+"/"+lv.id+".md", newFrontMatter(lv.title).line("weight", itoa(2*li+1)).
				line("role", r.id).line("level", itoa(li)).page(b.String()))
			if li+1 < len(r.levels) {
				next := r.levels[li+1]
				var b strings.Builder
				for _, rw := range r.rows {
					b.WriteString("## " + rw.dim.title + "\n\n### " + lv.title + "\n\n" + rw.cells[li] + "\n\n### " + next.title + "\n\n" + rw.cells[li+1] + "\n\n")
				}
				w.write("content/roles/"+r.id+"/"+lv.id+"-to-"+next.id+".md",
					newFrontMatter(lv.title+" to "+next.title).line("weight", itoa(2*li+2)).page(b.String()))
			}
		}
	}

	p.writeHugoRows(w)

	// Dimensions: each row's progression across every level of every role that has it.
	w.write("content/dimensions/_index.md", newFrontMatter("Dimensions").page(""))
	for _, d := range p.dims {
		var b strings.Builder
		b.WriteString("How this expectation grows, level by level, across " + itoa(len(d.rows)) + " roles.\n\n")
		for _, rw := range d.rows {
			b.WriteString("## [" + rw.role.title + "](/roles/" + rw.role.id + "/)\n\n")
			for li, lv := range rw.role.levels {
				b.WriteString("### [" + lv.title + "](/roles/" + rw.role.id + "/" + lv.id + "/)\n\n" + rw.cells[li] + "\n\n")
			}
		}
		w.write("content/dimensions/"+d.id+".md", newFrontMatter(d.title).page(b.String()))
	}

	// Interview: a page per question, naming its group, and the groups themselves.
	w.write("content/interview/_index.md", newFrontMatter("Interview questions").page(p.interviewIntro))
	p.writeHugoGroups(w)

	// Delivery: the framework with its personas, and a page per phase.
	var b strings.Builder
	b.WriteString(p.deliveryBody + "\n## Personas\n")
	for _, ps := range p.personas {
		b.WriteString("\n### " + ps.title + "\n\n" + ps.description + ". Roles: " + strings.Join(ps.roles, ", ") + ".")
		if ps.role != nil {
			b.WriteString(" Role family: [" + ps.role.title + "](/roles/" + ps.role.id + "/).")
		}
		b.WriteByte('\n')
	}
	w.write("content/delivery/_index.md", newFrontMatter("Delivery Framework").page(b.String()))
	for _, ph := range p.phases {
		var b strings.Builder
		b.WriteString("**Personas:** ")
		for i, ps := range ph.personas {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("[" + ps.title + "](/delivery/#" + ps.id + ")")
		}
		b.WriteString("\n\n")
		if len(ph.mechanisms) > 0 {
			b.WriteString("## Mechanisms\n\n")
			for _, m := range ph.mechanisms {
				b.WriteString("- **" + m.name + " (" + m.short + ")**: " + m.when + "\n")
			}
			b.WriteString("\n")
		}
		b.WriteString(ph.body)
		w.write("content/delivery/"+ph.id+".md", newFrontMatter(ph.title).line("weight", itoa(ph.order)).list("principles", principleIDs(ph.principles)).page(b.String()))
	}
	return nil
}

// hidden is the front matter of a section whose pages are listed but not rendered:
// neither the section's page nor theirs is built, but its pages are in the site's
// collections and in the taxonomy of the principles they name.
const hidden = "build:\n  render: never\n  list: never\ncascade:\n  build:\n    render: link\n    list: always\n  sitemap:\n    disable: true\n"

// writeHugoRows writes every matrix row as a page in content/rows/, in role order:
// its dimension, its role, the principles it names and its cells, as its role's
// levels.csv has them.
func (p *plan) writeHugoRows(w *writer) {
	w.write("content/rows/_index.md", []byte("---\ntitle: \"Rows\"\n"+hidden+"---\n"))
	n := 0
	for _, r := range p.siteRoles() {
		for _, rw := range r.rows {
			n++
			w.write("content/rows/"+r.id+"--"+rw.dim.id+".md", newFrontMatter(rw.dim.title).line("weight", itoa(n)).
				line("dimension", rw.dim.id).line("role", r.id).list("principles", principleIDs(rw.principles)).list("cells", rw.cells).page(""))
		}
	}
}

// writeHugoGroups writes every question group as a page in content/groups/ (its
// principles, its questions, its intro, and as its content the sections each of its
// questions' pages shows) and a page per question in content/interview/, both in the
// handbook's order.
func (p *plan) writeHugoGroups(w *writer) {
	w.write("content/groups/_index.md", []byte("---\ntitle: \"Question groups\"\n"+hidden+"---\n"))
	n := 0
	for i, g := range p.siteGroups() {
		ids := make([]string, len(g.questions))
		for j, qu := range g.questions {
			ids[j] = qu.id
		}
		fm := newFrontMatter(g.title).line("weight", itoa(i+1)).list("principles", principleIDs(g.principles)).list("questions", ids)
		if g.intro != "" {
			fm.line("intro", q(g.intro))
		}
		w.write("content/groups/"+g.id+".md", fm.page(g.details()))
		for _, qu := range g.questions {
			n++
			w.write("content/interview/"+qu.id+".md", newFrontMatter(qu.text).line("weight", itoa(n)).line("group", g.id).
				list("principles", principleIDs(g.principles)).page(""))
		}
	}
}

// writeHugoLists writes a section for each full list of a principle, where its page
// cannot show the whole list: the section's template lists and paginates it.
func (p *plan) writeHugoLists(w *writer) {
	w.write("content/lists/_index.md", []byte("---\ntitle: \"Full lists\"\nbuild:\n  render: never\n  list: never\n---\n"))
	main, also, rows := p.listCounts()
	for _, pr := range p.sitePrinciples() {
		for _, l := range []struct {
			kind, title string
			long        bool
		}{{"questions", "Questions for " + pr.title, hasQuestionList(main[pr], also[pr])}, {"rows", "Matrix rows naming " + pr.title, rows[pr] > model.Shown}} {
			if l.long {
				w.write("content/lists/"+pr.id+"-"+l.kind+"/_index.md", newFrontMatter(l.title).
					line("url", "/principles/"+pr.id+"/"+l.kind+"/").line("principle", pr.id).line("list", l.kind).page(""))
			}
		}
	}
}

func principleIDs(ps []*principle) []string {
	out := make([]string, len(ps))
	for i, pr := range ps {
		out[i] = pr.id
	}
	return out
}

func principleLinks(ps []*principle) string {
	links := make([]string, len(ps))
	for i, pr := range ps {
		links[i] = "[" + pr.title + "](/principles/" + pr.id + "/)"
	}
	return strings.Join(links, ", ")
}
