package devserver

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
)

// modes are the two ways the preview learns of changes.
var modes = []struct {
	name string
	poll time.Duration
}{{"events", 0}, {"poll", 50 * time.Millisecond}}

// checkFS is a site folder on disk whose reads fail as fail says: the faults a test puts
// between the disk and the build. Every read method of os.DirFS is passed through, so
// that the build sees symbolic links as they are.
type checkFS struct {
	dir    string
	disk   fs.FS
	fail   func(name string) error // a read goes ahead when it returns nil
	search func(name string) error // so does a look-up
}

func newCheckFS(dir string, fail func(name string) error) *checkFS {
	none := func(string) error { return nil }
	return &checkFS{dir: dir, disk: os.DirFS(dir), fail: fail, search: none}
}

func (c *checkFS) Open(name string) (fs.File, error) {
	if err := c.fail(name); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return c.disk.Open(name)
}

func (c *checkFS) ReadFile(name string) ([]byte, error) {
	if err := c.fail(name); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fs.ReadFile(c.disk, name)
}

func (c *checkFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := c.fail(name); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fs.ReadDir(c.disk, name)
}

// Looking a file up needs its folders searchable, and nothing of the file itself.

func (c *checkFS) Stat(name string) (fs.FileInfo, error) {
	if err := c.search(name); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fs.Stat(c.disk, name)
}

func (c *checkFS) Lstat(name string) (fs.FileInfo, error) {
	if err := c.search(name); err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return fs.Lstat(c.disk, name)
}

func (c *checkFS) ReadLink(name string) (string, error) {
	if err := c.search(name); err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return fs.ReadLink(c.disk, name)
}

// unreadable refuses, as the system does for any user but root (the tests run as root
// here), to read a file or folder its owner may not read, or anything in a folder its
// owner may not search.
func (c *checkFS) unreadable(name string) error {
	if err := c.unsearchable(name); err != nil {
		return err
	}
	info, err := os.Lstat(filepath.Join(c.dir, filepath.FromSlash(name)))
	if err == nil && info.Mode()&fs.ModeSymlink == 0 && info.Mode().Perm()&0o400 == 0 {
		return syscall.EACCES
	}
	return nil
}

// unsearchable refuses to reach name through a folder its owner may not search.
func (c *checkFS) unsearchable(name string) error {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		info, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(dir)))
		if err == nil && info.Mode().Perm()&0o100 == 0 {
			return syscall.EACCES
		}
	}
	return nil
}

// matchesBuild waits until the preview serves exactly what a fresh build of its sources
// with drafts makes, and fails, naming the differences, if it does not within 15s.
func (p *preview) matchesBuild() {
	p.t.Helper()
	var diffs []string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if diffs = p.buildDiffs(); len(diffs) == 0 {
			if problems := p.srv.Problems(); problems != "" {
				p.t.Errorf("serving a fresh build's site, but showing a problem: %s", problems)
			}
			return
		}
	}
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("and %d more", len(diffs)-10))
	}
	p.t.Errorf("the preview does not serve what a fresh build makes:\n%s", strings.Join(diffs, "\n"))
}

// buildDiffs compares the served site with a fresh build's, which reads the site
// folder's git history as the preview does.
func (p *preview) buildDiffs() []string {
	res, diags := build.Build(os.DirFS(p.dir), build.Options{Drafts: true, Head: headMarkup, Dir: p.dir})
	if res == nil {
		return []string{"a fresh build fails: " + diags.Error()}
	}
	served := p.srv.served()
	if served == nil {
		return []string{"nothing is served"}
	}
	var diffs []string
	built := map[string]bool{}
	for _, f := range res.Files {
		built[f.Path] = true
		if data, ok := served[f.Path]; !ok {
			diffs = append(diffs, f.Path+" is not served")
		} else if !bytes.Equal(data, f.Data) {
			diffs = append(diffs, f.Path+" differs")
		}
	}
	for name := range served {
		if !built[name] {
			diffs = append(diffs, name+" is served, and not built")
		}
	}
	return diffs
}

