// Command handbook builds a guideline handbook (leveling matrices, principles, interview
// questions, a delivery framework) into a static website.
//
// Usage:
//
//	handbook build   [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--strict] [--minify=true] [--force]
//	handbook check   [--source DIR] [--strict]
//	handbook import coda FILE --role ID [--source DIR] [--force]
//	handbook diff    REV1 [REV2] [--source DIR] [--format text|markdown]
//	handbook version
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
