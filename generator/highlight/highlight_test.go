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
// inside it for the dark one. Only what CSS returns is read: selector lists, one
// declaration block each.
func schemeRules(t *testing.T, css string) (light, dark map[string]map[string]string) {
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
	add(light, outside+after)
	dark = map[string]map[string]string{}
	for sel, decls := range light {
		dark[sel] = map[string]string{}
		for k, v := range decls {
			dark[sel][k] = v
		}
	}
	add(dark, inside+"}")
	return light, dark
}

var (
	ruleRe    = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	commentRe = regexp.MustCompile(`/\*.*?\*/`)
)

func add(rules map[string]map[string]string, css string) {
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
	light, dark := schemeRules(t, string(css))
	checked := 0
	for name, rules := range map[string]map[string]map[string]string{"light": light, "dark": dark} {
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
	if checked < 150 {
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
