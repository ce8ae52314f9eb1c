package build

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/model"
)

// readHistory starts reading the site's releases from git, beside the rest of the
// build, and returns the function that waits for them. A site folder without git
// history has none: it is built without its changelog, and Options.Notes hears so.
func readHistory(opts Options, site *model.Site) func() (*changes.Log, diag.List) {
	if opts.Dir == "" {
		return func() (*changes.Log, diag.List) { return nil, nil }
	}
	cache := opts.HistoryCache
	if cache == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(dir, "handbook", "history")
		}
	}
	type read struct {
		log *changes.Log
		err error
	}
	done := make(chan read, 1) // buffered: after an early return it still ends
	go func() {
		log, err := history.Read(opts.Dir, history.Options{Pattern: site.Releases, CacheDir: cache})
		done <- read{log, err}
	}()
	return func() (*changes.Log, diag.List) {
		r := <-done
		switch {
		case r.err == nil:
			return r.log, nil
		case history.IsNoHistory(r.err):
			if opts.Notes != nil {
				fmt.Fprintf(opts.Notes, "handbook: note: %v; the site is built without its What changed pages\n", r.err)
			}
			return nil, nil
		}
		return nil, diag.List{{Pos: diag.Pos{File: opts.Dir}, Severity: diag.Error, Message: fmt.Sprintf("cannot read the history: %v", r.err)}}
	}
}
