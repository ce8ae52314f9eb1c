package render

import (
	"encoding/json"
	"encoding/xml"

	"github.com/handbook-dev/handbook/generator/model"
)

// extras returns the non-HTML files: sitemap, robots.txt, the model as JSON, the
// matrices as spreadsheets.
func (r *renderer) extras() []File {
	files := []File{
		{Path: "sitemap.xml", Data: r.sitemap()},
		{Path: "robots.txt", Data: r.robots()},
		{Path: "handbook.json", Data: r.modelJSON()},
	}
	for _, role := range r.site.Roles {
		files = append(files, File{Path: outputPath(role.CSVURL()), Data: role.CSV})
	}
	if rules := r.redirectRules(); rules != nil {
		files = append(files, File{Path: RedirectsFile, Data: rules})
	}
	if r.hasFeed() {
		files = append(files, File{Path: "changes/index.xml", Data: r.atom()})
	}
	return files
}

func (r *renderer) sitemap() []byte {
	type loc struct {
		Loc string `xml:"loc"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, d := range r.pages {
		if d.Kind != "404" && d.Kind != "redirect" {
			set.URLs = append(set.URLs, loc{r.absURL(d.URL)})
		}
	}
	out, _ := xml.MarshalIndent(set, "", " ") // plain structs of strings always marshal
	return append(append([]byte(xml.Header), out...), '\n')
}

func (r *renderer) robots() []byte {
	if r.site.NoIndex {
		return []byte("# An internal handbook: keep search engines out.\nUser-agent: *\nDisallow: /\n")
	}
	return []byte("User-agent: *\nAllow: /\nSitemap: " + r.absURL("/sitemap.xml") + "\n")
}

// The JSON form of the model: every item with its ID, title, URL and its links by ID.
type (
	jsonSite struct {
		Title      string          `json:"title"`
		Principles []jsonPrinciple `json:"principles"`
		Roles      []jsonRole      `json:"roles"`
		Questions  []jsonQuestion  `json:"questions"`
		Personas   []jsonPersona   `json:"personas"`
		Phases     []jsonPhase     `json:"phases"`
		Pages      []jsonPage      `json:"pages"`
	}
	jsonPrinciple struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		URL   string `json:"url"`
		Text  string `json:"text"`
	}
	jsonRole struct {
		ID     string      `json:"id"`
		Title  string      `json:"title"`
		Track  string      `json:"track,omitempty"`
		URL    string      `json:"url"`
		Levels []jsonLevel `json:"levels"`
		Rows   []jsonRow   `json:"rows"`
	}
	jsonLevel struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		URL   string `json:"url"`
	}
	jsonRow struct {
		ID         string            `json:"id"`
		Title      string            `json:"title"`
		Principles []string          `json:"principles"`
		Cells      map[string]string `json:"cells"`
	}
	jsonQuestion struct {
		ID         string   `json:"id"`
		Text       string   `json:"text"`
		URL        string   `json:"url"`
		Group      string   `json:"group"`
		Principles []string `json:"principles"`
	}
	jsonPersona struct {
		ID          string   `json:"id"`
		Title       string   `json:"title"`
		Roles       []string `json:"roles"`
		Description string   `json:"description"`
		Role        string   `json:"role,omitempty"`
	}
	jsonPhase struct {
		ID         string   `json:"id"`
		Title      string   `json:"title"`
		URL        string   `json:"url"`
		Personas   []string `json:"personas"`
		Principles []string `json:"principles"`
	}
	jsonPage struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	}
)

func principleIDs(ps []*model.Principle) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func (r *renderer) modelJSON() []byte {
	s := r.site
	out := jsonSite{Title: s.Title}
	for _, p := range s.Principles {
		out.Principles = append(out.Principles, jsonPrinciple{p.ID, p.Title, p.URL(), p.Body.Text()})
	}
	for _, role := range s.Roles {
		jr := jsonRole{ID: role.ID, Title: role.Title, Track: role.Track, URL: role.URL()}
		for _, lv := range role.Levels {
			jr.Levels = append(jr.Levels, jsonLevel{lv.ID, lv.Title, lv.URL()})
		}
		for _, row := range role.Rows {
			jrow := jsonRow{ID: row.ID, Title: row.Title, Principles: principleIDs(row.Principles), Cells: map[string]string{}}
			for _, c := range row.Cells {
				text := c.Text
				if c.Blank {
					text = "" // no expectation at this level; every level has its key
				}
				jrow.Cells[c.Level.ID] = text
			}
			jr.Rows = append(jr.Rows, jrow)
		}
		out.Roles = append(out.Roles, jr)
	}
	for _, q := range s.Questions {
		out.Questions = append(out.Questions, jsonQuestion{q.ID, q.Text, q.URL(), q.Group.ID, principleIDs(q.Group.Principles)})
	}
	for _, p := range s.Personas {
		jp := jsonPersona{ID: p.ID, Title: p.Title, Roles: p.Roles, Description: p.Description}
		if p.Role != nil {
			jp.Role = p.Role.ID
		}
		out.Personas = append(out.Personas, jp)
	}
	for _, ph := range s.Phases {
		var personas []string
		for _, p := range ph.Personas {
			personas = append(personas, p.ID)
		}
		out.Phases = append(out.Phases, jsonPhase{ph.ID, ph.Title, ph.URL(), personas, principleIDs(ph.Principles)})
	}
	for _, p := range s.Pages {
		out.Pages = append(out.Pages, jsonPage{p.Title, p.URL})
	}
	// Compact: at 10,000 pages the file has megabytes, and indenting them took longer
	// than encoding them.
	data, _ := json.Marshal(out) // maps of strings and plain structs always encode
	return append(data, '\n')
}
