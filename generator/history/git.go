package history

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/memfs"
	"github.com/handbook-dev/handbook/generator/source"
)

// ErrNoHistory is returned when the site folder has no git history to read: git is
// not installed, or the folder is not in a git repository.
var ErrNoHistory = errors.New("no git history")

// Repo is the git repository holding a site folder.
type Repo struct {
	git    string // the git command's path
	dir    string // the site folder
	prefix string // the site folder's path inside the repository, "" or ending in "/"
}

// Open finds the git repository holding the site folder dir. It returns an error
// wrapping ErrNoHistory when there is none, or git is missing.
func Open(dir string) (*Repo, error) {
	g, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("%w: git is not installed", ErrNoHistory)
	}
	r := &Repo{git: g, dir: dir}
	out, err := r.run(nil, "rev-parse", "--is-inside-work-tree", "--show-prefix")
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not in a git repository", ErrNoHistory, dir)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > 1 {
		r.prefix = lines[1]
	}
	if _, err := r.run(nil, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"); err != nil {
		return nil, fmt.Errorf("%w: the repository of %s has no commits", ErrNoHistory, dir)
	}
	return r, nil
}

// run runs git in the site folder and returns its output.
func (r *Repo) run(stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command(r.git, append([]string{"-c", "core.quotepath=off"}, args...)...)
	cmd.Dir = r.dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Resolve returns the commit ID a revision (a tag, branch or commit) names.
func (r *Repo) Resolve(rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q is not a revision", rev)
	}
	out, err := r.run(nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q is not a commit or tag of the repository", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// Tree returns the content folder as the commit holds it, as a file system holding
// content/ (the layout source.Load reads). A commit without the folder gives an empty
// file system.
func (r *Repo) Tree(commit string) (fs.FS, error) {
	out, err := r.run(nil, "ls-tree", "-r", "-z", "--full-tree", commit, "--", r.prefix+source.ContentDir)
	if err != nil {
		return nil, err
	}
	type blob struct{ id, path string }
	var blobs []blob
	for rec := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		meta, p, ok := strings.Cut(rec, "\t")
		fields := strings.Fields(meta)
		// Only regular files: a symbolic link in a commit is not followed, as the
		// build would not follow one leading out of content/.
		if !ok || len(fields) != 3 || fields[1] != "blob" || !strings.HasPrefix(fields[0], "1006") && !strings.HasPrefix(fields[0], "1007") {
			continue
		}
		rel := strings.TrimPrefix(p, r.prefix)
		if !source.IsSource(rel) {
			continue
		}
		blobs = append(blobs, blob{fields[2], rel})
	}
	files := make(map[string][]byte, len(blobs))
	if len(blobs) == 0 {
		return memfs.New(files), nil
	}
	var ids strings.Builder
	for _, b := range blobs {
		ids.WriteString(b.id + "\n")
	}
	data, err := r.run(strings.NewReader(ids.String()), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	rd := bufio.NewReader(bytes.NewReader(data))
	for _, b := range blobs {
		body, err := readBatch(rd)
		if err != nil {
			return nil, fmt.Errorf("git cat-file %s (%s): %v", b.id, b.path, err)
		}
		files[path.Clean(b.path)] = body
	}
	return memfs.New(files), nil
}

// readBatch reads one object of git cat-file --batch output: "<id> <type> <size>\n",
// the data, "\n".
func readBatch(rd *bufio.Reader) ([]byte, error) {
	head, err := rd.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(head)
	if len(f) != 3 {
		return nil, fmt.Errorf("unexpected %q", strings.TrimSpace(head))
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, err
	}
	body := make([]byte, n+1)
	if _, err := io.ReadFull(rd, body); err != nil {
		return nil, err
	}
	return body[:n], nil
}

// updated returns when each file of the content folder was last changed: the commit
// date of the newest commit reachable from HEAD that changed it, by its path in the
// site folder ("content/roles/eng/levels.csv"). One git log over the folder makes it;
// a change not committed yet is not seen.
func (r *Repo) updated() (map[string]time.Time, error) {
	out, err := r.run(nil, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "HEAD", "--", source.ContentDir)
	if err != nil {
		return nil, err
	}
	dates := map[string]time.Time{}
	var at time.Time
	for line := range strings.SplitSeq(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "\x00"):
			sec, err := strconv.ParseInt(line[1:], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("git log: unexpected %q", line)
			}
			at = time.Unix(sec, 0).UTC()
		case line == "":
		default:
			name := line
			if strings.HasPrefix(name, `"`) { // a name git quotes: a control character in it
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			if old, ok := dates[name]; !ok || at.After(old) {
				dates[name] = at
			}
		}
	}
	return dates, nil
}
