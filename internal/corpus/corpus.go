// Package corpus writes synthetic guideline handbooks of a requested size, in the content
// format of this project (principles, roles with levels.csv matrices in families, interview
// question groups, a delivery framework and a free page), and optionally the same pages
// as an equivalent Hugo site, so that both generators can be measured on the same work.
//
// The text is built from a vocabulary of professional words in the register of the real
// handbook: matrix cells of 40 to 90 words with occasional lists, emphasis and links;
// principles referenced by title or by ID; interview groups with follow-ups, example
// answers and coaching notes. Every row names at least one principle and every principle
// is reached, so a corpus builds under --strict with no diagnostics. Generation is
// deterministic: the same Options give byte-identical files.
//
// Options.Shape sets the make-up beyond the size: a fixed number of principles, the share
// of question pages, the levels and rows of every role, the roles per family of related
// roles and the share of every role's rows whose dimension is shared between families
// (see Shape). Realistic is the shape of a real handbook grown large: 50 principles kept
// fixed, about 70% question pages, families of 4 roles of 8 levels × 10 rows, a third
// of the rows on dimensions whose pages gather rows of several families. A field left
// zero keeps the default, so measurements of the default shape stay comparable.
//
// The command cmd/handbook-corpus, the benchmarks of generator/build and the index-size
// tests of generator/search use it. It sits under internal/ because it serves this
// module's measurements only, so no library test depends on a command's package.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/model"
)

// MinPages is the smallest corpus Write makes: below it the fixed pages dominate and the
// proportions stop being realistic.
const MinPages = 100

// FixedPages is the number of handbook pages that do not grow with the corpus: home,
// roles, compare, dimensions, search, 404, principles, interview and delivery, plus the
// corpus's one free prose page (/about/).
const FixedPages = 10

// Options describe a corpus.
type Options struct {
	// Pages is the target number of HTML pages of the built handbook (at least MinPages).
	Pages int
	// Seed selects the pseudo-random text; the same seed gives the same corpus.
	Seed uint64
	// Force allows writing into a folder that is not empty. What a previous run wrote
	// there (content/, and for Hugo also layouts/, assets/ and hugo.toml) is removed first;
	// nothing else is touched.
	Force bool
	// HugoDir, when not empty, is where the equivalent Hugo site is written.
	HugoDir string
	// Shape sets the corpus's proportions; its zero value is the default shape.
	Shape Shape
}

// Shape is the make-up of a corpus, beyond its size. Each zero field keeps the default:
// principles 5% of the pages (so they grow with the handbook), about 45% question
// pages, roles of 3 to 6 levels and 5 to 9 rows, families of related roles formed from
// the dimensions (about one family per 12 dimension pages, so about 7 roles each), and
// no dimension shared between families.
//
// A family is a set of related roles: the individual contributor and manager tracks of
// one discipline ("Data Delivery Consultant", "Data Delivery Manager", ...), whose rows
// come from the family's own 12 dimensions, so that its dimension pages gather the
// rows of its roles. Shared rows come instead from dimensions that recur in every
// family, so that their pages gather the rows of roles of several families (each
// shared dimension about 6 roles, whatever the size). Real handbooks keep a fixed set
// of principles as they grow, and most of their pages are questions: Realistic is such
// a handbook.
type Shape struct {
	Principles int     // how many principles, whatever the size
	Questions  float64 // the share of the pages that are questions, below 0.9 (the long lists' pages left out)
	Levels     int     // levels of every role, at most 8
	Rows       int     // rows of every role, at most 12
	Families   int     // roles per family, whatever the size: tracks alternate, IC first
	Shared     float64 // the share of every role's rows whose dimension is shared between families, 0 to 1
}

// Realistic is the shape of a real handbook grown large: 50 principles kept fixed, 70% of
// the pages questions, families of 4 roles (two individual contributor and two manager
// tracks) of 8 levels and 10 rows, a third of the rows (3 of 10) on dimensions shared
// between families.
func Realistic() Shape {
	return Shape{Principles: 50, Questions: 0.7, Levels: 8, Rows: 10, Families: 4, Shared: 1.0 / 3}
}

// NamedShape returns the shape of a name: "default" (the zero Shape) or "realistic".
func NamedShape(name string) (Shape, error) {
	switch name {
	case "", "default":
		return Shape{}, nil
	case "realistic":
		return Realistic(), nil
	}
	return Shape{}, fmt.Errorf("unknown corpus shape %q: want default or realistic", name)
}

