package cores

import (
	"sync/atomic"
	"testing"
)

// TestEach: every index is done exactly once, whatever the count, none of them too.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		done := make([]atomic.Int32, n)
		Each(n, func(i int) { done[i].Add(1) })
		for i := range done {
			if got := done[i].Load(); got != 1 {
				t.Errorf("n=%d: index %d done %d times, want once", n, i, got)
			}
		}
	}
}
