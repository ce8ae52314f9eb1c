package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
)

// TestAnalysisTokens is the analyser by language: English stems and drops its stop
// words; other languages keep their words whole and drop none; every language folds
// accents, and cuts text of the scripts written without spaces into characters and
// their pairs. TestTokensMatchScript checks that search.js cuts the same way.
func TestAnalysisTokens(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       string // "word/stem" tokens, space-separated; the stem is left out when it is the word
	}{
		{"en", "Managing the teams", "managing/manag teams/team"},
		{"en-GB", "Économie", "economie/economi"},
		{"de", "Économie économie ECONOMIE", "economie economie economie"},
		{"de", "Die Entwicklung wird beschleunigt", "die entwicklung wird beschleunigt"},
		{"fr", "Ingénieur fiabilité", "ingenieur fiabilite"},
		{"ja", "日本語", "日 日本 本 本語 語"},
		{"ja", "質問に答える", "質 質問 問 問に に に答 答 答え え える る"},
		{"en", "東京 office", "東 東京 京 office/offic"},
		{"ja", "ABCテスト", "abc テ テス ス スト ト"},
		{"zh", "技术卓越，持续交付", "技 技术 术 术卓 卓 卓越 越 持 持续 续 续交 交 交付 付"},
		{"ja", "ソフトウェアー", "ソ ソフ フ フト ト トウ ウ ウェ ェ ェア ア アー ー"},
		{"th", "ผู้นำ", "ผู้ ผู้น น นำ ำ"},
		{"ko", "리더십 원칙", "리더십 원칙"}, // Korean puts spaces between words
		{"en", "a I x", ""},
		{"ja", "日", "日"},
	} {
		var got []string
		for _, tok := range search.ForLanguage(tc.lang).Tokens(tc.text) {
			if tok.Stem == tok.Word {
				got = append(got, tok.Word)
			} else {
				got = append(got, tok.Word+"/"+tok.Stem)
			}
		}
		if want := strings.Fields(tc.want); !slices.Equal(got, want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.lang, tc.text, got, want)
		}
	}
}