// Stats describe a written corpus: how many of each item it holds and the pages each
// generator will build from it.
type Stats struct {
	Principles int // one page each
	Roles      int // one matrix page each
	Levels     int // one page each
	Promotions int // one page per pair of adjacent levels
	Rows       int // matrix rows, over all roles
	Cells      int // matrix cells, over all roles
	Dimensions int // distinct row IDs, one page each
	Shared     int // dimensions holding rows of roles of more than one family
	Families   int // families of related roles
	Groups     int // interview question groups (files)
	Questions  int // one page each
	Personas   int
	Phases     int // one page each
	Fixed      int // pages that do not grow with the corpus

	Pages int   // HTML pages the handbook builds
	Files int   // source files written
	Bytes int64 // bytes of source written

	// ListPages are the pages of the long lists, counted in Pages: every page of a
	// principle's full list of questions or of rows (when its page cannot show them
	// all), and the pages of /interview/ after the first.
	ListPages int

	HugoPages int   // HTML pages Hugo builds from the Hugo site (0 if none was written)
	HugoFiles int   // files of the Hugo site
	HugoBytes int64 // bytes of the Hugo site
}

// String is the breakdown of the expected pages, one kind per line.
func (s Stats) String() string {
	var b strings.Builder
	line := func(name string, n int, note string) {
		fmt.Fprintf(&b, "  %-12s %7d  %s\n", name, n, note)
	}
	fmt.Fprintf(&b, "handbook pages: %d\n", s.Pages)
	line("principles", s.Principles, "/principles/<id>/")
	families := "families"
	if s.Families == 1 {
		families = "family"
	}
	line("roles", s.Roles, fmt.Sprintf("/roles/<role>/ (matrix; in %d %s)", s.Families, families))
	line("levels", s.Levels, "/roles/<role>/<level>/")
	line("promotions", s.Promotions, "/roles/<role>/<level>-to-<next>/")
	line("dimensions", s.Dimensions, fmt.Sprintf("/dimensions/<row>/ (%d rows, %d cells; %d shared by families)", s.Rows, s.Cells, s.Shared))
	line("questions", s.Questions, fmt.Sprintf("/interview/<question>/ (in %d groups)", s.Groups))
	line("phases", s.Phases, fmt.Sprintf("/delivery/<phase>/ (%d personas)", s.Personas))
	line("fixed", s.Fixed, "home, roles, compare, dimensions, search, 404, principles, interview, delivery, about")
	fmt.Fprintf(&b, "source: %d files, %.1f MB\n", s.Files, float64(s.Bytes)/1e6)
	fmt.Fprintf(&b, "lists: %d pages (a principle's questions or rows longer than %d, %d items a page; /interview/ at %d groups a page)\n", s.ListPages, model.Shown, model.PerPage, model.GroupsPerPage)
	if s.HugoFiles > 0 {
		fmt.Fprintf(&b, "hugo site: %d pages expected, %d files, %.1f MB\n", s.HugoPages, s.HugoFiles, float64(s.HugoBytes)/1e6)
	}
	return b.String()
}

// Write writes a handbook of about opts.Pages pages into dir/content (and the Hugo site
// into opts.HugoDir when set) and returns what it holds.
func Write(dir string, opts Options) (Stats, error) {
	if opts.Pages < MinPages {
		return Stats{}, fmt.Errorf("a corpus needs at least %d pages, not %d", MinPages, opts.Pages)
	}
	if err := prepare(dir, opts.Force, "content"); err != nil {
		return Stats{}, err
	}
	if opts.HugoDir != "" {
		if err := prepare(opts.HugoDir, opts.Force, "content", "layouts", "assets", "hugo.toml"); err != nil {
			return Stats{}, err
		}
	}
	if q := opts.Shape.Questions; q < 0 || q >= 0.9 {
		return Stats{}, fmt.Errorf("a corpus's share of question pages must be at least 0 and below 0.9, not %g", q)
	}
	if sh := opts.Shape; sh.Principles < 0 || sh.Levels < 0 || sh.Rows < 0 || sh.Families < 0 || sh.Rows > familySize || sh.Levels > len(icLevels) {
		return Stats{}, fmt.Errorf("a corpus's shape needs a positive number of principles and of roles per family, at most %d levels and at most %d rows", len(icLevels), familySize)
	}
	if sh := opts.Shape.Shared; sh < 0 || sh > 1 {
		return Stats{}, fmt.Errorf("a corpus's share of shared rows must be from 0 to 1, not %g", sh)
	}
	p := newPlan(opts.Pages, opts.Seed, opts.Shape)
	st := p.stats()
	if st.Pages*10 > opts.Pages*11 {
		return Stats{}, fmt.Errorf("a corpus of this shape needs about %d pages at least, not %d", st.Pages, opts.Pages)
	}
	w := &writer{root: dir, dirs: map[string]bool{}}
	p.writeHandbook(w)
	if w.err != nil {
		return st, w.err
	}
	st.Files, st.Bytes = w.files, w.bytes
	if opts.HugoDir != "" {
		hw := &writer{root: opts.HugoDir, dirs: map[string]bool{}}
		if err := p.writeHugo(hw); err != nil {
			return st, err
		}
		if hw.err != nil {
			return st, hw.err
		}
		st.HugoPages, st.HugoFiles, st.HugoBytes = st.Pages, hw.files, hw.bytes
	}
	return st, nil
}

