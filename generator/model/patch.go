package model

import (
	"reflect"
	"slices"
	"sync/atomic"

	"github.com/handbook-dev/handbook/generator/cores"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
)

// The dev server rebuilds on every save. Most saves change only content: the prose of a
// body, the text of a cell, an example answer. Such a change leaves every ID, title,
// reference, order and page of the site as it was, so instead of building the site
// again the dev server loads the changed files alone, checks with SameShape that they
// differ from their previous version only in content, copies them into the site with
// Patch and renders the pages asked for from the patched model.
//
// Content is: every markdown.Part except its title, anchor and whether it is empty;
// every position; a cell's text as written and its body, whole (whether a cell holds an
// expectation is its Blank, which is shape); a matrix's CSV bytes. Everything else is
// shape.

// SameShape reports whether two sites differ at most in content, as the source package
// makes them: the fields graph sets (tagged graph:"set") are not compared, so a site as
// linked compares with one fresh from the source package.
func SameShape(a, b *Site) bool {
	if len(a.Roles) != len(b.Roles) {
		return false
	}
	// The roles, most of a site's items (a rename saves hundreds of matrices), are
	// compared on every core, each with a comparison of its own: anything two roles
	// shared would be compared twice, never wrongly.
	ra, rb := *a, *b
	ra.Roles, rb.Roles = nil, nil
	if !newShapeComparison().same(reflect.ValueOf(&ra), reflect.ValueOf(&rb)) {
		return false
	}
	var differ atomic.Bool
	cores.Each(len(a.Roles), func(i int) {
		if !differ.Load() && !newShapeComparison().same(reflect.ValueOf(a.Roles[i]), reflect.ValueOf(b.Roles[i])) {
			differ.Store(true)
		}
	})
	return !differ.Load()
}

var (
	partType = reflect.TypeFor[markdown.Part]()
	posType  = reflect.TypeFor[diag.Pos]()
	// contentFields are the fields, besides parts and positions, that hold content.
	contentFields = map[reflect.Type][]string{
		reflect.TypeFor[Cell](): {"Text", "Body"},
		reflect.TypeFor[Role](): {"CSV"},
	}
)

// shapeComparison compares two sites' shapes. It keeps, by type, the indexes of the
// fields it compares, which a rename's thousands of items would otherwise look up again
// for each, and the pairs of items it has compared: items point back to their parents.
type shapeComparison struct {
	fields map[reflect.Type][]int
	seen   map[[2]uintptr]bool
}

func newShapeComparison() shapeComparison {
	return shapeComparison{fields: map[reflect.Type][]int{}, seen: map[[2]uintptr]bool{}}
}

