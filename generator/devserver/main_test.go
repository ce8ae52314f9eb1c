package devserver

import (
	"fmt"
	"os"
	"testing"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// TestMain says when Chromium is missing: the browser tests skip without it, which
// go test shows only under -v. A preview of a folder in git keeps what its releases
// changed in the user's cache folder: the tests' goes into a folder of their own.
func TestMain(m *testing.M) {
	cache, err := os.MkdirTemp("", "handbook-devserver-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := browsertest.Main(m, "chromium")
	os.RemoveAll(cache)
	os.Exit(code)
}
