package source

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/cores"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/frontmatter"
	"github.com/handbook-dev/handbook/generator/language"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/model"
)

// loader assembles parsed files into the site, in path order.
type loader struct {
	site   *model.Site
	opts   Options
	parser *markdown.Parser
	diags  diag.List
	roles  map[string]*roleFiles
	phases []*model.Phase
	failed map[string]bool // the paths of the sources that could not be read or parsed
}

// roleFiles pairs a role's _index.md with its levels.csv, which may come in either order.
type roleFiles struct {
	index  *file
	matrix *file
}

// kind names what a content path holds.
type kind int

const (
	kindPage kind = iota
	kindSite
	kindSectionIntro
	kindPrinciple
	kindRole
	kindMatrix
	kindGroup
	kindDelivery
	kindPhase
)

// classify tells what a path (relative to content/) holds by where it is.
func classify(rel string) (k kind, section, id string) {
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	id = strings.TrimSuffix(name, ".md")
	parts := strings.Split(dir, "/")
	switch {
	case rel == "_index.md":
		return kindSite, "", ""
	case len(parts) == 1 && (dir == "principles" || dir == "interview" || dir == "delivery"):
		if name == "_index.md" {
			if dir == "delivery" {
				return kindDelivery, dir, ""
			}
			return kindSectionIntro, dir, ""
		}
		return map[string]kind{"principles": kindPrinciple, "interview": kindGroup, "delivery": kindPhase}[dir], dir, id
	case len(parts) == 2 && parts[0] == "roles" && name == "_index.md":
		return kindRole, "roles", parts[1]
	case len(parts) == 2 && parts[0] == "roles" && name == "levels.csv":
		return kindMatrix, "roles", parts[1]
	}
	return kindPage, "", ""
}

func (l *loader) add(f *file) {
	k, section, id := classify(f.rel)
	if f.meta != nil {
		switch t := f.meta.String("type"); t.Text {
		case "":
		case "page":
			k = kindPage
		default:
			l.diags.Errorf(t.Pos, "type %q is not known; the only type a file may set is \"page\"", t.Text)
		}
	}
	if k != kindPage && k != kindSite && k != kindSectionIntro && k != kindDelivery && !model.ValidID(id) {
		l.diags.Errorf(diag.Pos{File: f.path}, "the file's name is its ID: %s; rename the file", model.IDProblem(id))
		return
	}
	switch k {
	case kindSite:
		l.addSite(f)
	case kindSectionIntro:
		l.addSectionIntro(f, section)
	case kindPrinciple:
		l.addPrinciple(f, id)
	case kindRole:
		l.role(id).index = f
	case kindMatrix:
		l.role(id).matrix = f
	case kindGroup:
		l.addGroup(f, id)
	case kindDelivery:
		l.addDelivery(f)
	case kindPhase:
		l.addPhase(f, id)
	default:
		l.addPage(f)
	}
}

func (l *loader) role(id string) *roleFiles {
	if l.roles == nil {
		l.roles = map[string]*roleFiles{}
	}
	if l.roles[id] == nil {
		l.roles[id] = &roleFiles{}
	}
	return l.roles[id]
}

// source returns the model.Source of a whole file, with the former URL paths its front
// matter lists under aliases.
func source(f *file) model.Source {
	return model.Source{Path: f.path, Pos: diag.Pos{File: f.path, Line: 1, Col: 1}, Aliases: refs(f.meta.Strings("aliases"))}
}

// title reads the required title.
func (l *loader) title(f *file) string {
	t := f.meta.String("title")
	if strings.TrimSpace(t.Text) == "" {
		l.diags.Errorf(diag.Pos{File: f.path, Line: 1, Col: 1}, "missing title: add \"title: ...\" to the front matter")
	}
	return strings.TrimSpace(t.Text)
}

// included reads draft and reports whether the item is part of this build.
func (l *loader) included(f *file) (draft, ok bool) {
	draft = f.meta.Bool("draft", false)
	return draft, !draft || l.opts.Drafts
}

func refs(values []frontmatter.Value) []model.Ref {
	out := make([]model.Ref, len(values))
	for i, v := range values {
		out[i] = model.Ref{Text: strings.TrimSpace(v.Text), Pos: v.Pos}
		if i > 0 {
			out[i].Sep = ","
		}
	}
	return out
}

func (l *loader) addSite(f *file) {
	s := l.site
	s.Source = source(f)
	s.Title = l.title(f)
	s.Description = f.meta.String("description").Text
	if e := f.meta.String("edit_url"); e.Text != "" {
		if u, err := url.Parse(e.Text); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			l.diags.Errorf(e.Pos, "edit_url must be an http or https address, such as https://example.com/repo/edit/main/content/")
		} else {
			s.EditURL = e.Text
		}
	}
	theme := f.meta.String("theme")
	s.Theme, s.ThemePos = theme.Text, theme.Pos
	s.Language = language.Default
	if v := f.meta.String("language"); v.Pos.Line > 0 {
		if tag, msg := language.Parse(strings.TrimSpace(v.Text)); msg != "" {
			l.diags.Errorf(v.Pos, "language %q %s; write a BCP 47 tag such as en, de, de-CH, ja or zh-Hant", v.Text, msg)
		} else {
			s.Language = string(tag)
		}
	}
	s.NoIndex = f.meta.Bool("noindex", true)
	if r := f.meta.String("releases"); r.Text != "" {
		if _, err := path.Match(r.Text, ""); err != nil || strings.ContainsAny(r.Text, " \t\n") {
			l.diags.Errorf(r.Pos, "releases must be a pattern of tag names such as \"v*\"")
		} else {
			s.Releases = r.Text
		}
	}
	s.Home = f.doc.Whole()
	f.meta.Done("the site's front matter")
}

