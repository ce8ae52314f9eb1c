package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// wait is the generous bound for a batch to arrive.
const wait = 5 * time.Second

var modes = []struct {
	name string
	opts Options
}{
	{"fsnotify", Options{}},
	{"poll", Options{Poll: 20 * time.Millisecond}},
}

// forEachMode runs test once per mode, each with its own folder and
// watcher.
func forEachMode(t *testing.T, setup func(dir string), test func(t *testing.T, dir string, ch <-chan Batch)) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			if setup != nil {
				setup(dir)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ch, err := Watch(ctx, dir, m.opts)
			if err != nil {
				t.Fatal(err)
			}
			test(t, dir, ch)
			cancel()
			for range ch { // the channel must close once ctx is done
			}
		})
	}
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// collect receives batches until their union holds every path in want,
// failing after wait. It returns the batches and their union.
func collect(t *testing.T, ch <-chan Batch, want ...string) ([]Batch, map[string]bool) {
	t.Helper()
	var batches []Batch
	union := map[string]bool{}
	missing := func() []string {
		var m []string
		for _, w := range want {
			if !union[w] {
				m = append(m, w)
			}
		}
		return m
	}
	deadline := time.After(wait)
	for len(missing()) > 0 {
		select {
		case b, ok := <-ch:
			if !ok {
				t.Fatalf("channel closed; still missing %v (got %v)", missing(), batches)
			}
			checkBatch(t, b)
			batches = append(batches, b)
			for _, p := range b.Paths {
				union[p] = true
			}
		case <-deadline:
			t.Fatalf("still missing %v after %v (got %v)", missing(), wait, batches)
		}
	}
	return batches, union
}

// checkBatch checks that a batch is sorted, de-duplicated, slash-separated
// and relative.
func checkBatch(t *testing.T, b Batch) {
	t.Helper()
	if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("paths not sorted and unique: %q", b.Paths)
	}
	for _, p := range b.Paths {
		if filepath.IsAbs(p) || filepath.ToSlash(p) != p {
			t.Errorf("path %q is not relative and slash-separated", p)
		}
	}
}

// quiet fails if a batch arrives within d.
func quiet(t *testing.T, ch <-chan Batch, d time.Duration) {
	t.Helper()
	select {
	case b := <-ch:
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(d):
	}
}

func TestWriteExisting(t *testing.T) {
	forEachMode(t, func(dir string) {
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
	}, func(t *testing.T, dir string, ch <-chan Batch) {
		write(t, dir, "a.md", "new content")
		collect(t, ch, "a.md")
	})
}

func TestBurst(t *testing.T) {
	const n = 50
	forEachMode(t, nil, func(t *testing.T, dir string, ch <-chan Batch) {
		var want []string
		for i := range n {
			name := fmt.Sprintf("p%02d.md", i)
			want = append(want, name)
			write(t, dir, name, "x")
		}
		batches, union := collect(t, ch, want...)
		if len(batches) >= n {
			t.Errorf("%d writes arrived in %d batches", n, len(batches))
		}
		if len(union) != n {
			t.Errorf("union has %d paths, want %d: %v", len(union), n, union)
		}
	})
}

func TestNewFolder(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, dir string, ch <-chan Batch) {
		if err := os.MkdirAll(filepath.Join(dir, "sub", "deep"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, dir, "sub/deep/a.md", "a")
		collect(t, ch, "sub/deep/a.md")
		write(t, dir, "sub/deep/b.md", "b")
		collect(t, ch, "sub/deep/b.md")
	})
}

func TestEditorSave(t *testing.T) {
	forEachMode(t, func(dir string) {
		os.WriteFile(filepath.Join(dir, "x.md"), []byte("old"), 0o644)
	}, func(t *testing.T, dir string, ch <-chan Batch) {
		write(t, dir, "x.md.tmp", "new content")
		if err := os.Rename(filepath.Join(dir, "x.md.tmp"), filepath.Join(dir, "x.md")); err != nil {
			t.Fatal(err)
		}
		_, union := collect(t, ch, "x.md")
		if union["x.md.tmp"] {
			t.Errorf("temp file reported: %v", union)
		}
		// Let any trailing batch of the save pass before checking quiet.
		time.Sleep(200 * time.Millisecond)
		drain(ch)
		write(t, dir, "x.md~", "backup")
		write(t, dir, ".x.swp", "swap")
		write(t, dir, "#x.md#", "autosave")
		write(t, dir, "4913", "")
		quiet(t, ch, 300*time.Millisecond)
	})
}

