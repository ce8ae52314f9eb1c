package main

import (
	"crypto/sha256"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// snapshot hashes every file under dir, so two folders can be compared whole.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p[len(dir):]] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return out
}

func equalSnapshots(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestKilledBuildKeepsPreviousSite kills a real build process at random moments. The
// destination must always hold one complete site: the previous one, or, when the build
// finished before the kill, the new one; never a mix, never nothing.
func TestKilledBuildKeepsPreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it 20 times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "handbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	principle := filepath.Join(site, "content", "principles", "ownership.md")
	original, _ := os.ReadFile(principle)
	dest := filepath.Join(site, "public")
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "--source", site, "--dest", dest)
	}
	// Build both versions once, timing a whole run, and keep their snapshots.
	versions := [2][]byte{original, append(append([]byte(nil), original...), "\nA sentence only the second version has.\n"...)}
	var want [2]map[string][32]byte
	var took time.Duration
	for i, v := range versions {
		os.WriteFile(principle, v, 0o644)
		start := time.Now()
		if out, err := build().CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		took = max(took, time.Since(start))
		want[i] = snapshot(t, dest)
	}
	if equalSnapshots(want[0], want[1]) {
		t.Fatal("the two versions build the same site")
	}
	current := 1 // dest holds version 1 now
	rng := rand.New(rand.NewPCG(1, 2))
	finished := 0
	for trial := range 20 {
		next := 1 - current
		os.WriteFile(principle, versions[next], 0o644)
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 6 / 5)))
		cmd.Process.Kill()
		cmd.Wait()
		got := snapshot(t, dest)
		switch {
		case equalSnapshots(got, want[current]):
		case equalSnapshots(got, want[next]):
			current = next
			finished++
		default:
			t.Fatalf("trial %d: the destination holds neither complete site (%d files)", trial, len(got))
		}
	}
	t.Logf("20 kills: %d builds had finished, %d were interrupted", finished, 20-finished)
	// A later build cleans up what the killed ones left beside the destination.
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(site)
	if olds := setAside(t, filepath.Join(site, "public")); len(entries) != 3+len(olds) || len(olds) > 1 {
		t.Errorf("left beside the site: %v (want only content, public, its lock file and at most one previous site)", entries)
	}
}
