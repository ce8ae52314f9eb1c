package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"handbook/generator/markdown"
	"handbook/generator/model"
)

// Type is the kind of a document, one of the filters of the search page.
type Type int

// The document types, in the order results of equal score are listed.
const (
	Principle Type = iota // a principle's page
	Question              // an interview question's page
	Row                   // a dimension: one row's progression across levels and roles
	Cell                  // one row's expectation at one level, on its role's matrix
	Phase                 // a delivery phase
	Section               // a section of prose: an H2 of a free page or section intro, a role's or a level's page
	numTypes
)

// ID is the type's name in URLs: /search/?type=cell.
func (t Type) ID() string {
	return [...]string{"principle", "question", "row", "cell", "phase", "section"}[t]
}

// Label is the type's name as a reader sees it beside a result.
func (t Type) Label() string {
	return [...]string{"Principle", "Interview question", "Dimension", "Level expectation", "Delivery phase", "Page"}[t]
}

// Doc is one search document: what a result shows and the fields its terms come from.
type Doc struct {
	Type       Type
	Title      string
	URL        string // a site path with an optional fragment: "/roles/ps/#scope--ps-i"
	Role       *model.Role
	Level      *model.Level
	Parent     string // where it lives, when role and level do not say: "Interview questions"
	Principles []*model.Principle
	Keys       string  // secondary titles: mechanism names, persona titles, a group's title
	Body       string  // the text shown in excerpts and indexed with the lowest weight
	order      int     // position of creation, for a stable sort
	boost      float64 // multiplies the type's prior; 0 means 1
}

// Where says where the document lives, for the line under a result: its role and
// level, or the page or group that holds it.
func (d *Doc) Where() string {
	var parts []string
	if d.Role != nil {
		parts = append(parts, d.Role.Title)
	}
	if d.Level != nil && d.Level.Title != d.Title {
		parts = append(parts, d.Level.Title)
	}
	if len(parts) == 0 && d.Parent != d.Title {
		parts = append(parts, d.Parent)
	}
	return strings.Join(parts, " \u00b7 ")
}

// Documents lists the site's search documents in index order: by type, then by role
// (documents of no role first), then in the order of the site itself. Document
// numbers in the index are positions in this list.
func Documents(site *model.Site) []*Doc {
	c := &collector{site: site}
	c.principles()
	c.questions()
	c.rows()
	c.cells()
	c.phases()
	c.sections()
	roleIndex := map[*model.Role]int{}
	for i, r := range site.Roles {
		roleIndex[r] = i + 1
	}
	slices.SortStableFunc(c.docs, func(a, b *Doc) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(roleIndex[a.Role], roleIndex[b.Role]), cmp.Compare(a.order, b.order))
	})
	return c.docs
}

// pageBoost lifts role and level pages from a section's prior to a principle's.
const pageBoost = 1.45

type collector struct {
	site *model.Site
	docs []*Doc
}

func (c *collector) add(d *Doc) {
	d.Body = collapse(d.Body)
	d.order = len(c.docs)
	c.docs = append(c.docs, d)
}

// collapse joins the lines of a text with single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func (c *collector) principles() {
	for _, p := range c.site.Principles {
		c.add(&Doc{Type: Principle, Title: p.Title, URL: p.URL(), Parent: "Principles", Principles: []*model.Principle{p}, Body: p.Body.Text()})
	}
}

// questions adds every question with the text its page shows: the group's follow-ups,
// example answer and coaching notes.
func (c *collector) questions() {
	for _, g := range c.site.Groups {
		parts := []string{g.FollowUps.Text()}
		for _, a := range g.Answer {
			parts = append(parts, a.Label, a.Body.Text())
		}
		parts = append(parts, g.Coaching.Text())
		shared := strings.Join(parts, "\n")
		for _, q := range g.Questions {
			body := shared
			if own := q.Body.Text(); collapse(own) != collapse(q.Text) {
				body = own + "\n" + shared
			}
			c.add(&Doc{Type: Question, Title: q.Text, URL: q.URL(), Parent: g.Title, Principles: g.Principles, Keys: g.Title, Body: body})
		}
	}
}

