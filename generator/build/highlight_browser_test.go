package build

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// codeContrast measures, in the page, every highlighted token of every code block: its
// computed colour against the background behind it (its own, else the nearest
// ancestor's that is not transparent), as WCAG 2 computes the ratio.
const codeContrast = `(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c; } return [255, 255, 255]; };
  const out = { spans: 0, punctuation: 0, low: [] };
  document.querySelectorAll('pre.hl-chroma span').forEach((s) => {
    if (!s.textContent.trim() || s.children.length) return;
    out.spans++;
    if (s.classList.contains('hl-p')) out.punctuation++;
    const r = ratio(rgb(getComputedStyle(s).color), behind(s));
    if (r < 4.5) out.low.push(s.className + ' ' + JSON.stringify(s.textContent) + ' ' + getComputedStyle(s).color + ' ' + r.toFixed(2));
  });
  return out;
})()`

// tokenContrast is what codeContrast measured.
type tokenContrast struct {
	Spans       int      `json:"spans"`       // tokens measured
	Punctuation int      `json:"punctuation"` // of which punctuation
	Low         []string `json:"low"`         // those below 4.5:1
}

// TestCodeContrastInBothSchemes opens /contributing/, whose code examples are
// highlighted, in the light and the dark scheme, and fails for every token whose text
// is below WCAG AA (4.5:1) on the block behind it: the commas and colons of the
// examples were once left at the light scheme's near-black on the dark background.
// A screenshot of each scheme is written to $HANDBOOK_SCREENSHOTS, or to the test's
// temporary folder.
func TestCodeContrastInBothSchemes(t *testing.T) {
	ctx, base := browseDrafts(t, time.Minute)
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 800), colorScheme(scheme)); err != nil {
			t.Fatal(err)
		}
		if err := open(ctx, base, a11yPage{path: "/contributing/"}); err != nil {
			t.Fatal(err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[tokenContrast](codeContrast))
		if err != nil {
			t.Fatal(err)
		}
		if r.Spans < 20 || r.Punctuation == 0 {
			t.Errorf("%s: only %d highlighted tokens (%d of punctuation) measured", scheme, r.Spans, r.Punctuation)
		}
		for _, low := range r.Low {
			t.Errorf("%s: below 4.5:1: %s", scheme, low)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
		if err != nil {
			t.Fatal(err)
		}
		saveShot(t, "code-"+scheme+".jpg", shot)
		t.Logf("%s: %d tokens measured, %d below 4.5:1", scheme, r.Spans, len(r.Low))
	}
}
