package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoTestPackagesLinked lists the packages the handbook command is built from: none
// may be a test helper (testing, testing/fstest and the like, net/http/httptest), which
// would be linked into the binary every user runs.
func TestNoTestPackagesLinked(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 {
		t.Fatalf("go list -deps lists %d packages: %q", len(deps), deps)
	}
	for _, p := range deps {
		if p == "testing" || strings.HasPrefix(p, "testing/") || p == "net/http/httptest" {
			t.Errorf("the command links the test package %s", p)
		}
	}
}
