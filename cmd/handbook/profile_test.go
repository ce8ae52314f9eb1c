package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildCPUProfile: --cpuprofile writes a profile (gzip-compressed, as go tool pprof
// reads it) beside a normal build, and never replaces a file that is already there: a
// build given an existing file fails before writing anything.
func TestBuildCPUProfile(t *testing.T) {
	dir := writeSite(t, nil)
	out, prof := filepath.Join(dir, "out"), filepath.Join(t.TempDir(), "build.pprof")

	r := runCLI(t, "build", "--source", dir, "--dest", out, "--cpuprofile", prof)
	wantCode(t, r, exitOK)
	if data := readFile(t, prof); !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Errorf("%s is not a gzip-compressed profile: % x", prof, data[:min(len(data), 8)])
	}
	if !exists(filepath.Join(out, "index.html")) {
		t.Errorf("the profiled build wrote no site")
	}

	kept := filepath.Join(dir, "notes.txt")
	writeFile(t, kept, "not a profile")
	other := filepath.Join(dir, "other")
	r = runCLI(t, "build", "--source", dir, "--dest", other, "--cpuprofile", kept)
	wantCode(t, r, exitFail)
	wantContains(t, "stderr", r.stderr, "--cpuprofile", "exists")
	if got := string(readFile(t, kept)); got != "not a profile" {
		t.Errorf("--cpuprofile replaced an existing file; it now holds %q", got)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("a build refused for its profile wrote %s (%v)", other, err)
	}
}
