//go:build unix

package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestSecondBuildSaysItWaits: a build of a destination another build holds says on
// stderr that it waits, and builds once the other has finished.
func TestSecondBuildSaysItWaits(t *testing.T) {
	dir := writeSite(t, nil)
	dest := filepath.Join(dir, "public")
	holder := holdLock(t, dest)
	stderr := &watchedWriter{said: make(chan struct{}), want: "waiting for another build of " + dest}
	done := make(chan int)
	go func() { done <- run([]string{"build", "--source", dir}, io.Discard, stderr) }()
	select {
	case <-stderr.said:
	case code := <-done:
		t.Fatalf("the build did not wait for the lock: exit %d\n%s", code, stderr)
	}
	if exists(filepath.Join(dest, "index.html")) {
		t.Fatal("the build wrote while waiting")
	}
	holder.Close()
	if code := <-done; code != exitOK {
		t.Fatalf("after waiting: exit %d\n%s", code, stderr)
	}
	if !exists(filepath.Join(dest, "index.html")) {
		t.Error("the site was not built after waiting")
	}
}

// A watchedWriter collects what is written to it, safely from several goroutines, and
// closes said once it holds want.
type watchedWriter struct {
	mu   sync.Mutex
	buf  strings.Builder
	want string
	said chan struct{}
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.buf.String(), w.want)
	w.buf.Write(p)
	if !had && strings.Contains(w.buf.String(), w.want) {
		close(w.said)
	}
	return len(p), nil
}

func (w *watchedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// holdLock takes the lock of dest as another build would.
func holdLock(t *testing.T, dest string) *os.File {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".handbook-lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestPublishedPermissions: under umask 022 the site's folders, the destination itself
// included, are 0755 and its files 0644, so that a web server running as another user
// serves it; and nothing of the tool's own is published in it.
func TestPublishedPermissions(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o022))
	dir := writeSite(t, nil)
	out := filepath.Join(dir, "public")
	wantCode(t, runCLI(t, "build", "--source", dir), exitOK)
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", p, info.Mode().Perm(), want)
		}
		if strings.HasPrefix(d.Name(), ".handbook") {
			t.Errorf("%s is published", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
