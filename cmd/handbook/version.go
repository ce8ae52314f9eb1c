package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// releaseVersion is the version a release build stamps into the binary
// (go build -ldflags "-X main.releaseVersion=v1.2.3", as .ci/release does). Without it,
// the module version from the build information is shown: v1.2.3 when installed with
// go install ...@v1.2.3, "(devel)" in a checkout.
var releaseVersion string

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", stderr)
	if rest, ok := parse(fs, args); !ok || len(rest) > 0 {
		return usageError(stderr, fs, rest)
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprint(stdout, versionText(info, releaseVersion))
	return exitOK
}

// versionText describes the binary from its build information (nil when the binary has
// none): the version, the commit it was built from, with its date and whether the
// working tree had uncommitted changes, and the Go toolchain and platform.
func versionText(info *debug.BuildInfo, release string) string {
	version, goVersion := "(devel)", runtime.Version()
	settings := map[string]string{}
	if info != nil {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
	}
	if release != "" {
		version = release
	}
	var b strings.Builder
	fmt.Fprintf(&b, "handbook %s\n", version)
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += " (with uncommitted changes)"
		}
		fmt.Fprintf(&b, "commit: %s\n", rev)
	}
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "date:   %s\n", t)
	}
	fmt.Fprintf(&b, "go:     %s %s/%s\n", goVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}
