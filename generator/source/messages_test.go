package source

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMessages checks the problems of sources written in other languages and by other
// tools: each is reported at its place, its column counted in characters as editors
// count them, titles quoted as written, and never an empty ID.
func TestMessages(t *testing.T) {
	const (
		index  = "---\ntitle: Engineer\n---\n"
		matrix = "Dimension,Junior,Senior,Principles\nDelivery,Ships.,Ships more.,Ownership\n"
	)
	tests := []struct {
		name  string
		files map[string]string // content/... -> text
		want  []string          // diagnostics the load reports, each a whole line
	}{
		{"a level of no letters asks for an ID",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "Dimension,👩‍💼,Senior\nDelivery,a,b\n"},
			[]string{`content/roles/eng/levels.csv:1:11: error: level "👩‍💼" has no letters or digits to make its ID and URL of: give it one in content/roles/eng/_index.md under levels:, such as {title: 👩‍💼, id: level-1}`}},
		{"a row of no letters asks for an ID",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "Dimension,Junior,Senior\n🚀,a,b\n"},
			[]string{`content/roles/eng/levels.csv:2:1: error: row "🚀" has no letters or digits to make its ID and URL of: add an ID column, such as "row-1"`}},
		{"a row's ID that breaks the rule says the rule",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "Dimension,Junior,ID\nDelivery,a,Lieferung Qualität\n"},
			[]string{`content/roles/eng/levels.csv:2:12: error: row "Delivery": "Lieferung Qualität" is not a valid ID: an ID is lowercase letters and digits (of any script) joined by single hyphens, without accents, such as "lieferung-qualitat"`}},
		{"a row's ID too long says the limit",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "Dimension,Junior,ID\nDelivery,a," + strings.Repeat("語", 30) + "\n"},
			[]string{`content/roles/eng/levels.csv:2:12: error: row "Delivery": an ID may be at most 80 bytes long (80 ASCII characters, fewer of other scripts), and "` + strings.Repeat("語", 30) + `" is 90`}},
		{"CJK and accented levels and rows get IDs",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "職種,日本語,Ingénieur Fiabilité\nリーダーシップ,a,b\n"},
			nil},
		{"a question in Japanese is a question",
			map[string]string{"interview/q.md": "---\ntitle: 質問\n---\n## Questions\n1. データが不十分な状態で決断した経験を教えてください。\n"},
			nil},
		{"a question of no letters",
			map[string]string{"interview/q.md": "---\ntitle: Q\n---\n## Questions\n1. 🤔?\n2. Why?\n"},
			[]string{`content/interview/q.md:5:4: error: question "🤔?" has no letters or digits to make its URL of; write it in words`}},
		{"a duplicate level ID at its levels: line",
			map[string]string{"roles/eng/_index.md": "---\ntitle: Engineer\nlevels:\n  - {title: Junior, id: e1}\n  - {title: Senior, id: e1}\n---\n", "roles/eng/levels.csv": matrix},
			[]string{`content/roles/eng/_index.md:5:5: error: levels: "Senior" has the ID "e1", which level "Junior" has too; give each level its own id`}},
		{"CR-only line ends in a matrix",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": strings.ReplaceAll(matrix, "\n", "\r")},
			[]string{`content/roles/eng/levels.csv:1:35: error: the file has CR-only line ends (a carriage return without a line feed, as old Mac programs save): save it with LF or CRLF line ends`}},
		{"CR-only line ends in markdown",
			map[string]string{"principles/o.md": "---\rtitle: Ownership\r---\rOwners.\r"},
			[]string{`content/principles/o.md:1:4: error: the file has CR-only line ends (a carriage return without a line feed, as old Mac programs save): save it with LF or CRLF line ends`}},
		{"CRLF is fine",
			map[string]string{"roles/eng/_index.md": strings.ReplaceAll(index, "\n", "\r\n"), "roles/eng/levels.csv": strings.ReplaceAll(matrix, "\n", "\r\n")},
			nil},
		{"a CSV error's column counts characters",
			map[string]string{"roles/eng/_index.md": index, "roles/eng/levels.csv": "Dimension,Junior\nÉtape 日本,a \"b\n"},
			[]string{`content/roles/eng/levels.csv:2:12: error: bare " in non-quoted-field`}},
		{"invalid UTF-8 after CJK",
			map[string]string{"principles/o.md": "---\ntitle: 日本語\n---\n日本\xff\n"},
			[]string{`content/principles/o.md:4:3: error: invalid UTF-8: save the file as UTF-8`}},
		{"a file name with an accent",
			map[string]string{"principles/qualität.md": "---\ntitle: Qualität\n---\nx\n"},
			[]string{`content/principles/qualität.md: error: the file's name is its ID: "qualität" is not a valid ID: an ID is lowercase letters and digits (of any script) joined by single hyphens, without accents, such as "qualitat"; rename the file`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: H\n---\n")}}
			for name, text := range tt.files {
				fsys["content/"+name] = &fstest.MapFile{Data: []byte(text)}
			}
			site, diags := Load(fsys, Options{})
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, r := range site.Roles {
				for _, lv := range r.Levels {
					if lv.ID == "" && len(tt.want) == 0 {
						t.Errorf("level %q has an empty ID", lv.Title)
					}
				}
			}
		})
	}
}
