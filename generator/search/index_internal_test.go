package search

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/markdown"
)

func TestExcerptText(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short text", 20, "short text"},
		{"one two three four five six", 16, "one two three…"},
		{"déjà vu déjà vu déjà vu", 10, "déjà vu…"},
		{"unbreakablewordwithoutspaces", 10, "unbreakab…"},
		{"first item · second item · third", 20, "first item…"}, // no dangling separator
	}
	for _, tt := range tests {
		if got := excerptText(tt.in, tt.n); got != tt.want {
			t.Errorf("excerptText(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct{ prev, next, want string }{
		{"apple", "banana", "b"},
		{"custom", "customer", "custome"},
		{"deliv", "deliver", "delive"},
		{"ab", "b", "b"},
	}
	for _, tt := range tests {
		got := separator(tt.prev, tt.next)
		if got != tt.want || compareUTF16(got, tt.prev) <= 0 || !strings.HasPrefix(tt.next, got) {
			t.Errorf("separator(%q, %q) = %q, want %q", tt.prev, tt.next, got, tt.want)
		}
	}
}

func TestCompareUTF16(t *testing.T) {
	// U+FF5E sorts after U+1F600 in UTF-8, before it in UTF-16 (as JavaScript compares).
	if compareUTF16("\uff5e", "\U0001F600") <= 0 {
		t.Error("U+FF5E should sort after U+1F600's surrogate pair in UTF-16 order")
	}
	if compareUTF16("abc", "abd") >= 0 || compareUTF16("ab", "abc") >= 0 || compareUTF16("x", "x") != 0 {
		t.Error("ASCII order is wrong")
	}
}

func TestPlainKeepsBlocksApart(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1. Knowledge transfer\n2. Stakeholder introductions\n3. Done.\n", "Knowledge transfer · Stakeholder introductions · Done."},
		{"What did you do?\n\nWhat path did\nyou take?\n", "What did you do? What path did you take?"},
		{"### Heading\n\nText “quoted.”\n\nNext.\n", "Heading · Text “quoted.” Next."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plain(markdown.NewParser().Parse("f.md", []byte(tt.src), 0).Whole()); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