func drain(ch <-chan Batch) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func TestIgnoredFolder(t *testing.T) {
	forEachMode(t, nil, func(t *testing.T, dir string, ch <-chan Batch) {
		if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, dir, ".git/index", "x")
		quiet(t, ch, 300*time.Millisecond)
		write(t, dir, ".git/index", "yy")
		write(t, dir, "a.md", "a")
		_, union := collect(t, ch, "a.md")
		for p := range union {
			if p != "a.md" {
				t.Errorf("unexpected path %q", p)
			}
		}
	})
}

func TestDeleteAndRename(t *testing.T) {
	forEachMode(t, func(dir string) {
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644)
		os.MkdirAll(filepath.Join(dir, "d", "inner"), 0o755)
		os.WriteFile(filepath.Join(dir, "d", "f.md"), []byte("f"), 0o644)
	}, func(t *testing.T, dir string, ch <-chan Batch) {
		if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
			t.Fatal(err)
		}
		collect(t, ch, "a.md")

		if err := os.Rename(filepath.Join(dir, "d"), filepath.Join(dir, "e")); err != nil {
			t.Fatal(err)
		}
		collect(t, ch, "d", "e", "e/f.md")

		write(t, dir, "e/f.md", "changed content")
		write(t, dir, "e/inner/g.md", "g")
		collect(t, ch, "e/f.md", "e/inner/g.md")

		if err := os.RemoveAll(filepath.Join(dir, "e")); err != nil {
			t.Fatal(err)
		}
		collect(t, ch, "e")
		write(t, dir, "later.md", "l")
		collect(t, ch, "later.md")
	})
}

func TestCancelCloses(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			ch, err := Watch(ctx, dir, m.opts)
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, "a.md", "a") // a batch may be pending nobody reads
			time.Sleep(100 * time.Millisecond)
			cancel()
			deadline := time.After(wait)
			for {
				select {
				case _, ok := <-ch:
					if !ok {
						return
					}
				case <-deadline:
					t.Fatal("channel not closed after cancel")
				}
			}
		})
	}
}

func TestWatchErrors(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := Watch(ctx, filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("missing root: no error")
	}
	write(t, dir, "f", "")
	if _, err := Watch(ctx, filepath.Join(dir, "f"), Options{Poll: time.Second}); err == nil {
		t.Error("file root: no error")
	}
}

func TestDefaultIgnore(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, ".x.swp": true, "#a.md#": true, "a.md~": true, "a.swp": true,
		"a.swx": true, "a.md.tmp": true, "4913": true,
		"a.md": false, "#": false, "a#": false, "49130": false, "tmp": false, "swp": false,
	} {
		if got := DefaultIgnore(name); got != want {
			t.Errorf("DefaultIgnore(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCustomIgnore(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			opts := m.opts
			opts.Ignore = func(name string) bool { return name == "skip" }
			ch, err := Watch(ctx, dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, "skip", "x")
			write(t, dir, ".hidden", "x") // not ignored by this Ignore
			_, union := collect(t, ch, ".hidden")
			if union["skip"] {
				t.Errorf("ignored name reported: %v", union)
			}
		})
	}
}

