package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Customer Obsession", "customer-obsession"},
		{"Have Backbone; Disagree and Commit", "have-backbone-disagree-and-commit"},
		{"Are Right, A Lot", "are-right-a-lot"},
		{"Tell me about a time when you didn't have enough data.", "tell-me-about-a-time-when-you-didnt-have-enough-data"},
		{"Don’t stop", "dont-stop"},
		{"  --Édith 42!  ", "edith-42"},
		{"Ingénieur Fiabilité", "ingenieur-fiabilite"},
		{"Inge\u0301nieur Fiabilite\u0301", "ingenieur-fiabilite"}, // decomposed: e and a combining accent
		{"Straße, Ærø, Łódź, Đorđe, Þór", "strasse-aero-lodz-dorde-thor"},
		{"ÇA VA İYİ", "ca-va-iyi"},
		{"Ｆｕｌｌ ｗｉｄｔｈ ４２", "full-width-42"},
		{"日本語", "日本語"},
		{"シニア・エンジニア", "シニア-エンジニア"},
		{"データが不十分な状態で決断した経験を教えてください。", "データが不十分な状態で決断した経験を教えてください"},
		{"Старший инженер", "старший-инженер"},
		{"Ελληνικά Ζ", "ελληνικά-ζ"},
		{"हिन्दी भाषा", "हिन्दी-भाषा"}, // the vowel signs and virama are kept
		{"👩‍💼 Manager", "manager"},
		{"👩‍💼", ""},
		{"🚀 — !", ""},
		{"", ""},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Slug(tt.in); len(got) > MaxSlug {
			t.Errorf("Slug(%q) is %d long", tt.in, len(got))
		}
	}
}

// TestSlugCutsAtCharacters checks that a long slug in a script written without spaces is
// cut at a character, never inside one, and within MaxSlug bytes.
func TestSlugCutsAtCharacters(t *testing.T) {
	for _, in := range []string{strings.Repeat("日本語", 40), "a" + strings.Repeat("語", 40), strings.Repeat("é", 100)} {
		got := Slug(in)
		if len(got) > MaxSlug || len(got) < MaxSlug-3 || !utf8.ValidString(got) || !ValidID(got) {
			t.Errorf("Slug(%q) = %q (%d bytes)", in, got, len(got))
		}
	}
}

func TestIDProblem(t *testing.T) {
	tests := []struct{ id, want string }{
		{"ps-i", ""},
		{"日本語", ""},
		{"", "may not be empty"},
		{"Ingénieur", `such as "ingenieur"`},
		{"a b", `such as "a-b"`},
		{strings.Repeat("a", 81), "at most 80 bytes long (80 ASCII characters, fewer of other scripts), and"},
		{strings.Repeat("語", 30), "is 90"},
	}
	for _, tt := range tests {
		got := IDProblem(tt.id)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("IDProblem(%q) = %q, want it to say %q", tt.id, got, tt.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{"ps-i": true, "a1": true, "": false, "A": false, "a--b": false, "-a": false, "a b": false, "../x": false,
		"日本語": true, "é": false, "a#b": false, "%41": false, "語-2": true} {
		if ValidID(id) != want {
			t.Errorf("ValidID(%q) = %v", id, !want)
		}
	}
}

// FuzzSlug checks that whatever the text, its slug is empty or a valid ID of at most
// MaxSlug bytes, and that slugging a slug keeps it.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Ingénieur Fiabilité", "日本語", "👩‍💼", "a\u0301", "हिन्दी", strings.Repeat("語", 40), "İ", "Ǆ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if len(got) > MaxSlug {
			t.Fatalf("Slug(%q) = %q is %d bytes", s, got, len(got))
		}
		if got != "" && !ValidID(got) {
			t.Fatalf("Slug(%q) = %q is not a valid ID", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Slug(%q) = %q is not UTF-8", s, got)
		}
	})
}