// prepare makes sure dir exists and may be written: it must be empty, unless force, in
// which case the entries a previous run wrote are removed.
func prepare(dir string, force bool, ours ...string) error {
	if dir == "" {
		return errors.New("no output folder given")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("refusing to write into %s: it is not empty (use -force to replace what a previous run wrote there)", dir)
	}
	for _, name := range ours {
		if err := os.RemoveAll(dir + string(os.PathSeparator) + name); err != nil {
			return err
		}
	}
	return nil
}

// The plan: the whole corpus as data, decided before anything is written, so that the
// handbook and the Hugo site are two renderings of the same decisions.

type plan struct {
	shape      Shape
	listRoom   int // the pages planned for the long lists
	principles []*principle
	roles      []*role
	dims       []*dimension // the used ones, in pool order
	groups     []*group
	questions  int
	personas   []*persona
	phases     []*phase

	homeBody, principlesIntro, interviewIntro, deliveryBody, aboutBody string
}

type principle struct {
	id, title string
	order     int
	body      string
}

type level struct {
	title, id string
}

type dimension struct {
	id, title string
	index     int // position in the pool
	used      bool
	rows      []*row
}

type row struct {
	role       *role
	dim        *dimension
	principles []*principle
	refs       []string // the principles as written in levels.csv: by title or by ID
	cells      []string // one per level
}

type role struct {
	id, title, track, corner string
	order, family            int
	intro                    string
	levels                   []level
	levelIDs                 bool // levels: in the front matter gives short IDs
	rows                     []*row
}

type group struct {
	id, title  string
	order      int
	principles []*principle
	refs       []string
	intro      string
	questions  []question
	followUps  string
	answer     [4]string // Situation, Task, Action, Result; empty when the group has none
	headings   bool      // the answer uses ### headings rather than bold labels
	coaching   string
	other      []section
}

type question struct {
	text, id string
}

type section struct {
	title, body string
}

type persona struct {
	id, title   string
	roles       []string
	description string
	role        *role
}

type phase struct {
	id, title  string
	order      int
	personas   []*persona
	principles []*principle
	refs       []string
	mechanisms []mechanism
	body       string
}

type mechanism struct {
	name, short, when string
}

// The proportions of a corpus, as shares of its pages: roles (matrix, levels and
// promotions) 40%, questions about 45%, dimensions 8%, principles 5%, phases 1%.
const (
	sharePrinciples = 0.05
	sharePhases     = 0.01
	shareRoles      = 0.40
	shareDimensions = 0.08
	familySize      = 12 // dimensions a family of related roles draws its rows from
	sharedSpan      = 6  // roles whose rows one shared dimension gathers
	defaultRows     = 9  // the most rows of a role of the default shape
)

func round(f float64) int { return int(f + 0.5) }

// newPlan decides a corpus of n pages of the given shape.
func newPlan(n int, seed uint64, shape Shape) *plan {
	// The questions fill the pages the other items leave, less the pages of the long
	// lists, which grow with the questions: planned again until the lists' pages are
	// those the questions were planned for (a few rounds; each round the same but for
	// the questions).
	p := planFor(n, seed, shape, 0)
	for range 4 {
		lists := len(p.listPages())
		if lists == p.listRoom {
			break
		}
		p = planFor(n, seed, shape, lists)
	}
	return p
}

