// Package history reads the handbook's past from git: the releases (tags matching the
// site's pattern, or months where there are no tags), the content folder as a commit
// holds it, loaded into the model by the same source loader as the build, and the
// changes of each release, compared by the changes package. It runs the git command;
// a site without git history has no releases (ErrNoHistory), and the build goes on
// without them. What a release changed is kept in a cache folder by the commits it
// compares, so a build compares only the releases it has not seen; and those by the
// files that differ between the two commits, read through one git cat-file process,
// so that a first build costs little more than the files the releases changed.
package history

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// DefaultPattern is the tags that are releases when the site sets none.
const DefaultPattern = "v*"

// cacheFormat names the cached files' format: a change to what a Set holds or how
// Compare makes it starts a new cache.
const cacheFormat = "changes-1"

// updatedFormat names the cache's folder of when each content file was last changed,
// one file per commit checked out and site folder.
const updatedFormat = "updated-1"

// Options control what is read.
type Options struct {
	Pattern  string // the tags that are releases (a glob); DefaultPattern if ""
	CacheDir string // where what releases changed is kept; "" keeps nothing
}

// point is one release before its changes are known.
type point struct {
	name, commit string
	date         time.Time
}

// Read returns the releases of the site folder dir, each with what it changed since
// the one before (the first has no changes: the history starts there). It fails with an
// error wrapping ErrNoHistory when dir has no git history.
func Read(dir string, opts Options) (*changes.Log, error) {
	repo, err := Open(dir)
	if err != nil {
		return nil, err
	}
	pattern := cmp.Or(opts.Pattern, DefaultPattern)
	points, byMonth, err := repo.releases(pattern)
	if err != nil {
		return nil, err
	}
	var objs *objects // started at the first release not in the cache
	defer func() {
		if objs != nil {
			objs.close()
		}
	}()
	log := &changes.Log{ByMonth: byMonth}
	slugs := uniqueSlugs(points)
	for i, p := range points {
		rel := changes.Release{Name: p.name, Slug: slugs[i], Commit: p.commit, Date: p.date}
		if i == 0 {
			// The first release is where the history starts: it changed nothing a
			// reader had seen before.
			log.Releases = append(log.Releases, rel)
			continue
		}
		rel.Previous = points[i-1].name
		prev := points[i-1].commit
		key := cacheKey{prefix: repo.prefix, pattern: pattern, old: prev, new: p.commit}
		set, err := cached(opts.CacheDir, cacheFormat, key, func() (changes.Set, error) {
			if objs == nil {
				o, err := repo.objects()
				if err != nil {
					return changes.Set{}, err
				}
				objs = o
			}
			return repo.compare(objs, prev, p.commit)
		})
		if err != nil {
			return nil, err
		}
		rel.Changes = set
		log.Releases = append(log.Releases, rel)
	}
	slices.Reverse(log.Releases)
	if log.Updated, err = repo.cachedUpdated(opts.CacheDir); err != nil {
		return nil, err
	}
	return log, nil
}

// cachedUpdated returns when each content file was last changed (updated), kept in
// dir under the commit checked out: what a commit's history says never changes.
func (r *Repo) cachedUpdated(dir string) (map[string]time.Time, error) {
	head, err := r.Resolve("HEAD")
	if err != nil {
		return nil, err
	}
	return cached(dir, updatedFormat, cacheKey{prefix: r.prefix, new: head}, r.updated)
}

// Load returns the model the site had at a commit, for comparing (see LoadFS): its
// content folder read by the build's own loader, drafts left out as a build leaves
// them. Problems a past version had are not reported again; what could be read of it
// is compared.
func (r *Repo) Load(commit string) (*model.Site, error) {
	tree, err := r.Tree(commit)
	if err != nil {
		return nil, err
	}
	return LoadFS(tree), nil
}

// compare returns what changed between two commits. It loads only the sources that
// differ between them (with the other files of their items, source.ItemFiles): a
// source whose data is the same in both gives the same items in both, which compare
// equal and so change nothing, and cannot be taken for another item's old or new
// name, which needs an ID the other version lacks. What the comparison finds is thus
// what comparing the two whole models finds, at the cost of the files that changed.
// (That needs IDs unique in each version, as the build requires: a version where two
// questions of two files slug to one ID, which its build refused, may compare
// otherwise.)
func (r *Repo) compare(o *objects, old, new string) (changes.Set, error) {
	oldTree, err := r.contentTree(o, old)
	if err != nil {
		return changes.Set{}, err
	}
	newTree, err := r.contentTree(o, new)
	if err != nil {
		return changes.Set{}, err
	}
	var changed []string
	if err := o.changedFiles(oldTree, newTree, source.ContentDir, &changed); err != nil {
		return changes.Set{}, err
	}
	need := map[string]bool{}
	for _, p := range changed {
		if source.IsSource(p) {
			for _, q := range source.ItemFiles(p) {
				need[q] = true
			}
		}
	}
	before, err := o.files(oldTree, need)
	if err != nil {
		return changes.Set{}, err
	}
	after, err := o.files(newTree, need)
	if err != nil {
		return changes.Set{}, err
	}
	return changes.Compare(LoadFS(before), LoadFS(after)), nil
}

