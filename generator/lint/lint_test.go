package lint

import (
	"os"
	"strings"
	"testing"
)

func TestMojibake(t *testing.T) {
	tests := []struct {
		line string
		want string // Found values, joined
	}{
		{"a â€“ b", `3:"â€“"->"–"`},
		{"donâ€™t", `4:"â€™"->"’"`},
		{"cafÃ©", `4:"Ã©"->"é"`},
		{"â€œquotedâ€\u009d", `1:"â€œ"->"“" 14:"â€\u009d"->"”"`},
		{"plain – text, café, naïve, “quotes”", ""},
		{"Â", ""},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range Mojibake(tt.line) {
			got = append(got, f.String())
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Mojibake(%q) = %s, want %s", tt.line, g, tt.want)
		}
	}
}

func TestTextFindings(t *testing.T) {
	src := "\uFEFF---\r\ntitle: X\r\n---\r\nicon picker\r\nTable 8\r\nColumn 1\r\nThere are no rows in this table\r\nA line with Ã© in it.\r\n"
	got := Text("content/x.md", []byte(src)).Error()
	for _, want := range []string{
		`content/x.md:4:1: warning: "icon picker" is chrome from a Coda export`,
		`content/x.md:5:1: warning: "Table 8" is chrome`,
		`content/x.md:6:1: warning: "Column 1" is chrome`,
		`content/x.md:7:1: warning: "There are no rows in this table" is chrome`,
		`content/x.md:8:13: warning: mojibake: "Ã©" is "é"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if clean := Text("content/y.md", []byte("---\ntitle: Y\n---\nAll – fine.\n")); len(clean) != 0 {
		t.Errorf("clean file: %v", clean)
	}
}

// TestSpreadsheetSaves checks that what spreadsheets and editors save as a matter of
// course, a UTF-8 byte-order mark and CRLF line ends, is no finding: the build reads
// both exactly, so check must not fail where build passes.
func TestSpreadsheetSaves(t *testing.T) {
	tests := []struct{ file, src string }{
		{"content/roles/r/levels.csv", "\uFEFFLevel,L1,L2\r\nA,\"- one\r\n- two\",x\r\n"},
		{"content/roles/r/levels.csv", "Level,L1\r\nA,x\r\n"},
		{"content/x.md", "\uFEFF---\r\ntitle: X\r\n---\r\nBody.\r\n"},
	}
	for _, tt := range tests {
		if got := Text(tt.file, []byte(tt.src)); len(got) != 0 {
			t.Errorf("%q: %v", tt.src, got)
		}
	}
}

func TestNULByte(t *testing.T) {
	got := Text("content/z.md", []byte("---\ntitle: Z\n---\nab\x00c\x00\n")).Error()
	if want := "content/z.md:4:3: warning: NUL byte: text never holds one, so the file may be damaged; delete it"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestSeedMojibake checks the delivery framework's seed as a source: its one mis-decoded
// dash is reported at its line and column with the repair.
func TestSeedMojibake(t *testing.T) {
	src, err := os.ReadFile("../build/testdata/seeds/002_a09969b9f05c437d.txt")
	if err != nil {
		t.Fatal(err)
	}
	diags := Text("delivery.md", src)
	want := `delivery.md:36:57: warning: mojibake: "â€“" is "–" saved in the wrong encoding (UTF-8 read as Windows-1252); replace it with "–"`
	if diags.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", diags.Error(), want)
	}
}

// TestColumnsCountCharacters checks that a finding after accented or CJK letters is
// placed at its column as an editor counts it, one a character.
func TestColumnsCountCharacters(t *testing.T) {
	src := "---\ntitle: Ingénieur 日本語\n---\nÉtape 日本 Ã© x\x00\n"
	got := Text("content/x.md", []byte(src)).Error()
	for _, want := range []string{
		`content/x.md:4:10: warning: mojibake: "Ã©"`,
		"content/x.md:4:14: warning: NUL byte",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