// planFor plans a corpus of n pages whose long lists take lists of them.
func planFor(n int, seed uint64, shape Shape, lists int) *plan {
	t := &text{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	p := &plan{shape: shape, listRoom: lists}
	nPrinciples := max(4, round(float64(n)*sharePrinciples))
	if shape.Principles > 0 {
		nPrinciples = shape.Principles
	}
	nPhases := max(2, round(float64(n)*sharePhases))
	nPersonas := max(2, (nPhases+1)/2)
	roles, dims := shareRoles, shareDimensions
	if q := shape.Questions; q > 0 {
		// The pages that are not questions keep their proportions to one another.
		scale := (1 - q - float64(nPrinciples+nPhases)/float64(n)) / (shareRoles + shareDimensions)
		roles, dims = max(0, roles*scale), max(0, dims*scale)
	}
	rolePages := 9.0 // a role has 9 pages on average: matrix, 4.5 levels, 3.5 promotions
	if shape.Levels > 0 {
		rolePages = float64(2 * shape.Levels)
	}
	nRoles := max(1, round(float64(n)*roles/rolePages))
	nDims := max(familySize/2, round(float64(n)*dims))
	if f := shape.Families; f > 0 {
		// Whole families, each with its own dimensions.
		nRoles = max(1, round(float64(nRoles)/float64(f))) * f
		nDims = nRoles / f * familySize
	}
	nShared := sharedDimensions(shape, nRoles, nDims)

	p.homeBody = t.paragraph(40, 80, t.expectation) + "\n\n" + t.paragraph(30, 60, t.expectation)
	p.principlesIntro = "What every leader is expected to live by. " + t.paragraph(20, 40, t.expectation)
	p.interviewIntro = "Questions to probe each principle, grouped by the principle they probe first. " + t.paragraph(20, 40, t.expectation)
	p.principles = p.makePrinciples(t, nPrinciples)
	pool := makeDimensions(t, nDims+nShared)
	p.makeRoles(t, nRoles, pool[:nDims], pool[nDims:])
	for _, d := range pool {
		if d.used {
			p.dims = append(p.dims, d)
		}
	}
	p.makeDelivery(t, nPersonas, nPhases)
	fixed := len(p.principles) + len(p.dims) + len(p.phases) + FixedPages
	for _, r := range p.roles {
		fixed += 2 * len(r.levels)
	}
	p.makeGroups(t, max(1, n-fixed-lists))
	p.reachAll()
	p.aboutBody = aboutPage(t)
	return p
}

// sharedDimensions is the number of dimensions shared between families: enough for
// each to gather the rows of about sharedSpan roles, and at least as many as the shared
// rows of one family, so that the roles of one family take different ones and a shared
// dimension's rows come from several families.
func sharedDimensions(shape Shape, nRoles, nDims int) int {
	rows := defaultRows
	if shape.Rows > 0 {
		rows = shape.Rows
	}
	k := round(float64(rows) * shape.Shared)
	if k == 0 {
		return 0
	}
	perFamily := shape.Families
	if perFamily == 0 {
		families := min(nRoles, (nDims+familySize-1)/familySize)
		perFamily = (nRoles + families - 1) / families
	}
	return max(perFamily*k, (nRoles*k+sharedSpan-1)/sharedSpan)
}

func (p *plan) stats() Stats {
	s := Stats{
		Principles: len(p.principles), Roles: len(p.roles), Dimensions: len(p.dims),
		Groups: len(p.groups), Questions: p.questions, Personas: len(p.personas),
		Phases: len(p.phases), Fixed: FixedPages,
	}
	families := map[int]bool{}
	for _, r := range p.roles {
		families[r.family] = true
		s.Levels += len(r.levels)
		s.Promotions += len(r.levels) - 1
		s.Rows += len(r.rows)
		s.Cells += len(r.rows) * len(r.levels)
	}
	s.Families = len(families)
	for _, d := range p.dims {
		for _, rw := range d.rows {
			if rw.role.family != d.rows[0].role.family {
				s.Shared++
				break
			}
		}
	}
	s.ListPages = len(p.listPages())
	s.Pages = s.Principles + s.Roles + s.Levels + s.Promotions + s.Dimensions + s.Questions + s.Phases + s.Fixed + s.ListPages
	return s
}

// unique draws from gen until it gives a title whose slug was not used yet. After many
// collisions it numbers the title, which keeps any size possible.
func unique(used map[string]bool, gen func() string) (title, id string) {
	for try := 0; ; try++ {
		title = gen()
		if try >= 40 {
			title += " " + itoa(try)
		}
		id = model.Slug(title)
		if id != "" && !used[id] && !used[strings.ToLower(title)] {
			used[id] = true
			used[strings.ToLower(title)] = true
			return title, id
		}
	}
}

func (p *plan) makePrinciples(t *text, n int) []*principle {
	used := map[string]bool{}
	out := make([]*principle, 0, n)
	for i := range n {
		title, id := unique(used, func() string {
			switch t.r.IntN(5) {
			case 0:
				return t.pick(titleVerbs) + " and " + t.pick(titleVerbs)
			case 1:
				return t.pick(titleVerbs) + " with " + t.pick(titleNouns)
			case 2:
				return t.pick(titleAdjs) + " " + t.pick(titleNouns)
			case 3:
				return "Bias for " + t.pick(titleNouns)
			default:
				return "Insist on " + t.pick(titleAdjs) + " " + t.pick(titleNouns)
			}
		})
		body := "Leaders " + strings.ToLower(plural(t.pick(verbs3))) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + ". " +
			t.paragraph(25, 60, func() string {
				return "They " + strings.ToLower(plural(t.pick(verbs3))) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + "."
			})
		if t.chance(0.15) {
			body = t.emphasize(body)
		}
		if t.chance(0.25) {
			body += "\n\n" + t.paragraph(20, 45, t.expectation)
		}
		pr := &principle{id: id, title: title, body: body}
		if t.chance(0.7) {
			pr.order = i + 1
		}
		out = append(out, pr)
	}
	return out
}

func makeDimensions(t *text, n int) []*dimension {
	used := map[string]bool{}
	out := make([]*dimension, 0, n)
	for range n {
		title, id := unique(used, func() string {
			switch t.r.IntN(3) {
			case 0:
				return t.pick(verbs3[:40]) + " " + capitalWords(t.pick(adjectives)) + " " + capitalWords(t.pick(nouns))
			case 1:
				return "Deliver " + capitalWords(t.pick(adjectives)) + " " + capitalWords(t.pick(nouns)) + " for " + t.pick([]string{"Customers", "Partners", "the Business", "the Team", "Stakeholders"})
			default:
				return capitalWords(t.pick(adjectives)) + " " + capitalWords(t.pick(nounsSingular)) + " Excellence"
			}
		})
		out = append(out, &dimension{id: id, title: title, index: len(out)})
	}
	return out
}

func capitalWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w != "of" && w != "and" && w != "the" || i == 0 {
			words[i] = capital(w)
		}
	}
	return strings.Join(words, " ")
}

