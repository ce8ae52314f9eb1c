//go:build !linux

package output

// swap puts the folder tmp in dest's place.
func swap(tmp, dest string) error { return swapByRenames(tmp, dest) }
