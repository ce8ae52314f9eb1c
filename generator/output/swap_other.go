//go:build !linux

package output

// swap puts the folder tmp in dest's place, moving the previous site to old first, and
// returns where the previous site now is ("" if there was none).
func swap(tmp, dest, old string) (string, error) { return swapByRenames(tmp, dest, old) }
