package search_test

import (
	"os"
	"testing"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// TestMain says when Chromium or node is missing: the browser tests and the tests of
// the search script's engine skip without them, which go test shows only under -v.
func TestMain(m *testing.M) {
	os.Exit(browsertest.Main(m, "chromium", "node"))
}