// waitProblemShown waits until the overlay shown holds want, whatever events the
// changes on the way there cause.
func (p *preview) waitProblemShown(want string) {
	p.t.Helper()
	waitFor(p.t, p, func() bool { return strings.Contains(p.srv.Problems(), want) })
}

// waitPageShows waits until page is served holding text.
func (p *preview) waitPageShows(page, text string) {
	p.t.Helper()
	waitFor(p.t, p, func() bool { status, body := p.get(page); return status == 200 && strings.Contains(body, text) })
}

func (p *preview) chmod(rel string, mode os.FileMode) {
	p.t.Helper()
	if err := os.Chmod(filepath.Join(p.dir, filepath.FromSlash(rel)), mode); err != nil {
		p.t.Fatal(err)
	}
}

// TestPreviewRecoversContentFolder: content/ deleted and created again, as some branch
// switches do, is watched again: the preview shows the problem meanwhile and then the
// site of the new sources.
func TestPreviewRecoversContentFolder(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			p := startPreview(t, mode.poll)
			content := filepath.Join(p.dir, "content")
			if err := os.RemoveAll(content); err != nil {
				t.Fatal(err)
			}
			p.waitProblemShown("there is no content folder")
			p.servesLastGood("/principles/ownership/", "Leaders are owners.")

			if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			p.write("content/principles/ownership.md", p.read("content/principles/ownership.md")+"\nThe content folder came back.\n")
			p.waitPageShows("/principles/ownership/", "The content folder came back.")
			p.matchesBuild()

			// And it is watched as before.
			p.write("content/principles/ownership.md", p.read("content/principles/ownership.md")+"\nAn edit after its return.\n")
			p.waitPageShows("/principles/ownership/", "An edit after its return.")
			p.matchesBuild()
		})
	}
}

// TestPreviewWatchesThemeCreatedLater: a site with no themes folder when the preview
// starts gets one: the theme it names is found, and its files are watched.
func TestPreviewWatchesThemeCreatedLater(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			p := startPreviewOf(t, dir, Config{Poll: mode.poll}) // the embedded theme
			p.servesLastGood("/principles/ownership/", "Leaders are owners.")

			// The site names a theme that is not there yet.
			index := p.read("content/_index.md")
			p.write("content/_index.md", strings.Replace(index, "---\n", "---\ntheme: campus\n", 1))
			p.waitProblemShown("there is no folder themes/campus")

			tmpl, err := os.ReadFile("../../themes/default/templates/principle.html")
			if err != nil {
				t.Fatal(err)
			}
			marked := strings.Replace(string(tmpl), `{{define "content"}}`, `{{define "content"}}<p>Campus theme.</p>`, 1)
			if marked == string(tmpl) {
				t.Fatal("principle.html has no content block to mark")
			}
			p.write("themes/campus/templates/principle.html", marked)
			p.waitPageShows("/principles/ownership/", "Campus theme.")
			p.matchesBuild()

			// Its files are watched from now on.
			p.write("themes/campus/templates/principle.html", strings.Replace(marked, "Campus theme.", "Campus theme, edited.", 1))
			p.waitPageShows("/principles/ownership/", "Campus theme, edited.")
			p.matchesBuild()
		})
	}
}

// TestPreviewRecoversPermissions: a source, and a folder, made unreadable show the
// problem while the last good site stays served; made readable again, the preview
// recovers by itself, with no other change.
func TestPreviewRecoversPermissions(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			dir := copyHandbook(t)
			disk := newCheckFS(dir, nil)
			disk.fail, disk.search = disk.unreadable, disk.unsearchable
			p := startPreviewOf(t, dir, Config{Poll: mode.poll, FS: disk})
			for _, tt := range []struct {
				path, mode string
				readable   os.FileMode
				want       string
			}{
				{"content/principles/ownership.md", "file", 0o644, "content/principles/ownership.md: permission denied"},
				{"content/interview", "folder", 0o755, "content/interview: permission denied"},
			} {
				p.chmod(tt.path, 0)
				p.waitProblemShown(tt.want)
				p.servesLastGood("/principles/ownership/", "Leaders are owners.")
				p.chmod(tt.path, tt.readable)
				waitFor(t, p, func() bool { return p.srv.Problems() == "" })
				p.matchesBuild()
			}
		})
	}
}