func TestSymlinkRoot(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			real := filepath.Join(dir, "real")
			link := filepath.Join(dir, "link")
			if err := os.MkdirAll(filepath.Join(real, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(real, link); err != nil {
				t.Skip(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ch, err := Watch(ctx, link, m.opts)
			if err != nil {
				t.Fatal(err)
			}
			write(t, link, "sub/a.md", "a")
			collect(t, ch, "sub/a.md")
		})
	}
}

// TestModeChange: a file made unreadable, and readable again, is reported each time,
// since it reads differently; so is a folder, with what it holds.
func TestModeChange(t *testing.T) {
	forEachMode(t, func(dir string) {
		os.MkdirAll(filepath.Join(dir, "d"), 0o755)
		os.WriteFile(filepath.Join(dir, "d", "a.md"), []byte("a"), 0o644)
	}, func(t *testing.T, dir string, ch <-chan Batch) {
		file := filepath.Join(dir, "d", "a.md")
		for _, mode := range []os.FileMode{0, 0o644} {
			if err := os.Chmod(file, mode); err != nil {
				t.Fatal(err)
			}
			collect(t, ch, "d/a.md")
		}
		for _, mode := range []os.FileMode{0, 0o755} {
			if err := os.Chmod(filepath.Join(dir, "d"), mode); err != nil {
				t.Fatal(err)
			}
			collect(t, ch, "d")
		}
	})
}

// TestEntries: with Options.Entries, only those entries of the root are watched, each
// may be created after the watch starts, and one removed and created again (as a branch
// switch does) is watched again, whole.
func TestEntries(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "content", "sub"), 0o755)
			os.MkdirAll(filepath.Join(dir, "public"), 0o755)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			opts := m.opts
			opts.Entries = []string{"content", "themes"}
			ch, err := Watch(ctx, dir, opts)
			if err != nil {
				t.Fatal(err)
			}

			// Outside the entries: nothing.
			write(t, dir, "public/index.html", "x")
			write(t, dir, "notes.md", "x")
			quiet(t, ch, 300*time.Millisecond)

			// An entry created after the start.
			if err := os.MkdirAll(filepath.Join(dir, "themes", "mine", "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, dir, "themes/mine/templates/page.html", "p")
			collect(t, ch, "themes/mine/templates/page.html")
			write(t, dir, "themes/mine/templates/page.html", "changed")
			collect(t, ch, "themes/mine/templates/page.html")

			// An entry removed and created again, its files there before it is seen.
			if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
				t.Fatal(err)
			}
			collect(t, ch, "content")
			tmp := filepath.Join(dir, "incoming")
			os.MkdirAll(filepath.Join(tmp, "sub"), 0o755)
			write(t, dir, "incoming/sub/a.md", "a")
			if err := os.Rename(tmp, filepath.Join(dir, "content")); err != nil {
				t.Fatal(err)
			}
			collect(t, ch, "content/sub/a.md")
			write(t, dir, "content/sub/a.md", "edited")
			collect(t, ch, "content/sub/a.md")
			write(t, dir, "content/sub/b.md", "b")
			_, union := collect(t, ch, "content/sub/b.md")
			for p := range union {
				if strings.HasPrefix(p, "public") || strings.HasPrefix(p, "incoming") || p == "notes.md" {
					t.Errorf("%s is outside the entries, and reported", p)
				}
			}
		})
	}
}

// TestMaxBurst streams writes for longer than one MaxBurst, with no quiet time
// between them: they arrive cut into batches, or all in one batch when MaxBurst is
// longer than the stream, as the preview needs a rename across thousands of files
// to arrive.
func TestMaxBurst(t *testing.T) {
	const stream = 700 * time.Millisecond
	for _, mode := range []struct {
		name string
		opts Options
	}{
		// Quiet times far above the gaps between writes, so that only MaxBurst
		// can end the stream's burst early on a busy machine.
		{"fsnotify", Options{Debounce: 200 * time.Millisecond}},
		{"poll", Options{Poll: 100 * time.Millisecond}},
	} {
		for _, tc := range []struct {
			name     string
			maxBurst time.Duration
			whole    bool
		}{
			{"cut", 250 * time.Millisecond, false},
			{"whole", time.Minute, true},
		} {
			t.Run(mode.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				opts := mode.opts
				opts.MaxBurst = tc.maxBurst
				ch, err := Watch(ctx, dir, opts)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for start := time.Now(); time.Since(start) < stream; {
					name := fmt.Sprintf("p%04d.md", len(want))
					want = append(want, name)
					write(t, dir, name, "x")
					time.Sleep(time.Millisecond)
				}
				batches, _ := collect(t, ch, want...)
				if tc.whole && len(batches) != 1 {
					t.Errorf("%d writes in %v arrived in %d batches, want 1 (MaxBurst %v)", len(want), stream, len(batches), tc.maxBurst)
				}
				if !tc.whole && len(batches) < 2 {
					t.Errorf("%d writes in %v arrived in one batch, want them cut (MaxBurst %v)", len(want), stream, tc.maxBurst)
				}
			})
		}
	}
}

// TestQuietGrowsWithPaths: the quiet time that ends a burst is Debounce for one path,
// so that a pause after a single save sends it, and grows with the paths of the burst,
// so that a tool writing several files may pause for longer than Debounce without its
// save arriving in two batches.
func TestQuietGrowsWithPaths(t *testing.T) {
	const debounce = 100 * time.Millisecond
	for _, tc := range []struct {
		name    string
		files   int           // written before the pause, and as many after
		pause   time.Duration // between the two halves
		batches int
	}{
		{"one path", 1, 3 * debounce, 2},
		{"several paths", quietGrowth, debounce * 3 / 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ch, err := Watch(ctx, dir, Options{Debounce: debounce})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for half := range 2 {
				if half == 1 {
					time.Sleep(tc.pause)
				}
				for range tc.files {
					name := fmt.Sprintf("p%d.md", len(want))
					want = append(want, name)
					write(t, dir, name, "x")
				}
			}
			if batches, _ := collect(t, ch, want...); len(batches) != tc.batches {
				t.Errorf("%d files, a pause of %v, then %d more: %d batches %v, want %d", tc.files, tc.pause, tc.files, len(batches), batches, tc.batches)
			}
		})
	}
}
