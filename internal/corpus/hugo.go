package corpus

import (
	"io/fs"
	"strings"

	"github.com/handbook-dev/handbook/themes"
)

// The equivalent Hugo site: the same markdown as pages at the same URLs, one page for
// every page the handbook builds, with a "principles" taxonomy whose term pages are the
// principle pages. Its templates do comparable work: a base layout with header, search
// form, navigation and breadcrumbs; single pages listing related pages by principle;
// section pages listing their pages with their principles; term pages listing every
// page that names the principle. The handbook's stylesheet is minified and fingerprinted
// through Hugo Pipes, as the handbook does with its own.
//
// It keeps to what Hugo 0.111 (Debian bookworm's package) supports.

const hugoConfig = `baseURL = "http://localhost/"
languageCode = "en"
title = "Synthetic Guideline Handbook"
disableKinds = ["RSS"]
enableRobotsTXT = true

[taxonomies]
  principle = "principles"

[markup.goldmark.renderer]
  unsafe = false

[markup.highlight]
  noClasses = false
`

const hugoBaseof = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light dark">
{{ $css := resources.Get "style.css" | minify | fingerprint }}<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
 <div class="bar">
  <a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
  <form class="search-box" role="search" action="{{ "/search/" | relURL }}" method="get">
   <label for="search-q" class="visually-hidden">Search the handbook</label>
   <input id="search-q" name="q" type="search" placeholder="Search  /" autocomplete="off" spellcheck="false">
   <button type="submit">Search</button>
  </form>
 </div>
 <nav class="site-nav" aria-label="Sections">
  <ul>{{ $cur := .Section }}
   <li><a href="{{ "/roles/" | relURL }}"{{ if eq $cur "roles" }} aria-current="true"{{ end }}>Roles</a></li>
   <li><a href="{{ "/principles/" | relURL }}"{{ if eq $cur "principles" }} aria-current="true"{{ end }}>Principles</a></li>
   <li><a href="{{ "/interview/" | relURL }}"{{ if eq $cur "interview" }} aria-current="true"{{ end }}>Interview questions</a></li>
   <li><a href="{{ "/delivery/" | relURL }}"{{ if eq $cur "delivery" }} aria-current="true"{{ end }}>Delivery</a></li>
   <li><a href="{{ "/compare/" | relURL }}"{{ if eq $cur "compare" }} aria-current="true"{{ end }}>Compare levels</a></li>
  </ul>
 </nav>
</header>
{{ if not .IsHome }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "/" | relURL }}">Home</a></li>{{ with .Parent }}{{ if not .IsHome }}{{ with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>{{ end }}
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
 {{ with .File }}<span class="source">Source: <code>{{ .Path }}</code></span>{{ end }}
 <a href="{{ "/about/" | relURL }}">About this handbook</a>
