// Command handbook builds a guideline handbook (leveling matrices, principles, interview
// questions, a delivery framework) into a static website.
//
// Usage:
//
//	handbook <command> [flags]
//
// The commands are init, build, serve, check, import, diff, version and help; "handbook help
// COMMAND" or "handbook COMMAND --help" prints a command's flags and examples.
//
// Problems are printed as "path:line:col: error|warning: message", all at once, sorted.
// The exit status is 0 when clean, 1 on errors (or on warnings with --strict), 2 on bad
// usage.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
