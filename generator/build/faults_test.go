package build

import (
	"bytes"
	"io"
	"io/fs"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/source"
)

// faultFS is a site folder whose files change while a build reads them: open decides,
// from the name and how many times it was opened before, what opening it gives (nil, nil
// for the file as it is).
type faultFS struct {
	fs.FS // only Open: every stat, listing and read goes through it
	open  func(name string, n int) (fs.File, error)

	mu    sync.Mutex
	opens map[string]int
}

func (f *faultFS) Open(name string) (fs.File, error) {
	f.mu.Lock()
	n := f.opens[name]
	f.opens[name]++
	f.mu.Unlock()
	if file, err := f.open(name, n); file != nil || err != nil {
		return file, err
	}
	return f.FS.Open(name)
}

// failingFile is a file whose reads fail after its first bytes, as on a disk that fails
// or a network file system that goes away.
type failingFile struct {
	fs.File
	left int
}

func (f *failingFile) Read(b []byte) (int, error) {
	if f.left <= 0 {
		return 0, &fs.PathError{Op: "read", Path: "content/guide.md", Err: syscall.EIO}
	}
	n, err := f.File.Read(b[:min(len(b), f.left)])
	f.left -= n
	return n, err
}

// grownFile says it is small when asked, but holds more than a source may have: the file
// was appended to between the build's stat and its read.
type grownFile struct {
	fs.File
	r io.Reader
}

func (f *grownFile) Read(b []byte) (int, error) { return f.r.Read(b) }

