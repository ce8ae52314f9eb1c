//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd || solaris || windows)

package output

import "os"

// tryLock is where the system has no advisory file locks (Plan 9, WebAssembly): there,
// builds of one destination are not kept apart, and each behaves as if it were alone.
func tryLock(*os.File) (bool, error) { return true, nil }

// waitLock is never needed where tryLock always succeeds.
func waitLock(*os.File) error { return nil }

// locksUnsupported is never asked where tryLock cannot fail.
func locksUnsupported(error) bool { return false }
