//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd || solaris

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes the exclusive advisory lock on f without waiting; it reports false
// when another open file (another build) holds it. The lock goes with f's close, and
// with the process if it dies.
func tryLock(f *os.File) (bool, error) {
	err := flock(f, unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// waitLock takes the exclusive advisory lock on f, waiting as long as another holds it.
func waitLock(f *os.File) error { return flock(f, unix.LOCK_EX) }

func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// locksUnsupported reports whether err says the file system keeps no locks (some
// network and FUSE file systems).
func locksUnsupported(err error) bool {
	return errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.ENOTSUP)
}