func notExist(name string) error {
	return &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// TestSourcesChangingDuringBuild: files that vanish, fail or change between the build
// listing them and reading them are reported at their place, and the build fails
// instead of publishing a site without them.
func TestSourcesChangingDuringBuild(t *testing.T) {
	const guide = "content/guide.md"
	// The engineer matrix links to the guide: once the guide is gone, that link is broken.
	const guideLink = "content/roles/engineer/levels.csv:4:17: error: broken link: there is no page /guide/"
	tests := []struct {
		name string
		open func(name string, n int) (fs.File, error)
		want []string
	}{
		{"file removed after listing", func(name string, n int) (fs.File, error) {
			if name == guide {
				return nil, notExist(name)
			}
			return nil, nil
		}, []string{
			"content/guide.md: error: cannot read: open content/guide.md: file does not exist",
			guideLink,
		}},
		{"file removed between stat and read", func(name string, n int) (fs.File, error) {
			if name == guide && n > 0 {
				return nil, notExist(name)
			}
			return nil, nil
		}, []string{
			"content/guide.md: error: cannot read: open content/guide.md: file does not exist",
			guideLink,
		}},
		{"read fails part-way", func(name string, n int) (fs.File, error) {
			if name == guide && n > 0 {
				f, err := fstest.MapFS{guide: {Data: []byte("---\ntitle: Guide\n---\nlong text")}}.Open(guide)
				return &failingFile{File: f, left: 10}, err
			}
			return nil, nil
		}, []string{
			"content/guide.md: error: cannot read: read content/guide.md: input/output error",
			guideLink,
		}},
		{"file grows past the limit", func(name string, n int) (fs.File, error) {
			if name == guide && n > 0 {
				f, err := fstest.MapFS{guide: {Data: []byte("small")}}.Open(guide)
				return &grownFile{File: f, r: bytes.NewReader(make([]byte, source.MaxFileSize+1))}, err
			}
			return nil, nil
		}, []string{
			"content/guide.md: error: file is 4194305 bytes, more than the 4194304 a source may have",
			guideLink,
		}},
		{"folder removed while listed", func(name string, n int) (fs.File, error) {
			if name == "content/interview" || strings.HasPrefix(name, "content/interview/") {
				return nil, notExist(name)
			}
			return nil, nil
		}, []string{
			"content/interview: error: cannot read the folder: open content/interview: file does not exist",
		}},
		{"content folder removed", func(name string, n int) (fs.File, error) {
			if strings.HasPrefix(name, "content") {
				return nil, notExist(name)
			}
			return nil, nil
		}, []string{
			"content: error: there is no content folder: `handbook init` starts a new handbook, or --source names the folder that holds content/",
		}},
	}
	ar, err := txtar.ParseFile("testdata/sites/crosslinks.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, _, opts := siteFS(ar)
			fsys := &faultFS{FS: site, open: tt.open, opens: map[string]int{}}
			done := make(chan struct{})
			var (
				res *Result
				got []string
			)
			go func() {
				defer close(done)
				r, diags := Build(fsys, opts)
				res = r
				for _, d := range diags.Sorted() {
					got = append(got, d.String())
				}
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the build hangs")
			}
			if res != nil {
				t.Errorf("the build succeeded without the file")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestThemeTemplateErrors: a syntax error in a template of the site's theme folder is
// reported at the file the author edits and the line it is on, once, however many page
// templates include the file.
func TestThemeTemplateErrors(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"page template", "templates/principle.html", "{{define \"content\"}}\n<h1>{{if}}</h1>\n{{end}}\n",
			"themes/default/templates/principle.html:2: error: template: missing value for if"},
		{"unclosed action", "templates/page.html", "{{define \"content\"}}\n\n<p>{{.Page.Title",
			"themes/default/templates/page.html:3: error: template: unclosed action"},
		{"unknown function", "templates/roles.html", "{{define \"content\"}}{{nosuch 1}}{{end}}\n",
			`themes/default/templates/roles.html:1: error: template: function "nosuch" not defined`},
		{"base template", "templates/base.html", "<!doctype html>\n<title>{{end}}</title>\n",
			"themes/default/templates/base.html:2: error: template: unexpected {{end}}"},
	}
	ar, err := txtar.ParseFile("testdata/sites/crosslinks.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys, _, opts := siteFS(ar)
			fsys["themes/default/"+tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			res, diags := Build(fsys, opts)
			if res != nil {
				t.Error("the build succeeded")
			}
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestThemeLinksOut: a symbolic link in the site's theme folder that leads out of it is
// never followed, so no asset or template can publish a file from elsewhere; a link
// within the theme is.
func TestThemeLinksOut(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	tests := []struct {
		name  string
		files map[string]*fstest.MapFile
		want  string // the diagnostics; "" for a build that succeeds
	}{
		{"asset", map[string]*fstest.MapFile{"themes/default/assets/leak.txt": link("../../../secret.txt")},
			`assets: error: theme assets: open themes/default/assets/leak.txt: symbolic link to "../../../secret.txt" leads out of themes/default/`},
		{"asset, absolute", map[string]*fstest.MapFile{"themes/default/assets/leak.txt": link("/secret.txt")},
			`assets: error: theme assets: open themes/default/assets/leak.txt: symbolic link to "/secret.txt" leads out of themes/default/`},
		{"asset folder", map[string]*fstest.MapFile{"themes/default/assets/more": link("../../../elsewhere")},
			`assets: error: theme assets: open themes/default/assets/more: symbolic link to "../../../elsewhere" leads out of themes/default/`},
		{"base template", map[string]*fstest.MapFile{"themes/default/templates/base.html": link("../../../secret.txt")},
			`themes/default/templates/base.html: error: symbolic link to "../../../secret.txt" leads out of themes/default/`},
		{"partial", map[string]*fstest.MapFile{"themes/default/templates/partials/partials.html": link("/secret.txt")},
			`themes/default/templates/partials/partials.html: error: symbolic link to "/secret.txt" leads out of themes/default/`},
		{"through a linked folder", map[string]*fstest.MapFile{
			"themes/default/up":                  link(".."),
			"themes/default/templates/page.html": link("../up/../secret.txt"),
		}, `themes/default/templates/page.html: error: symbolic link to "../up/../secret.txt" leads out of themes/default/ through themes/default/up`},
		{"within the theme", map[string]*fstest.MapFile{
			"themes/default/assets/real.txt":  {Data: []byte("theme text")},
			"themes/default/assets/alias.txt": link("real.txt"),
		}, ""},
	}
	ar, err := txtar.ParseFile("testdata/sites/crosslinks.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys, _, opts := siteFS(ar)
			fsys["secret.txt"] = &fstest.MapFile{Data: []byte("TOP SECRET")}
			fsys["elsewhere/x.txt"] = &fstest.MapFile{Data: []byte("TOP SECRET")}
			for p, f := range tt.files {
				fsys[p] = f
			}
			res, diags := Build(fsys, opts)
			if got := diags.Error(); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			if (res != nil) != (tt.want == "") {
				t.Errorf("built: %v", res != nil)
			}
			if res == nil {
				return
			}
			for _, f := range res.Files {
				if bytes.Contains(f.Data, []byte("TOP SECRET")) {
					t.Errorf("%s holds the file a link leads to", f.Path)
				}
			}
		})
	}
}
