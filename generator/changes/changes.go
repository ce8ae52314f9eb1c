// Package changes compares two versions of the handbook's model and says what changed
// for its readers: the expectations added, removed or reworded in each role's matrix,
// at each level and row, with a word-level difference of the text; the roles, levels
// and rows added, removed or renamed; and the principles, questions and phases that
// changed. An item whose ID changed but whose text did not is a rename, not a removal
// and an addition. The package knows nothing of git: the history package finds the
// versions, this one compares them.
package changes

import (
	"slices"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/model"
)

// Release is one version of the handbook and what changed since the one before.
type Release struct {
	Name     string // the tag, or the month ("2026-03") where there are no tags
	Slug     string // the name as a URL path segment
	Commit   string
	Date     time.Time // the tag's date (for a month, its last commit's)
	Previous string    // the previous release's name; "" for the first
	Changes  Set
}

// URL is the release's page.
func (r *Release) URL() string { return "/changes/" + r.Slug + "/" }

// Log is the handbook's releases, newest first.
type Log struct {
	Releases []Release
	ByMonth  bool // there are no tags: releases are months
	// Updated is when each content file was last changed: the date of the last commit
	// that changed it, by its path in the site folder ("content/principles/ownership.md").
	Updated map[string]time.Time
}

// UpdatedAt returns when the content file at path was last changed, or nil when the
// history does not know it.
func (l *Log) UpdatedAt(path string) *time.Time {
	if l == nil {
		return nil
	}
	t, ok := l.Updated[path]
	if !ok {
		return nil
	}
	return &t
}

// Latest returns the newest release, or nil.
func (l *Log) Latest() *Release {
	if l == nil || len(l.Releases) == 0 {
		return nil
	}
	return &l.Releases[0]
}

// Kind is what happened to an item.
type Kind string

// The kinds of change.
const (
	KindAdded    Kind = "added"
	KindRemoved  Kind = "removed"
	KindReworded Kind = "reworded"
	KindRenamed  Kind = "renamed"
)

// Item is what kind of thing changed.
type Item string

// The kinds of item.
const (
	ItemRole      Item = "role"
	ItemLevel     Item = "level"
	ItemRow       Item = "row"
	ItemPrinciple Item = "principle"
	ItemQuestion  Item = "question"
	ItemPhase     Item = "phase"
)

// Set is every change between two versions.
type Set struct {
	Roles      []RoleChange // each role that changed, in the new version's order (removed ones last)
	Principles []Change
	Questions  []Change
	Phases     []Change
}

// Empty reports whether nothing changed.
func (s Set) Empty() bool {
	return len(s.Roles) == 0 && len(s.Principles) == 0 && len(s.Questions) == 0 && len(s.Phases) == 0
}

// Count is the number of changes in the set, counting each expectation.
func (s Set) Count() int {
	n := len(s.Principles) + len(s.Questions) + len(s.Phases)
	for _, r := range s.Roles {
		n += len(r.Items) + len(r.Cells)
	}
	return n
}

// RoleChange is what changed in one role: the role itself, its levels and rows (Items)
// and its expectations (Cells).
type RoleChange struct {
	ID    string // the role's ID in the new version (the old one if it was removed)
	Title string
	URL   string // its matrix page in the new version; "" if it was removed
	Items []Change
	Cells []CellChange
}

// Change is one item added, removed, reworded or renamed.
type Change struct {
	Kind     Kind
	Item     Item
	ID       string // in the new version (the old one if removed)
	Title    string // in the new version (the old one if removed)
	OldID    string // for a rename
	OldTitle string // for a rename
	URL      string // its page in the new version; "" if removed or it has none
	Diff     []Segment
}

// CellChange is one expectation added, removed or reworded: a cell of a role's matrix.
type CellChange struct {
	Kind   Kind
	Row    string // the row's ID and title in the new version (the old one if removed)
	RowT   string
	Level  string // the level's ID and title in the new version (the old one if removed)
	LevelT string
	Anchor string // the cell's anchor on its matrix page, "" if removed
	URL    string // the cell's place in the new version, "" if removed
	Old    string
	New    string
	Diff   []Segment
}