var (
	icLevels      = []string{"Associate %s", "%s I", "%s II", "Senior %s", "Principal %s", "Distinguished %s", "Fellow %s", "Senior Fellow %s"}
	managerLevels = []string{"Manager, %s", "Senior Manager, %s", "Director, %s", "Senior Director, %s", "VP, %s", "Senior VP, %s", "Executive VP, %s", "President, %s"}
)

// defaultLevels is how many of the level titles a role of the default shape draws from.
const defaultLevels = 6

// makeRoles makes n roles in families, their rows drawn from the families' dimensions
// (pool, familySize each) and from the dimensions shared between families.
func (p *plan) makeRoles(t *text, n int, pool, shared []*dimension) {
	used, usedFamilies := map[string]bool{}, map[string]bool{}
	families := (len(pool) + familySize - 1) / familySize
	cursor := make([]int, families)
	sharedCursor := 0
	next := 0 // round robin over principles, so that every principle is named by a row
	family := ""
	for i := range n {
		fam := i % families
		if f := p.shape.Families; f > 0 {
			fam = i / f
			if i%f == 0 {
				family, _ = unique(usedFamilies, func() string { return t.pick(domains) + " " + t.pick(specialties) })
			}
		}
		r, name := p.newRole(t, i, family, used)
		r.family = fam
		patterns := icLevels
		if r.track == "Manager" {
			patterns = managerLevels
		}
		if t.chance(0.2) {
			r.corner = t.pick([]string{"Level", "Dimension", "Expectation"})
		}
		nLevels := t.between(3, 6)
		if p.shape.Levels > 0 {
			nLevels = p.shape.Levels
		}
		start := t.between(0, max(defaultLevels, nLevels)-nLevels)
		r.levelIDs = t.chance(0.5)
		for j := range nLevels {
			lv := level{title: fmt.Sprintf(patterns[start+j], name)}
			if r.levelIDs {
				lv.id = "l" + itoa(start+j+1)
			} else {
				lv.id = model.Slug(lv.title)
			}
			r.levels = append(r.levels, lv)
		}
		fn := "consultant"
		if r.track == "Manager" {
			fn = "manager"
		}
		r.intro = "This document describes the general expectations of the " + r.title + " role. " +
			t.paragraph(50, 100, func() string {
				return "The " + fn + " " + strings.ToLower(t.pick(verbs3)) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + "."
			}) +
			"\n\n" + t.paragraph(40, 90, t.expectation)
		if t.chance(0.3) {
			r.intro += "\n\nFor management responsibilities, refer to the manager track of the same family."
		}

		// Rows: a window of the role's family of dimensions, in pool order, then the
		// next shared ones.
		k := t.between(5, defaultRows)
		if p.shape.Rows > 0 {
			k = p.shape.Rows
		}
		ks := min(round(float64(k)*p.shape.Shared), len(shared))
		kf := k - ks
		lo, hi := fam*familySize, min((fam+1)*familySize, len(pool))
		if p.shape.Rows > 0 && hi-lo < kf {
			lo = max(0, hi-familySize) // a short last family: borrow from the one before
		}
		size := hi - lo
		kf = min(kf, size)
		var picked []*dimension
		for j := range kf {
			picked = append(picked, pool[lo+(cursor[fam]+j)%size])
		}
		cursor[fam] = (cursor[fam] + kf) % size
		slices.SortFunc(picked, func(a, b *dimension) int { return a.index - b.index })
		for j := range ks {
			picked = append(picked, shared[(sharedCursor+j)%len(shared)])
		}
		if ks > 0 {
			sharedCursor = (sharedCursor + ks) % len(shared)
		}
		for _, d := range picked {
			next = p.addRow(t, r, d, next)
		}
		p.roles = append(p.roles, r)
	}
}