// rows adds one document per dimension: a row ID shared by several roles is one page.
func (c *collector) rows() {
	for _, dim := range c.site.Dimensions {
		d := &Doc{Type: Row, Title: dim.Title, URL: dim.URL(), Principles: dim.Principles}
		var texts []string
		for _, r := range dim.Rows {
			if r.Title != dim.Title {
				texts = append(texts, r.Title)
			}
			for _, cell := range r.Cells {
				if strings.TrimSpace(cell.Text) != "" {
					texts = append(texts, cell.Level.Title+": "+cell.Body.Text())
				}
			}
		}
		if len(dim.Rows) == 1 {
			d.Role = dim.Rows[0].Role
		} else {
			d.Parent = strconv.Itoa(len(dim.Rows)) + " roles"
		}
		d.Body = strings.Join(texts, "\n")
		c.add(d)
	}
}

// cells adds every non-empty expectation, row by row so that one row's levels sit
// side by side in the index (and so in the same document chunk).
func (c *collector) cells() {
	for _, role := range c.site.Roles {
		for _, row := range role.Rows {
			for _, cell := range row.Cells {
				if strings.TrimSpace(cell.Text) == "" {
					continue
				}
				c.add(&Doc{Type: Cell, Title: row.Title, URL: cell.URL(), Role: role, Level: cell.Level, Principles: row.Principles, Body: cell.Body.Text()})
			}
		}
	}
}

func (c *collector) phases() {
	for _, p := range c.site.Phases {
		var keys []string
		for _, m := range p.Mechanisms {
			keys = append(keys, m.Name, m.Short, m.When)
		}
		for _, ps := range p.Personas {
			keys = append(keys, ps.Title)
		}
		parent := "Delivery"
		if c.site.Delivery != nil {
			parent = c.site.Delivery.Title
		}
		c.add(&Doc{Type: Phase, Title: p.Title, URL: p.URL(), Parent: parent, Principles: p.Principles, Keys: strings.Join(keys, "\n"), Body: p.Body.Text()})
	}
}

// sections adds the prose: the home page, the section introductions, each role's
// introduction and levels, each question group's introduction and the free pages,
// one document per H2 section.
func (c *collector) sections() {
	s := c.site
	c.prose(s.Title, "/", "", s.Home)
	if sec := s.PrinciplesIntro; sec != nil {
		c.prose(sec.Title, "/principles/", "", sec.Body)
	}
	if sec := s.InterviewIntro; sec != nil {
		c.prose(sec.Title, "/interview/", "", sec.Body)
	}
	for _, g := range s.Groups {
		var other []string
		for _, o := range g.Other {
			other = append(other, o.Title, o.Text())
		}
		c.add(&Doc{Type: Section, Title: g.Title, URL: g.URL(), Parent: "Interview questions", Principles: g.Principles,
			Body: strings.TrimSpace(g.Intro.Text() + "\n" + strings.Join(other, "\n"))})
	}
	if sec := s.Delivery; sec != nil {
		c.prose(sec.Title, "/delivery/", "", sec.Body)
	}
	for _, r := range s.Roles {
		// A role's and a level's pages are what a reader naming them means: they rank
		// as a principle does.
		c.add(&Doc{Type: Section, Title: r.Title, URL: r.URL(), Role: r, Keys: r.Track, Body: r.Intro.Text(), boost: pageBoost})
		for _, lv := range r.Levels {
			c.add(&Doc{Type: Section, Title: lv.Title, URL: lv.URL(), Role: r, Level: lv, boost: pageBoost,
				Body: "Level " + strconv.Itoa(lv.Index+1) + " of " + strconv.Itoa(len(r.Levels)) + " of " + r.Title + "."})
		}
	}
	for _, p := range s.Pages {
		c.prose(p.Title, p.URL, p.Description, p.Body)
	}
}

// prose adds a page's text before its first H2 under the page's title, and each H2
// section under its own title, linked by the heading's anchor.
func (c *collector) prose(title, url, description string, body markdown.Part) {
	intro, sections := body.Sections(2)
	c.add(&Doc{Type: Section, Title: title, URL: url, Keys: description, Body: intro.Text()})
	for _, sec := range sections {
		u := url
		if sec.ID != "" {
			u += "#" + sec.ID
		}
		c.add(&Doc{Type: Section, Title: sec.Title, URL: u, Parent: title, Body: sec.Text()})
	}
}
