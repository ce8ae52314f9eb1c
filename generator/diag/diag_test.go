package diag

import "testing"

func TestListSortedAndFormatted(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 2, Col: 1}, "orphan")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 3}, "unknown %q", "x")
	l.Errorf(Pos{File: "a.md", Line: 9}, "late")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 3}, "unknown %q", "x") // a duplicate
	want := "a.md:9: error: late\na.md:10:3: error: unknown \"x\"\nb.md:2:1: warning: orphan"
	if got := l.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if e, w := l.Count(); e != 3 || w != 1 {
		t.Errorf("Count = %d, %d", e, w)
	}
	var warnOnly List
	warnOnly.Warnf(Pos{File: "x"}, "w")
	if warnOnly.HasErrors(false) || !warnOnly.HasErrors(true) {
		t.Error("a warning must fail only a strict run")
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		s          string
		candidates []string
		want       string
	}{
		{"Ownershp", []string{"Dive Deep", "Ownership"}, "Ownership"},
		{"ownership", []string{"ownership", "Ownership"}, "ownership"},
		{"bilders", []string{"builders", "Builders"}, "builders"},
		{"Frugal Innovation", []string{"Ownership", "Dive Deep"}, ""},
		{"x", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.s, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ownership", `"Ownership"`},
		{"👩\u200d💼 Manager", "\"👩\u200d💼 Manager\""},
		{"❤️", "\"❤️\""}, // with its variation selector
		{"Ingénieur 日本語", `"Ingénieur 日本語"`},
		{"say \"hi\"\\", `"say \"hi\"\\"`},
		{"tab\tnew\nline", `"tab\tnew\nline"`},
		{"bad \xff byte", `"bad \xff byte"`},
		{"rtl \u202e trick", `"rtl \u202e trick"`},
		{"nul \x00", `"nul \x00"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%+q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestMessagesQuoteAsWritten(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "f"}, "role %q: %s, %d, %v", "👩\u200d💼", "plain", 3, "v")
	if got, want := l[0].Message, "role \"👩\u200d💼\": plain, 3, v"; got != want {
		t.Errorf("message = %s, want %s", got, want)
	}
}

func TestColumn(t *testing.T) {
	line := []byte("Ingénieur,日本語,x")
	for _, tt := range []struct{ offset, want int }{{0, 1}, {len("Ingénieur,"), 11}, {len("Ingénieur,日本語,"), 15}, {1000, 16}} {
		if got := Column(line, tt.offset); got != tt.want {
			t.Errorf("Column(%d) = %d, want %d", tt.offset, got, tt.want)
		}
	}
}
