package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// siteArchive is a valid small site; its "want" section holds build assertions for
// another test and is not part of the site.
const siteArchive = "../../generator/build/testdata/sites/crosslinks.txtar"

// codaExport is a whole Coda plain-text table export.
const codaExport = "../../generator/coda/testdata/proserve.txt"

// engineerCSV is the crosslinks archive's engineer matrix, for edits to it.
const engineerCSV = "content/roles/engineer/levels.csv"

// result is what one run of the command line did.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func (r result) String() string {
	return "exit " + strconv.Itoa(r.code) + "\nstdout:\n" + r.stdout + "stderr:\n" + r.stderr
}

// writeSite writes the crosslinks site into a new temporary folder, after edit (if any)
// has changed its files (path -> content; delete a key to leave a file out).
func writeSite(t *testing.T, edit func(files map[string]string)) string {
	t.Helper()
	ar, err := txtar.ParseFile(siteArchive)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		if f.Name != "want" {
			files[f.Name] = string(f.Data)
		}
	}
	if edit != nil {
		edit(files)
	}
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return dir
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceIn returns an edit replacing old by new in the file name, failing if old is not
// there (so an edit to the archive cannot silently stop applying).
func replaceIn(t *testing.T, name, old, new string) func(map[string]string) {
	return func(files map[string]string) {
		t.Helper()
		if !strings.Contains(files[name], old) {
			t.Fatalf("%s does not hold %q", name, old)
		}
		files[name] = strings.Replace(files[name], old, new, 1)
	}
}

// brokenSite misspells a principle in the engineer matrix: an error.
func brokenSite(t *testing.T) string {
	return writeSite(t, replaceIn(t, engineerCSV, "Designs components.,Dive Deep,", "Designs components.,Dive Deap,"))
}

// warningSite leaves a row's Principles cell empty: only a warning.
func warningSite(t *testing.T) string {
	return writeSite(t, replaceIn(t, engineerCSV, "Designs components.,Dive Deep,", "Designs components.,,"))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("want exit %d, got %s", code, r)
	}
}

func wantContains(t *testing.T, what, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s does not contain %q:\n%s", what, s, text)
		}
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no args", nil, "Usage:\n  handbook <command> [flags]"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown build flag", []string{"build", "--nope"}, "unknown flag --nope"},
		{"build extra argument", []string{"build", "extra-arg"}, `unexpected argument "extra-arg"`},
		{"build argument after flags", []string{"build", "--drafts", "extra-arg"}, `unexpected argument "extra-arg"`},
		{"unknown check flag", []string{"check", "--dest", "x"}, "unknown flag --dest"},
		{"check extra argument", []string{"check", "extra-arg"}, `unexpected argument "extra-arg"`},
		{"import without format", []string{"import"}, "the only format is coda"},
		{"import unknown format", []string{"import", "excel", "f.xlsx"}, "the only format is coda"},
		{"import coda without file", []string{"import", "coda", "--role", "x"}, "need one FILE and --role ID"},
		{"import coda without role", []string{"import", "coda", codaExport}, "need one FILE and --role ID"},
		{"import coda two files", []string{"import", "coda", "a.txt", "b.txt", "--role", "x"}, "need one FILE and --role ID"},
		{"import coda unknown flag", []string{"import", "coda", codaExport, "--role", "x", "--nope"}, "unknown flag --nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitUsage)
			wantContains(t, "stderr", r.stderr, tt.want)
			if r.stdout != "" {
				t.Errorf("usage error printed to stdout: %q", r.stdout)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "handbook"},
		{[]string{"help"}, "Usage:"},
		{[]string{"--help"}, "Usage:"},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitOK)
			wantContains(t, "stdout", r.stdout, tt.want)
		})
	}
}

