package output

import (
	"fmt"
	"io/fs"

	"golang.org/x/sys/unix"
)

// folderID names the folder at path (following links) in a way that changes when it is
// replaced by another folder of the same name: its device and inode number and, where
// the file system records it, its birth time, since a removed folder's inode number is
// soon reused.
func folderID(path string) (string, error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, path, 0, unix.STATX_INO|unix.STATX_BTIME, &st); err != nil {
		return "", &fs.PathError{Op: "statx", Path: path, Err: err}
	}
	id := fmt.Sprintf("%d:%d:%d", st.Dev_major, st.Dev_minor, st.Ino)
	if st.Mask&unix.STATX_BTIME != 0 {
		id += fmt.Sprintf(":%d.%09d", st.Btime.Sec, st.Btime.Nsec)
	}
	return id, nil
}
