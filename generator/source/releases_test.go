package source

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestReleasesPattern(t *testing.T) {
	for _, tc := range []struct {
		front, want, diag string
	}{
		{"", "", ""},
		{`releases: "v*"`, "v*", ""},
		{`releases: "release-[0-9]*"`, "release-[0-9]*", ""},
		{`releases: "v[1"`, "", `content/_index.md:3:11: error: releases must be a pattern of tag names such as "v*"`},
		{`releases: "v 1"`, "", `content/_index.md:3:11: error: releases must be a pattern of tag names such as "v*"`},
	} {
		fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: T\n" + tc.front + "\n---\n")}}
		site, diags := Load(fsys, Options{})
		if site.Releases != tc.want {
			t.Errorf("%s: Releases = %q, want %q", tc.front, site.Releases, tc.want)
		}
		if got := strings.TrimSpace(diags.Error()); got != tc.diag {
			t.Errorf("%s: diagnostics %q, want %q", tc.front, got, tc.diag)
		}
	}
}
