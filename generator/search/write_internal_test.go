package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonString is s as encoding/json writes it with SetEscapeHTML(false), which the
// index's files were once written with and must still match byte for byte.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

var writeCases = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff\x00\x01\x1f\x7f",
	"<html> & 'apostrophes'", "déjà vu · Économie…", "\u2028 and \u2029", "bad \xff\xfe utf-8 \xe2\x80",
	"emoji 😀 and \uff5e", "  spaced\u00a0out\u3000text  ",
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range writeCases {
		if got, want := string(appendJSONString(nil, s)), jsonString(s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, n := range []int{0, 7, 255, 999, 1000, 123456, -3} {
		if got, want := string(appendJSONInt(nil, n)), string(encode(n)); got != want {
			t.Errorf("appendJSONInt(%d) = %s, want %s", n, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range writeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), jsonString(s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// checkCollapse checks collapse, and a collapser fed s in two pieces (split between
// characters), against strings.Fields.
func checkCollapse(t *testing.T, s string) {
	want := strings.Join(strings.Fields(s), " ")
	if got := collapse(s); got != want {
		t.Errorf("collapse(%q) = %q, want %q", s, got, want)
	}
	if collapsed(s) != (s == want) {
		t.Errorf("collapsed(%q) = %v", s, collapsed(s))
	}
	for i := range len(s) + 1 {
		if i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		var w collapser
		w.WriteString(s[:i])
		w.WriteString(s[i:])
		if got := w.String(); got != want {
			t.Errorf("collapser fed %q and %q = %q, want %q", s[:i], s[i:], got, want)
			return
		}
	}
	var w collapser
	w.WriteString("one ")
	w.WriteCollapsed(want)
	w.WriteString(" two")
	if got, want := w.String(), strings.Join(strings.Fields("one "+s+" two"), " "); got != want {
		t.Errorf("WriteCollapsed(%q) = %q, want %q", s, got, want)
	}
}

func TestCollapse(t *testing.T) {
	for _, s := range append(writeCases, " a  b ", "a\n\nb", "x \u0085y\u2000z", "\u00b7 \u00a0") {
		checkCollapse(t, s)
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range writeCases {
		f.Add(s)
	}
	f.Fuzz(checkCollapse)
}

func FuzzCompareUTF16(f *testing.F) {
	f.Add("\uff5e", "\U0001F600")
	f.Add("\U0001F600", "\U0001F601")
	f.Add("abc", "ab\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
		if got := compareUTF16(a, b); got != want {
			t.Errorf("compareUTF16(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
