package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeInstall: the README gives the minimum Go version go.mod states, both ways
// to install, and the command that runs every test.
func TestReadmeInstall(t *testing.T) {
	readme := string(readFile(t, "../../README.md"))
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+(?:\.\d+)?)$`).FindStringSubmatch(string(readFile(t, "../../go.mod")))
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	wantContains(t, "README.md", readme,
		"Go "+m[1]+" or newer",
		"go install github.com/handbook-dev/handbook/cmd/handbook@latest",
		"git clone ",
		"go install ./cmd/handbook",
		"handbook init my-handbook",
		"`bash .ci/run` installs all three",
		"chromium", "node",
		"## Troubleshooting",
		"aws s3 sync", "Cloudflare Pages", "GitLab Pages", "GitHub Pages",
	)
}

// TestReadmeTroubleshootingMessagesAreReal: each message the troubleshooting table
// quotes is one the tool prints: every piece of it between the names, numbers, paths
// and flags it holds is in a format string of the code or in the output a test
// asserts (which holds the messages of the YAML library, for one).
func TestReadmeTroubleshootingMessagesAreReal(t *testing.T) {
	readme := string(readFile(t, "../../README.md"))
	_, section, ok := strings.Cut(readme, "## Troubleshooting\n")
	if !ok {
		t.Fatal("no troubleshooting section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var code strings.Builder
	for _, root := range []string{"../../generator", "."} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
				data, _ := os.ReadFile(p)
				code.Write(bytes.ReplaceAll(data, []byte("`"), nil))
			}
			return nil
		})
	}
	rows := regexp.MustCompile("(?m)^\\| `([^`]+)`").FindAllStringSubmatch(section, -1)
	if len(rows) < 10 {
		t.Fatalf("the troubleshooting table has %d messages, want at least 10", len(rows))
	}
	// The literal text between the names a message quotes and the position before it.
	prefix := regexp.MustCompile(`^(?:[\w./-]+:(?:\d+:\d+: )?(?:error|warning): |warning: |handbook(?: \w+)?: )`)
	quoted := regexp.MustCompile(`"[^"]*"|\.\.\.|\d+|--[\w-]+|[\w.-]*(?:/[\w.-]*)+|\bDIR\b|\bpublic\b`)
	for _, row := range rows {
		msg := prefix.ReplaceAllString(row[1], "")
		for _, piece := range quoted.Split(msg, -1) {
			piece = strings.TrimSpace(strings.Trim(piece, " :,"))
			if len(piece) < 8 {
				continue
			}
			if !strings.Contains(code.String(), piece) {
				t.Errorf("README quotes %q, which no code prints (from %q)", piece, row[1])
			}
		}
	}
}