// Compare returns what changed from old to new. Either may be nil, for a handbook
// with nothing in it.
func Compare(old, new *model.Site) Set {
	if old == nil {
		old = &model.Site{}
	}
	if new == nil {
		new = &model.Site{}
	}
	return Set{
		Roles:      compareRoles(old.Roles, new.Roles),
		Principles: comparePrinciples(old.Principles, new.Principles),
		Questions:  compareQuestions(old.Questions, new.Questions),
		Phases:     comparePhases(old.Phases, new.Phases),
	}
}

// text is an item's text for comparing versions: white space does not count.
func text(s string) string { return strings.Join(strings.Fields(s), " ") }

// pairing matches the items of two versions: by ID, then an unmatched old item with an
// unmatched new one whose text is the same (a rename).
type pairing[T any] struct {
	pairs   [][2]T // old, new: matched, in new's order
	renamed map[int]bool
	added   []T
	removed []T
}

func pair[T comparable](old, new []T, id func(T) string, same func(a, b T) bool) pairing[T] {
	var zero T
	p := pairing[T]{renamed: map[int]bool{}}
	byID := map[string]T{}
	for _, o := range old {
		byID[id(o)] = o
	}
	used := map[T]bool{}
	var loose []int // indexes into p.pairs of new items without an old one yet
	for _, n := range new {
		o, ok := byID[id(n)]
		if !ok {
			loose = append(loose, len(p.pairs))
			o = zero
		} else {
			used[o] = true
		}
		p.pairs = append(p.pairs, [2]T{o, n})
	}
	for _, i := range loose {
		n := p.pairs[i][1]
		for _, o := range old {
			if !used[o] && same(o, n) {
				used[o] = true
				p.pairs[i][0] = o
				p.renamed[i] = true
				break
			}
		}
	}
	kept := p.pairs[:0]
	renamed := map[int]bool{}
	for i, pr := range p.pairs {
		if pr[0] == zero {
			p.added = append(p.added, pr[1])
			continue
		}
		if p.renamed[i] {
			renamed[len(kept)] = true
		}
		kept = append(kept, pr)
	}
	p.pairs, p.renamed = kept, renamed
	for _, o := range old {
		if !used[o] {
			p.removed = append(p.removed, o)
		}
	}
	return p
}

func comparePrinciples(old, new []*model.Principle) []Change {
	return compareProse(old, new, ItemPrinciple, func(p *model.Principle) prose {
		return prose{p.ID, p.Title, p.Body.Text(), p.URL()}
	})
}

// compareQuestions matches questions by ID (the slug of their text), then a question
// left over in a group with the one at the same place of the same group: its text was
// reworded.
func compareQuestions(old, new []*model.Question) []Change {
	id := func(q *model.Question) string { return q.ID }
	same := func(a, b *model.Question) bool { return a.Group.ID == b.Group.ID && a.Index == b.Index }
	p := pair(old, new, id, same)
	var out []Change
	for _, pr := range p.pairs {
		o, n := pr[0], pr[1]
		if text(o.Text) != text(n.Text) {
			out = append(out, Change{Kind: KindReworded, Item: ItemQuestion, ID: n.ID, Title: n.Text, OldID: o.ID, OldTitle: o.Text, URL: n.URL(), Diff: Words(o.Text, n.Text)})
		}
	}
	for _, n := range p.added {
		out = append(out, Change{Kind: KindAdded, Item: ItemQuestion, ID: n.ID, Title: n.Text, URL: n.URL()})
	}
	for _, o := range p.removed {
		out = append(out, Change{Kind: KindRemoved, Item: ItemQuestion, ID: o.ID, Title: o.Text})
	}
	return out
}

func comparePhases(old, new []*model.Phase) []Change {
	return compareProse(old, new, ItemPhase, func(p *model.Phase) prose {
		return prose{p.ID, p.Title, p.Body.Text(), p.URL()}
	})
}

// prose is what a principle or a phase is to a reader: an ID, a title and a text.
type prose struct{ id, title, body, url string }

