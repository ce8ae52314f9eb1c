package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder tmp in dest's place. On Linux an existing dest is exchanged with
// tmp in one atomic step, so there is no moment without a complete site.
func swap(tmp, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return os.RemoveAll(tmp) // tmp now holds the previous site
	case errors.Is(err, unix.ENOENT):
		return os.Rename(tmp, dest) // no previous site
	}
	return swapByRenames(tmp, dest)
}
