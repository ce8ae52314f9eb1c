package search_test

import (
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/search"
)

// languageSite is a small handbook in the language lang, whose principles are titled
// and written as given (title, then body, in pairs).
func languageSite(t *testing.T, lang string, principles ...string) search.Index {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Handbook\nlanguage: " + lang + "\n---\n")}}
	for i := 0; i+1 < len(principles); i += 2 {
		id := string(rune('a'+i/2)) + "-principle"
		fsys["content/principles/"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + principles[i] + "\n---\n" + principles[i+1] + "\n")}
	}
	res, diags := build.Build(fsys, build.Options{})
	if res == nil {
		t.Fatalf("building the site: %v", diags)
	}
	return search.Build(res.Site, search.Options{})
}

// TestExcerptMarksUnspacedWords: in the excerpt of a Japanese result, the word searched
// for is marked once, whole, though its characters and their pairs are terms apart.
func TestExcerptMarksUnspacedWords(t *testing.T) {
	ix := languageSite(t, "ja", "顧客へのこだわり", "リーダーはお客様を起点に考え、質問に答えることから始めます。")
	a := searchAll(t, ix, 1, []query{{Q: "質問", Text: true}})[0]
	var marked []string
	for _, seg := range a.Excerpt {
		if seg.Mark {
			marked = append(marked, seg.Text)
		}
	}
	if len(marked) != 1 || marked[0] != "質問" {
		t.Errorf("marked %q in %+v, want [質問]", marked, a.Excerpt)
	}
}

// TestSearchInLanguages runs the script's engine on handbooks in Japanese, Chinese and
// German: a word of an unspaced script is found inside a sentence, as typed and whole;
// accented and plain spellings find each other both ways; English stemming is not
// applied to other languages.
func TestManifestLanguage(t *testing.T) {
	for lang, stem := range map[string]string{"en": "porter2", "de": "", "ja": ""} {
		ix := languageSite(t, lang, "Ownership", "Owners think long-term.")
		var m struct {
			Lang string   `json:"lang"`
			Stem string   `json:"stem"`
			Stop []string `json:"stop"`
		}
		for _, f := range ix.Files {
			if f.Path == search.ManifestPath {
				if err := json.Unmarshal(f.Data, &m); err != nil {
					t.Fatal(err)
				}
			}
		}
		if m.Lang != lang || m.Stem != stem || (len(m.Stop) > 0) != (lang == "en") {
			t.Errorf("%s: the manifest says lang %q, stem %q, %d stop words", lang, m.Lang, m.Stem, len(m.Stop))
		}
	}
}

func TestSearchInLanguages(t *testing.T) {
	tests := []struct {
		lang       string
		principles []string
		queries    []query
		want       [][]string // the URLs of each query's results, in any order
	}{
		{
			lang: "ja",
			principles: []string{
				"顧客へのこだわり", "リーダーはお客様を起点に考え行動します。質問に答えることから始めます。",
				"オーナーシップ", "リーダーは長期的に考えます。",
			},
			queries: []query{{Q: "質問"}, {Q: "お客様"}, {Q: "長期"}, {Q: "顧客", Typing: true}, {Q: "こだわり"}, {Q: "顧問"}},
			want: [][]string{
				{"/principles/a-principle/"}, {"/principles/a-principle/"}, {"/principles/b-principle/"},
				{"/principles/a-principle/"}, {"/principles/a-principle/"}, {"/principles/a-principle/"}, // 顧問 only partly
			},
		},
		{
			lang:       "zh-Hans",
			principles: []string{"技术卓越", "持续交付高质量的软件。", "客户至上", "从客户出发。"},
			queries:    []query{{Q: "交付"}, {Q: "客户"}, {Q: "卓越"}},
			want:       [][]string{{"/principles/a-principle/"}, {"/principles/b-principle/"}, {"/principles/a-principle/"}},
		},
		{
			lang:       "de",
			principles: []string{"Économie", "Sparsamkeit ist eine Tugend.", "Führung", "Die Entwicklung der Mitarbeitenden.", "Kosten", "Economie der Mittel."},
			queries:    []query{{Q: "economie"}, {Q: "ÉCONOMIE"}, {Q: "économie"}, {Q: "fuhrung"}, {Q: "führung"}, {Q: "entwicklung"}},
			want: [][]string{
				{"/principles/a-principle/", "/principles/c-principle/"}, {"/principles/a-principle/", "/principles/c-principle/"},
				{"/principles/a-principle/", "/principles/c-principle/"}, {"/principles/b-principle/"},
				{"/principles/b-principle/"}, {"/principles/b-principle/"},
			},
		},
	}
	for _, tc := range tests {
		ix := languageSite(t, tc.lang, tc.principles...)
		answers := searchAll(t, ix, 10, tc.queries)
		for i, a := range answers {
			if a.Partial != (tc.lang == "ja" && a.Q == "顧問") {
				t.Errorf("%s: %q: partial is %v", tc.lang, a.Q, a.Partial)
			}
			got := map[string]bool{}
			for _, u := range a.URLs {
				got[u] = true
			}
			want := map[string]bool{}
			for _, u := range tc.want[i] {
				want[u] = true
			}
			if len(got) != len(want) {
				t.Errorf("%s: %q found %q, want %q", tc.lang, a.Q, a.URLs, tc.want[i])
				continue
			}
			for u := range want {
				if !got[u] {
					t.Errorf("%s: %q found %q, want %q", tc.lang, a.Q, a.URLs, tc.want[i])
				}
			}
		}
	}
}
