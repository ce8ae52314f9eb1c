package main

import (
	"runtime/debug"
	"testing"
)

// TestCollectForBuild: a build runs the collector at buildGCPercent and gives the
// setting back after; GOGC set in the environment is left to decide.
func TestCollectForBuild(t *testing.T) {
	const before = 120
	defer debug.SetGCPercent(debug.SetGCPercent(before))
	for _, tc := range []struct {
		env    string
		during int
	}{
		{"", buildGCPercent},
		{"200", before},
	} {
		t.Setenv("GOGC", tc.env)
		restore := collectForBuild()
		if got := debug.SetGCPercent(before); got != tc.during {
			t.Errorf("GOGC=%q: the collector at %d during the build, want %d", tc.env, got, tc.during)
		}
		debug.SetGCPercent(tc.during)
		restore()
		if got := debug.SetGCPercent(before); got != before {
			t.Errorf("GOGC=%q: the collector at %d after the build, want %d again", tc.env, got, before)
		}
	}
}
