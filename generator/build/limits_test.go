package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/source"
)

// minimal is a valid site that each case below breaks in one way.
func minimal() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md":               {Data: []byte("---\ntitle: T\n---\n")},
		"content/principles/ownership.md": {Data: []byte("---\ntitle: Ownership\n---\nOwners.\n")},
		"content/interview/g.md":          {Data: []byte("---\ntitle: G\nprinciples: [Ownership]\n---\n## Questions\n1. Why?\n")},
	}
}

func TestLimits(t *testing.T) {
	deep := "x: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n"
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	tests := []struct {
		name string
		path string
		data []byte
		want string
	}{
		{"huge file", "content/big.md", bytes.Repeat([]byte("word "), source.MaxFileSize/5+1), "content/big.md: error: file is 4194305 bytes, more than the 4194304 a source may have"},
		{"invalid UTF-8", "content/bad.md", []byte("---\ntitle: B\n---\nok\nbad \xff here\n"), "content/bad.md:5:5: error: invalid UTF-8"},
		{"NUL is not text", "content/nul.md", []byte("---\ntitle: N\n---\na\x00b\n"), ""},
		{"deep nesting", "content/deep.md", []byte("---\ntitle: D\n" + deep + "---\n"), "nested more than 20 levels deep"},
		{"alias bomb", "content/bomb.md", []byte("---\ntitle: A\n" + bomb + "---\n"), "more than 10000 values"},
		{"unclosed front matter", "content/open.md", []byte("---\ntitle: O\nbody\n"), "content/open.md:1:1: error: front matter opened with --- is never closed"},
		{"wrong type", "content/principles/x.md", []byte("---\ntitle: [a, b]\n---\n"), "content/principles/x.md:2:8: error: title must be text, not a list"},
		{"empty file", "content/principles/empty.md", nil, "content/principles/empty.md:1:1: error: missing title"},
		{"ragged CSV", "content/roles/r/levels.csv", []byte("T,L1,L2,Principles\nRow,a,Ownership\n"), "content/roles/r/levels.csv:2:1: error: row has 3 fields but the header has 4"},
		{"bad CSV quote", "content/roles/r/levels.csv", []byte("T,L1,Principles\nRow,\"a\"b\",Ownership\n"), `content/roles/r/levels.csv:2:7: error: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := minimal()
			fsys[tt.path] = &fstest.MapFile{Data: tt.data}
			if strings.HasPrefix(tt.path, "content/roles/r/") {
				fsys["content/roles/r/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: R\n---\n")}
			}
			res, diags := Build(fsys, Options{})
			if tt.want == "" {
				if res == nil {
					t.Fatalf("build failed: %s", diags.Error())
				}
				return
			}
			if res != nil || !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("result %v, diagnostics:\n%s\nwant one containing %q", res != nil, diags.Error(), tt.want)
			}
		})
	}
}

// TestDeterministic builds the real handbook twice and requires identical files.
func TestDeterministic(t *testing.T) {
	a, b := buildRepo(t, true), buildRepo(t, true)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("builds differ at %s / %s", a[i].Path, b[i].Path)
		}
	}
}

// TestProgress checks that a progress display hears of every page, ending at the total.
func TestProgress(t *testing.T) {
	var calls, last, total int
	res, diags := Build(repo, Options{Progress: func(done, n int) {
		if done < last {
			t.Errorf("progress went back from %d to %d", last, done)
		}
		calls, last, total = calls+1, done, n
	}})
	if res == nil {
		t.Fatal(diags.Error())
	}
	if calls == 0 || last != total || total != res.Pages {
		t.Errorf("%d calls, last %d/%d, want %d pages", calls, last, total, res.Pages)
	}
}
