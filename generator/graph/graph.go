// Package graph resolves the references of a loaded handbook and links its items both
// ways: principles to questions and rows, questions to the rows they probe, rows to
// their progression across levels and roles, phases to personas and role families. It
// runs once per build, after the source package and before rendering, and fills the model
// fields tagged `graph:"set"`. Unknown references are errors at the place they were
// written; orphans (items nothing links to, or that link to nothing) are warnings.
package graph

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

// Build resolves every reference in site and links its items. It may be called again on
// a site whose sources changed; every derived field is recomputed.
func Build(site *model.Site) diag.List {
	g := &builder{site: site}
	g.reset()
	g.principles = newIndex("principle", len(site.Principles))
	for _, p := range site.Principles {
		g.principles.add(p.ID, p.Title, p, p.Pos, &g.diags)
	}
	g.roles = newIndex("role", len(site.Roles))
	for _, r := range site.Roles {
		g.roles.add(r.ID, r.Title, r, r.Pos, &g.diags)
	}
	g.personas = newIndex("persona", len(site.Personas))
	for _, p := range site.Personas {
		g.personas.add(p.ID, p.Title, p, p.Pos, &g.diags)
	}
	g.linkRows()
	g.linkGroups()
	g.linkDimensions()
	g.linkQuestionsAndRows()
	g.orderInterview()
	g.linkDelivery()
	g.checkQuestionIDs()
	g.checkOrphans()
	return g.diags
}

type builder struct {
	site                        *model.Site
	principles, roles, personas *index
	diags                       diag.List
}

// reset clears every derived field, so that Build can run again on a changed site.
func (g *builder) reset() {
	s := g.site
	s.Dimensions, s.Interview = nil, nil
	for _, p := range s.Principles {
		p.MainQuestions, p.AlsoQuestions, p.Rows, p.Phases = nil, nil, nil, nil
	}
	for _, r := range s.Roles {
		r.Personas = nil
		for _, row := range r.Rows {
			row.Principles, row.Dimension = nil, nil
		}
	}
	for _, grp := range s.Groups {
		grp.Principles, grp.Rows, grp.MoreRows, grp.Page = nil, nil, false, 0
		for _, q := range grp.Questions {
			q.Rows = nil
		}
	}
	for _, p := range s.Personas {
		p.Role, p.Phases = nil, nil
	}
	for _, p := range s.Phases {
		p.Personas, p.Principles = nil, nil
	}
}

// index finds items of one kind by ID or by title, in any case.
type index struct {
	kind        string
	byKey       map[string]any
	ids, titles []string          // for suggestions
	parts       map[string]string // a part of a title holding ";" or "," -> the title
	seps        int               // how many ";" and "," the titles hold: none, nothing to join
}

func newIndex(kind string, n int) *index {
	return &index{kind: kind, byKey: make(map[string]any, 2*n), parts: map[string]string{}}
}

// keyOf is what an ID or title is found by: in lower case, spaces collapsed, and none
// around the separators of lists ("Have Backbone ;Disagree" is "have backbone;disagree").
func keyOf(s string) string {
	s = strings.ToLower(s)
	if !spaced(s) {
		return s // the common case, without allocating
	}
	return keySpaces.Replace(strings.Join(strings.Fields(s), " "))
}

// spaced reports whether s may have spaces keyOf removes: at its ends, doubled, around
// a separator, or other than a plain space.
func spaced(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c >= utf8.RuneSelf || c != ' ' && c <= ' ':
			return true
		case c == ' ' && (i == 0 || next == 0 || next == ' ' || next == ';' || next == ','):
			return true
		case (c == ';' || c == ',') && next == ' ':
			return true
		}
	}
	return false
}

var keySpaces = strings.NewReplacer(" ;", ";", "; ", ";", " ,", ",", ", ", ",")

func (x *index) add(id, title string, item any, pos diag.Pos, diags *diag.List) {
	for i, key := range []string{id, title} {
		k := keyOf(key)
		if k == "" {
			continue
		}
		if prev, dup := x.byKey[k]; dup && prev != item {
			diags.Errorf(pos, "%s %q has the same ID or title as another %s; IDs and titles must be unique", x.kind, key, x.kind)
			continue
		}
		x.byKey[k] = item
		if i == 0 {
			x.ids = append(x.ids, key)
			continue
		}
		x.titles = append(x.titles, key)
		x.seps += strings.Count(key, ";") + strings.Count(key, ",")
		if parts := strings.FieldsFunc(key, func(r rune) bool { return r == ';' || r == ',' }); len(parts) > 1 {
			for _, part := range parts {
				x.parts[strings.TrimSpace(part)] = key
			}
		}
	}
}

