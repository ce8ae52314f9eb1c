package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The names of what a build keeps beside its destination DEST, in DEST's parent folder:
// the lock file ".DEST.handbook-lock", the temporary folders ".DEST.handbook-tmp-N" and,
// where folders cannot be exchanged in one step, ".DEST.handbook-old-N".
const (
	lockSuffix = ".handbook-lock"
	tmpInfix   = ".handbook-tmp-"
	oldInfix   = ".handbook-old-"
)

// lockHeader starts every lock file, so that a file of the user's with the same name
// is never taken for one.
const lockHeader = "handbook build lock file"

// LockFile returns the path of the lock file beside the destination dest.
func LockFile(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+lockSuffix)
}

// A destLock is the lock file of a destination, held: while a build holds it no other
// build of that destination runs. It also records what the builds made beside the
// destination: the folders they published there (by folderID), so that a later build
// knows the destination for its own, and the temporary folders not removed yet, so that
// a later build removes only folders that are provably its own kind.
type destLock struct {
	f     *os.File
	path  string
	base  string   // the destination's name
	sites []string // folderIDs of the folders published as the destination
	temps []string // names of the temporary folders beside the destination
	// ids holds the folderIDs of the temporary folders that are previous sites set
	// aside: they stay until the next build, so one the user put under such a name
	// meanwhile must not be taken for ours.
	ids map[string]string

	warning string // why the lock could not be taken, where the file system has none
}

// lockDest opens (making it if need be) and locks the lock file of dest, whose parent
// folder exists. When another build holds it, waiting, if not nil, is called and the
// lock waited for; otherwise lockDest fails at once.
func lockDest(dest string, waiting func()) (*destLock, error) {
	l := &destLock{path: LockFile(dest), base: filepath.Base(dest)}
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, err
	}
	l.f = f
	ok, err := tryLock(f)
	if err != nil && locksUnsupported(err) {
		l.warning = fmt.Sprintf("the file system of %s keeps no locks (%v): another build of it at the same time would not be kept apart", l.path, err)
		ok, err = true, nil
	}
	if err == nil && !ok {
		if waiting == nil {
			err = fmt.Errorf("another build holds %s (it has the lock %s); try again when it has finished", dest, l.path)
		} else {
			waiting()
			err = waitLock(f)
		}
	}
	if err == nil {
		err = l.read()
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

// read loads the record, refusing a file that is not a lock file of this tool.
func (l *destLock) read() error {
	data, err := io.ReadAll(l.f)
	if err != nil {
		return err
	}
	if len(data) > 0 && !bytes.HasPrefix(data, []byte(lockHeader)) {
		return fmt.Errorf("refusing to use %s as the lock file: handbook did not write it; move it away", l.path)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() && sc.Text() != recordEnd {
		kind, value, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "site":
			l.sites = append(l.sites, value)
		case "temp":
			if l.isTemp(value) {
				l.temps = append(l.temps, value)
			}
		case "old":
			if id, name, _ := strings.Cut(value, " "); l.isTemp(name) {
				l.temps = append(l.temps, name)
				l.setID(name, id)
			}
		}
	}
	return nil
}

// isTemp reports whether name is that of a temporary folder of this destination.
func (l *destLock) isTemp(name string) bool {
	return name == filepath.Base(name) &&
		(strings.HasPrefix(name, "."+l.base+tmpInfix) || strings.HasPrefix(name, "."+l.base+oldInfix))
}

// recordEnd ends the record; what follows it is what remains of a longer one before.
const recordEnd = "end"

// write saves the record in one write over the old one, then cuts the file to its
// length: a build killed between the two leaves the new record, ended, with the old
// one's tail after it, never a record that names nothing (which would refuse the
// site just published as not this tool's).
func (l *destLock) write() error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s for %s: it keeps two builds from writing %s at once and records what they made here. Keep it beside %[2]s.\n", lockHeader, l.base, l.base)
	for _, s := range l.sites {
		fmt.Fprintf(&b, "site %s\n", s)
	}
	for _, t := range l.temps {
		if id, ok := l.ids[t]; ok {
			fmt.Fprintf(&b, "old %s %s\n", id, t)
		} else {
			fmt.Fprintf(&b, "temp %s\n", t)
		}
	}
	b.WriteString(recordEnd + "\n")
	if _, err := l.f.WriteAt([]byte(b.String()), 0); err != nil {
		return err
	}
	return l.f.Truncate(int64(b.Len()))
}

// owns reports whether the folder dest is one a build published.
func (l *destLock) owns(dest string) bool {
	id, err := folderID(dest)
	return err == nil && slices.Contains(l.sites, id)
}

// setID records the folderID of the temporary folder name.
func (l *destLock) setID(name, id string) {
	if l.ids == nil {
		l.ids = map[string]string{}
	}
	l.ids[name] = id
}

// addTemp records the temporary folder name, made beside the destination.
func (l *destLock) addTemp(name string) error {
	l.temps = append(l.temps, name)
	return l.write()
}

// leftovers returns the recorded temporary folders that killed or failed builds left
// beside the destination, and the previous sites builds moved aside, for the caller to
// remove: only builds of this tool record them, and no other build runs while this one
// holds the lock. It drops from the record what is no longer there, is no folder, or
// is another folder than the site set aside under its name (none of them ours,
// whatever the record says), and removes empty folders of the
// temporary folders' pattern that are not recorded (removing those loses nothing). It
// warns of each folder it no longer takes for the one recorded, which stays as it is.
func (l *destLock) leftovers(parent string) (names, warnings []string) {
	kept := l.temps[:0:0]
	for _, name := range l.temps {
		path := filepath.Join(parent, name)
		info, err := os.Lstat(path)
		if errors.Is(err, os.ErrNotExist) || err == nil && !info.IsDir() {
			continue
		}
		if id, ok := l.ids[name]; ok && err == nil {
			if now, err := folderID(path); err != nil || now != id {
				// Another folder under the name: not ours, left as it is.
				warnings = append(warnings, fmt.Sprintf("left %s as it is: it is not the previous site a build set aside there", path))
				continue
			}
		}
		// A folder that cannot be looked at stays recorded, and its removal says why.
		kept = append(kept, name)
		names = append(names, name)
	}
	l.temps = kept
	if entries, err := os.ReadDir(parent); err == nil {
		for _, e := range entries {
			if e.IsDir() && l.isTemp(e.Name()) && !slices.Contains(l.temps, e.Name()) {
				os.Remove(filepath.Join(parent, e.Name())) // fails unless empty
			}
		}
	}
	return names, warnings
}

// unlock lets the next build of the destination run.
func (l *destLock) unlock() { l.f.Close() }
