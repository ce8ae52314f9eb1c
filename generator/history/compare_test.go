package history

import (
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/gittest"
	"github.com/handbook-dev/handbook/generator/model"
)

// step is one commit of TestCompareAsWhole's history: files written (a path to its
// data), removed ("" as data) or made symbolic links ("->target").
type step struct {
	name  string
	files map[string]string
}

const engIndex = `---
title: Ingénierie 🛠️
order: 1
levels:
  - {title: Ingénieur I, id: i1}
  - {title: Ingénieur II, id: i2}
  - {title: 高级工程师, id: senior}
---
`

// The matrix as Excel saves it: a byte-order mark, CRLF, a blank cell, a nested list
// in a cell, titles holding ";" and ",".
const engMatrix = "\uFEFFDimension,Ingénieur I,Ingénieur II,高级工程师,ID\r\n" +
	"\"Livraison; code\",\"Livre des tâches.\",\"- Livre seul\n  - de bout en bout\",Livre des systèmes 🚀,livraison\r\n" +
	"\"Qualité, tests\",Écrit des tests.,,Définit la stratégie.,qualite\r\n"

var compareSteps = []step{
	{"start", map[string]string{
		"content/_index.md":                   "---\ntitle: Manuel\n---\n",
		"content/principles/ownership.md":     "---\ntitle: Ownership\norder: 1\n---\nLeaders are owners.\n",
		"content/principles/customer.md":      "---\ntitle: Customer\norder: 2\n---\nStart with the customer.\n",
		"content/roles/ingenierie/_index.md":  engIndex,
		"content/roles/ingenierie/levels.csv": engMatrix,
		"content/roles/ops/_index.md":         "---\ntitle: Operations\norder: 2\n---\n",
		"content/roles/ops/levels.csv":        "Row,L1,L2\nOn call,Joins the rota,Leads incidents\n",
		"content/interview/deciding.md":       "---\ntitle: Décider\n---\n## Questions\n1. Tell me about a hard decision.\n2. Tell me about a customer.\n",
		"content/interview/owning.md":         "---\ntitle: Owning\n---\n## Questions\n1. Tell me about a mistake.\n",
		"content/delivery/_index.md":          "---\ntitle: Delivery\n---\nHow we deliver.\n",
		"content/delivery/discovery.md":       "---\ntitle: Découverte\norder: 1\n---\nUnderstand the problem.\n",
		"content/guide/about.md":              "---\ntitle: About\n---\nA page.\n",
	}},
	{"a cell reworded, the matrix alone", map[string]string{
		"content/roles/ingenierie/levels.csv": strings.Replace(engMatrix, "Écrit des tests.", "Écrit des tests utiles.", 1),
	}},
	{"a level renamed in _index.md alone", map[string]string{
		"content/roles/ingenierie/_index.md": strings.Replace(engIndex, "id: senior", "id: i3", 1),
	}},
	{"a role's folder renamed", map[string]string{
		"content/roles/ops/_index.md":         "",
		"content/roles/ops/levels.csv":        "",
		"content/roles/operations/_index.md":  "---\ntitle: Operations\norder: 2\n---\n",
		"content/roles/operations/levels.csv": "Row,L1,L2\nOn call,Joins the rota,Leads incidents\n",
	}},
	{"a principle renamed, another retitled", map[string]string{
		"content/principles/customer.md":  "",
		"content/principles/clients.md":   "---\ntitle: Customer\norder: 2\n---\nStart with the customer.\n",
		"content/principles/ownership.md": "---\ntitle: Ownership, always\norder: 1\n---\nLeaders are owners.\n",
	}},
	{"a question moved to another group, one reworded", map[string]string{
		"content/interview/deciding.md": "---\ntitle: Décider\n---\n## Questions\n1. Tell me about the hardest decision.\n",
		"content/interview/owning.md":   "---\ntitle: Owning\n---\n## Questions\n1. Tell me about a mistake.\n2. Tell me about a customer.\n",
	}},
	{"a draft, a link for a role's _index.md, a page edited", map[string]string{
		"content/principles/ownership.md":     "---\ntitle: Ownership, always\norder: 1\ndraft: true\n---\nLeaders are owners.\n",
		"content/roles/operations/_index.md":  "->../ingenierie/_index.md",
		"content/guide/about.md":              "---\ntitle: About us\n---\nA page.\n",
		"content/delivery/discovery.md":       "---\ntitle: Découverte\norder: 1\n---\nUnderstand the problem first.\n",
		"content/roles/ingenierie/levels.csv": strings.Replace(engMatrix, "Dimension", "Dimensión", 1),
	}},
	{"the content folder removed", map[string]string{"content": ""}},
	{"the content folder back, with a role more", map[string]string{
		"content/_index.md":                   "---\ntitle: Manuel\n---\n",
		"content/roles/ingenierie/_index.md":  engIndex,
		"content/roles/ingenierie/levels.csv": engMatrix + "Design 🎨,,Dessine,Mène la conception,design\r\n",
		"content/roles/data/_index.md":        "---\ntitle: データ\n---\n",
		"content/roles/data/levels.csv":       "Row,L1\nSQL,Writes queries\n",
		"content/interview/deciding.md":       "---\ntitle: Décider\n---\n## Questions\n1. Tell me about a hard decision.\n",
	}},
}