// find returns the item text names, if any.
func (x *index) find(text string) (any, bool) {
	item, ok := x.byKey[keyOf(text)]
	return item, ok
}

// resolve finds the item ref names, or records an error with a suggestion.
func (x *index) resolve(ref model.Ref, diags *diag.List) (any, bool) {
	if item, ok := x.find(ref.Text); ok {
		return item, true
	}
	msg := "unknown " + x.kind + " " + diag.Quote(ref.Text)
	// Suggest in the form the author used: an ID for an ID, a title for a title.
	forms := [][]string{x.titles, x.ids}
	if model.ValidID(ref.Text) {
		forms[0], forms[1] = forms[1], forms[0]
	}
	s := diag.Suggest(ref.Text, slices.Concat(forms...))
	for _, names := range forms { // a part of a title, or its words in another order
		if s == "" {
			s = diag.SuggestWords(ref.Text, names)
		}
	}
	if s == "" { // a misspelt part of a title that holds a list's separator
		s = x.parts[diag.Suggest(ref.Text, keys(x.parts))]
	}
	if s != "" {
		msg += "; did you mean " + diag.Quote(s) + "?"
	}
	diags.Errorf(ref.Pos, "%s", msg)
	return nil, false
}

// resolveList resolves a list of references, where a title holding the list's
// separator was split in parts: "Have Backbone; Disagree and Commit" in a matrix cell,
// or [Are Right, A Lot] in front matter. Parts that together make a known title are
// that title, the longest first. In a matrix cell nothing else can be written, so this
// is silent; in front matter the title can be quoted, which the warning says.
func (x *index) resolveList(refs []model.Ref, diags *diag.List) []resolved {
	var out []resolved
	for i := 0; i < len(refs); {
		item, n := x.joined(refs, i)
		if n > 1 && refs[i+1].Sep == "," {
			title := joinRefs(refs[i : i+n])
			diags.Warnf(refs[i].Pos, "%s %q holds a comma, which splits it in two in a YAML list; put it in quotes: [%q]", x.kind, title, title)
		}
		if n == 0 {
			n = 1
			var ok bool
			if item, ok = x.resolve(refs[i], diags); !ok {
				i++
				continue
			}
		}
		out = append(out, resolved{item: item, ref: refs[i]})
		i += n
	}
	return out
}

// resolved is an item a list names, and where.
type resolved struct {
	item any
	ref  model.Ref
}

// joined finds the longest run of references from refs[i] on that together name an
// item, and returns it with the run's length, or 0. Parts joined by commas (YAML list
// items) make a title only when one of them names nothing by itself: YAML's reading of
// the list wins when it makes sense.
func (x *index) joined(refs []model.Ref, i int) (any, int) {
	if x.seps == 0 {
		return nil, 0
	}
	end := i + 1
	for end < len(refs) && refs[end].Sep != "" && refs[end].Sep == refs[i+1].Sep {
		end++
	}
	for j := end; j > i+1; j-- {
		item, ok := x.find(joinRefs(refs[i:j]))
		if !ok {
			continue
		}
		if refs[i+1].Sep == "," && !slices.ContainsFunc(refs[i:j], func(r model.Ref) bool { _, ok := x.find(r.Text); return !ok }) {
			continue
		}
		return item, j - i
	}
	return nil, 0
}

