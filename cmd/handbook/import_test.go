package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// authorsEdits is what an author did to the imported professional-services role: a row
// renamed (keeping its ID), a row and a column added, the introduction edited.
var authorsEdits = []struct{ file, old, new string }{
	{"levels.csv", "\nKey Responsibilities,Assisting,Delivering,Leading,Influencing,Ownership; Deliver Results,key-responsibilities\n",
		"\nMain responsibilities,Assisting,Delivering,Leading,Influencing,Ownership; Deliver Results,key-responsibilities,\"see the wiki, page 2\"\n" +
			"\"Mentoring, coaching; pairing 🤝\",Is mentored,Mentors one,Mentors several,Builds a mentoring culture,Hire and Develop the Best,mentoring,added by us\n"},
	{"levels.csv", "Principles,ID\n", "Principles,ID,Notes\n"}, // every other row gets an empty Notes cell
	{"_index.md", "This document describes", "This handbook, as our team edited it, describes"},
}

// importSite returns a site folder holding the handbook's content/ with the
// professional-services role as an author left it after importing the seed export and
// editing it (authorsEdits; every other row gets an empty Notes cell).
func importSite(t *testing.T) (dir, role string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	role = filepath.Join(dir, "content", "roles", "professional-services")
	for _, e := range authorsEdits {
		p := filepath.Join(role, e.file)
		data := string(readFile(t, p))
		if !strings.Contains(data, e.old) {
			t.Fatalf("%s no longer holds %q", p, e.old)
		}
		data = strings.Replace(data, e.old, e.new, 1)
		if strings.HasSuffix(e.new, ",Notes\n") {
			lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
			for i, l := range lines {
				if i > 0 && !strings.Contains(l, ",key-responsibilities,") && !strings.Contains(l, ",mentoring,") {
					lines[i] = l + ","
				}
			}
			data = strings.Join(lines, "\n") + "\n"
		}
		writeFile(t, p, data)
	}
	if r := runCLI(t, "check", "--source", dir); r.code != exitOK {
		t.Fatalf("the edited site does not check:\n%s", r)
	}
	return dir, role
}

// newerExport writes the seed export as Coda would export it after an edit of one cell
// and a row added, and returns its path.
func newerExport(t *testing.T) string {
	t.Helper()
	newer := string(readFile(t, codaExport))
	for _, e := range [][2]string{
		{"\nAssisting\n", "\nAssisting others\n"},
		{"\nThere are no rows in this table\n", "\n10\nCustomer Obsession, daily\nListens\nAnticipates\nShapes\nDefines\nThere are no rows in this table\n"},
	} {
		if !strings.Contains(newer, e[0]) {
			t.Fatalf("%s no longer holds %q", codaExport, e[0])
		}
		newer = strings.Replace(newer, e[0], e[1], 1)
	}
	path := filepath.Join(t.TempDir(), "newer.txt")
	writeFile(t, path, newer)
	return path
}

// TestImportMergeSummary: a re-import with --force over the author's work keeps it all,
// prints what it changed and kept, and the result still checks.
func TestImportMergeSummary(t *testing.T) {
	dir, role := importSite(t)
	export := newerExport(t)
	args := []string{"import", "coda", export, "--role", "professional-services", "--source", dir, "--force"}
	r := runCLI(t, args...)
	wantCode(t, r, exitOK)
	csvPath, indexPath := filepath.Join(role, "levels.csv"), filepath.Join(role, "_index.md")
	want := csvPath + ":\n" +
		`  row added: "Customer Obsession, daily"` + "\n" +
		`  cells changed: "Main responsibilities" under "Professional Services I"` + "\n" +
		`  kept the title of renamed row "Main responsibilities" (line 3; the export's "Key Responsibilities", matched by its ID)` + "\n" +
		`  kept row not in the export: "Mentoring, coaching; pairing 🤝" (line 4)` + "\n" +
		`  kept columns "Principles", "ID", "Notes" (values in 9 rows)` + "\n" +
		indexPath + ":\n" +
		"  no change\n" +
		"  kept the introduction, which differs from the export's (to take the export's, empty the body and import again)\n" +
		"  kept front matter: track, order, levels\n"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("stdout =\n%s\nwant it to start with\n%s", r.stdout, want)
	}
	wantContains(t, "stdout", r.stdout, "imported "+export+": 4 levels, 9 rows -> "+role+"\n")
	levels, index := string(readFile(t, csvPath)), string(readFile(t, indexPath))
	wantContains(t, "levels.csv", levels, "Principles,ID,Notes\n",
		"\nMain responsibilities,Assisting others,Delivering,Leading,Influencing,Ownership; Deliver Results,key-responsibilities,\"see the wiki, page 2\"\n",
		"\n\"Customer Obsession, daily\",Listens,Anticipates,Shapes,Defines,,,\n",
		"\n\"Mentoring, coaching; pairing 🤝\",Is mentored,")
	wantContains(t, "_index.md", index, "This handbook, as our team edited it, describes", "\ntrack: Individual contributor\n")
	if r := runCLI(t, "check", "--source", dir); r.code != exitOK {
		t.Errorf("the merged site does not check:\n%s", r)
	}

	// The merge is stable: importing the same export again changes nothing.
	r = runCLI(t, args...)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, csvPath+":\n  no change\n", indexPath+":\n  no change\n  kept the introduction", "nothing to change: ")
}

