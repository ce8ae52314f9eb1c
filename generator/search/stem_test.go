package search

import "testing"

// Expected stems from the Snowball English test vocabulary and the algorithm's own
// examples.
func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"caresses", "caress"}, {"ponies", "poni"}, {"ties", "tie"}, {"cries", "cri"},
		{"cats", "cat"}, {"gas", "gas"}, {"this", "this"}, {"gaps", "gap"}, {"kiwis", "kiwi"},
		{"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"motoring", "motor"},
		{"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"},
		{"hopping", "hop"}, {"tanned", "tan"}, {"falling", "fall"}, {"hissing", "hiss"},
		{"fizzed", "fizz"}, {"failing", "fail"}, {"filing", "file"}, {"happy", "happi"},
		{"sky", "sky"}, {"cry", "cri"}, {"by", "by"}, {"say", "say"}, {"relational", "relat"},
		{"conditional", "condit"}, {"rational", "ration"}, {"digitizer", "digit"},
		{"generalization", "general"}, {"generous", "generous"}, {"generously", "generous"},
		{"operator", "oper"}, {"hopefulness", "hope"}, {"formality", "formal"},
		{"sensitivity", "sensit"}, {"electrical", "electr"}, {"adjustment", "adjust"},
		{"adoption", "adopt"}, {"controll", "control"}, {"roll", "roll"},
		{"consign", "consign"}, {"consigned", "consign"}, {"consistency", "consist"},
		{"knightly", "knight"}, {"excellence", "excel"}, {"excelence", "excel"},
		{"management", "manag"}, {"manager", "manag"}, {"leadership", "leadership"},
		{"technical", "technic"}, {"disagree", "disagre"}, {"disagreed", "disagre"},
		{"disagreement", "disagr"}, {"disagreeing", "disagre"}, {"skies", "sky"},
		{"dying", "die"}, {"news", "news"}, {"succeeding", "succeed"}, {"communication", "communic"},
		{"generate", "generat"}, {"yelling", "yell"}, {"sayings", "say"}, {"oqr", "oqr"},
		{"d1d", "d1d"}, {"économie", "économie"}, {"ownership", "ownership"},
		{"customers", "custom"}, {"obsession", "obsess"}, {"stakeholders", "stakehold"},
		{"frugality", "frugal"}, {"hiring", "hire"}, {"hired", "hire"}, {"coaching", "coach"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string // stems
	}{
		{"The partner’s Économie, déjà vu!", []string{"partner", "economi", "deja", "vu"}},
		{"Opportunity Quality Review (OQR)", []string{"opportun", "qualiti", "review", "oqr"}},
		{"a b c IO x", []string{"io"}},
		{"Have Backbone; Disagree and Commit", []string{"backbon", "disagre", "commit"}},
		{"Straße naïve", []string{"strass", "naiv"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokens(tt.in) {
			got = append(got, tok.Stem)
		}
		if len(got) != len(tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
				break
			}
		}
	}
}
