package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// folderID names the folder at path (following links) in a way that changes when it is
// replaced by another folder of the same name: its device and inode number and, where
// the file system records it, its birth time, since a removed folder's inode number is
// soon reused. Where statx is not available (old kernels, sandboxes that forbid it), the
// device and inode number alone.
func folderID(path string) (string, error) {
	var st unix.Statx_t
	err := unix.Statx(unix.AT_FDCWD, path, 0, unix.STATX_INO|unix.STATX_BTIME, &st)
	if err == nil {
		id := fmt.Sprintf("%d:%d:%d", st.Dev_major, st.Dev_minor, st.Ino)
		if st.Mask&unix.STATX_BTIME != 0 {
			id += fmt.Sprintf(":%d.%09d", st.Btime.Sec, st.Btime.Nsec)
		}
		return id, nil
	}
	if !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EPERM) {
		return "", &fs.PathError{Op: "statx", Path: path, Err: err}
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	sys, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", fmt.Errorf("no inode number for %s", path)
	}
	return fmt.Sprintf("%d:%d:%d", unix.Major(uint64(sys.Dev)), unix.Minor(uint64(sys.Dev)), sys.Ino), nil
}