func (c shapeComparison) same(a, b reflect.Value) bool {
	switch t := a.Type(); {
	case t == partType:
		pa, pb := partOf(a), partOf(b)
		return pa.Title == pb.Title && pa.ID == pb.ID && pa.Empty() == pb.Empty()
	case t == posType:
		return true
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		key := [2]uintptr{a.Pointer(), b.Pointer()}
		if c.seen[key] {
			return true
		}
		c.seen[key] = true
		return c.same(a.Elem(), b.Elem())
	case reflect.Struct:
		for _, i := range c.shapeFields(a.Type()) {
			if !c.same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !c.same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	// Strings and numbers, most of the leaves, are compared without boxing them as
	// Interface does.
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// partOf returns the part v holds, without copying it where it can.
func partOf(v reflect.Value) *markdown.Part {
	if v.CanAddr() { // reached through pointers, as parts of items are
		return v.Addr().Interface().(*markdown.Part)
	}
	p := v.Interface().(markdown.Part)
	return &p
}

// shapeFields returns the indexes of the fields of the struct type t that make its
// shape: neither set by graph nor content.
func (c shapeComparison) shapeFields(t reflect.Type) []int {
	fields, ok := c.fields[t]
	if !ok {
		skip := contentFields[t]
		for i := range t.NumField() {
			f := t.Field(i)
			if _, linked := f.Tag.Lookup("graph"); !linked && !slices.Contains(skip, f.Name) {
				fields = append(fields, i)
			}
		}
		c.fields[t] = fields
	}
	return fields
}

// Subset returns the part of s loaded from the files for which in is true, as the
// source package makes a site of those files and its _index.md alone: s's own fields,
// and the items of the files, in s's order, as s holds them (linked: compare it with
// SameShape, which leaves out what graph sets). The dev server compares the files a
// save changed, as they were, without loading them again.
func (s *Site) Subset(in func(path string) bool) *Site {
	out := *s // the site's own fields: a site loaded from any of its files reads _index.md
	section := func(sec *Section) *Section {
		if sec != nil && in(sec.Path) {
			return sec
		}
		return nil
	}
	out.PrinciplesIntro, out.InterviewIntro, out.Delivery = section(s.PrinciplesIntro), section(s.InterviewIntro), section(s.Delivery)
	out.Questions, out.Roles = nil, nil
	out.Principles = itemsIn(s.Principles, in)
	out.Personas = itemsIn(s.Personas, in)
	out.Phases = itemsIn(s.Phases, in)
	out.Pages = itemsIn(s.Pages, in)
	out.Groups = itemsIn(s.Groups, in)
	for _, g := range out.Groups {
		out.Questions = append(out.Questions, g.Questions...)
	}
	for _, r := range s.Roles {
		if in(r.Path) || in(r.CSVPath) {
			out.Roles = append(out.Roles, r)
		}
	}
	return &out
}

// Docs returns the document each markdown file of the site was parsed into, by path,
// as its items hold it (the body of a page, a principle, a question group ...): the dev
// server hands those of the files a save changed back to the loader, which reuses the
// ones whose body the save left as it was (see source.Options.Parsed).
func (s *Site) Docs() map[string]*markdown.Doc {
	docs := map[string]*markdown.Doc{}
	add := func(path string, body markdown.Part) {
		if doc := body.Doc(); doc != nil && path != "" {
			docs[path] = doc
		}
	}
	add(s.Path, s.Home)
	for _, sec := range []*Section{s.PrinciplesIntro, s.InterviewIntro, s.Delivery} {
		if sec != nil {
			add(sec.Path, sec.Body)
		}
	}
	for _, p := range s.Principles {
		add(p.Path, p.Body)
	}
	for _, r := range s.Roles {
		add(r.Path, r.Intro)
	}
	for _, g := range s.Groups {
		add(g.Path, g.Intro)
	}
	for _, ph := range s.Phases {
		add(ph.Path, ph.Body)
	}
	for _, pg := range s.Pages {
		add(pg.Path, pg.Body)
	}
	return docs
}

// itemsIn returns the items from the files for which in is true.
func itemsIn[T item](items []T, in func(string) bool) []T {
	var out []T
	for _, it := range items {
		if path, _ := it.key(); in(path) {
			out = append(out, it)
		}
	}
	return out
}

// Patch copies the content of the files paths from fresh, a site loaded from those files
// alone, into s, where the same files were loaded before. The caller has checked with
// SameShape that the files changed only in content, so every item of fresh has its
// counterpart in s; the fields graph sets (tagged graph:"set") and the links between
// items stay as they are.
func (s *Site) Patch(fresh *Site, paths []string) {
	saved := make(map[string]bool, len(paths))
	for _, p := range paths {
		saved[p] = true
	}
	in := func(path string) bool { return saved[path] }
	if in(fresh.Path) {
		s.Source, s.Home = fresh.Source, fresh.Home
	}
	for _, sec := range [][2]*Section{
		{s.PrinciplesIntro, fresh.PrinciplesIntro},
		{s.InterviewIntro, fresh.InterviewIntro},
		{s.Delivery, fresh.Delivery},
	} {
		if sec[0] != nil && sec[1] != nil && in(sec[1].Path) {
			*sec[0] = *sec[1]
		}
	}
	c := copier{}
	patchEach(s.Principles, fresh.Principles, in, keep[*Principle](c))
	patchEach(s.Personas, fresh.Personas, in, keep[*Persona](c))
	patchEach(s.Phases, fresh.Phases, in, keep[*Phase](c))
	patchEach(s.Pages, fresh.Pages, in, keep[*Page](c))
	patchEach(s.Groups, fresh.Groups, in, c.patchGroup)
	var roles map[string]*Role // by ID, made for the first saved role
	var pairs [][2]*Role       // each saved role, and its fresh counterpart
	for _, f := range fresh.Roles {
		if !in(f.Path) && !in(f.CSVPath) {
			continue
		}
		if roles == nil {
			roles = make(map[string]*Role, len(s.Roles))
			for _, r := range slices.Backward(s.Roles) { // the first of equal IDs wins, as a scan finds it
				roles[r.ID] = r
			}
		}
		if r, ok := roles[f.ID]; ok {
			pairs = append(pairs, [2]*Role{r, f})
		}
	}
	// A rename patches hundreds of matrices, each role on its own: on every core.
	cores.Each(len(pairs), func(i int) { copier{}.patchRole(pairs[i][0], pairs[i][1]) })
}

// item is an item that Patch matches by the file it comes from and its ID.
type item interface {
	key() (path, id string)
}

func (p *Principle) key() (string, string)     { return p.Path, p.ID }
func (p *Persona) key() (string, string)       { return p.Path, p.ID }
func (p *Phase) key() (string, string)         { return p.Path, p.ID }
func (p *Page) key() (string, string)          { return p.Path, p.URL }
func (g *QuestionGroup) key() (string, string) { return g.Path, g.ID }

// patchEach patches each item of fresh from a saved file into its counterpart among
// items. The items are indexed first: a rename saved with thousands of files patches
// thousands of groups, each of which a scan would look for among all of the site's.
func patchEach[T item](items, fresh []T, in func(string) bool, patch func(old, fresh T)) {
	var byKey map[[2]string]T
	for _, f := range fresh {
		path, id := f.key()
		if !in(path) {
			continue
		}
		if byKey == nil {
			byKey = make(map[[2]string]T, len(items))
			for _, it := range slices.Backward(items) { // the first of equal keys wins, as a scan finds it
				p, i := it.key()
				byKey[[2]string{p, i}] = it
			}
		}
		if it, ok := byKey[[2]string{path, id}]; ok {
			patch(it, f)
		}
	}
}

// copier copies fresh items into old ones but for the fields graph sets (tagged
// graph:"set"), which the old ones keep: they stay linked as they were. It keeps, by
// type, the indexes of the fields it copies, which a patch of thousands of items (a
// rename) would otherwise look up again for each.
type copier map[reflect.Type][]int

// keepLinks copies *fresh into *old, which must be pointers to structs of one type,
// but for the fields graph sets.
func (c copier) keepLinks(old, fresh any) {
	o, f := reflect.ValueOf(old).Elem(), reflect.ValueOf(fresh).Elem()
	fields, ok := c[o.Type()]
	if !ok {
		for i := range o.NumField() {
			if _, linked := o.Type().Field(i).Tag.Lookup("graph"); !linked {
				fields = append(fields, i)
			}
		}
		c[o.Type()] = fields
	}
	for _, i := range fields {
		o.Field(i).Set(f.Field(i))
	}
}

// keep is c.keepLinks for items of type T.
func keep[T any](c copier) func(old, fresh T) {
	return func(old, fresh T) { c.keepLinks(old, fresh) }
}

// patchGroup copies a group and its questions, keeping the questions' identity: other
// items point to them.
func (c copier) patchGroup(g, f *QuestionGroup) {
	questions := g.Questions
	c.keepLinks(g, f)
	g.Questions = questions
	for i, q := range questions {
		c.keepLinks(q, f.Questions[i])
		q.Group = g
	}
}

// patchRole copies a role, its levels, rows and cells, keeping their identity.
func (c copier) patchRole(r, f *Role) {
	levels, rows := r.Levels, r.Rows
	c.keepLinks(r, f)
	r.Levels, r.Rows = levels, rows
	for i, lv := range levels {
		cells := lv.Cells
		c.keepLinks(lv, f.Levels[i])
		lv.Role, lv.Cells = r, cells
	}
	for i, row := range rows {
		cells := row.Cells
		c.keepLinks(row, f.Rows[i])
		row.Role, row.Cells = r, cells
		for j, cell := range cells {
			c.keepLinks(cell, f.Rows[i].Cells[j])
			cell.Row, cell.Level = row, levels[j]
		}
	}
}