// newRole makes the i-th role, with its title and track. Without families of a fixed
// size, a role is a manager one time in four, its title drawn at random; in a family,
// named family, the tracks alternate, individual contributor first, and the third role
// on will serve a region. name is what the role's level titles are made of.
func (p *plan) newRole(t *text, i int, family string, used map[string]bool) (r *role, name string) {
	var manager bool
	var gen func() string
	if f := p.shape.Families; f > 0 {
		j := i % f
		manager = j%2 == 1
		gen = func() string {
			name = family
			title := name + " " + t.pick(icFunctions)
			if manager {
				title = name + " Manager"
			}
			if j >= 2 {
				title += " (" + t.pick(regions[1:]) + ")"
			}
			return title
		}
	} else {
		manager = t.chance(0.25)
		gen = func() string {
			name = t.pick(domains) + " " + t.pick(specialties)
			if !manager {
				name += " " + t.pick(functions)
			}
			if reg := t.pick(regions); reg != "" && t.chance(0.5) {
				name += " (" + reg + ")"
			}
			return name
		}
	}
	title, id := unique(used, gen)
	r = &role{id: id, title: title, order: i + 1, track: "Individual contributor", corner: "Job Title"}
	if manager {
		r.track = "Manager"
	}
	return r, name
}

// addRow gives role r a row of dimension d, naming principle next (round robin) and up
// to two more, and returns the next principle of the round.
func (p *plan) addRow(t *text, r *role, d *dimension, next int) int {
	d.used = true
	rw := &row{role: r, dim: d}
	rw.principles = append(rw.principles, p.principles[next%len(p.principles)])
	for range t.between(0, 2) {
		pr := p.principles[t.r.IntN(len(p.principles))]
		if !slices.Contains(rw.principles, pr) {
			rw.principles = append(rw.principles, pr)
		}
	}
	rw.refs = refsOf(t, rw.principles)
	for range r.levels {
		rw.cells = append(rw.cells, p.cell(t, rw))
	}
	r.rows = append(r.rows, rw)
	d.rows = append(d.rows, rw)
	return next + 1
}

// refsOf writes principle references as authors do: mostly by title, sometimes by ID.
func refsOf(t *text, ps []*principle) []string {
	out := make([]string, len(ps))
	for i, pr := range ps {
		if t.chance(0.25) {
			out[i] = pr.id
		} else {
			out[i] = pr.title
		}
	}
	return out
}

