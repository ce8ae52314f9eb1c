package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/handbook-dev/handbook/generator/foldertest"
)

// TestBuildDestFaults: a destination that cannot be written ends build with a clear
// error and exit 1, leaving the previous site complete, the sources as they were and no
// temporary folder. (A full disk cannot be made here; generator/output's
// TestWriteDiskFull injects one.)
func TestBuildDestFaults(t *testing.T) {
	tests := []struct {
		name   string
		dest   func(t *testing.T, root string) string // makes the fault; returns --dest
		want   string                                 // stderr, a pattern; ROOT is root
		intact bool                                   // a previous site is there to keep
	}{
		{"read-only parent", func(t *testing.T, root string) string {
			dest := filepath.Join(root, "site")
			wantCode(t, runCLI(t, "build", "--source", filepath.Join(root, "src"), "--dest", dest), exitOK)
			foldertest.ReadOnly(t, root)
			return dest
		}, `handbook: cannot write the site: mkdir ROOT/\.site\.handbook-tmp-\d+: permission denied; ROOT/site was not changed`, true},
		{"parent is a file", func(t *testing.T, root string) string {
			writeFile(t, filepath.Join(root, "file"), "mine\n")
			return filepath.Join(root, "file", "site")
		}, `handbook: cannot write the site into ROOT/file/site: open ROOT/file/site: not a directory`, false},
		{"destination is a file", func(t *testing.T, root string) string {
			writeFile(t, filepath.Join(root, "site"), "mine\n")
			return filepath.Join(root, "site")
		}, `handbook: refusing to write the site into ROOT/site: it is a file, not a folder`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "src")
			if err := os.Rename(writeSite(t, nil), src); err != nil {
				t.Fatal(err)
			}
			dest := tt.dest(t, root)
			before := foldertest.State(t, root)

			r := runCLI(t, "build", "--source", src, "--dest", dest, "--force")
			wantCode(t, r, exitFail)
			want := regexp.MustCompile("^" + regexp.MustCompile("ROOT").ReplaceAllLiteralString(tt.want, regexp.QuoteMeta(root)) + "\n$")
			if !want.MatchString(r.stderr) {
				t.Errorf("stderr:\n%s\nwant (as a pattern):\n%s", r.stderr, want)
			}
			if r.stdout != "" {
				t.Errorf("a failed build printed %q", r.stdout)
			}
			foldertest.Same(t, "the folder holding the sources and the site", before, foldertest.State(t, root))
			if tt.intact && !exists(filepath.Join(dest, "index.html")) {
				t.Error("the previous site is gone")
			}
		})
	}
}