// TestPreviewRetriesPassingReadErrors: a read that fails with an error that passes by
// itself (too many open files) is tried again, less and less often, until it succeeds:
// the page shows the edit with no further change to the sources.
func TestPreviewRetriesPassingReadErrors(t *testing.T) {
	const src = "content/principles/ownership.md"
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			dir := copyHandbook(t)
			var failures atomic.Int64 // reads of src still to fail
			var failed atomic.Int64
			disk := newCheckFS(dir, func(name string) error {
				if name == src && failures.Add(-1) >= 0 {
					failed.Add(1)
					return syscall.EMFILE
				}
				return nil
			})
			log := &lineWaiter{prefix: "a read failed", lines: make(chan string, 64)}
			p := startPreviewOf(t, dir, Config{Poll: mode.poll, FS: disk, Log: log})
			failures.Store(4)
			p.write(src, p.read(src)+"\nSaved while the system was out of file descriptors.\n")
			p.waitProblemShown("content/principles/ownership.md: too many open files")
			p.waitPageShows("/principles/ownership/", "Saved while the system was out of file descriptors.")
			p.matchesBuild()
			if n := failed.Load(); n != 4 {
				t.Errorf("%d reads failed, want 4", n)
			}
			if len(log.lines) == 0 {
				t.Error("the log does not say the build is tried again")
			}
		})
	}
}

// TestPreviewFollowsBranchSwitch: many files changing at once, some missing for a moment,
// a folder removed and brought back, the theme changed too, as a branch switch does: the
// rebuilds it causes end with the site a fresh build makes.
func TestPreviewFollowsBranchSwitch(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			p := startPreview(t, mode.poll)
			step := func() { time.Sleep(3 * time.Millisecond) } // rebuilds run between the steps
			principles, _ := filepath.Glob(filepath.Join(p.dir, "content", "principles", "[^_]*.md"))
			delivery := filepath.Join(p.dir, "content", "delivery")
			if err := os.RemoveAll(delivery); err != nil {
				t.Fatal(err)
			}
			step()
			for i, file := range principles {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if i%3 == 0 { // missing for a moment
					os.Remove(file)
					step()
				}
				if err := os.WriteFile(file, append(data, fmt.Sprintf("\nOn the other branch, principle %d.\n", i)...), 0o644); err != nil {
					t.Fatal(err)
				}
				step()
			}
			index := p.read("content/_index.md")
			os.Remove(filepath.Join(p.dir, "content", "_index.md"))
			step()
			p.write("content/roles/analyst/levels.csv", "Level,Analyst I,Principles\r\nAnalysis,\"Finds answers; *fast*.\",Dive Deep\r\n")
			p.write("content/roles/analyst/_index.md", "---\ntitle: Analyste de données ✨\n---\nAnalysts analyse.\n")
			step()
			if err := os.CopyFS(delivery, os.DirFS("../../content/delivery")); err != nil {
				t.Fatal(err)
			}
			css := "themes/default/assets/style.css"
			p.write(css, p.read(css)+"\n.other-branch { color: teal; }\n")
			p.write("content/_index.md", strings.Replace(index, "title: Guideline Handbook", "title: Handbook on another branch", 1))

			p.waitPageShows("/roles/analyst/", "Analyste de données ✨")
			p.matchesBuild()
		})
	}
}

