package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
)

// script is the theme's search script, whose engine the tests run under node.
const script = "../../themes/default/assets/search.js"

// runNode sends req to testdata/harness.js under node and decodes its answer into out.
// The test is skipped when node is not installed.
func runNode(t *testing.T, req, out any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the search script's engine cannot be run (install nodejs to run this test)")
	}
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/harness.js")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/harness.js: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("decoding the harness's answer: %v", err)
	}
}

// publish writes an index's files into a new temporary folder and returns it.
func publish(t testing.TB, ix search.Index) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ix.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// query is one search the harness runs.
type query struct {
	Q         string `json:"q"`
	Typing    bool   `json:"typing"`
	Type      string `json:"type,omitempty"`
	Role      string `json:"role,omitempty"`
	Level     string `json:"level,omitempty"`
	Principle string `json:"principle,omitempty"`
	Text      bool   `json:"text,omitempty"`   // also load the excerpt texts
	Facets    bool   `json:"facets,omitempty"` // also load the filters' facets, and count
}

// answer is what the harness found for one query.
type answer struct {
	Q       string   `json:"q"`
	URLs    []string `json:"urls"`
	Titles  []string `json:"titles"`
	Total   int      `json:"total"`
	Partial bool     `json:"partial"`
	Loaded  []string `json:"loaded"`
	Counts  struct {
		Type []int `json:"type"`
		Role []int `json:"role"`
	} `json:"counts"`
	Excerpt []struct {
		Text string `json:"text"`
		Mark bool   `json:"mark"`
	} `json:"excerpt"`
}

// searchAll runs queries against a published index, each on a fresh engine.
func searchAll(t *testing.T, ix search.Index, top int, queries []query) []answer {
	t.Helper()
	req := map[string]any{"mode": "search", "script": script, "root": publish(t, ix), "manifest": ix.Manifest, "top": top, "queries": queries}
	var out []answer
	runNode(t, req, &out)
	if len(out) != len(queries) {
		t.Fatalf("the harness answered %d queries of %d", len(out), len(queries))
	}
	return out
}
