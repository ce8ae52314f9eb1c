package search_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/graph"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// TestUpdate edits a synthetic handbook as an author does while the preview runs (a
// cell, a question, a principle's title, a question group removed and added back),
// updates the index of each version from the index of the one before, and wants after
// every edit the very bytes a full build of those sources writes: from the model the
// preview holds, and from the sources loaded afresh.
func TestUpdate(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Pages: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	first := func(pattern string) string {
		matches, _ := filepath.Glob(filepath.Join(content, pattern))
		if len(matches) == 0 {
			t.Fatalf("no %s in the corpus", pattern)
		}
		return matches[0]
	}
	group := first("interview/[^_]*.md")
	groupText, _ := os.ReadFile(group)
	principle := first("principles/[^_]*.md")
	title := titleOf(t, principle)
	edits := []struct {
		name string
		edit func() []string // the files changed
	}{
		{"a cell", func() []string {
			// The first cell of the first row: after the header and the row's title.
			file := first("roles/*/levels.csv")
			data, _ := os.ReadFile(file)
			at := bytes.IndexByte(data, '\n') + 1
			at += bytes.IndexByte(data[at:], ',') + 1
			if data[at] == '"' {
				at++
			}
			return []string{replaceIn(t, file, string(data[:at]), string(data[:at])+"Reworded: ", 1)}
		}},
		{"a principle's text", func() []string {
			return []string{replaceIn(t, principle, "\n---\n", "\n---\nA sentence added.\n\n", 1)}
		}},
		{"a question", func() []string {
			return []string{replaceIn(t, group, "\n1. ", "\n1. Reworded, ", 1)}
		}},
		{"a principle's title", func() []string {
			var changed []string
			filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(title)) {
						changed = append(changed, replaceIn(t, p, title, title+" Renamed", -1))
					}
				}
				return err
			})
			return changed
		}},
		{"a group removed", func() []string {
			if err := os.Remove(group); err != nil {
				t.Fatal(err)
			}
			return []string{group}
		}},
		{"a group added", func() []string {
			if err := os.WriteFile(group, groupText, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{group}
		}},
		{"nothing", func() []string { return nil }},
	}

	session := build.NewSession(os.DirFS(dir), build.Options{Drafts: true})
	gen, _, diags := session.Update(nil)
	if gen == nil {
		t.Fatalf("the corpus does not load:\n%s", diags.Error())
	}
	prev := search.Update(search.Index{}, gen.Site(), search.Options{})
	for _, e := range edits {
		var rel []string
		for _, p := range e.edit() {
			r, _ := filepath.Rel(dir, p)
			rel = append(rel, filepath.ToSlash(r))
		}
		if rel == nil {
			rel = []string{}
		}
		var change build.Change
		gen, change, diags = session.Update(rel)
		if gen == nil {
			t.Fatalf("after %s, the corpus does not load:\n%s", e.name, diags.Error())
		}
		t.Logf("%s: %v change", e.name, change)
		got := search.Update(prev, gen.Site(), search.Options{})
		sameIndex(t, e.name+": updated, against a full build of the same model", got, search.Build(gen.Site(), search.Options{}))
		sameIndex(t, e.name+": updated, against a full build of the sources", got, freshIndex(t, dir))
		prev = got
	}
}

// freshIndex loads the site folder dir afresh and builds its index.
func freshIndex(t *testing.T, dir string) search.Index {
	t.Helper()
	site, diags := source.Load(os.DirFS(dir), source.Options{Drafts: true})
	if site == nil || diags.HasErrors(false) {
		t.Fatalf("loading:\n%s", diags.Error())
	}
	graph.Build(site)
	return search.Build(site, search.Options{})
}

// sameIndex fails unless two indexes have the same files, byte for byte.
func sameIndex(t *testing.T, what string, got, want search.Index) {
	t.Helper()
	if got.Docs != want.Docs || len(got.Files) != len(want.Files) {
		t.Errorf("%s: %d documents in %d files, want %d in %d", what, got.Docs, len(got.Files), want.Docs, len(want.Files))
		return
	}
	bad := 0
	for i, f := range got.Files {
		if w := want.Files[i]; f.Path != w.Path || !bytes.Equal(f.Data, w.Data) {
			if bad++; bad <= 5 {
				t.Errorf("%s: file %d is %s (%d bytes), want %s (%d bytes)", what, i, f.Path, len(f.Data), w.Path, len(w.Data))
			}
		}
	}
}

var titleLine = regexp.MustCompile(`(?m)^title: *"?([^"\n]*?)"? *$`)

// titleOf returns the title of a markdown source.
func titleOf(t *testing.T, file string) string {
	data, _ := os.ReadFile(file)
	m := titleLine.FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s has no title", file)
	}
	return string(m[1])
}

// replaceIn replaces the first n old in a file with new (every one for n < 0), and
// returns the file.
func replaceIn(t *testing.T, file, old, new string, n int) string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s holds no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(s, old, new, n)), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
