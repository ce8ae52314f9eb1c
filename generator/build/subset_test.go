package build

import (
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/memfs"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// TestSubsetIsTheFilesAlone: for every source of the real handbook and of the other
// organisations' sites, the model's items from the files a save of it loads again (the
// source, the site's _index.md, the other file of its role), as linked, have the shape
// of those files loaded alone. A save's patch compares its files as they are with
// these: a field graph sets that is not tagged graph:"set", or an item Subset leaves
// out, would send every save to a whole load. The test fails too if the comparison
// misses a change: each source's principles, retitled in the fresh copy, must differ.
func TestSubsetIsTheFilesAlone(t *testing.T) {
	type site struct {
		name string
		fsys fs.FS
		opts Options
	}
	sites := []site{{"content", repo, Options{Drafts: true}}}
	archives, _ := filepath.Glob("testdata/sites/org-*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys, _, opts := siteFS(ar)
		sites = append(sites, site{filepath.Base(name), fsys, opts})
	}
	for _, st := range sites {
		s := NewSession(st.fsys, st.opts)
		gen, _, diags := s.Update(nil)
		if gen == nil {
			t.Fatalf("%s: %v", st.name, diags)
		}
		files := 0
		for _, p := range slices.Sorted(maps.Keys(s.srcs)) {
			mini := s.miniSite([]string{p}, nil)
			fresh, _ := source.Load(memfs.New(mini), source.Options{Drafts: st.opts.Drafts})
			if fresh == nil {
				t.Errorf("%s: %s does not load alone", st.name, p)
				continue
			}
			files++
			before := gen.site.Subset(func(f string) bool { _, ok := mini[f]; return ok })
			if !model.SameShape(before, fresh) {
				t.Errorf("%s: the model's items from %s differ in shape from the file loaded alone", st.name, p)
			}
			for _, pr := range fresh.Principles {
				title := pr.Title
				pr.Title += " (renamed)"
				if model.SameShape(before, fresh) {
					t.Errorf("%s: %s: principle %s retitled, and the shape is the same", st.name, p, pr.ID)
				}
				pr.Title = title
			}
		}
		if files < 5 {
			t.Errorf("%s: only %d sources compared", st.name, files)
		}
	}
}