// TestCompareAsWhole: what compare finds between two commits, loading only the files
// that differ, is what comparing the commits' whole models finds, for every kind of
// change (renames of roles, levels and principles among them) and between any two
// commits of the history, near or far apart, in a repository of SHA-1 object IDs and
// in one of SHA-256 IDs (where git makes them).
func TestCompareAsWhole(t *testing.T) {
	gittest.RequireGit(t)
	for _, tc := range []struct{ name, format, site string }{
		{"sha1", "sha1", ""},
		{"sha256", "sha256", ""},
		{"sha1 site in a subfolder", "sha1", "docs/manuel d'équipe"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			init := exec.Command("git", "init", "-q", "-b", "main", "--object-format="+tc.format)
			init.Dir = dir
			init.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
			if out, err := init.CombinedOutput(); err != nil {
				if tc.format == "sha1" {
					t.Fatalf("git init: %v: %s", err, out)
				}
				t.Skipf("this git makes no %s repository: %s", tc.format, out)
			}
			compareAsWhole(t, dir, tc.site)
		})
	}
}

// compareAsWhole commits compareSteps in the repository dir, the site in its folder
// site ("" for the top), and compares every two commits both ways.
func compareAsWhole(t *testing.T, dir, site string) {
	var commits []string
	for i, s := range compareSteps {
		for p, data := range s.files {
			p = path.Join(site, p)
			file := filepath.Join(dir, filepath.FromSlash(p))
			os.RemoveAll(file)
			switch {
			case data == "":
			case strings.HasPrefix(data, "->"):
				if err := os.Symlink(strings.TrimPrefix(data, "->"), file); err != nil {
					t.Fatal(err)
				}
			default:
				gittest.WriteFile(t, dir, p, data)
			}
		}
		date := "2026-03-0" + string(rune('1'+i)) + "T10:00:00Z"
		gittest.Git(t, dir, date, "add", "-A")
		gittest.Git(t, dir, date, "commit", "-q", "--allow-empty", "-m", s.name)
		commits = append(commits, strings.TrimSpace(gittest.Git(t, dir, "", "rev-parse", "HEAD")))
	}
	repo, err := Open(filepath.Join(dir, filepath.FromSlash(site)))
	if err != nil {
		t.Fatal(err)
	}
	o, err := repo.objects()
	if err != nil {
		t.Fatal(err)
	}
	defer o.close()
	whole := make([]*model.Site, len(commits))
	for i, c := range commits {
		if whole[i], err = repo.Load(c); err != nil {
			t.Fatal(err)
		}
	}
	kinds := map[string]bool{} // the kinds of change seen, to know the history shows each
	for i := range commits {
		for j := range commits {
			got, err := repo.compare(o, commits[i], commits[j])
			if err != nil {
				t.Fatal(err)
			}
			want := changes.Compare(whole[i], whole[j])
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(want, "", " ")
			if string(g) != string(w) {
				t.Errorf("from %q to %q: compared by the files that differ:\n%s\nwhole:\n%s", compareSteps[i].name, compareSteps[j].name, g, w)
			}
			if j == i+1 {
				for _, c := range append(append(got.Principles, got.Questions...), got.Phases...) {
					kinds[string(c.Item)+" "+string(c.Kind)] = true
				}
				for _, r := range got.Roles {
					for _, c := range r.Items {
						kinds[string(c.Item)+" "+string(c.Kind)] = true
					}
					for _, c := range r.Cells {
						kinds["cell "+string(c.Kind)] = true
					}
				}
			}
		}
	}
	for _, k := range []string{"cell reworded", "cell added", "level renamed", "role renamed", "role added", "role removed", "principle renamed", "principle removed", "question added", "question reworded", "phase reworded"} {
		if !kinds[k] {
			t.Errorf("no %s between consecutive commits: the history does not test it; seen %v", k, kinds)
		}
	}
}