// cell is one expectation of 40 to 90 words, sometimes with a list, emphasis, a line
// break or a link to one of the row's principles.
func (p *plan) cell(t *text, rw *row) string {
	switch x := t.r.Float64(); {
	case x < 0.15:
		return t.paragraph(20, 40, t.expectation) + "\n" + t.listItems(t.between(2, 4), false)
	case x < 0.19:
		return t.paragraph(20, 40, t.expectation) + "\n" + t.listItems(t.between(2, 4), true)
	case x < 0.29:
		return t.paragraph(20, 45, t.expectation) + "\n" + t.paragraph(20, 45, t.expectation)
	}
	c := t.paragraph(40, 90, t.expectation)
	if t.chance(0.2) {
		c = t.emphasize(c)
	}
	if t.chance(0.05) {
		pr := rw.principles[0]
		c += " See [" + pr.title + "](/principles/" + pr.id + "/)."
	}
	return c
}

func (p *plan) makeDelivery(t *text, nPersonas, nPhases int) {
	used := map[string]bool{}
	p.deliveryBody = "## Overview\n\n" + t.paragraph(50, 90, t.expectation) + "\n\n## Core delivery philosophy\n\n" +
		t.paragraph(30, 60, t.expectation) + "\n\n" + t.listItems(4, false) + "\n\n## Key success factors\n\n" + t.listItems(5, true) + "\n"
	for range nPersonas {
		title, id := unique(used, func() string { return t.pick(domains) + " " + t.pick(personaGroups) })
		ps := &persona{id: id, title: title, description: capital(t.pick(verbs3)) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers)}
		for _, j := range t.r.Perm(len(jobTitles))[:t.between(2, 5)] {
			ps.roles = append(ps.roles, jobTitles[j])
		}
		if t.chance(0.5) {
			ps.role = p.roles[t.r.IntN(len(p.roles))]
		}
		p.personas = append(p.personas, ps)
	}
	phaseWords := []string{"review", "planning", "readiness", "handover", "validation", "launch", "close", "kickoff", "stabilization", "discovery", "scoping", "assessment"}
	for i := range nPhases {
		title, id := unique(used, func() string {
			return capital(t.pick(adjectives)) + " " + t.pick(nounsSingular) + " " + t.pick(phaseWords)
		})
		ph := &phase{id: id, title: title, order: i + 1}
		for _, j := range t.r.Perm(len(p.personas))[:t.between(1, min(3, len(p.personas)))] {
			ph.personas = append(ph.personas, p.personas[j])
		}
		for _, j := range t.r.Perm(len(p.principles))[:t.between(1, 3)] {
			ph.principles = append(ph.principles, p.principles[j])
		}
		ph.refs = refsOf(t, ph.principles)
		for range t.between(0, 2) {
			name := capitalWords(t.pick(adjectives)) + " " + capitalWords(t.pick(nounsSingular)) + " Review"
			ph.mechanisms = append(ph.mechanisms, mechanism{name: name, short: initials(name), when: "Completed during the " + strings.ToLower(title) + " stage"})
		}
		var b strings.Builder
		for j := range t.between(2, 4) {
			b.WriteString("## " + t.pick(headings) + "\n\n")
			if j == 0 && len(ph.mechanisms) > 0 {
				m := ph.mechanisms[0]
				b.WriteString("### " + m.name + " (" + m.short + ")\n\n" + t.listItems(t.between(3, 5), false) + "\n\n")
				continue
			}
			b.WriteString(t.paragraph(30, 70, t.expectation) + "\n\n")
			if t.chance(0.6) {
				b.WriteString(t.listItems(t.between(3, 6), false) + "\n\n")
			}
		}
		ph.body = strings.TrimSuffix(b.String(), "\n")
		p.phases = append(p.phases, ph)
	}
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, part := range strings.Split(w, "-") {
			if part != "" {
				b.WriteString(strings.ToUpper(part[:1]))
			}
		}
	}
	return b.String()
}

