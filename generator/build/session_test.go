package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/diag"
)

// TestSessionMatchesBuild makes a series of edits to a copy of the real handbook, brings
// a Session up to date after each as the dev server does (Update, then Check), and
// checks that the result is exactly what a whole build of the same sources gives: the
// same files, byte for byte, and the same problems, or the changed file's own errors.
// It also checks that the edits of content alone were patched into the model.
func TestSessionMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	const (
		principle = "content/principles/ownership.md"
		matrix    = "content/roles/professional-services/levels.csv"
		group     = "content/interview/deciding-without-complete-data.md"
		page      = "content/contributing.md"
		home      = "content/_index.md"
		newPage   = "content/faq.md"
	)
	type step struct {
		name    string
		file    string
		edit    func(string) string // nil removes the file
		partial bool                // patched into the model (Content), not loaded whole
		fails   bool
		also    func(dir string) // more changes to the site folder, if any
		changed []string         // the paths reported as changed, when not just file
	}
	appendText := func(text string) func(string) string {
		return func(s string) string { return s + text }
	}
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("the content no longer holds %q: update the test", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	steps := []step{
		{name: "principle prose", file: principle, edit: appendText("\nA sentence added while previewing.\n"), partial: true},
		{name: "principle heading", file: principle, edit: appendText("\n## Worked example\n\nOwners finish what they start.\n"), partial: true},
		{name: "link to the new anchor", file: page, edit: appendText("\nSee [a worked example](principles/ownership.md#worked-example).\n"), partial: true},
		{name: "anchor removed under the link", file: principle, edit: replace("## Worked example", "## Example"), partial: true, fails: true},
		{name: "anchor back", file: principle, edit: replace("## Example", "## Worked example"), partial: true},
		{name: "matrix cell", file: matrix, edit: replace("Manages tasks and supports", "Manages tasks and **supports**"), partial: true},
		// A cell blanked or filled changes which pages list the row: a whole build.
		{name: "matrix cell blanked", file: matrix, edit: replace("Key Responsibilities,Assisting,", "Key Responsibilities,,")},
		{name: "matrix cell filled again", file: matrix, edit: replace("Key Responsibilities,,", "Key Responsibilities,Assisting,")},
		{name: "example answer", file: group, edit: replace("**R:** In the end,", "**R:** In the very end,"), partial: true},
		{name: "question wording", file: group, edit: replace("## Follow-up questions", "## Follow-up questions\n\nAsk these in any order."), partial: true},
		// The home page had no text: that it has some now may show anywhere.
		{name: "home page text", file: home, edit: appendText("\nWelcome to the handbook.\n")},
		{name: "home page edited", file: home, edit: replace("Welcome to", "Welcome to the preview of"), partial: true},
		{name: "broken front matter", file: principle, edit: replace("title:", "title: [unclosed"), fails: true},
		// The broken file is still broken when another one changes.
		{name: "an edit elsewhere meanwhile", file: page, edit: appendText("\nMeanwhile.\n"), fails: true},
		{name: "front matter fixed", file: principle, edit: replace("title: [unclosed", "title:"), partial: true},
		{name: "principle title", file: principle, edit: replace("title: Ownership", "title: Owning it"), partial: true}, // every reference names it by its ID
		{name: "matrix row title", file: matrix, edit: replace("Key Responsibilities,", "Main Responsibilities,")},
		{name: "new page", file: newPage, edit: func(string) string { return "---\ntitle: FAQ\n---\nAsk away.\n" }},
		{name: "new page edited", file: newPage, edit: appendText("More answers.\n"), partial: true},
		{name: "page removed", file: newPage},
		{name: "saved through a temporary file", file: principle, edit: appendText("\nSaved the safe way.\n"), partial: true,
			changed: []string{principle, principle + "___jb_tmp___", "content/principles"}},
		{name: "an image beside the sources", file: page, edit: appendText("\nWith a diagram.\n"), partial: true,
			also: func(dir string) { write(t, dir, "content/diagram.png", "PNG") }, changed: []string{page, "content/diagram.png", "content"}},
		{name: "a new folder with a page", file: page, edit: appendText("\nSee the guides.\n"),
			also: func(dir string) { write(t, dir, "content/guides/intro.md", "---\ntitle: Intro\n---\nHello.\n") }, changed: []string{page, "content/guides"}},
		{name: "the folder renamed", file: page, edit: appendText("\nMoved.\n"),
			also: func(dir string) {
				if err := os.Rename(filepath.Join(dir, "content", "guides"), filepath.Join(dir, "content", "howto")); err != nil {
					t.Fatal(err)
				}
			}, changed: []string{page, "content/guides", "content/howto"}},
	}
	session := NewSession(os.DirFS(dir), Options{Drafts: true})
	if gen, _, diags := session.Update(nil); gen == nil {
		t.Fatalf("first build failed:\n%s", diags)
	}
	for _, st := range steps {
		file := filepath.Join(dir, filepath.FromSlash(st.file))
		if st.edit == nil {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
		} else {
			data, _ := os.ReadFile(file)
			if err := os.WriteFile(file, []byte(st.edit(string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if st.also != nil {
			st.also(dir)
		}
		changed := st.changed
		if changed == nil {
			changed = []string{st.file}
		}
		gen, change, gotDiags := session.Update(changed)
		var got *Result
		if gen != nil {
			checked, _ := gen.Check(0, nil)
			gotDiags.Append(checked)
			if !gotDiags.HasErrors(false) {
				got = &Result{Files: gen.Files()}
			}
		}
		want, wantDiags := Build(os.DirFS(dir), Options{Drafts: true})
		if (got == nil) != st.fails || (want == nil) != st.fails {
			t.Fatalf("%s: session built %v, whole build %v, want %v\nsession:\n%s\nwhole build:\n%s", st.name, got != nil, want != nil, !st.fails, gotDiags, wantDiags)
		}
		if gen != nil {
			// Loaded or patched: every problem a whole build reports, and no other.
			if g, w := gotDiags.Error(), wantDiags.Error(); g != w {
				t.Errorf("%s: the session reports\n%s\nthe whole build reports\n%s", st.name, g, w)
			}
		}
		if st.fails && gen == nil {
			// A session reports the changed file's own errors, without the errors
			// elsewhere that follow from them.
			g, w := errorsOf(gotDiags), errorsOf(wantDiags)
			for _, e := range strings.SplitAfter(g, "\n") {
				if !strings.Contains(w, e) {
					t.Errorf("%s: session reports %q; the whole build reports\n%s", st.name, e, w)
				}
			}
			if g == "" {
				t.Errorf("%s: session reports no error; the whole build reports\n%s", st.name, w)
			}
			continue
		}
		if (change == Content) != st.partial {
			t.Errorf("%s: change %v; want a content patch: %v", st.name, change, st.partial)
		}
		if st.fails {
			continue
		}
		sameFiles(t, st.name, got, want)
	}
}

// write writes a file of the site folder dir, making its folder.
func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func errorsOf(diags diag.List) string {
	var b strings.Builder
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			b.WriteString(d.String() + "\n")
		}
	}
	return b.String()
}

func sameFiles(t *testing.T, step string, got, want *Result) {
	t.Helper()
	if len(got.Files) != len(want.Files) {
		t.Errorf("%s: %d files, whole build %d", step, len(got.Files), len(want.Files))
	}
	for i := range min(len(got.Files), len(want.Files)) {
		g, w := got.Files[i], want.Files[i]
		if g.Path != w.Path {
			t.Errorf("%s: file %d is %s, whole build has %s", step, i, g.Path, w.Path)
			return
		}
		if !bytes.Equal(g.Data, w.Data) {
			t.Errorf("%s: %s differs from the whole build's", step, g.Path)
		}
	}
}
