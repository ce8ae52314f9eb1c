package render

import (
	"maps"
	"slices"
	"testing"
)

func TestIDs(t *testing.T) {
	tests := []struct {
		page string
		want []string
	}{
		{`<h2 id="a">x</h2>`, []string{"a"}},
		{`<p data-id="b" class="c" valid="d">e = f</p>`, nil},
		{`<tr id="row"><td id="row--l1" data-level="L1">`, []string{"row", "row--l1"}},
		{`<a id="x&amp;y" href="/">`, []string{"x&y"}},
		{`<p>a = b, id= c, x id="unterminated`, nil},
		{`<p id=`, nil},
		{``, nil},
	}
	for _, tt := range tests {
		got := slices.Sorted(maps.Keys(idSet(idList([]byte(tt.page)))))
		if !slices.Equal(got, tt.want) {
			t.Errorf("IDs of %q = %q, want %q", tt.page, got, tt.want)
		}
	}
}
