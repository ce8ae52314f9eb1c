package model

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Customer Obsession", "customer-obsession"},
		{"Have Backbone; Disagree and Commit", "have-backbone-disagree-and-commit"},
		{"Are Right, A Lot", "are-right-a-lot"},
		{"Tell me about a time when you didn't have enough data.", "tell-me-about-a-time-when-you-didnt-have-enough-data"},
		{"Don’t stop", "dont-stop"},
		{"  --Édith 42!  ", "dith-42"},
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

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{"ps-i": true, "a1": true, "": false, "A": false, "a--b": false, "-a": false, "a b": false, "../x": false} {
		if ValidID(id) != want {
			t.Errorf("ValidID(%q) = %v", id, !want)
		}
	}
}
