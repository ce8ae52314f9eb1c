package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
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
