package main

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/output"
)

// TestBuildsAreByteIdentical copies the handbook into two folders and builds each, a
// moment apart, into its own destination: every file must be the same.
func TestBuildsAreByteIdentical(t *testing.T) {
	var sites [2]string
	for i := range sites {
		sites[i] = filepath.Join(t.TempDir(), "site")
		if err := os.CopyFS(filepath.Join(sites[i], "content"), os.DirFS("../../content")); err != nil {
			t.Fatal(err)
		}
		if status := run([]string{"build", "--source", sites[i], "--dest", "out", "--drafts"}, io.Discard, io.Discard); status != 0 {
			t.Fatalf("build %d: status %d", i, status)
		}
		time.Sleep(1100 * time.Millisecond) // a different second, in case anything wrote the time
	}
	a := snapshot(t, filepath.Join(sites[0], "out"))
	b := snapshot(t, filepath.Join(sites[1], "out"))
	if len(a) < 80 {
		t.Fatalf("only %d files built", len(a))
	}
	if !equalSnapshots(a, b) {
		for p, h := range a {
			if b[p] != h {
				t.Errorf("%s differs", p)
			}
		}
		t.Errorf("the builds differ (%d and %d files)", len(a), len(b))
	}
}

// TestWrittenSiteIsTheBuild: build writes pages to disk as they are rendered, the rest
// at the end; what lands in --dest is exactly the site build.Build makes in memory,
// every file and nothing else (no marker of the tool's is published).
func TestWrittenSiteIsTheBuild(t *testing.T) {
	dir := writeSite(t, nil)
	if r := runCLI(t, "build", "--source", dir, "--dest", "out"); r.code != 0 {
		t.Fatalf("build:\n%s", r)
	}
	res, diags := build.Build(os.DirFS(dir), build.Options{Minify: true})
	if res == nil {
		t.Fatalf("build.Build: %v", diags)
	}
	got := snapshot(t, filepath.Join(dir, "out")) // keyed "/path"
	if _, ok := got["/"+output.LegacyMarker]; ok {
		t.Errorf("%s is published", output.LegacyMarker)
	}
	for _, f := range res.Files {
		if g, ok := got["/"+f.Path]; !ok {
			t.Errorf("%s was not written", f.Path)
		} else if g != sha256.Sum256(f.Data) {
			t.Errorf("%s differs from the build's", f.Path)
		}
	}
	if len(got) != len(res.Files) {
		t.Errorf("%d files written, the build has %d", len(got), len(res.Files))
	}
}
