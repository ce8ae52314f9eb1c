package changes

import (
	"fmt"
	"strings"
	"testing"
)

// show writes segments as git's --word-diff does.
func show(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Added:
			fmt.Fprintf(&b, "{+%s+}", s.Text)
		case Removed:
			fmt.Fprintf(&b, "[-%s-]", s.Text)
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestWords(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"", "", ""},
		{"same text", "same text", "same text"},
		{"", "new words", "{+new words+}"},
		{"old words", "", "[-old words-]"},
		{"Assists the team", "Leads the team", "[-Assists -]{+Leads +}the team"},
		{"Delivers features alone, end to end.", "Delivers medium features autonomously, end to end.", "Delivers {+medium +}features [-alone, -]{+autonomously, +}end to end."},
		{"a b c", "a c", "a [-b -]c"},
		{"a c", "a b c", "a {+b +}c"},
		{"one\ntwo", "one two", "one two"},
		{"設計 を 行う", "設計 を 主導する", "設計 を [-行う-]{+主導する+}"},
		{"ship 🚀 fast", "ship 🚀 safely", "ship 🚀 [-fast-]{+safely+}"},
		{"x y z", "z y x", "[-x y z -]{+z y x+}"},
		// Short words both share are not left stranded between longer edits.
		{"Writes the plan and reviews the code", "Owns the roadmap and sets the direction", "[-Writes the plan and reviews the code-]{+Owns the roadmap and sets the direction+}"},
		{"Leads the design of a service", "Leads the design of a platform", "Leads the design of a [-service-]{+platform+}"},
		{"Plans work for the team, with help", "Plans work for the organisation, alone", "Plans work for the [-team, with help-]{+organisation, alone+}"},
	} {
		got := Words(tc.old, tc.new)
		if s := show(got); s != tc.want {
			t.Errorf("Words(%q, %q) = %s, want %s", tc.old, tc.new, s, tc.want)
		}
		// The kept and added text is the new version; the kept and removed, the old.
		var o, n strings.Builder
		for _, s := range got {
			if s.Op != Added {
				o.WriteString(s.Text)
			}
			if s.Op != Removed {
				n.WriteString(s.Text)
			}
		}
		if strings.Join(strings.Fields(n.String()), " ") != strings.Join(strings.Fields(tc.new), " ") ||
			strings.Join(strings.Fields(o.String()), " ") != strings.Join(strings.Fields(tc.old), " ") {
			t.Errorf("Words(%q, %q): the segments do not give back both texts: %s", tc.old, tc.new, show(got))
		}
	}
}

func TestWordsLongTextIsBounded(t *testing.T) {
	a := strings.Repeat("alpha beta ", 3000)
	b := "start " + strings.Repeat("beta alpha ", 3000) + "end"
	segs := Words(a, b)
	if len(segs) == 0 {
		t.Fatal("no segments")
	}
}

func FuzzWords(f *testing.F) {
	f.Add("Assists the team", "Leads the team")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		var o, n strings.Builder
		for _, s := range Words(a, b) {
			if s.Op != Added {
				o.WriteString(s.Text)
			}
			if s.Op != Removed {
				n.WriteString(s.Text)
			}
		}
		if strings.Join(strings.Fields(o.String()), " ") != strings.Join(strings.Fields(a), " ") ||
			strings.Join(strings.Fields(n.String()), " ") != strings.Join(strings.Fields(b), " ") {
			t.Errorf("Words(%q, %q) does not give back both texts", a, b)
		}
	})
}
