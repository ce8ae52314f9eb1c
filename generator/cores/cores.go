// Package cores runs independent pieces of work on every core: the loader's files and
// roles, the dev server's saved files, and the roles a patch compares and copies.
package cores

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls do(i) for each i in [0, n), on every core, and returns when all calls
// have. The calls for different i may run at once; each i is done once.
func Each(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}
