package devserver

import (
	"os"
	"testing"

	"github.com/handbook-dev/handbook/generator/browsertest"
)

// TestMain says when Chromium is missing: the browser tests skip without it, which
// go test shows only under -v.
func TestMain(m *testing.M) {
	os.Exit(browsertest.Main(m, "chromium"))
}
