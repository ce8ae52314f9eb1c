package devserver

import (
	"bytes"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// around is how many source lines the overlay shows on each side of a problem.
const around = 2

type overlayItem struct {
	Where   string
	Message string
	Source  template.HTML
}

var overlayTmpl = template.Must(template.New("overlay").Parse(`<div class="hb-overlay" role="alertdialog" aria-modal="false" aria-labelledby="hb-overlay-title">
<h2 id="hb-overlay-title">The site does not build: {{len .Items}} {{if eq (len .Items) 1}}problem{{else}}problems{{end}}</h2>
<p>{{if .Shown}}The preview shows this version, as far as it renders; a build of it fails.{{else}}The preview still shows the last version that built.{{end}} Fix the sources and save: this goes away by itself.</p>
<ol>{{range .Items}}<li><p><code>{{.Where}}</code> {{.Message}}</p>{{.Source}}</li>{{end}}</ol>
</div>`))

// overlay renders the errors of a failed build, each with the source lines around it,
// as the data of a "problem" event. shown tells whether the preview shows the version
// that fails (its model loaded, and rendering it found the errors) or the last one
// that built.
func (s *Server) overlay(diags diag.List, shown bool) string {
	var items []overlayItem
	for _, d := range diags.Sorted() {
		if d.Severity != diag.Error {
			continue
		}
		items = append(items, overlayItem{Where: d.Pos.String(), Message: d.Message, Source: s.excerpt(d.Pos)})
	}
	var b bytes.Buffer
	if err := overlayTmpl.Execute(&b, struct {
		Items []overlayItem
		Shown bool
	}{items, shown}); err != nil {
		b.Reset()
		b.WriteString(template.HTMLEscapeString(diags.Error()))
	}
	return jsonEvent("", struct {
		HTML string `json:"html"`
	}{b.String()}).data
}

// excerpt returns the highlighted lines around pos, or nothing when they cannot be read.
func (s *Server) excerpt(pos diag.Pos) template.HTML {
	if pos.Line == 0 || !fs.ValidPath(pos.File) {
		return ""
	}
	src, err := fs.ReadFile(s.fsys, pos.File)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	first := max(1, pos.Line-around)
	last := min(len(lines), pos.Line+around)
	if first > last {
		return ""
	}
	lang := map[string]string{".md": "markdown", ".csv": "text", ".html": "go-html-template"}[path.Ext(pos.File)]
	var b bytes.Buffer
	if err := s.hl.Excerpt(&b, lang, lines[first-1:last], first, pos.Line); err != nil {
		return ""
	}
	return template.HTML(b.String()) // chroma escapes the source it formats
}