// TestImportDryRun: --dry-run prints the same report as the import and leaves the
// folder byte for byte as it was.
func TestImportDryRun(t *testing.T) {
	dir, _ := importSite(t)
	export := newerExport(t)
	args := []string{"import", "coda", export, "--role", "professional-services", "--source", dir, "--force"}

	before := foldertest.State(t, dir)
	dry := runCLI(t, append(args, "--dry-run")...)
	wantCode(t, dry, exitOK)
	foldertest.Same(t, "--dry-run", before, foldertest.State(t, dir))
	wantContains(t, "stdout", dry.stdout, `  cells changed: "Main responsibilities" under "Professional Services I"`, "dry run, nothing written: would import ")

	real := runCLI(t, args...)
	wantCode(t, real, exitOK)
	cut := func(s string) string { return s[:strings.LastIndex(strings.TrimSuffix(s, "\n"), "\n")+1] }
	if cut(dry.stdout) != cut(real.stdout) {
		t.Errorf("--dry-run reports\n%s\nthe import\n%s", dry.stdout, real.stdout)
	}
	wantContains(t, "levels.csv", string(readFile(t, filepath.Join(dir, "content", "roles", "professional-services", "levels.csv"))), "\nMain responsibilities,Assisting others,")
}

// TestImportRefusesLoss: an export that cannot be merged without losing text makes
// the import fail with each loss at its place, writing nothing, dry run or not.
func TestImportRefusesLoss(t *testing.T) {
	dir, role := importSite(t)
	csvPath := filepath.Join(role, "levels.csv")
	export := filepath.Join(t.TempDir(), "renamed.txt")
	// The last level renamed, and one of its cells edited: the merge cannot tell the
	// renamed level by its cells.
	renamed := strings.Replace(string(readFile(t, codaExport)), "\nPrincipal Professional Service\n", "\nPrincipal\n", 1)
	writeFile(t, export, strings.Replace(renamed, "\nInfluencing\n", "\nInfluencing widely\n", 1))
	before := foldertest.State(t, dir)
	for _, extra := range [][]string{nil, {"--dry-run"}} {
		r := runCLI(t, append([]string{"import", "coda", export, "--role", "professional-services", "--source", dir, "--force"}, extra...)...)
		wantCode(t, r, exitFail)
		wantContains(t, "stderr", r.stderr,
			csvPath+`:1:86: error: level "Principal Professional Service" is not in the export, and 9 cells of its column would be lost`,
			csvPath+`:2:`, `: error: the cell of row "General Scope / Progression" under level "Principal Professional Service" would be lost: "Develops strategy`,
			csvPath+`:4:`, `: error: the cell of row "Mentoring, coaching; pairing 🤝" under level "Principal Professional Service" would be lost: "Builds a mentoring culture"`,
			"import refused: the export cannot be merged into the files as they are; nothing was written\n")
		if r.stdout != "" {
			t.Errorf("a refused import printed a report:\n%s", r.stdout)
		}
		foldertest.Same(t, "refused import "+strings.Join(extra, " "), before, foldertest.State(t, dir))
	}

	// Without --force, existing files are never touched, dry run or not.
	for _, extra := range [][]string{nil, {"--dry-run"}} {
		r := runCLI(t, append([]string{"import", "coda", codaExport, "--role", "professional-services", "--source", dir}, extra...)...)
		wantCode(t, r, exitFail)
		wantContains(t, "stderr", r.stderr, csvPath+": file already exists; import with --force")
		foldertest.Same(t, "import without --force", before, foldertest.State(t, dir))
	}
}
