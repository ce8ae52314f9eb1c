package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes the exclusive lock on f's first byte without waiting; it reports false
// when another open file (another build) holds it. The lock goes with f's close, and
// with the process if it dies.
func tryLock(f *os.File) (bool, error) {
	err := lockFile(f, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

// waitLock takes the exclusive lock on f's first byte, waiting as long as another holds it.
func waitLock(f *os.File) error { return lockFile(f, windows.LOCKFILE_EXCLUSIVE_LOCK) }

func lockFile(f *os.File, flags uint32) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, new(windows.Overlapped))
}

// locksUnsupported reports whether err says the file system keeps no locks.
func locksUnsupported(err error) bool { return errors.Is(err, windows.ERROR_NOT_SUPPORTED) }
