package output

import (
	"strings"
	"testing"
)

// TestHTMLPieces checks that minifying pieces of HTML together gives what minifying
// each alone does, and that the pieces are indeed minified in one pass (the separator
// survives the minifier), not one by one after a failed split.
func TestHTMLPieces(t *testing.T) {
	pieces := []string{
		"<p>Ships small changes.</p>\n<ul>\n<li>with tests</li>\n</ul>\n",
		`<a href="/roles/engineer/#delivery">Engineer's "matrix" &amp; more</a>`,
		`<td data-level="Engineer &#39;I&#39;">`,
		"",
		"<li>  spaced   text  </li>",
		`<section class="progression" aria-labelledby="e-h"><h2 id="e-h"><a href="/e/">E</a>: Title</h2><ol class="steps">`,
		"<pre><code>keep   this\n  as is\n</code></pre>\n",
		"plain text &lt;b&gt; with an entity",
	}
	m := NewMinifier()
	got := m.HTML(pieces)
	if len(got) != len(pieces) {
		t.Fatalf("%d pieces back, want %d", len(got), len(pieces))
	}
	for i, p := range pieces {
		alone, err := m.m.String("text/html", p)
		if err != nil {
			t.Fatal(err)
		}
		if got[i] != alone {
			t.Errorf("piece %d: minified with the others %q, alone %q", i, got[i], alone)
		}
	}
	joined, err := m.m.String("text/html", strings.Join(pieces, pieceSeparator))
	if err != nil || strings.Count(joined, pieceSeparator) != len(pieces)-1 {
		t.Errorf("the minifier does not keep the separator: %q", joined)
	}
}