</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .GetTerms "principles" }}<h2 class="label">Principles</h2><ul class="chips">{{ range . }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<div class="prose">{{ .Content }}</div>
{{ with .GetTerms "principles" }}<section aria-labelledby="rel-h"><h2 id="rel-h">Related by principle</h2>
 {{ range first 3 . }}<h3><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h3>
 <ul class="questions">{{ range first 20 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</section>{{ end }}
<nav class="pager" aria-label="Other pages">
 {{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
 {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .GetTerms "principles" }}<ul class="chips">{{ range . }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<div class="prose">{{ .Content }}</div>
<ul class="cards">{{ range .Pages }}
 <li class="card"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .GetTerms "principles" }} <span class="meta">{{ range $i, $p := . }}{{ if $i }}, {{ end }}<a href="{{ $p.RelPermalink }}">{{ $p.LinkTitle }}</a>{{ end }}</span>{{ end }}</li>{{ end }}
</ul>
{{ if .IsHome }}<h2>Principles</h2><ul class="chips">{{ range .Site.Taxonomies.principles.Alphabetical }}<li><a class="chip" href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
`

// hugoTaxonomy renders both the list of principles and each principle's term page: one
// template for both kinds, because Hugo 0.111 and Hugo 0.146+ (new template lookup) do
// not pick _default/term.html alike, but both use _default/taxonomy.html for terms.
const hugoTaxonomy = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ if eq .Kind "term" }}<div class="prose principle-text">{{ .Content }}</div>
{{ range .Pages.GroupBy "Section" }}<section><h2>{{ .Key | title }}</h2>
 <ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Parent }} <span class="where">in <a href="{{ .RelPermalink }}">{{ .Title }}</a></span>{{ end }}</li>{{ end }}</ul>
</section>{{ end }}
{{ else }}<div class="prose">{{ .Content }}</div>
<ul class="principles">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="meta">{{ .Count }} pages</span></li>{{ end }}</ul>
{{ end }}{{ end }}
`

const hugo404 = `{{ define "main" }}
<h1>Page not found</h1>
<p>There is no page at this address. Start from the <a href="{{ "/" | relURL }}">home page</a> or search the handbook.</p>
{{ end }}
`

// writeHugo writes the Hugo site.
func (p *plan) writeHugo(w *writer) error {
	css, err := fs.ReadFile(themes.Default(), "assets/style.css")
	if err != nil {
		return err
	}
	w.write("hugo.toml", []byte(hugoConfig))
	w.write("assets/style.css", css)
	w.write("layouts/_default/baseof.html", []byte(hugoBaseof))
	w.write("layouts/_default/single.html", []byte(hugoSingle))
	w.write("layouts/_default/list.html", []byte(hugoList))
	w.write("layouts/_default/taxonomy.html", []byte(hugoTaxonomy))
	w.write("layouts/404.html", []byte(hugo404))

	// The fixed pages: home, about, compare, search, and the section pages below.
	w.write("content/_index.md", newFrontMatter("Synthetic Guideline Handbook").
		line("description", q("Career levels, leadership principles, interview questions and delivery practice of a synthetic organization.")).page(p.homeBody))
	w.write("content/about.md", newFrontMatter("About this handbook").page(p.aboutBody))
	w.write("content/compare.md", newFrontMatter("Compare levels").page("Pick any two levels, of one role or of two, to see their expectations side by side, dimension by dimension. The choice is kept in the address, so a comparison can be shared."))
	w.write("content/search.md", newFrontMatter("Search").page("Search principles, levels, questions and practices."))

	// Principles: the taxonomy's list page and one term page per principle.
	w.write("content/principles/_index.md", newFrontMatter("Leadership Principles").page(p.principlesIntro))
	for _, pr := range p.principles {
		fm := newFrontMatter(pr.title)
		if pr.order > 0 {
			fm.line("weight", itoa(pr.order))
		}
		w.write("content/principles/"+pr.id+"/_index.md", fm.page(pr.body))
	}

	// Roles: a section per role holding its matrix, a page per level and per promotion.
	w.write("content/roles/_index.md", newFrontMatter("Roles").page(""))
	for _, r := range p.roles {
		ids := principleIDs(r.allPrinciples())
		var b strings.Builder
		b.WriteString(r.intro + "\n\n## Matrix\n\n| " + r.corner + " |")
		for _, lv := range r.levels {
			b.WriteString(" [" + lv.title + "](/roles/" + r.id + "/" + lv.id + "/) |")
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(r.levels)) + "\n")
		for _, rw := range r.rows {
			b.WriteString("| [" + rw.dim.title + "](/dimensions/" + rw.dim.id + "/) " + principleLinks(rw.principles) + " |")
			for _, c := range rw.cells {
				b.WriteString(" " + flatten(c) + " |")
			}
			b.WriteByte('\n')
		}
		w.write("content/roles/"+r.id+"/_index.md", newFrontMatter(r.title).line("weight", itoa(r.order)).list("principles", ids).page(b.String()))
		for li, lv := range r.levels {
			var b strings.Builder
			b.WriteString("[" + r.title + "](/roles/" + r.id + "/), level " + itoa(li+1) + " of " + itoa(len(r.levels)) + ".\n\n")
			for _, rw := range r.rows {
				b.WriteString("## [" + rw.dim.title + "](/dimensions/" + rw.dim.id + "/)\n\n" + rw.cells[li] + "\n\n**Principles:** " + principleLinks(rw.principles) + "\n\n")
			}
			w.write("content/roles/"+r.id+"/"+lv.id+".md", newFrontMatter(lv.title).line("weight", itoa(2*li+1)).list("principles", ids).page(b.String()))
			if li+1 < len(r.levels) {
				next := r.levels[li+1]
				var b strings.Builder
				for _, rw := range r.rows {
					b.WriteString("## " + rw.dim.title + "\n\n### " + lv.title + "\n\n" + rw.cells[li] + "\n\n### " + next.title + "\n\n" + rw.cells[li+1] + "\n\n")
				}
				w.write("content/roles/"+r.id+"/"+lv.id+"-to-"+next.id+".md",
					newFrontMatter(lv.title+" to "+next.title).line("weight", itoa(2*li+2)).list("principles", ids).page(b.String()))
			}
		}
	}

	// Dimensions: each row's progression across every level of every role that has it.
	w.write("content/dimensions/_index.md", newFrontMatter("Dimensions").page(""))
	for _, d := range p.dims {
		var ps []*principle
		var b strings.Builder
		b.WriteString("How this expectation grows, level by level, across " + itoa(len(d.rows)) + " roles.\n\n")
		for _, rw := range d.rows {
			for _, pr := range rw.principles {
				if !containsPrinciple(ps, pr) {
					ps = append(ps, pr)
				}
			}
			b.WriteString("## [" + rw.role.title + "](/roles/" + rw.role.id + "/)\n\n")
			for li, lv := range rw.role.levels {
				b.WriteString("### [" + lv.title + "](/roles/" + rw.role.id + "/" + lv.id + "/)\n\n" + rw.cells[li] + "\n\n")
			}
		}
		w.write("content/dimensions/"+d.id+".md", newFrontMatter(d.title).list("principles", principleIDs(ps)).page(b.String()))
	}

	// Interview: a page per question, with its group's follow-ups, answer and notes.
	w.write("content/interview/_index.md", newFrontMatter("Interview questions").page(p.interviewIntro))
	weight := 0
	for _, g := range p.groups {
		details := g.details()
		for i, qu := range g.questions {
			weight++
			var b strings.Builder
			b.WriteString("From *" + g.title + "*.\n\n")
			if g.intro != "" {
				b.WriteString(g.intro + "\n\n")
			}
			b.WriteString(details)
			if len(g.questions) > 1 {
				b.WriteString("\n## Other questions of this group\n\n")
				for j, o := range g.questions {
					if j != i {
						b.WriteString("- [" + o.text + "](/interview/" + o.id + "/)\n")
					}
				}
			}
			w.write("content/interview/"+qu.id+".md", newFrontMatter(qu.text).line("weight", itoa(weight)).list("principles", principleIDs(g.principles)).page(b.String()))
		}
	}

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

// allPrinciples is the union of the principles the role's rows name.
func (r *role) allPrinciples() []*principle {
	var out []*principle
	for _, rw := range r.rows {
		for _, pr := range rw.principles {
			if !containsPrinciple(out, pr) {
				out = append(out, pr)
			}
		}
	}
	return out
}

func containsPrinciple(ps []*principle, p *principle) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
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

// flatten puts a cell on one line for a markdown table, whose cells cannot hold lists:
// list markers go, items are joined by semicolons.
func flatten(cell string) string {
	lines := strings.Split(cell, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, "- ")
		if j := strings.Index(l, ". "); j > 0 && j < 4 && strings.Trim(l[:j], "0123456789") == "" {
			l = l[j+2:]
		}
		lines[i] = l
	}
	return strings.ReplaceAll(strings.Join(lines, "; "), "|", "\\|")
}