func (l *loader) addSectionIntro(f *file, section string) {
	sec := &model.Section{Source: source(f), Title: l.title(f), Body: f.doc.Whole()}
	f.meta.String("description")
	f.meta.Done("a section introduction")
	switch section {
	case "principles":
		l.site.PrinciplesIntro = sec
	case "interview":
		l.site.InterviewIntro = sec
	}
}

func (l *loader) addPrinciple(f *file, id string) {
	p := &model.Principle{Source: source(f), ID: id, Title: l.title(f), Order: f.meta.Int("order"), Body: f.doc.Whole()}
	var ok bool
	p.Draft, ok = l.included(f)
	f.meta.Done("a principle")
	if ok {
		l.site.Principles = append(l.site.Principles, p)
	}
}

func (l *loader) addPage(f *file) {
	at := "/" + strings.TrimSuffix(strings.TrimSuffix(f.rel, ".md"), "_index")
	at = strings.TrimSuffix(at, "/") + "/"
	if strings.HasPrefix(strings.ToLower(at), model.ChangesFolder) { // in any case, as hosts that ignore case would serve both at one address
		l.diags.Errorf(diag.Pos{File: f.path}, "this page's address %s is in %s, where the build publishes what changed (the changelog, a page per release, the feed) from git history; rename the file", at, model.ChangesFolder)
		return
	}
	pg := &model.Page{Source: source(f), URL: model.PathURL(at), Title: l.title(f), Description: f.meta.String("description").Text, Body: f.doc.Whole()}
	var ok bool
	pg.Draft, ok = l.included(f)
	// Any other key is the page's own: themes see it through Params, read as the typed
	// fields are.
	pg.Params = f.meta.Params()
	if ok {
		l.site.Pages = append(l.site.Pages, pg)
	}
}

func (l *loader) addDelivery(f *file) {
	l.site.Delivery = &model.Section{Source: source(f), Title: l.title(f), Body: f.doc.Whole()}
	for _, m := range f.meta.Maps("personas") {
		p := &model.Persona{
			Source:      model.Source{Path: f.path, Pos: m.Pos()},
			ID:          m.String("id").Text,
			Title:       m.String("title").Text,
			Roles:       texts(m.Strings("roles")),
			Description: m.String("description").Text,
		}
		if r := m.String("role"); r.Text != "" {
			p.RoleRef = model.Ref{Text: r.Text, Pos: r.Pos}
		}
		if p.ID == "" {
			l.diags.Errorf(m.Pos(), "persona %q needs an id, such as %q", p.Title, model.Slug(p.Title))
		} else if problem := model.IDProblem(p.ID); problem != "" {
			l.diags.Errorf(m.String("id").Pos, "persona %q: %s", p.Title, problem)
		}
		if p.Title == "" {
			l.diags.Errorf(m.Pos(), "persona %q needs a title", p.ID)
		}
		m.Done("a persona")
		l.site.Personas = append(l.site.Personas, p)
	}
	f.meta.String("description")
	f.meta.Done("the delivery framework's front matter")
}

func texts(values []frontmatter.Value) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.Text
	}
	return out
}

func (l *loader) addPhase(f *file, id string) {
	p := &model.Phase{
		Source:        source(f),
		ID:            id,
		Title:         l.title(f),
		Order:         f.meta.Int("order"),
		PersonaRefs:   refs(f.meta.Strings("personas")),
		PrincipleRefs: refs(f.meta.Strings("principles")),
		Body:          f.doc.Whole(),
	}
	for _, m := range f.meta.Maps("mechanisms") {
		mech := model.Mechanism{Name: m.String("name").Text, Short: m.String("short").Text, When: m.String("when").Text, Pos: m.Pos()}
		if mech.Name == "" {
			l.diags.Errorf(m.Pos(), "a mechanism needs a name")
		}
		m.Done("a mechanism")
		p.Mechanisms = append(p.Mechanisms, mech)
	}
	var ok bool
	p.Draft, ok = l.included(f)
	f.meta.Done("a phase")
	if ok {
		l.site.Phases = append(l.site.Phases, p)
	}
}

// finish assembles what needs every file: roles (index plus matrix) and the orders.
func (l *loader) finish() {
	s := l.site
	if s.Title == "" && s.Path == "" && !l.failed[ContentDir+"/_index.md"] {
		l.diags.Errorf(diag.Pos{File: ContentDir + "/_index.md"}, "missing: the site needs content/_index.md with a title")
	}
	// Roles are built in parallel (parsing every cell of a large handbook's matrices
	// takes a while), each reporting its problems apart, merged in role order.
	ids := sortedKeys(l.roles)
	roles, diags := make([]*model.Role, len(ids)), make([]diag.List, len(ids))
	cores.Each(len(ids), func(i int) {
		one := &loader{site: s, opts: l.opts, parser: l.parser, failed: l.failed}
		roles[i] = one.buildRole(ids[i], l.roles[ids[i]])
		diags[i] = one.diags
	})
	for i, r := range roles {
		l.diags.Append(diags[i])
		if r != nil {
			s.Roles = append(s.Roles, r)
		}
	}
	ordered(s.Principles, func(p *model.Principle) int { return p.Order }, func(p *model.Principle) string { return p.Title })
	ordered(s.Roles, func(r *model.Role) int { return r.Order }, func(r *model.Role) string { return r.Title })
	ordered(s.Groups, func(g *model.QuestionGroup) int { return g.Order }, func(g *model.QuestionGroup) string { return g.Title })
	ordered(s.Phases, func(p *model.Phase) int { return p.Order }, func(p *model.Phase) string { return p.Title })
	for _, g := range s.Groups {
		s.Questions = append(s.Questions, g.Questions...)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
