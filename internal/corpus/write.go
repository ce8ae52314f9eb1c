package corpus

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// writer writes files under root, counting them; the first error sticks.
type writer struct {
	root  string
	dirs  map[string]bool
	files int
	bytes int64
	err   error
}

func (w *writer) write(rel string, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	if dir := filepath.Dir(p); !w.dirs[dir] {
		if w.err = os.MkdirAll(dir, 0o755); w.err != nil {
			return
		}
		w.dirs[dir] = true
	}
	if w.err = os.WriteFile(p, data, 0o644); w.err == nil {
		w.files++
		w.bytes += int64(len(data))
	}
}

// frontMatter builds a YAML front matter block.
type frontMatter struct{ b strings.Builder }

func newFrontMatter(title string) *frontMatter {
	f := &frontMatter{}
	f.b.WriteString("---\ntitle: " + q(title) + "\n")
	return f
}

func (f *frontMatter) line(key, value string) *frontMatter {
	f.b.WriteString(key + ": " + value + "\n")
	return f
}

func (f *frontMatter) list(key string, items []string) *frontMatter {
	f.b.WriteString(key + ":\n")
	for _, it := range items {
		f.b.WriteString("  - " + q(it) + "\n")
	}
	return f
}

// page ends the front matter and appends the body.
func (f *frontMatter) page(body string) []byte {
	f.b.WriteString("---\n")
	if body != "" {
		f.b.WriteString(body)
		if !strings.HasSuffix(body, "\n") {
			f.b.WriteByte('\n')
		}
	}
	return []byte(f.b.String())
}

// q quotes a YAML string (Go's quoting is valid YAML double-quoted style for this text).
func q(s string) string { return strconv.Quote(s) }

// writeHandbook writes the corpus in the handbook's content format.
func (p *plan) writeHandbook(w *writer) {
	w.write("content/_index.md", newFrontMatter("Synthetic Guideline Handbook").
		line("description", q("Career levels, leadership principles, interview questions and delivery practice of a synthetic organization.")).
		line("noindex", "true").page(p.homeBody))
	w.write("content/about.md", newFrontMatter("About this handbook").
		line("description", q("How the handbook is organized and where each source lives.")).page(p.aboutBody))

	w.write("content/principles/_index.md", newFrontMatter("Leadership Principles").page(p.principlesIntro))
	for _, pr := range p.principles {
		fm := newFrontMatter(pr.title)
		if pr.order > 0 {
			fm.line("order", itoa(pr.order))
		}
		w.write("content/principles/"+pr.id+".md", fm.page(pr.body))
	}

	for _, r := range p.roles {
		fm := newFrontMatter(r.title).line("track", q(r.track)).line("order", itoa(r.order))
		if r.levelIDs {
			fm.b.WriteString("levels:\n")
			for _, lv := range r.levels {
				fm.b.WriteString("  - title: " + q(lv.title) + "\n    id: " + lv.id + "\n")
			}
		}
		w.write("content/roles/"+r.id+"/_index.md", fm.page(r.intro))
		w.write("content/roles/"+r.id+"/levels.csv", r.csv())
	}

	w.write("content/interview/_index.md", newFrontMatter("Interview questions").page(p.interviewIntro))
	for _, g := range p.groups {
		fm := newFrontMatter(g.title)
		if g.order > 0 {
			fm.line("order", itoa(g.order))
		}
		w.write("content/interview/"+g.id+".md", fm.list("principles", g.refs).page(g.body()))
	}

	var fm strings.Builder
	fm.WriteString("---\ntitle: \"Delivery Framework\"\npersonas:\n")
	for _, ps := range p.personas {
		fm.WriteString("  - id: " + ps.id + "\n    title: " + q(ps.title) + "\n    roles:\n")
		for _, r := range ps.roles {
			fm.WriteString("      - " + q(r) + "\n")
		}
		fm.WriteString("    description: " + q(ps.description) + "\n")
		if ps.role != nil {
			fm.WriteString("    role: " + ps.role.id + "\n")
		}
	}
	fm.WriteString("---\n" + p.deliveryBody)
	w.write("content/delivery/_index.md", []byte(fm.String()))
	for _, ph := range p.phases {
		f := newFrontMatter(ph.title).line("order", itoa(ph.order))
		ids := make([]string, len(ph.personas))
		for i, ps := range ph.personas {
			ids[i] = ps.id
		}
		f.list("personas", ids).list("principles", ph.refs)
		if len(ph.mechanisms) > 0 {
			f.b.WriteString("mechanisms:\n")
			for _, m := range ph.mechanisms {
				f.b.WriteString("  - name: " + q(m.name) + "\n    short: " + q(m.short) + "\n    when: " + q(m.when) + "\n")
			}
		}
		w.write("content/delivery/"+ph.id+".md", f.page(ph.body))
	}
}

// csv is the role's levels.csv: the row title, one column per level, then Principles and ID.
func (r *role) csv() []byte {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	header := []string{r.corner}
	for _, lv := range r.levels {
		header = append(header, lv.title)
	}
	cw.Write(append(header, "Principles", "ID"))
	for _, rw := range r.rows {
		rec := append([]string{rw.dim.title}, rw.cells...)
		cw.Write(append(rec, strings.Join(rw.refs, "; "), rw.dim.id))
	}
	cw.Flush()
	return buf.Bytes()
}

// body is the markdown of a question group file.
func (g *group) body() string {
	var b strings.Builder
	if g.intro != "" {
		b.WriteString(g.intro + "\n\n")
	}
	b.WriteString("## Questions\n\n")
	for i, qu := range g.questions {
		b.WriteString(itoa(i+1) + ". " + qu.text + "\n")
	}
	b.WriteString(g.details())
	return b.String()
}

var starLabels = [4]string{"Situation", "Task", "Action", "Result"}

// details is every section of the group after its questions: follow-ups, the example
// answer, coaching notes and any other sections. Each question's page shows them.
func (g *group) details() string {
	var b strings.Builder
	if g.followUps != "" {
		b.WriteString("\n## Follow-up questions\n\n" + g.followUps + "\n")
	}
	if g.answer[0] != "" {
		b.WriteString("\n## Example answer\n")
		for i, part := range g.answer {
			if g.headings {
				b.WriteString("\n### " + starLabels[i] + "\n\n" + part + "\n")
			} else {
				b.WriteString("\n**" + starLabels[i][:1] + ":** " + part + "\n")
			}
		}
	}
	if g.coaching != "" {
		b.WriteString("\n## Coaching notes\n\n" + g.coaching + "\n")
	}
	for _, s := range g.other {
		b.WriteString("\n## " + s.title + "\n\n" + s.body + "\n")
	}
	return b.String()
}