// compareProse matches items by ID, then an item left over with one whose text is the
// same (it was renamed), and reports renamed, reworded, added and removed items.
func compareProse[T comparable](old, new []T, item Item, of func(T) prose) []Change {
	id := func(x T) string { return of(x).id }
	same := func(a, b T) bool {
		ta, tb := text(of(a).body), text(of(b).body)
		return ta == tb && ta != ""
	}
	p := pair(old, new, id, same)
	var out []Change
	for i, pr := range p.pairs {
		o, n := of(pr[0]), of(pr[1])
		c := Change{Item: item, ID: n.id, Title: n.title, URL: n.url}
		if p.renamed[i] || o.title != n.title {
			c.Kind, c.OldID, c.OldTitle = KindRenamed, o.id, o.title
			out = append(out, c)
		}
		if text(o.body) != text(n.body) {
			c.Kind, c.OldID, c.OldTitle, c.Diff = KindReworded, "", "", Words(o.body, n.body)
			out = append(out, c)
		}
	}
	for _, x := range p.added {
		n := of(x)
		out = append(out, Change{Kind: KindAdded, Item: item, ID: n.id, Title: n.title, URL: n.url})
	}
	for _, x := range p.removed {
		o := of(x)
		out = append(out, Change{Kind: KindRemoved, Item: item, ID: o.id, Title: o.title})
	}
	return out
}

// column is a level's cells by row ID, for telling a renamed level by its text.
func column(l *model.Level) map[string]string {
	out := map[string]string{}
	for _, c := range l.Cells {
		out[c.Row.ID] = text(c.Text)
	}
	return out
}

// line is a row's cells by level ID.
func line(r *model.Row, levels map[*model.Level]*model.Level) []string {
	out := make([]string, 0, len(r.Cells))
	for _, c := range r.Cells {
		lv := c.Level
		if m, ok := levels[lv]; ok {
			lv = m
		}
		out = append(out, lv.ID+"\x00"+text(c.Text))
	}
	slices.Sort(out)
	return out
}

func sameColumn(a, b *model.Level) bool {
	ca, cb := column(a), column(b)
	filled := false
	for row, t := range cb {
		if o, ok := ca[row]; ok {
			if o != t {
				return false
			}
			filled = filled || t != ""
		}
	}
	return filled
}

func compareRoles(old, new []*model.Role) []RoleChange {
	id := func(r *model.Role) string { return r.ID }
	same := func(a, b *model.Role) bool { return text(string(a.CSV)) == text(string(b.CSV)) && len(a.CSV) > 0 }
	p := pair(old, new, id, same)
	var out []RoleChange
	for i, pr := range p.pairs {
		rc := compareRole(pr[0], pr[1])
		if p.renamed[i] || pr[0].Title != pr[1].Title {
			rc.Items = append([]Change{{Kind: KindRenamed, Item: ItemRole, ID: pr[1].ID, Title: pr[1].Title, OldID: pr[0].ID, OldTitle: pr[0].Title, URL: pr[1].URL()}}, rc.Items...)
		}
		if len(rc.Items)+len(rc.Cells) > 0 {
			out = append(out, rc)
		}
	}
	for _, n := range p.added {
		rc := compareRole(nil, n)
		rc.Items = append([]Change{{Kind: KindAdded, Item: ItemRole, ID: n.ID, Title: n.Title, URL: n.URL()}}, rc.Items...)
		out = append(out, rc)
	}
	for _, o := range p.removed {
		rc := RoleChange{ID: o.ID, Title: o.Title}
		rc.Items = []Change{{Kind: KindRemoved, Item: ItemRole, ID: o.ID, Title: o.Title}}
		out = append(out, rc)
	}
	return out
}

