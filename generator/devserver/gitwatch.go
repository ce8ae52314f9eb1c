package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/watch"
)

// gitPoll is how often the preview looks at the site folder's git state.
const gitPoll = 500 * time.Millisecond

// watchGit asks out for a whole build each time the git repository holding the site
// folder moves to another commit (a commit, a checkout, a reset), which changes what
// the history gives the site (its releases, each page's last-updated date) without
// changing a watched file, and each time a tag is made. It reads the repository's
// files, never running git: it looks at HEAD and at HEAD's reflog, which every such
// move writes, and at the tags. A repository made, or removed, after the preview
// started counts as such a move.
func watchGit(ctx context.Context, site string, out *pending) {
	last := gitState(site)
	tick := time.NewTicker(gitPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if now := gitState(site); now != last {
			last = now
			out.add(watch.Batch{Overflow: true})
		}
	}
}

// gitState describes where the repository holding dir stands, from the size and time
// of its HEAD, HEAD's reflog and its tags (a release is a tag); "" when dir is in no
// repository.
func gitState(dir string) string {
	gitDir := findGitDir(dir)
	if gitDir == "" {
		return ""
	}
	state := gitDir
	for _, name := range []string{"HEAD", filepath.Join("logs", "HEAD"), "packed-refs", filepath.Join("refs", "tags")} {
		if info, err := os.Stat(filepath.Join(gitDir, name)); err == nil {
			state += fmt.Sprintf(" %s %d %d", name, info.Size(), info.ModTime().UnixNano())
		}
	}
	return state
}

// findGitDir returns the git folder of the repository holding dir: the ".git" folder
// of dir or of the nearest folder above it, or where a ".git" file (a worktree's)
// points; "" when there is none.
func findGitDir(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		dotGit := filepath.Join(dir, ".git")
		if info, err := os.Stat(dotGit); err == nil {
			if info.IsDir() {
				return dotGit
			}
			if data, err := os.ReadFile(dotGit); err == nil {
				if target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:"); ok {
					target = strings.TrimSpace(target)
					if !filepath.IsAbs(target) {
						target = filepath.Join(dir, target)
					}
					return target
				}
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
