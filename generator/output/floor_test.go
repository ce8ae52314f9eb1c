package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// BenchmarkWriteFloor is the floor a build's writing stands on: the time this machine
// needs just to write the files of a site, each of the same size at the same path,
// with two writers, into a new folder, as `handbook build` writes a new site. The
// site is a built one named by HANDBOOK_BENCH_SITE (its files' sizes and paths are
// read once, outside the timing), and the folder is made under HANDBOOK_BENCH_DEST (the
// system's temporary folder by default), so that the floor and the build can be
// measured on the same file system (BENCHMARKS.md):
//
//	HANDBOOK_BENCH_SITE=/dev/shm/site HANDBOOK_BENCH_DEST=/dev/shm go test -run '^$' -bench WriteFloor -benchtime 5x ./generator/output/
//
// Without a site it writes 300 files of 20 KB, the CI smoke run.
func BenchmarkWriteFloor(b *testing.B) {
	files := floorFiles(b)
	var total int64
	for _, f := range files {
		total += int64(f.size)
	}
	data := make([]byte, maxSize(files))
	for i := range data {
		data[i] = byte('a' + i%26)
	}
	root := b.TempDir()
	if d := os.Getenv("HANDBOOK_BENCH_DEST"); d != "" {
		var err error
		if root, err = os.MkdirTemp(d, "floor-"); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.RemoveAll(root) })
	}
	b.SetBytes(total)
	n := 0
	for b.Loop() {
		n++
		writeFloor(b, filepath.Join(root, strconv.Itoa(n)), files, data)
	}
	b.ReportMetric(float64(len(files)), "files")
}

// floorFile is a file of a site: its path and size.
type floorFile struct {
	path string
	size int
}

// floorFiles lists the files of HANDBOOK_BENCH_SITE, or 300 files of 20 KB.
func floorFiles(b *testing.B) []floorFile {
	site := os.Getenv("HANDBOOK_BENCH_SITE")
	if site == "" {
		out := make([]floorFile, 300)
		for i := range out {
			out[i] = floorFile{filepath.Join("p"+strconv.Itoa(i/30), strconv.Itoa(i), "index.html"), 20 << 10}
		}
		return out
	}
	var out []floorFile
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		out = append(out, floorFile{rel, int(info.Size())})
		return nil
	})
	if err != nil || len(out) == 0 {
		b.Fatalf("HANDBOOK_BENCH_SITE=%s: %v, %d files", site, err, len(out))
	}
	return out
}

func maxSize(files []floorFile) int {
	m := 0
	for _, f := range files {
		m = max(m, f.size)
	}
	return m
}

// writeFloor writes files under dir, two writers taking every other file, each
// making its folders as it goes.
func writeFloor(b *testing.B, dir string, files []floorFile, data []byte) {
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			made := map[string]bool{}
			for i := w; i < len(files); i += 2 {
				f := files[i]
				p := filepath.Join(dir, f.path)
				if parent := filepath.Dir(p); !made[parent] {
					if err := os.MkdirAll(parent, 0o755); err != nil {
						b.Error(err)
						return
					}
					made[parent] = true
				}
				if err := os.WriteFile(p, data[:f.size], 0o644); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
