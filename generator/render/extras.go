package render

import (
	"encoding/json"
	"encoding/xml"

	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/output"
)

// extraFile is one file of the site other than its pages and the theme's assets.
type extraFile struct {
	path   string        // "sitemap.xml", unescaped
	what   string        // "the sitemap", for messages
	source string        // the content file it is made of, or ""
	data   func() []byte // its content; nil content: not written this time, yet reserved
}

// extraFiles is the one list of the files other than pages the site may hold: the
// files written (extras), the paths no page or former address may take
// (outputs, reservedPaths).
func (r *renderer) extraFiles() []extraFile {
	files := []extraFile{
		{"sitemap.xml", "the sitemap", "", r.sitemap},
		{"robots.txt", "robots.txt", "", r.robots},
		{"handbook.json", "the model as JSON", "", r.modelJSON},
		{RedirectsFile, "the redirect rules", "", r.redirectRules},
		{output.HeadersFile, "the headers file", "", r.headers},
	}
	for _, role := range r.site.Roles {
		files = append(files, extraFile{outputPath(role.CSVURL()), "the download of " + role.CSVPath, role.CSVPath, func() []byte { return role.CSV }})
	}
	if r.hasFeed() {
		files = append(files, extraFile{"changes/index.xml", "the feed of changes", "", r.atom})
	}
	return files
}

// headers is the host's headers file for the site's base path, or nil.
func (r *renderer) headers() []byte {
	if r.opts.Headers == nil {
		return nil
	}
	return r.opts.Headers(r.basePath)
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