func TestBuild(t *testing.T) {
	dir := writeSite(t, nil)
	out := filepath.Join(dir, "out")

	r := runCLI(t, "build", "--source", dir, "--dest", out)
	wantCode(t, r, exitOK)
	if !regexp.MustCompile(`(?m)^built \d+ pages \(\d+ files\) in .*-> ` + regexp.QuoteMeta(out) + `$`).MatchString(r.stdout) {
		t.Errorf("no summary line in stdout:\n%s", r.stdout)
	}
	for _, f := range []string{"index.html", "roles/engineer/levels.csv", "guide/index.html"} {
		if !exists(filepath.Join(out, f)) {
			t.Errorf("%s was not written", f)
		}
	}

	// A second build without guide.md (and the link to it) drops its page.
	if err := os.Remove(filepath.Join(dir, "content", "guide.md")); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, filepath.FromSlash(engineerCSV))
	writeFile(t, csv, strings.Replace(string(readFile(t, csv)), ", see [the guide](/guide/)", "", 1))
	r = runCLI(t, "build", "--source", dir, "--dest", out)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "built", "pages")
	if exists(filepath.Join(out, "guide")) {
		t.Errorf("stale page %s is still there", filepath.Join(out, "guide"))
	}
	if !exists(filepath.Join(out, "index.html")) {
		t.Errorf("index.html is gone after the second build")
	}
	if left := leftBeside(t, out); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

// leftBeside returns what builds left beside the destination dest that they should
// not have: temporary folders, and previous sites set aside beyond the one a build
// leaves for the next to remove.
func leftBeside(t *testing.T, dest string) []string {
	t.Helper()
	prefix := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".handbook-")
	tmps, err := filepath.Glob(prefix + "tmp-*")
	if err != nil {
		t.Fatal(err)
	}
	if olds := setAside(t, dest); len(olds) > 1 {
		return append(tmps, olds...)
	}
	return tmps
}

// setAside returns the names of the previous sites set aside beside dest.
func setAside(t *testing.T, dest string) []string {
	t.Helper()
	olds, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".handbook-old-*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range olds {
		olds[i] = filepath.Base(o)
	}
	return olds
}

func TestBuildRelativeDestIsUnderSource(t *testing.T) {
	dir := writeSite(t, nil)
	r := runCLI(t, "build", "--source", dir, "--dest", "site")
	wantCode(t, r, exitOK)
	if !exists(filepath.Join(dir, "site", "index.html")) {
		t.Errorf("--dest site was not written under --source: %s", r)
	}
}

func TestBuildErrorKeepsDest(t *testing.T) {
	dir := writeSite(t, nil)
	out := filepath.Join(dir, "out")
	wantCode(t, runCLI(t, "build", "--source", dir, "--dest", out), exitOK)
	index := filepath.Join(out, "index.html")
	before := readFile(t, index)

	// Break the same site in place.
	csv := filepath.Join(dir, filepath.FromSlash(engineerCSV))
	writeFile(t, csv, strings.Replace(string(readFile(t, csv)), "Designs components.,Dive Deep,", "Designs components.,Dive Deap,", 1))
	// And change a page, so that a build that wrote anything would show.
	writeFile(t, filepath.Join(dir, "content", "_index.md"), strings.Replace(string(readFile(t, filepath.Join(dir, "content", "_index.md"))), "Welcome", "Hello", 1))

	r := runCLI(t, "build", "--source", dir, "--dest", out)
	wantCode(t, r, exitFail)
	line := regexp.MustCompile(`(?m)^content/roles/engineer/levels\.csv:\d+:\d+: error: unknown principle "Dive Deap".*did you mean "Dive Deep"\?`)
	if !line.MatchString(r.stderr) {
		t.Errorf("no unknown-principle error with a suggestion in stderr:\n%s", r.stderr)
	}
	wantContains(t, "stderr", r.stderr, "build failed", "was not changed")
	if r.stdout != "" {
		t.Errorf("failed build printed to stdout: %q", r.stdout)
	}
	if after := readFile(t, index); !bytes.Equal(before, after) {
		t.Errorf("failed build changed %s", index)
	}
	if !exists(filepath.Join(out, "guide", "index.html")) {
		t.Errorf("failed build removed pages from %s", out)
	}
}

func TestBuildErrorWritesNoDest(t *testing.T) {
	dir := brokenSite(t)
	out := filepath.Join(dir, "out")
	r := runCLI(t, "build", "--source", dir, "--dest", out)
	wantCode(t, r, exitFail)
	if exists(out) {
		t.Errorf("failed build created %s", out)
	}
}

