package browsertest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMainReportsMissingTools runs a test binary of this package with an empty PATH:
// without -v, its stderr names the missing tool, and under CI the run fails.
func TestMainReportsMissingTools(t *testing.T) {
	if os.Getenv("BROWSERTEST_CHILD") != "" {
		return // the child run: TestMain did the work
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name     string
		ci       string
		wantFail bool
		want     string
	}{
		{"local", "", false, "note: chromium not found on PATH: the tests that need it are skipped (apt-get install chromium)"},
		{"ci", "true", true, "FAIL: chromium not found on PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run", "^TestMainReportsMissingTools$")
			cmd.Env = append(os.Environ(), "PATH="+empty, "BROWSERTEST_CHILD=1", "CI="+tt.ci)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			if failed := err != nil; failed != tt.wantFail {
				t.Errorf("run failed: %v, want %v (%v)\n%s", failed, tt.wantFail, err, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
		})
	}
}

func TestMain(m *testing.M) {
	if os.Getenv("BROWSERTEST_CHILD") != "" {
		os.Exit(Main(m, "chromium"))
	}
	os.Exit(m.Run())
}
