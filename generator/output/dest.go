package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LegacyMarker is the file that versions of handbook before the lock file put inside
// every site they wrote. A destination holding it is still recognised as the tool's
// own; new sites do not have it, so it is never published.
const LegacyMarker = ".handbook-output"

// checkDest refuses destinations that a mistake could make disastrous, whatever
// --force says: the root or home folder, or a folder that is, holds or lies inside the
// source folder's sources. Paths are compared after resolving symbolic links and "..",
// so that no spelling of a path gets around it. It writes nothing.
func checkDest(abs string, opts WriteOptions) error {
	dest, err := resolve(abs)
	if err != nil {
		return fmt.Errorf("cannot write the site into %s: %w", abs, err)
	}
	if dest == filepath.Dir(dest) {
		return fmt.Errorf("refusing to write the site into %s, the root folder", abs)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := resolve(home); err == nil && h == dest {
			return fmt.Errorf("refusing to write the site into %s, the home folder", abs)
		}
	}
	if opts.Source == "" {
		return nil
	}
	src, err := resolve(opts.Source)
	if err != nil {
		return fmt.Errorf("cannot read the source folder %s: %w", opts.Source, err)
	}
	if dest == src || inside(src, dest) {
		return fmt.Errorf("refusing to write the site into %s, which holds the sources (%s), with or without --force", abs, src)
	}
	var refusal error
	for _, f := range sourceFolders(opts.Source) {
		real, err := resolve(f.path)
		if err != nil {
			continue
		}
		how := ""
		switch {
		case dest == real:
			how = "is"
		case inside(real, dest):
			how = "holds"
		case inside(dest, real):
			how = "lies inside"
		default:
			continue
		}
		err = fmt.Errorf("refusing to write the site into %s: it %s the %s %s, with or without --force", abs, how, f.what, real)
		if how == "is" {
			return err // the plainest reason
		}
		if refusal == nil {
			refusal = err
		}
	}
	return refusal
}

// inside reports whether the path p lies inside the folder dir (both resolved).
func inside(p, dir string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// A sourceFolder is a folder of a site's sources that a destination may not touch.
type sourceFolder struct{ path, what string }

// sourceFolders lists the site folder's content folder, its themes folder and each
// theme folder in it (any of which may be a link to a folder elsewhere).
func sourceFolders(site string) []sourceFolder {
	folders := []sourceFolder{{filepath.Join(site, "content"), "content folder"}}
	themes := filepath.Join(site, "themes")
	entries, _ := os.ReadDir(themes)
	for _, e := range entries { // before themes/, whose message would say less
		folders = append(folders, sourceFolder{filepath.Join(themes, e.Name()), "theme folder"})
	}
	return append(folders, sourceFolder{themes, "themes folder"})
}

// resolve returns the absolute, clean form of p with every symbolic link resolved. Of a
// path that does not exist (yet), its nearest existing parent is resolved and the rest
// joined to it.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				real = filepath.Join(real, rest[i])
			}
			return real, nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = append(rest, filepath.Base(dir))
	}
}

// maxLinks is how many symbolic links followLinks follows before it gives up, as the
// kernel does (ELOOP).
const maxLinks = 40

// followLinks returns the path the destination abs stands for: abs itself unless it is
// a symbolic link, else the path the link (and any link that names) points to, whether
// it is there yet or not. The swap then replaces that folder, never the link.
func followLinks(abs string) (string, error) {
	path := abs
	for range maxLinks {
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", fmt.Errorf("cannot write the site into %s: %w", abs, err)
		}
		if !filepath.IsAbs(target) {
			dir, err := resolve(filepath.Dir(path))
			if err != nil {
				return "", fmt.Errorf("cannot write the site into %s: %w", abs, err)
			}
			target = filepath.Join(dir, target)
		}
		path = filepath.Clean(target)
	}
	return "", fmt.Errorf("cannot write the site into %s: too many levels of symbolic links", abs)
}

// inspectDest fails if dest is there but is no folder, or cannot be read.
func inspectDest(abs string) error {
	_, err := os.ReadDir(abs)
	if err == nil || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if info, serr := os.Stat(abs); serr == nil && !info.IsDir() {
		return fmt.Errorf("refusing to write the site into %s: it is a file, not a folder", abs)
	}
	return fmt.Errorf("cannot write the site into %s: %w", abs, err)
}

// checkOwner refuses to replace a folder with files in it that a build of this tool did
// not publish (as the lock file records, or the legacy marker inside it shows), unless
// force is set.
func checkOwner(abs string, lock *destLock, force bool) error {
	entries, err := os.ReadDir(abs)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 || force || lock.owns(abs) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot write the site into %s: %w", abs, err)
	}
	if info, err := os.Lstat(filepath.Join(abs, LegacyMarker)); err == nil && info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("refusing to replace %s: it holds files handbook did not write (%s does not record it as a site handbook published); choose another --dest, or pass --force to replace it", abs, lock.path)
}
