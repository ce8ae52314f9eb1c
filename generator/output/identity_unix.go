//go:build unix && !linux

package output

import (
	"fmt"
	"os"
	"syscall"
)

// folderID names the folder at path (following links) by its device and inode number,
// which change when it is replaced by another folder of the same name.
func folderID(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "mtime:" + fmt.Sprint(info.ModTime().UnixNano()), nil
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino), nil
}