// makeGroups writes groups of 1 to 6 questions until there are n questions.
func (p *plan) makeGroups(t *text, n int) {
	usedGroups, usedQuestions := map[string]bool{}, map[string]bool{}
	for gi := 0; p.questions < n; gi++ {
		title, id := unique(usedGroups, func() string {
			return t.pick(gerunds) + " " + t.pick(adjectives) + " " + t.pick(nouns)
		})
		g := &group{id: id, title: title}
		if t.chance(0.8) {
			g.order = gi + 1
		}
		g.principles = append(g.principles, p.principles[gi%len(p.principles)])
		for range t.between(0, 2) {
			pr := p.principles[t.r.IntN(len(p.principles))]
			if !slices.Contains(g.principles, pr) {
				g.principles = append(g.principles, pr)
			}
		}
		g.refs = refsOf(t, g.principles)
		if t.chance(0.2) {
			g.intro = t.paragraph(20, 45, t.expectation)
		}
		for range min(t.between(1, 6), n-p.questions) {
			text, qid := unique(usedQuestions, t.question)
			g.questions = append(g.questions, question{text: text, id: qid})
			p.questions++
		}
		if t.chance(0.7) {
			var b strings.Builder
			for i := range t.between(2, 6) {
				b.WriteString(itoa(i+1) + ". " + t.followUp() + "\n")
				if t.chance(0.15) {
					for j := range t.between(2, 4) {
						b.WriteString("   " + itoa(j+1) + ". " + t.firstPerson() + "\n")
					}
				}
			}
			g.followUps = strings.TrimSuffix(b.String(), "\n")
		}
		if t.chance(0.55) {
			for i := range g.answer {
				g.answer[i] = t.paragraph(25, 70, t.firstPerson)
			}
			g.headings = t.chance(0.25)
		}
		if t.chance(0.45) {
			g.coaching = t.paragraph(20, 60, func() string {
				return t.pick([]string{"Listen for", "Probe for", "Look for", "Ask about", "Push back on", "Watch for"}) + " " + t.pick(adjectives) + " " + t.pick(nouns) + " " + t.pick(modifiers) + "."
			})
			if t.chance(0.2) {
				g.coaching = t.emphasize(g.coaching)
			}
		}
		if t.chance(0.15) {
			g.other = append(g.other, section{"Red flags", t.listItems(t.between(2, 4), false)})
		}
		if t.chance(0.1) {
			g.other = append(g.other, section{"Signals of strength", t.paragraph(20, 50, t.expectation)})
		}
		p.groups = append(p.groups, g)
	}
}

// reachAll has the question groups also probe the principles no row and no group names
// yet, one each in turn, so that no principle is an orphan even when a fixed set of
// principles outnumbers the rows and the groups of a small corpus.
func (p *plan) reachAll() {
	reached := map[*principle]bool{}
	for _, r := range p.roles {
		for _, rw := range r.rows {
			for _, pr := range rw.principles {
				reached[pr] = true
			}
		}
	}
	for _, g := range p.groups {
		for _, pr := range g.principles {
			reached[pr] = true
		}
	}
	i := 0
	for _, pr := range p.principles {
		if !reached[pr] {
			g := p.groups[i%len(p.groups)]
			g.principles = append(g.principles, pr)
			g.refs = append(g.refs, pr.title)
			i++
		}
	}
}

// aboutPage is the corpus's free prose page: headings, a table and fenced code, like the
// real handbook's contributing page.
func aboutPage(t *text) string {
	var b strings.Builder
	b.WriteString(t.paragraph(40, 80, t.expectation) + "\n\n## Where each source lives\n\n| What | File |\n|---|---|\n")
	for _, row := range [][2]string{
		{"The site", "`content/_index.md`"}, {"One principle", "`content/principles/<id>.md`"},
		{"One role family", "`content/roles/<role>/_index.md` and `levels.csv`"},
		{"One group of questions", "`content/interview/<group>.md`"}, {"One phase", "`content/delivery/<phase>.md`"},
	} {
		b.WriteString("| " + row[0] + " | " + row[1] + " |\n")
	}
	for _, lang := range codeLangs {
		b.WriteString("\n## " + capital(lang) + " example\n\n" + t.paragraph(20, 40, t.expectation) + "\n\n```" + lang + "\n")
		switch lang {
		case "yaml":
			b.WriteString("---\ntitle: Example Principle\norder: 15\nprinciples:\n  - Ownership\n  - Dive Deep\n---\n")
		case "csv":
			b.WriteString("Job Title,Level I,Level II,Principles,ID\nExample Dimension,Does the task.,Teaches the task.,Ownership,example\n")
		case "markdown":
			b.WriteString("## Questions\n\n1. Example question one?\n2. Example question two?\n")
		case "go":
			b.WriteString("func main() {\n\tfmt.Println(\"hello, handbook\")\n}\n")
		case "json":
			b.WriteString("{\"id\": \"ownership\", \"title\": \"Ownership\", \"order\": 2}\n")
		}
		b.WriteString("```\n")
	}
	return b.String()
}