func TestStrict(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"build", []string{"build"}, exitOK},
		{"build --strict", []string{"build", "--strict"}, exitFail},
		{"check", []string{"check"}, exitOK},
		{"check --strict", []string{"check", "--strict"}, exitFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := warningSite(t)
			out := filepath.Join(dir, "out")
			args := append(append([]string(nil), tt.args...), "--source", dir)
			if tt.args[0] == "build" {
				args = append(args, "--dest", out)
			}
			r := runCLI(t, args...)
			wantCode(t, r, tt.want)
			if !regexp.MustCompile(`(?m)^content/roles/engineer/levels\.csv:\d+:\d+: warning: row "Craft" names no principle`).MatchString(r.stderr) {
				t.Errorf("no names-no-principle warning in stderr:\n%s", r.stderr)
			}
			if tt.args[0] == "build" && exists(out) != (tt.want == exitOK) {
				t.Errorf("%s exists: %v, want %v", out, exists(out), tt.want == exitOK)
			}
		})
	}
}

func TestDestSafety(t *testing.T) {
	t.Run("foreign folder", func(t *testing.T) {
		dir := writeSite(t, nil)
		mine := filepath.Join(dir, "mine")
		keep := filepath.Join(mine, "keep.txt")
		writeFile(t, keep, "mine\n")

		r := runCLI(t, "build", "--source", dir, "--dest", mine)
		wantCode(t, r, exitFail)
		wantContains(t, "stderr", r.stderr, "--force", mine)
		if got := string(readFile(t, keep)); got != "mine\n" {
			t.Errorf("keep.txt changed to %q", got)
		}

		r = runCLI(t, "build", "--source", dir, "--dest", mine, "--force")
		wantCode(t, r, exitOK)
		if exists(keep) {
			t.Errorf("--force kept %s", keep)
		}
		if !exists(filepath.Join(mine, "index.html")) {
			t.Errorf("--force did not write the site into %s", mine)
		}
		// Now handbook wrote it, a plain build may replace it.
		wantCode(t, runCLI(t, "build", "--source", dir, "--dest", mine), exitOK)
	})

	t.Run("empty folder", func(t *testing.T) {
		dir := writeSite(t, nil)
		empty := filepath.Join(dir, "empty")
		if err := os.Mkdir(empty, 0o755); err != nil {
			t.Fatal(err)
		}
		wantCode(t, runCLI(t, "build", "--source", dir, "--dest", empty), exitOK)
	})

	refused := []struct {
		name string
		dest func(dir string) string
		want string
	}{
		{"source folder", func(dir string) string { return dir }, "holds the sources"},
		{"source folder as .", func(dir string) string { return "." }, "holds the sources"},
		{"parent of source", func(dir string) string { return filepath.Dir(dir) }, "holds the sources"},
		{"inside content", func(dir string) string { return filepath.Join(dir, "content", "out") }, "inside the content folder"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, nil)
			index := filepath.Join(dir, "content", "_index.md")
			before := readFile(t, index)
			for _, force := range []bool{false, true} {
				args := []string{"build", "--source", dir, "--dest", tt.dest(dir)}
				if force {
					args = append(args, "--force")
				}
				r := runCLI(t, args...)
				wantCode(t, r, exitFail)
				wantContains(t, "stderr", r.stderr, "refusing", tt.want)
			}
			if !bytes.Equal(before, readFile(t, index)) {
				t.Errorf("the sources changed")
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		site func(t *testing.T) string
		want int
		err  string // in stderr
	}{
		{"valid", func(t *testing.T) string { return writeSite(t, nil) }, exitOK, ""},
		{"broken", brokenSite, exitFail, "error: unknown principle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.site(t)
			entries, _ := os.ReadDir(dir)
			r := runCLI(t, "check", "--source", dir)
			wantCode(t, r, tt.want)
			wantContains(t, "stdout", r.stdout, "checked "+filepath.Join(dir, "content"))
			wantContains(t, "stderr", r.stderr, tt.err)
			if exists(filepath.Join(dir, "public")) {
				t.Errorf("check wrote %s", filepath.Join(dir, "public"))
			}
			if after, _ := os.ReadDir(dir); len(after) != len(entries) {
				t.Errorf("check changed %s: %d entries before, %d after", dir, len(entries), len(after))
			}
		})
	}
}

