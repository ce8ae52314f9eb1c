package devserver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// overlayHTML returns the error overlay a problem event carries.
func overlayHTML(t *testing.T, e event) string {
	t.Helper()
	var o struct{ HTML string }
	if err := json.Unmarshal([]byte(e.data), &o); err != nil {
		t.Fatalf("problem event %q: %v", e.data, err)
	}
	return o.HTML
}

// waitProblem waits for a problem event whose overlay holds every one of wants, letting
// other problem events (a build caught half-way through a change) pass.
func (p *preview) waitProblem(wants ...string) string {
	p.t.Helper()
	deadline := time.After(10 * time.Second)
	var last string
	for {
		select {
		case e := <-p.events:
			if e.name != "problem" {
				p.t.Fatalf("event %q (%s), want a problem", e.name, e.data)
			}
			last = overlayHTML(p.t, e)
			ok := true
			for _, w := range wants {
				ok = ok && strings.Contains(last, w)
			}
			if ok {
				return last
			}
		case <-deadline:
			p.t.Fatalf("no problem showing %q within 10s; the last overlay:\n%s", wants, last)
		}
	}
}

// recovers waits for the fixed event and the reload after it, and requires that the
// page shows text.
func (p *preview) recovers(page, text string) {
	p.t.Helper()
	p.expectAfterProblems("fixed")
	if pages := reloaded(p.expect("reload")); !contains(pages, page) && !contains(pages, "*") {
		p.t.Errorf("reload of %v, want %s", pages, page)
	}
	if status, body := p.get(page); status != 200 || !strings.Contains(body, text) {
		p.t.Errorf("after the fix, %s (status %d) does not show %q", page, status, text)
	}
	if p.srv.Problems() != "" {
		p.t.Error("the problem is still shown")
	}
}

// servesLastGood requires that page is still served as the last good build made it.
func (p *preview) servesLastGood(page, text string) {
	p.t.Helper()
	if status, body := p.get(page); status != 200 || !strings.Contains(body, text) {
		p.t.Errorf("during the error, %s (status %d) is not the last good page", page, status)
	}
}

// TestPreviewSurvivesBrokenTemplate: a syntax error in the site's theme keeps the last
// good site served and shows the error over open pages at the template's file and line,
// with its source lines; fixing it clears the overlay and reloads the new page.
func TestPreviewSurvivesBrokenTemplate(t *testing.T) {
	p := startPreview(t, 0)
	const tmpl = "themes/default/templates/principle.html"
	good := p.read(tmpl)
	lines := strings.SplitAfter(good, "\n")
	if len(lines) < 4 {
		t.Fatalf("%s has %d lines", tmpl, len(lines))
	}
	// Line 3 gets an action that does not parse.
	broken := strings.Join(lines[:2], "") + "{{if}}" + strings.Join(lines[2:], "")
	p.write(tmpl, broken)
	overlay := p.waitProblem(
		"<code>themes/default/templates/principle.html:3</code> template: missing value for if",
		`<span class="hl-line hl-hl"><span class="hl-ln">3</span>`, // the line, among its neighbours
	)
	if strings.Count(overlay, "<li>") != 1 {
		t.Errorf("the overlay shows more than the one problem:\n%s", overlay)
	}
	p.servesLastGood("/principles/ownership/", "Leaders are owners.")

	fixed := strings.Replace(good, "{{define \"content\"}}", "{{define \"content\"}}<p>The template is fixed.</p>", 1)
	if fixed == good {
		t.Fatalf("%s has no content block to edit", tmpl)
	}
	p.write(tmpl, fixed)
	p.recovers("/principles/ownership/", "The template is fixed.")
}

// TestPreviewSurvivesUnreadableSource: a source that cannot be read (made unreadable,
// replaced by a folder, or by a link out of content/) keeps the last good site served
// with the problem shown, never what the link leads to; once the file is back, the
// preview recovers and shows it.
func TestPreviewSurvivesUnreadableSource(t *testing.T) {
	const (
		src  = "content/principles/ownership.md"
		page = "/principles/ownership/"
	)
	tests := []struct {
		name  string
		spoil func(t *testing.T, p *preview, path string)
		wants []string // in the overlay
	}{
		{"made unreadable", func(t *testing.T, p *preview, path string) {
			// Saved as an editor does, in one rename, but unreadable (a mode change
			// alone is no change to the text, and no event).
			tmp := path + ".new"
			if err := os.WriteFile(tmp, []byte(p.read(src)), 0); err != nil {
				t.Fatal(err)
			}
			if f, err := os.Open(tmp); err == nil {
				f.Close()
				os.Remove(tmp)
				t.Skipf("mode 000 does not stop reads here (uid %d); the other cases cover a source that cannot be read", os.Geteuid())
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}, []string{"<code>content/principles/ownership.md</code> cannot read: open content/principles/ownership.md: permission denied"}},
		{"replaced by a folder", func(t *testing.T, p *preview, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, []string{"unknown principle &#34;Ownership&#34;"}},
		{"replaced by a link out of content", func(t *testing.T, p *preview, path string) {
			p.write("secret.md", "---\ntitle: Secret\n---\nTOP SECRET TEXT\n")
			tmp := path + ".new"
			if err := os.Symlink("../../secret.md", tmp); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil { // as an editor saves: in one step
				t.Fatal(err)
			}
		}, []string{"<code>content/principles/ownership.md</code> symbolic link to &#34;../../secret.md&#34; leads out of the content folder; a source must be inside content/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startPreview(t, 0)
			path := filepath.Join(p.dir, src)
			good := p.read(src)
			tt.spoil(t, p, path)
			p.waitProblem(tt.wants...)
			p.servesLastGood(page, "Leaders are owners.")
			for _, u := range []string{page, "/principles/", "/search/"} {
				if _, body := p.get(u); strings.Contains(body, "TOP SECRET") {
					t.Errorf("%s shows the file the link leads to", u)
				}
			}

			// Back as a readable file, with a new sentence.
			os.Chmod(path, 0o644)
			if err := os.RemoveAll(path); err != nil {
				t.Fatal(err)
			}
			p.write(src, good+"\nOwnership survives a bad file.\n")
			p.recovers(page, "Ownership survives a bad file.")
		})
	}
}
