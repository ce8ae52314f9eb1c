package coda

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// roleID matches a valid role ID: lowercase letters and digits in words joined by single
// hyphens, so it is one safe path element and its own slug.
var roleID = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// WriteRole writes the role folder under contentDir/roles/<id>/ (creating folders),
// refusing with an error that names the file if either file exists and force is false.
//
// contentDir must exist. roleID must be lowercase letters, digits and single hyphens
// ("professional-services"). With force, the existing files are read and passed to
// Export.Files, so what an author added to them is kept. Both files are computed before
// either is written, and each is written atomically (a temporary file in the same folder,
// then a rename), so a failure never leaves a half-written file. An error refusing to
// overwrite wraps fs.ErrExist.
func WriteRole(contentDir, roleID string, e *Export, force bool) error {
	if err := checkRoleID(roleID); err != nil {
		return err
	}
	if e == nil {
		return errors.New("coda.WriteRole: nil Export")
	}
	if fi, err := os.Stat(contentDir); err != nil {
		return fmt.Errorf("content folder: %w", err)
	} else if !fi.IsDir() {
		return fmt.Errorf("content folder %s is not a folder", contentDir)
	}
	dir := filepath.Join(contentDir, "roles", roleID)
	indexPath, csvPath := filepath.Join(dir, IndexFile), filepath.Join(dir, LevelsFile)
	oldIndex, err := readExisting(indexPath)
	if err != nil {
		return err
	}
	oldCSV, err := readExisting(csvPath)
	if err != nil {
		return err
	}
	if !force {
		var errs []error
		for _, f := range []struct {
			path string
			old  []byte
		}{{indexPath, oldIndex}, {csvPath, oldCSV}} {
			if f.old != nil {
				errs = append(errs, fmt.Errorf("%s: %w; import with --force to replace it (the front matter and the Principles and ID columns added to it are kept)", f.path, fs.ErrExist))
			}
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
	index, csv, err := e.files(indexPath, oldIndex, csvPath, oldCSV)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeAtomic(csvPath, csv); err != nil {
		return err
	}
	return writeAtomic(indexPath, index)
}

// checkRoleID returns an error when id is not a valid role ID.
func checkRoleID(id string) error {
	if !roleID.MatchString(id) {
		return fmt.Errorf("invalid role ID %q: use lowercase letters, digits and hyphens, as in \"professional-services\"", id)
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
// folder, flushes it to disk and renames it over path.
func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
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
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
