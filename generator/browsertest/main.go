package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// installHint says how to install a tool a test may need, on Debian.
func installHint(tool string) string {
	if tool == "node" {
		return "apt-get install nodejs"
	}
	return "apt-get install " + tool
}

// Missing returns the tools of the list ("chromium", "node") that are not on PATH.
func Missing(tools ...string) []string {
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	return missing
}

// Main runs a package's tests (call it from TestMain) after checking for the tools some
// of them need. The tests that need a missing tool skip, and a skip shows only under
// -v, so Main says on stderr, in one line, which tools are missing (go test shows it
// when run in the package's folder, or with -v or -json); under CI (the CI variable set, as CI services and .ci/run do) it
// fails the run instead, so a release gate never passes without them.
func Main(m *testing.M, tools ...string) int {
	missing := Missing(tools...)
	if len(missing) == 0 {
		return m.Run()
	}
	var hints []string
	for _, tool := range missing {
		hints = append(hints, installHint(tool))
	}
	them := "it"
	if len(missing) > 1 {
		them = "them"
	}
	line := fmt.Sprintf("%s not found on PATH: the tests that need %s are skipped (%s)", strings.Join(missing, " and "), them, strings.Join(hints, "; "))
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		fmt.Fprintln(os.Stderr, "FAIL: "+line+"; CI is set, so they must run")
		return 1
	}
	fmt.Fprintln(os.Stderr, "note: "+line)
	return m.Run()
}
