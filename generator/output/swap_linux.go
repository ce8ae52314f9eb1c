package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder tmp in dest's place and returns where the previous site now is
// ("" if there was none). On Linux an existing dest is exchanged with tmp in one atomic
// step, so there is no moment without a complete site, and the previous site is then at
// tmp; where the file system cannot exchange, it is moved to old first.
func swap(tmp, dest, old string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return tmp, nil
	case errors.Is(err, unix.ENOENT):
		return "", os.Rename(tmp, dest) // no previous site
	}
	return swapByRenames(tmp, dest, old)
}
