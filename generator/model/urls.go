package model

// The URL layout of the site. Every URL is a path from the site root, ending in "/" for
// pages, so that the output is pretty URLs (dir/index.html).

// URL returns the principle's page.
func (p *Principle) URL() string { return "/principles/" + p.ID + "/" }

// URL returns the role's matrix page.
func (r *Role) URL() string { return "/roles/" + r.ID + "/" }

// CSVURL returns the matrix's spreadsheet download.
func (r *Role) CSVURL() string { return r.URL() + "levels.csv" }

// URL returns the level's page.
func (l *Level) URL() string { return l.Role.URL() + l.ID + "/" }

// PromotionURL returns the page comparing the level with the next one, or "".
func (l *Level) PromotionURL() string {
	if n := l.Next(); n != nil {
		return l.Role.URL() + l.ID + "-to-" + n.ID + "/"
	}
	return ""
}

// URL returns the cell's place on its role's matrix.
func (c *Cell) URL() string { return c.Row.Role.URL() + "#" + c.Anchor() }

// URL returns the row's progression page.
func (r *Row) URL() string { return "/dimensions/" + r.ID + "/" }

// URL returns the dimension's progression page.
func (d *Dimension) URL() string { return "/dimensions/" + d.ID + "/" }

// URL returns the question's page.
func (q *Question) URL() string { return "/interview/" + q.ID + "/" }

// URL returns the group's place on the question bank page.
func (g *QuestionGroup) URL() string { return "/interview/#" + g.ID }

// URL returns the phase's page.
func (p *Phase) URL() string { return "/delivery/" + p.ID + "/" }

// URL returns the persona's place on the delivery page.
func (p *Persona) URL() string { return "/delivery/#persona-" + p.ID }