// TestPreviewFollowsLinkedFolders: a content folder and a theme folder that are symbolic
// links to folders elsewhere (a handbook kept in another repository) are watched where
// they lead.
func TestPreviewFollowsLinkedFolders(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			elsewhere, dir := t.TempDir(), t.TempDir()
			if err := os.CopyFS(filepath.Join(elsewhere, "content"), os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(filepath.Join(elsewhere, "themes"), os.DirFS("../../themes")); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"content", "themes"} {
				if err := os.Symlink(filepath.Join(elsewhere, name), filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			p := startPreviewOf(t, dir, Config{Poll: mode.poll})
			const src = "content/principles/ownership.md"
			p.write(src, p.read(src)+"\nEdited where the link leads.\n")
			p.waitPageShows("/principles/ownership/", "Edited where the link leads.")
			const tmpl = "themes/default/templates/principle.html"
			p.write(tmpl, strings.Replace(p.read(tmpl), `{{define "content"}}`, `{{define "content"}}<p>A linked theme.</p>`, 1))
			p.waitPageShows("/principles/ownership/", "A linked theme.")
			p.matchesBuild()

			// The link turned to another folder: watched there from now on.
			other := t.TempDir()
			if err := os.CopyFS(other, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "content")
			if err := os.Remove(link); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(other, link); err != nil {
				t.Fatal(err)
			}
			waitFor(t, p, func() bool {
				_, body := p.get("/principles/ownership/")
				return !strings.Contains(body, "Edited where the link leads.")
			})
			p.write(src, p.read(src)+"\nEdited where the link leads now.\n")
			p.waitPageShows("/principles/ownership/", "Edited where the link leads now.")
			p.matchesBuild()
		})
	}
}

// TestPreviewFollowsGitCheckout: switching between two branches of the site with git,
// back and forth, ends each time with the site a fresh build of the checked-out sources
// makes.
func TestPreviewFollowsGitCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			p := startPreview(t, mode.poll)
			git := gitIn(t, p.dir)
			git("init", "-q", "-b", "main")
			git("add", "-A")
			git("commit", "-q", "-m", "main")
			git("checkout", "-q", "-b", "other")
			if err := os.RemoveAll(filepath.Join(p.dir, "content", "delivery")); err != nil {
				t.Fatal(err)
			}
			principles, _ := filepath.Glob(filepath.Join(p.dir, "content", "principles", "[^_]*.md"))
			for i, file := range principles {
				data, _ := os.ReadFile(file)
				os.WriteFile(file, append(data, fmt.Sprintf("\nOn the other branch, principle %d.\n", i)...), 0o644)
			}
			p.write("content/roles/analyst/levels.csv", "Level,Analyst I,Principles\r\nAnalysis,\"Finds answers; *fast*.\",Dive Deep\r\n")
			p.write("content/roles/analyst/_index.md", "---\ntitle: Analyste de données ✨\n---\nAnalysts analyse.\n")
			css := "themes/default/assets/style.css"
			p.write(css, p.read(css)+"\n.other-branch { color: teal; }\n")
			git("add", "-A")
			git("commit", "-q", "-m", "other")
			p.waitPageShows("/roles/analyst/", "Analyste de données ✨")
			p.matchesBuild()

			for _, branch := range []string{"main", "other", "main"} {
				git("checkout", "-q", branch)
				p.matchesBuild()
			}
			if status, _ := p.get("/roles/analyst/"); status != 404 {
				t.Errorf("back on main, the other branch's role: status %d", status)
			}
		})
	}
}

// TestPreviewFollowsCommits: a commit that changes no file the preview watches still
// changes the site (a page's last-updated date; a tag, the releases): the preview
// follows it, and serves what a fresh build makes.
func TestPreviewFollowsCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	p := startPreview(t, 0)
	git := gitIn(t, p.dir)
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "first")
	p.waitPageShows("/principles/ownership/", "Last updated")
	p.matchesBuild()

	// A new page, saved and then committed: its date comes with the commit.
	p.write("content/notes.md", "---\ntitle: Notes\n---\nNotes.\n")
	p.waitPageShows("/notes/", "Notes.")
	git("add", "-A")
	git("commit", "-q", "-m", "notes")
	p.waitPageShows("/notes/", "Last updated")
	p.matchesBuild()

	git("tag", "v1")
	p.matchesBuild()
}

// gitIn returns a runner of git commands in dir, as a fixed author with no signing,
// failing the test on an error.
func gitIn(t *testing.T, dir string) func(args ...string) {
	return func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