func TestImportCoda(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	role := filepath.Join(dir, "content", "roles", "professional-services")
	index, levels := filepath.Join(role, "_index.md"), filepath.Join(role, "levels.csv")
	args := []string{"import", "coda", codaExport, "--role", "professional-services", "--source", dir}

	r := runCLI(t, args...)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "imported", role)
	for _, f := range []string{index, levels} {
		if !exists(f) {
			t.Errorf("%s was not written", f)
		}
	}
	wantContains(t, "levels.csv", string(readFile(t, levels)), "Professional Services I")
	before := readFile(t, levels)

	r = runCLI(t, args...)
	wantCode(t, r, exitFail)
	wantContains(t, "stderr", r.stderr, "--force")
	if !strings.Contains(r.stderr, index) && !strings.Contains(r.stderr, levels) {
		t.Errorf("refusal does not name the existing file:\n%s", r.stderr)
	}
	if !bytes.Equal(before, readFile(t, levels)) {
		t.Errorf("refused import changed %s", levels)
	}

	r = runCLI(t, append(args, "--force")...)
	wantCode(t, r, exitOK)
}

func TestImportCodaFailures(t *testing.T) {
	withContent := func(t *testing.T) string {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	truncated := func(t *testing.T) string {
		data := readFile(t, codaExport)
		p := filepath.Join(t.TempDir(), "truncated.txt")
		writeFile(t, p, string(data[:len(data)/2]))
		return p
	}
	tests := []struct {
		name   string
		source func(t *testing.T) string
		file   func(t *testing.T) string
		role   string
		want   string // in stderr
	}{
		{"missing file", withContent, func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.txt") }, "ps", "nope.txt"},
		{"no content folder", func(t *testing.T) string { return t.TempDir() }, func(*testing.T) string { return codaExport }, "ps", "content"},
		{"invalid role ID", withContent, func(*testing.T) string { return codaExport }, "Pro Serve", "invalid role ID"},
		{"truncated export", withContent, truncated, "ps", "truncated.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.source(t)
			r := runCLI(t, "import", "coda", tt.file(t), "--role", tt.role, "--source", dir)
			wantCode(t, r, exitFail)
			wantContains(t, "stderr", r.stderr, tt.want)
			if exists(filepath.Join(dir, "content", "roles")) {
				t.Errorf("failed import wrote %s", filepath.Join(dir, "content", "roles"))
			}
		})
	}
}

// TestBadFlagPrintsUsageOnce: the flag package calls a flag set's usage when parsing
// fails, and the command line reports the error itself, so the usage must show once.
func TestBadFlagPrintsUsageOnce(t *testing.T) {
	tests := [][]string{
		{"build", "--nope"},
		{"check", "--nope"},
		{"import", "coda", codaExport, "--role", "x", "--nope"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, args...)
			wantCode(t, r, exitUsage)
			if n := strings.Count(r.stderr, "usage: handbook"); n != 1 {
				t.Errorf("usage printed %d times:\n%s", n, r.stderr)
			}
		})
	}
}

// TestServeMissingContentAsBuild: serve of a folder without content/, or of one that is
// not there, fails with build's words (which the README quotes), before listening.
func TestServeMissingContentAsBuild(t *testing.T) {
	root := t.TempDir()
	for _, src := range []string{root, filepath.Join(root, "stie")} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			built := runCLI(t, "build", "--source", src)
			wantCode(t, built, exitFail)
			served := runCLI(t, "serve", "--source", src, "--addr", "127.0.0.1:0")
			wantCode(t, served, exitFail)
			if served.stderr != built.stderr {
				t.Errorf("serve says\n%s\nbuild says\n%s", served.stderr, built.stderr)
			}
		})
	}
	r := runCLI(t, "serve", "--source", root, "--addr", "127.0.0.1:0")
	wantContains(t, "stderr", r.stderr, "handbook: "+root+" holds no content folder: `handbook init` starts a new handbook, or --source names the folder that holds content/")
}