// compareRole compares one role's two versions; old is nil for a new role, whose
// levels and rows and cells are then all added.
func compareRole(old, new *model.Role) RoleChange {
	rc := RoleChange{ID: new.ID, Title: new.Title, URL: new.URL()}
	var oldLevels []*model.Level
	var oldRows []*model.Row
	if old != nil {
		oldLevels, oldRows = old.Levels, old.Rows
	}
	lp := pair(oldLevels, new.Levels, func(l *model.Level) string { return l.ID }, sameColumn)
	levels := map[*model.Level]*model.Level{} // old level -> new level
	for i, pr := range lp.pairs {
		levels[pr[0]] = pr[1]
		if lp.renamed[i] || pr[0].Title != pr[1].Title {
			rc.Items = append(rc.Items, Change{Kind: KindRenamed, Item: ItemLevel, ID: pr[1].ID, Title: pr[1].Title, OldID: pr[0].ID, OldTitle: pr[0].Title, URL: pr[1].URL()})
		}
	}
	if old != nil {
		for _, l := range lp.added {
			rc.Items = append(rc.Items, Change{Kind: KindAdded, Item: ItemLevel, ID: l.ID, Title: l.Title, URL: l.URL()})
		}
		for _, l := range lp.removed {
			rc.Items = append(rc.Items, Change{Kind: KindRemoved, Item: ItemLevel, ID: l.ID, Title: l.Title})
		}
	}
	sameRow := func(a, b *model.Row) bool { return slices.Equal(line(a, levels), line(b, nil)) }
	rp := pair(oldRows, new.Rows, func(r *model.Row) string { return r.ID }, sameRow)
	for i, pr := range rp.pairs {
		if rp.renamed[i] || pr[0].Title != pr[1].Title {
			rc.Items = append(rc.Items, Change{Kind: KindRenamed, Item: ItemRow, ID: pr[1].ID, Title: pr[1].Title, OldID: pr[0].ID, OldTitle: pr[0].Title, URL: pr[1].URL()})
		}
	}
	if old != nil {
		for _, r := range rp.added {
			rc.Items = append(rc.Items, Change{Kind: KindAdded, Item: ItemRow, ID: r.ID, Title: r.Title, URL: r.URL()})
		}
		for _, r := range rp.removed {
			rc.Items = append(rc.Items, Change{Kind: KindRemoved, Item: ItemRow, ID: r.ID, Title: r.Title})
		}
	}
	rc.Cells = compareCells(lp, rp, levels)
	return rc
}

// compareCells lists the expectations that changed, row by row in the new version's
// order, then those of removed rows; a removed level's expectations are removed.
func compareCells(lp pairing[*model.Level], rp pairing[*model.Row], levels map[*model.Level]*model.Level) []CellChange {
	var out []CellChange
	oldCell := func(r *model.Row, l *model.Level) string {
		for _, c := range r.Cells {
			if levels[c.Level] == l {
				return c.Text
			}
		}
		return ""
	}
	for _, pr := range rp.pairs {
		o, n := pr[0], pr[1]
		for _, c := range n.Cells {
			out = appendCell(out, c, oldCell(o, c.Level), c.Text)
		}
		for _, c := range o.Cells {
			if slices.Contains(lp.removed, c.Level) {
				out = appendRemoved(out, c)
			}
		}
	}
	for _, r := range rp.added {
		for _, c := range r.Cells {
			out = appendCell(out, c, "", c.Text)
		}
	}
	for _, r := range rp.removed {
		for _, c := range r.Cells {
			out = appendRemoved(out, c)
		}
	}
	return out
}

func appendCell(out []CellChange, c *model.Cell, old, new string) []CellChange {
	if old == new { // most cells of a role that changed: no need to compare their words
		return out
	}
	ot, nt := text(old), text(new)
	if ot == nt {
		return out
	}
	cc := CellChange{Row: c.Row.ID, RowT: c.Row.Title, Level: c.Level.ID, LevelT: c.Level.Title, Anchor: c.Anchor(), URL: c.URL(), Old: old, New: new}
	switch {
	case ot == "":
		cc.Kind, cc.Diff = KindAdded, []Segment{{Added, strings.TrimSpace(new)}}
	case nt == "":
		cc.Kind, cc.Diff = KindRemoved, []Segment{{Removed, strings.TrimSpace(old)}}
	default:
		cc.Kind, cc.Diff = KindReworded, Words(strings.TrimSpace(old), strings.TrimSpace(new))
	}
	return append(out, cc)
}

func appendRemoved(out []CellChange, c *model.Cell) []CellChange {
	if text(c.Text) == "" {
		return out
	}
	t := strings.TrimSpace(c.Text)
	return append(out, CellChange{Kind: KindRemoved, Row: c.Row.ID, RowT: c.Row.Title, Level: c.Level.ID, LevelT: c.Level.Title, Old: c.Text, Diff: []Segment{{Removed, t}}})
}
