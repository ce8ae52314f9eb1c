package language

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{in: "en", want: "en"},
		{in: "EN", want: "en"},
		{in: "de-ch", want: "de-CH"},
		{in: "zh-hant-tw", want: "zh-Hant-TW"},
		{in: "ja", want: "ja"},
		{in: "es-419", want: "es-419"},
		{in: "sl-rozaj-biske", want: "sl-rozaj-biske"},
		{in: "de-CH-1996", want: "de-CH-1996"},
		{in: "en-US-u-ca-gregory", want: "en-US-u-ca-gregory"},
		{in: "en-x-internal", want: "en-x-internal"},
		{in: "zh-yue-HK", want: "zh-yue-HK"},
		{in: "", bad: true},
		{in: "en_US", bad: true},
		{in: "e", bad: true},
		{in: "english", bad: true}, // 5 to 8 letters: reserved, never registered: a name, not a tag
		{in: "german", bad: true},
		{in: "engl", bad: true},
		{in: "en-", bad: true},
		{in: "en--US", bad: true},
		{in: "en-US-u", bad: true},
		{in: "de-Deutschland-x", bad: true},
		{in: "fr-123456789", bad: true},
		{in: "日本語", bad: true},
		{in: "12", bad: true},
	} {
		got, msg := Parse(tc.in)
		if tc.bad {
			if msg == "" {
				t.Errorf("Parse(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if msg != "" || string(got) != tc.want {
			t.Errorf("Parse(%q) = %q, %q; want %q", tc.in, got, msg, tc.want)
		}
	}
}

func TestTagParts(t *testing.T) {
	tag := Tag("de-CH-1996")
	if tag.Base() != "de" || tag.English() {
		t.Errorf("Base %q, English %v", tag.Base(), tag.English())
	}
	if got := tag.Fallbacks(); !slices.Equal(got, []string{"de", "de-CH", "de-CH-1996"}) {
		t.Errorf("Fallbacks = %q", got)
	}
	if !Tag("en-GB").English() {
		t.Error("en-GB is English")
	}
}

func TestRightToLeft(t *testing.T) {
	for tag, want := range map[Tag]bool{
		"ar": true, "he": true, "fa-IR": true, "ur-PK": true, "ckb": true,
		"en": false, "de-CH": false, "ja": false, "az-Arab": true, "az-Latn": false,
		"sd-Deva": false, "pa-Arab-PK": true, "ku": false,
	} {
		if got := tag.RightToLeft(); got != want {
			t.Errorf("%s: RightToLeft %v, want %v", tag, got, want)
		}
	}
}