// joinRefs writes references back together with their separators.
func joinRefs(refs []model.Ref) string {
	var b strings.Builder
	for i, r := range refs {
		if i > 0 {
			b.WriteString(r.Sep + " ")
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

// principlesOf resolves a list of principle references, dropping repeats.
func (g *builder) principlesOf(refs []model.Ref) []*model.Principle {
	var out []*model.Principle
	for _, r := range g.principles.resolveList(refs, &g.diags) {
		p := r.item.(*model.Principle)
		if slices.Contains(out, p) {
			g.diags.Warnf(r.ref.Pos, "principle %q is named twice", p.Title)
			continue
		}
		out = append(out, p)
	}
	return out
}

func (g *builder) linkRows() {
	for _, r := range g.site.Roles {
		for _, row := range r.Rows {
			row.Principles = g.principlesOf(row.PrincipleRefs)
			for _, p := range row.Principles {
				p.Rows = append(p.Rows, row)
			}
		}
	}
}

func (g *builder) linkGroups() {
	for _, grp := range g.site.Groups {
		grp.Principles = g.principlesOf(grp.PrincipleRefs)
		for i, p := range grp.Principles {
			if i == 0 {
				p.MainQuestions = append(p.MainQuestions, grp.Questions...)
			} else {
				p.AlsoQuestions = append(p.AlsoQuestions, grp.Questions...)
			}
		}
	}
}

// linkDimensions groups rows that share an ID across roles.
func (g *builder) linkDimensions() {
	byID := map[string]*model.Dimension{}
	for _, r := range g.site.Roles {
		for _, row := range r.Rows {
			d := byID[row.ID]
			if d == nil {
				d = &model.Dimension{ID: row.ID, Title: row.Title}
				byID[row.ID] = d
				g.site.Dimensions = append(g.site.Dimensions, d)
			}
			d.Rows = append(d.Rows, row)
			row.Dimension = d
			for _, p := range row.Principles {
				if !slices.Contains(d.Principles, p) {
					d.Principles = append(d.Principles, p)
				}
			}
		}
	}
}

// linkQuestionsAndRows gives each group the rows its questions' pages show and each
// dimension the questions its page shows: the first model.Shown of each list, and
// whether there are more. The lists are made no longer than that: a handbook has a few
// dozen principles and thousands of rows and questions, and a whole list for every row
// and group would grow with their product.
func (g *builder) linkQuestionsAndRows() {
	for _, grp := range g.site.Groups {
		grp.Rows, grp.MoreRows = firstRows(grp.Principles)
		for _, q := range grp.Questions {
			q.Rows = grp.Rows // the group's principles are its questions'
		}
	}
	place := make(map[*model.Question]int, len(g.site.Questions))
	for i, q := range g.site.Questions {
		place[q] = i
	}
	// Dimensions naming the same principles show the same questions: each set's list
	// is made once and shared.
	type shown struct {
		questions []*model.Question
		more      bool
	}
	lists := map[string]shown{}
	for _, d := range g.site.Dimensions {
		key := setKey(d.Principles)
		l, ok := lists[key]
		if !ok {
			l.questions, l.more = firstQuestions(d.Principles, place)
			lists[key] = l
		}
		d.Questions, d.MoreQuestions = l.questions, l.more
	}
}

// setKey names a set of principles, whatever their order.
func setKey(ps []*model.Principle) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	slices.Sort(ids)
	return strings.Join(ids, "\x00")
}

// firstRows returns at most model.Shown of the rows naming one of ps, those of ps[0]
// first, each principle's in role order, and whether there are more.
func firstRows(ps []*model.Principle) ([]*model.Row, bool) {
	var out []*model.Row
	for _, p := range ps {
		for _, row := range p.Rows {
			if slices.Contains(out, row) {
				continue
			}
			if len(out) == model.Shown {
				return out, true
			}
			out = append(out, row)
		}
	}
	return out, false
}

// firstQuestions returns at most model.Shown of the questions probing one of ps,
// those whose main principle is among ps first, then those that also probe one, each
// part in site order (place), and whether there are more. Each principle's lists are
// in site order already, so they are merged, not sorted.
func firstQuestions(ps []*model.Principle, place map[*model.Question]int) ([]*model.Question, bool) {
	var out []*model.Question
	main := make([][]*model.Question, len(ps))
	also := make([][]*model.Question, len(ps))
	for i, p := range ps {
		main[i], also[i] = p.MainQuestions, p.AlsoQuestions
	}
	seen := map[*model.Question]bool{} // a question may also probe two of ps
	for pass, lists := range [][][]*model.Question{main, also} {
		for q := range merged(lists, place) {
			// A question also probing one of ps whose main principle is another of
			// them came in the first pass.
			if seen[q] || pass == 1 && slices.Contains(ps, q.Group.Main()) {
				continue
			}
			seen[q] = true
			if len(out) == model.Shown {
				return out, true
			}
			out = append(out, q)
		}
	}
	return out, false
}

// merged yields the questions of lists, each in site order (place), in site order.
func merged(lists [][]*model.Question, place map[*model.Question]int) iter.Seq[*model.Question] {
	return func(yield func(*model.Question) bool) {
		lists = slices.Clone(lists)
		for {
			first := -1
			for i, l := range lists {
				if len(l) > 0 && (first < 0 || place[l[0]] < place[lists[first][0]]) {
					first = i
				}
			}
			if first < 0 {
				return
			}
			q := lists[first][0]
			lists[first] = lists[first][1:]
			if !yield(q) {
				return
			}
		}
	}
}

// orderInterview lists the groups in the interview page's order, by main principle in
// the principles' order, then those with none, and gives each the number of the
// interview page that lists it, so that every link to a group leads to its page.
func (g *builder) orderInterview() {
	s := g.site
	byMain := map[*model.Principle][]*model.QuestionGroup{}
	var none []*model.QuestionGroup
	for _, grp := range s.Groups {
		if m := grp.Main(); m != nil {
			byMain[m] = append(byMain[m], grp)
		} else {
			none = append(none, grp)
		}
	}
	for _, p := range s.Principles {
		s.Interview = append(s.Interview, byMain[p]...)
	}
	s.Interview = append(s.Interview, none...)
	for i, grp := range s.Interview {
		grp.Page = i/model.GroupsPerPage + 1
	}
}

func (g *builder) linkDelivery() {
	for _, p := range g.site.Personas {
		if p.RoleRef.Text == "" {
			continue
		}
		if item, ok := g.roles.resolve(p.RoleRef, &g.diags); ok {
			p.Role = item.(*model.Role)
			p.Role.Personas = append(p.Role.Personas, p)
		}
	}
	for _, ph := range g.site.Phases {
		for _, ref := range ph.PersonaRefs {
			if item, ok := g.personas.resolve(ref, &g.diags); ok {
				p := item.(*model.Persona)
				ph.Personas = append(ph.Personas, p)
				p.Phases = append(p.Phases, ph)
			}
		}
		ph.Principles = g.principlesOf(ph.PrincipleRefs)
		for _, p := range ph.Principles {
			p.Phases = append(p.Phases, ph)
		}
	}
}

// checkQuestionIDs reports two questions whose text slugs to the same ID, since their
// pages would collide, and keeps only the first in the site's list of questions.
func (g *builder) checkQuestionIDs() {
	seen := map[string]*model.Question{}
	kept := g.site.Questions[:0]
	for _, q := range g.site.Questions {
		if prev := seen[q.ID]; prev != nil {
			g.diags.Errorf(q.Pos, "question %q has the same ID %q as the question at %s; reword one", q.Text, q.ID, prev.Pos)
			continue
		}
		seen[q.ID] = q
		kept = append(kept, q)
	}
	g.site.Questions = kept
}

func (g *builder) checkOrphans() {
	for _, p := range g.site.Principles {
		if len(p.Rows) == 0 && len(p.MainQuestions) == 0 && len(p.AlsoQuestions) == 0 && len(p.Phases) == 0 {
			g.diags.Warnf(p.Pos, "principle %q is an orphan: no matrix row, interview question or delivery phase names it; name it in a levels.csv Principles cell or in the principles: of a question group or phase", p.Title)
		}
	}
	for _, r := range g.site.Roles {
		for _, row := range r.Rows {
			if len(row.PrincipleRefs) == 0 {
				g.diags.Warnf(row.Pos, "row %q names no principle: add it to the Principles column", row.Title)
			}
		}
	}
	for _, grp := range g.site.Groups {
		if len(grp.PrincipleRefs) == 0 {
			g.diags.Warnf(grp.Pos, "the questions of %q probe no principle: add \"principles: [...]\", the main one first", grp.Title)
		}
	}
}

// CanRetitle reports whether principle p of a linked site can take title in place of
// its own without the site being linked again: no reference names p by its title
// (rather than its ID) or names title, neither title holds a list's separator (which
// references may have been joined at), and no other principle has title as its ID or
// title. References in the files saved with the new title (saved) are left out: the
// caller checks each of those that changed with Names.
func CanRetitle(site *model.Site, p *model.Principle, title string, saved func(file string) bool) bool {
	old, key, id := keyOf(p.Title), keyOf(title), keyOf(p.ID)
	if key == "" || strings.ContainsAny(p.Title+title, ";,") {
		return false
	}
	for _, o := range site.Principles {
		if o != p && (keyOf(o.ID) == key || keyOf(o.Title) == key) {
			return false
		}
	}
	// The references of a large handbook are tens of thousands, with few texts: each
	// text's key is computed once.
	keys := map[string]string{}
	named := func(refs []model.Ref) bool {
		return slices.ContainsFunc(refs, func(r model.Ref) bool {
			k, ok := keys[r.Text]
			if !ok {
				k = keyOf(r.Text)
				keys[r.Text] = k
			}
			return k != id && (k == old || k == key) && !saved(r.Pos.File) // its ID names it whatever its title
		})
	}
	for _, r := range site.Roles {
		if slices.ContainsFunc(r.Rows, func(row *model.Row) bool { return named(row.PrincipleRefs) }) {
			return false
		}
	}
	return !slices.ContainsFunc(site.Groups, func(g *model.QuestionGroup) bool { return named(g.PrincipleRefs) }) &&
		!slices.ContainsFunc(site.Phases, func(ph *model.Phase) bool { return named(ph.PrincipleRefs) })
}

// Names returns the principle of site that a reference's text names by itself, by
// its ID or its title, with the principles of titles named by their new titles there
// instead of their own; nil if none.
func Names(site *model.Site, text string, titles map[*model.Principle]string) *model.Principle {
	k := keyOf(text)
	for _, p := range site.Principles {
		title, ok := titles[p]
		if !ok {
			title = p.Title
		}
		if keyOf(p.ID) == k || keyOf(title) == k {
			return p
		}
	}
	return nil
}

// keys returns the keys of m, sorted, so that suggestions do not vary between runs.
func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
