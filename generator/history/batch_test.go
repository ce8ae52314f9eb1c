package history

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// TestParseTree reads tree objects of SHA-1 and SHA-256 repositories, with names of
// any script, and refuses a cut one.
func TestParseTree(t *testing.T) {
	entry := func(mode, name string, id []byte) []byte {
		return append([]byte(mode+" "+name+"\x00"), id...)
	}
	for _, size := range []int{20, 32} {
		a, b := bytes.Repeat([]byte{0xab}, size), bytes.Repeat([]byte{0x01}, size)
		data := append(entry("100644", "levels.csv", a), entry("40000", "ingeniería 工程 🛠️", b)...)
		data = append(data, entry("120000", "link.md", a)...)
		tree, err := parseTree(data, size)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		want := map[string]treeEntry{
			"levels.csv":       {"100644", hex.EncodeToString(a)},
			"ingeniería 工程 🛠️": {"40000", hex.EncodeToString(b)},
			"link.md":          {"120000", hex.EncodeToString(a)},
		}
		if len(tree) != len(want) {
			t.Errorf("size %d: %d entries, want %d", size, len(tree), len(want))
		}
		for name, w := range want {
			if tree[name] != w {
				t.Errorf("size %d: %q = %+v, want %+v", size, name, tree[name], w)
			}
		}
		if !tree["levels.csv"].isFile() || !tree["ingeniería 工程 🛠️"].isTree() || tree["link.md"].isFile() {
			t.Errorf("size %d: a file, a folder and a link are not told apart", size)
		}
		if _, err := parseTree(data[:len(data)-1], size); err == nil || !strings.Contains(err.Error(), "malformed") {
			t.Errorf("size %d: a cut tree gave %v", size, err)
		}
	}
}