// LoadFS loads the model of a site folder, as Load does for a commit: the working
// tree's, for comparing it with a commit. The model is for comparing, not for
// rendering: the matrices' cells keep their text, unparsed (source.Options.CellText).
func LoadFS(fsys fs.FS) *model.Site {
	site, _ := source.Load(fsys, source.Options{CellText: true})
	if site == nil {
		site = &model.Site{}
	}
	return site
}

// releases lists the release points, oldest first: the tags matching pattern that
// name commits, or, where none do, the last commit of each month on the first-parent
// line of HEAD.
func (r *Repo) releases(pattern string) ([]point, bool, error) {
	out, err := r.run(nil, "for-each-ref", "--sort=refname", "--sort=creatordate",
		"--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)",
		"refs/tags/"+pattern)
	if err != nil {
		return nil, false, err
	}
	var points []point
	for ln := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimSuffix(ln, "\n"), "\x00")
		if len(f) != 6 {
			continue
		}
		commit := ""
		switch {
		case f[1] == "commit":
			commit = f[2]
		case f[3] == "commit":
			commit = f[4]
		default:
			continue // a tag of something other than a commit
		}
		date, err := time.Parse(time.RFC3339, f[5])
		if err != nil {
			return nil, false, fmt.Errorf("tag %s: date %q: %v", f[0], f[5], err)
		}
		points = append(points, point{f[0], commit, date.UTC()})
	}
	slices.SortStableFunc(points, func(a, b point) int { return a.date.Compare(b.date) })
	if len(points) > 0 {
		return points, false, nil
	}
	months, err := r.months()
	return months, true, err
}

// months returns the last commit of each month, oldest first.
func (r *Repo) months() ([]point, error) {
	out, err := r.run(nil, "log", "--first-parent", "--format=%H %cI", "HEAD")
	if err != nil {
		return nil, err
	}
	var points []point // newest first while read
	for ln := range strings.Lines(string(out)) {
		id, when, ok := strings.Cut(strings.TrimSpace(ln), " ")
		if !ok {
			continue
		}
		date, err := time.Parse(time.RFC3339, when)
		if err != nil {
			return nil, fmt.Errorf("commit %s: date %q: %v", id, when, err)
		}
		date = date.UTC()
		month := date.Format("2006-01")
		if n := len(points); n > 0 && points[n-1].name == month {
			continue
		}
		points = append(points, point{month, id, date})
	}
	slices.Reverse(points)
	return points, nil
}

// Slug makes a release name into a URL path segment: lower-case letters, digits,
// '.', '-' and '_' kept, upper-case letters lowered (so that "V1.0" and "v1.0" cannot
// make two folders that a case-insensitive host takes for one), anything else a '-'.
func Slug(name string) string {
	b := []byte(name)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c - 'A' + 'a'
		case !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'):
			b[i] = '-'
		}
	}
	return strings.Trim(string(b), ".")
}

// uniqueSlugs gives each release a URL segment of its own: two tag names can make the
// same slug ("v1/a" and "v1-a", "V1.0" and "v1.0"), and a name of dots alone none.
func uniqueSlugs(points []point) []string {
	out := make([]string, len(points))
	used := map[string]bool{}
	for i, p := range points {
		base := cmp.Or(Slug(p.name), "release")
		s := base
		for n := 2; used[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		used[s] = true
		out[i] = s
	}
	return out
}

// cacheKey names what one release changed in the cache: the two commits, and the
// site they are read for. One repository can hold several handbooks, each in its own
// folder (prefix), and the same pair of commits changes each differently.
type cacheKey struct {
	prefix, pattern string // the site folder in the repository; the releases' pattern
	old, new        string // the commits compared
}

// file is the key's file name in the cache: the commits' IDs, to be read by a person,
// then a hash of the site folder and the pattern, which may hold any character.
func (k cacheKey) file() string {
	site := sha256.Sum256([]byte(k.prefix + "\x00" + k.pattern))
	return k.old + "-" + k.new + "-" + hex.EncodeToString(site[:8]) + ".json"
}

// cached returns what compare makes of two commits (or what a commit's history
// says), keeping it in dir under the key: a commit's content never changes, so
// neither does what two commits' changes are.
func cached[T any](dir, format string, key cacheKey, compare func() (T, error)) (T, error) {
	if dir == "" {
		return compare()
	}
	file := filepath.Join(dir, format, key.file())
	if data, err := os.ReadFile(file); err == nil {
		var set T
		if json.Unmarshal(data, &set) == nil {
			return set, nil
		}
	}
	set, err := compare()
	if err != nil {
		return set, err
	}
	// The cache only saves time: a folder that cannot be written is no failure.
	if data, err := json.Marshal(set); err == nil {
		if os.MkdirAll(filepath.Dir(file), 0o777) == nil {
			tmp := file + ".tmp" + fmt.Sprint(os.Getpid())
			if os.WriteFile(tmp, data, 0o666) == nil && os.Rename(tmp, file) != nil {
				os.Remove(tmp)
			}
		}
	}
	return set, nil
}

// IsNoHistory reports whether err means there is no history to read.
func IsNoHistory(err error) bool { return errors.Is(err, ErrNoHistory) }
