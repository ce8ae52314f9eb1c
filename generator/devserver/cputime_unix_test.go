//go:build unix

package devserver

import (
	"syscall"
	"time"
)

// cpuTime is the processor time (user and system) the test process has used so far.
// On a shared machine it is steadier than the time a step takes, which other work
// stretches.
func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF} {
		var u syscall.Rusage
		if syscall.Getrusage(who, &u) == nil {
			total += time.Duration(u.Utime.Nano() + u.Stime.Nano())
		}
	}
	return total
}
