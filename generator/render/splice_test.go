package render

import "testing"

func TestSplice(t *testing.T) {
	const m = fragmentMark
	tests := []struct {
		name   string
		page   string
		pieces []string
		frags  []fragment // nil: one fragment per piece
		want   string
		ok     bool
	}{
		{"no fragments", "<p>a</p>", nil, nil, "<p>a</p>", true},
		{"in order", "<div>" + m + "</div><ul>" + m + "</ul>", []string{"<p>1</p>", "<li>2</li>"}, nil, "<div><p>1</p></div><ul><li>2</li></ul>", true},
		{"at both ends", m + "x" + m, []string{"a", "b"}, nil, "axb", true},
		{"a fragment of several pieces", "<table>" + m + "</table>", []string{"<tr>", "<td>1</td>", "</tr>"}, []fragment{{0, 3}}, "<table><tr><td>1</td></tr></table>", true},
		{"a fragment holding a mark is not spliced again", m, []string{"<p>" + m + "</p>"}, nil, "<p>" + m + "</p>", true},
		{"a mark stripped, as in an attribute", "<p title=\"\">" + m + "</p>", []string{"<b>1</b>", "<b>2</b>"}, nil, "", false},
		{"a mark too many", m + m, []string{"a"}, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frags := tt.frags
			if frags == nil {
				for i := range tt.pieces {
					frags = append(frags, fragment{i, i + 1})
				}
			}
			got, ok := splice([]byte("kept:"), []byte(tt.page), tt.pieces, frags)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if want := "kept:" + tt.want; string(got) != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestBlockBounded(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{"<p>a</p>", true},
		{"\n<ul class=\"x\"><li>a</li></ul>\n", true},
		{"<section>a</section><section>b</section>", true},
		{"<p>a</p>\n<pre><code>x</code></pre>", false}, // white space counts in pre
		{"<a href=\"/\">a</a>", false},                 // inline: the space beside it may count
		{"<p>a</p> tail", false},
		{"text", false},
		{"", false},
		{"<br>", false},
		{"<p>", false},
		{"<td data-level=\"x\">", false},
	}
	for _, tt := range tests {
		if got := blockBounded(tt.html); got != tt.want {
			t.Errorf("blockBounded(%q) = %v, want %v", tt.html, got, tt.want)
		}
	}
}
