package search_test

import (
	"os"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
)

// TestTokensMatchScript runs the Go tokenizer and stemmer and those of search.js on the
// shared fixture testdata/words.txt (every word of the handbook's content and the
// algorithm's hard cases) and on sentences, and wants the very same tokens: a term
// indexed in Go must be the term the browser looks up.
func TestTokensMatchScript(t *testing.T) {
	data, err := os.ReadFile("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(strings.TrimSpace(string(data)), "\n")
	texts = append(texts,
		"The partner’s Économie, déjà vu! Don't stop: it's 2024.",
		"Opportunity Quality Review (OQR) — Sales to Delivery (S2D)",
		"àáâãäåāăą æ çćĉċč ďđð èéêëēĕėęě ĝğġģ ĥħ ìíîïĩīĭįı ĳ ĵ ķ ĺļľŀł ñńņňŉ òóôõöøōŏő œ ŕŗř śŝşšſ ß ţťŧ þ ùúûüũūŭůűų ŵ ýÿŷ źżž",
		"ÀÁÂÃÄÅ ÆÇÈÉ ÌÍÎÏ ÐÑÒÓÔÕÖØ ÙÚÛÜÝÞ ĀĂĄĆĈ ŁŃŇŊ ŒŔŘŚŠŢŤŨŪŮŰŴŶŸŹŻŽ",
		"a b c I x y z", "cafe\u0301 nai\u0308ve", strings.Repeat("long", 11)+" "+strings.Repeat("z", 40),
		"日本語の質問に答える。東京都 ABCテスト２０２４年 ソフトウェアエンジニア",
		"技术卓越，持续交付。繁體中文的職級",
		"ความเป็นเจ้าของ ผู้นำ", "Führung übernehmen: die Entwicklung wird beschleunigt",
		"x日y 日 本", "混合mixed語words",
	)
	for _, lang := range []string{"en", "de", "ja"} {
		an := search.ForLanguage(lang)
		var want [][]string
		for _, text := range texts {
			var toks []string
			for _, tok := range an.Tokens(text) {
				toks = append(toks, tok.Word+" "+tok.Stem)
			}
			want = append(want, toks)
		}
		var got [][]string
		runNode(t, map[string]any{"mode": "tokens", "script": script, "stop": an.StopWords(), "stem": an.Stemmer(), "texts": texts}, &got)
		if len(got) != len(want) {
			t.Fatalf("%s: the script tokenized %d texts of %d", lang, len(got), len(want))
		}
		bad := 0
		for i := range want {
			if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
				if bad++; bad <= 20 {
					t.Errorf("%s: %q:\n Go: %q\n JS: %q", lang, texts[i], want[i], got[i])
				}
			}
		}
		if bad > 20 {
			t.Errorf("%s: ... %d texts differ in all", lang, bad)
		}
	}
}
