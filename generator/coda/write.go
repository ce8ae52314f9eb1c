package coda

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/handbook-dev/handbook/generator/model"
)

// WriteRole writes the role folder under contentDir/roles/<id>/: it is Plan followed by
// Import.Write.
func WriteRole(contentDir, roleID string, e *Export, force bool) error {
	im, err := Plan(contentDir, roleID, e, force)
	if err != nil {
		return err
	}
	return im.Write()
}

// Import is an import of one role, planned and not yet written.
type Import struct {
	Dir    string   // contentDir/roles/<id>
	Files  []Target // levels.csv, then _index.md
	Report Report   // what the import changes and keeps, naming the files by their paths
}

// Target is one file an import writes.
type Target struct {
	Path    string
	Data    []byte
	Changed bool // the file is missing or holds other bytes
}

// Plan reads the role folder contentDir/roles/<id>/ and returns what an import of e
// would write there, writing nothing. It refuses with an error that names the file if
// either file exists and force is false; such an error wraps fs.ErrExist.
//
// contentDir must exist. roleID must be an ID as the build accepts it (model.ValidID):
// lowercase letters and digits of any script joined by single hyphens
// ("professional-services", "エンジニア"). With force, the export is merged into the existing files
// (see Export.Merge), and an export that cannot be merged without losing what is in
// them is refused with a diag.List naming each place.
func Plan(contentDir, roleID string, e *Export, force bool) (*Import, error) {
	if err := checkRoleID(roleID); err != nil {
		return nil, err
	}
	if e == nil {
		return nil, errors.New("coda.Plan: nil Export")
	}
	if fi, err := os.Stat(contentDir); err != nil {
		return nil, fmt.Errorf("content folder: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("content folder %s is not a folder", contentDir)
	}
	dir := filepath.Join(contentDir, "roles", roleID)
	indexPath, csvPath := filepath.Join(dir, IndexFile), filepath.Join(dir, LevelsFile)
	oldIndex, err := readExisting(indexPath)
	if err != nil {
		return nil, err
	}
	oldCSV, err := readExisting(csvPath)
	if err != nil {
		return nil, err
	}
	if !force {
		var errs []error
		for _, f := range []struct {
			path string
			old  []byte
		}{{indexPath, oldIndex}, {csvPath, oldCSV}} {
			if f.old != nil {
				errs = append(errs, fmt.Errorf("%s: %w; import with --force to merge the export into it (what was added to it is kept; --dry-run shows the changes)", f.path, fs.ErrExist))
			}
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	m, err := e.merged(indexPath, oldIndex, csvPath, oldCSV)
	if err != nil {
		return nil, err
	}
	return &Import{
		Dir: dir,
		Files: []Target{
			{Path: csvPath, Data: m.CSV, Changed: m.Report.CSVBytes},
			{Path: indexPath, Data: m.Index, Changed: m.Report.IndexBytes},
		},
		Report: m.Report,
	}, nil
}

// Write writes the files that change, creating the role folder. Each is written
// atomically (a temporary file in the same folder, then a rename), so a failure never
// leaves a half-written file; files whose bytes do not change are not touched.
func (im *Import) Write() error {
	if err := os.MkdirAll(im.Dir, 0o777); err != nil { // less the umask, as mkdir makes it
		return err
	}
	for _, f := range im.Files {
		if !f.Changed {
			continue
		}
		if err := writeAtomic(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// checkRoleID returns an error when id is not an ID the build accepts for the role
// folder, so that an import never writes a role the build then refuses. Such an ID is
// also one safe path element.
func checkRoleID(id string) error {
	if problem := model.IDProblem(id); problem != "" {
		return fmt.Errorf("invalid role ID: %s", problem)
	}
	return nil
}

// readExisting returns the contents of the file at path, or nil when there is none.
// An existing empty file is returned as an empty, non-nil slice.
func readExisting(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// writeAtomic replaces the file at path with data: it writes a temporary file in the same
// folder, flushes it to disk and renames it over path. The file keeps the mode it had; a
// new one gets 0666 less the umask, as a file an editor saves.
func writeAtomic(path string, data []byte) (err error) {
	f, err := createTemp(filepath.Dir(path), "."+filepath.Base(path)+".", ".tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if info, serr := os.Stat(path); serr == nil {
		if err = f.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// createTemp makes a new file in dir named prefix, a random number and suffix, with mode
// 0666 less the umask (os.CreateTemp makes it 0600, which the rename would keep).
func createTemp(dir, prefix, suffix string) (*os.File, error) {
	for {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}
