//go:build !unix

package output

import (
	"fmt"
	"os"
)

// folderID names the folder at path (following links). Without inode numbers, its
// modification time stands in: it changes when an entry is added to or removed from
// the folder itself, so a folder changed since the build wrote it is taken as not the
// build's own (and --force is needed once).
func folderID(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return "mtime:" + fmt.Sprint(info.ModTime().UnixNano()), nil
}
