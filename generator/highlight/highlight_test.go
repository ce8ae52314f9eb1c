package highlight_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"

	"github.com/handbook-dev/handbook/generator/highlight"
)

// schemeRules reads the stylesheet into the declarations that hold in each scheme: the
// rules outside the dark media query for the light one, those overridden by the rules
// inside it (scoped to a root the reader did not mark light) for the system's dark one,
// and those overridden by the rules scoped to a root marked dark for the reader's
// chosen dark one. Only what CSS returns is read: selector lists, one declaration block
// each; a rule of the wrong scope in either place fails.
func schemeRules(t *testing.T, css string) (light, systemDark, chosenDark map[string]map[string]string) {
	t.Helper()
	const media = "@media (prefers-color-scheme: dark) {"
	outside, inside, ok := strings.Cut(css, media)
	if !ok {
		t.Fatalf("no %q block in the stylesheet", media)
	}
	inside, after, ok := strings.Cut(inside, "}\n}")
	if !ok {
		t.Fatal("the dark block is not closed")
	}
	light = map[string]map[string]string{}
	chosen := map[string]map[string]string{}
	for sel, decls := range rules(outside + after) {
		if rest, ok := strings.CutPrefix(sel, highlight.ChosenDark+" "); ok {
			chosen[rest] = decls
		} else if strings.HasPrefix(sel, ":root") {
			t.Errorf("rule %q outside the dark block has another scope", sel)
		} else {
			light[sel] = decls
		}
	}
	system := map[string]map[string]string{}
	for sel, decls := range rules(inside + "}") {
		rest, ok := strings.CutPrefix(sel, highlight.SystemDark+" ")
		if !ok {
			t.Errorf("rule %q in the dark block is not scoped to %s", sel, highlight.SystemDark)
		}
		system[rest] = decls
	}
	return light, over(light, system), over(light, chosen)
}

// over is the declarations of base with those of top over them.
func over(base, top map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, m := range []map[string]map[string]string{base, top} {
		for sel, decls := range m {
			if out[sel] == nil {
				out[sel] = map[string]string{}
			}
			for k, v := range decls {
				out[sel][k] = v
			}
		}
	}
	return out
}

var (
	ruleRe    = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	commentRe = regexp.MustCompile(`/\*.*?\*/`)
)

// rules reads css's rules, by selector.
func rules(css string) map[string]map[string]string {
	rules := map[string]map[string]string{}
	css = commentRe.ReplaceAllString(css, "")
	for _, m := range ruleRe.FindAllStringSubmatch(css, -1) {
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.Join(strings.Fields(sel), " ")
			if rules[sel] == nil {
				rules[sel] = map[string]string{}
			}
			for _, d := range strings.Split(m[2], ";") {
				if k, v, ok := strings.Cut(d, ":"); ok {
					rules[sel][strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
		}
	}
	return rules
}

// layout are the classes that hold no text of their own.
var layout = map[chroma.TokenType]bool{
	chroma.Background: true, chroma.PreWrapper: true, chroma.Line: true, chroma.LineTable: true,
	chroma.LineTableTD: true, chroma.LineLink: true, chroma.CodeLine: true,
}

// TestContrastOfEveryTokenClass computes, in the light and the dark scheme, the colour
// and background of every class the highlighter can write (as the cascade of the
// stylesheet gives them: the class's own rule, else the code block's) and fails for
// each whose text is below WCAG AA's 4.5:1.
func TestContrastOfEveryTokenClass(t *testing.T) {
	css, err := highlight.New().CSS()
	if err != nil {
		t.Fatal(err)
	}
	light, systemDark, chosenDark := schemeRules(t, string(css))
	checked := 0
	for name, rules := range map[string]map[string]map[string]string{"light": light, "system dark": systemDark, "chosen dark": chosenDark} {
		block := rules[".hl-chroma"]
		if block["background-color"] == "" {
			t.Fatalf("%s: the code block's background is not set: %v", name, block)
		}
		if block["color"] == "" {
			// The page's text colour would show through: only the classes with a
			// colour of their own can be judged.
			t.Errorf("%s: the code block's text colour is not set", name)
		}
		for tt, class := range chroma.StandardTypes {
			if layout[tt] {
				continue
			}
			fg, bg := block["color"], block["background-color"]
			if own := rules[".hl-chroma .hl-"+class]; own != nil {
				if c := own["color"]; c != "" {
					fg = c
				}
				if c := own["background-color"]; c != "" && c != "transparent" {
					bg = c
				}
			}
			if fg == "" {
				continue
			}
			ratio := highlight.Contrast(colour(t, fg), colour(t, bg))
			checked++
			if ratio < highlight.MinContrast {
				t.Errorf("%s: .hl-%s (%s) is %s on %s: %.2f:1, want at least %.1f:1", name, class, tt, fg, bg, ratio, highlight.MinContrast)
			}
		}
	}
	if checked < 225 {
		t.Errorf("only %d classes checked", checked)
	}
}

func colour(t *testing.T, s string) chroma.Colour {
	t.Helper()
	c := chroma.ParseColour(s)
	if !c.IsSet() {
		t.Fatalf("%q is no colour", s)
	}
	return c
}

// TestContrast checks the ratio against WCAG's own figures.
func TestContrast(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#1f2328", "#0d1117", 1.20}, // the punctuation chroma's dark style left behind
		{"#777777", "#ffffff", 4.48},
	} {
		got := highlight.Contrast(colour(t, tc.a), colour(t, tc.b))
		if got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestChosenDarkIsSystemDark checks that a reader who chooses the dark scheme gets the
// code colours of the system's dark scheme, every one of them, and that they are not
// the light ones.
func TestChosenDarkIsSystemDark(t *testing.T) {
	css, err := highlight.New().CSS()
	if err != nil {
		t.Fatal(err)
	}
	light, systemDark, chosenDark := schemeRules(t, string(css))
	for sel, decls := range systemDark {
		for k, v := range decls {
			if got := chosenDark[sel][k]; got != v {
				t.Errorf("%s { %s }: %q when chosen, %q as the system's", sel, k, got, v)
			}
		}
	}
	if bg := chosenDark[".hl-chroma"]["background-color"]; bg == light[".hl-chroma"]["background-color"] {
		t.Errorf("the chosen dark code background is the light one, %s", bg)
	}
}
