// Command handbook-corpus writes a synthetic guideline handbook of a requested size, for
// benchmarks: principles, role families with leveling matrices, interview question groups
// with example answers, and a delivery framework, in the content format of handbook.
// With -hugo it also writes the same pages as an equivalent Hugo site, so that both
// generators can be timed on the same work.
//
// Usage:
//
//	handbook-corpus -pages 10000 -out /tmp/corpus-10k [-hugo /tmp/hugo-10k] [-seed 1] [-force]
//	    [-principles N] [-questions SHARE] [-levels N] [-rows N]
//
// The shape flags change the corpus's make-up (see corpus.Shape): -principles 14
// -questions 0.7 is a handbook that keeps its set of principles as it grows, with most
// of its pages questions, as real handbooks do.
//
// The handbook is written to OUT/content; build it with
// `handbook build --strict --source OUT --dest /tmp/site`. The Hugo site builds with
// `hugo --quiet --minify -s HUGO -d /tmp/hugo-site`. The same flags always give
// byte-identical files.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/handbook-dev/handbook/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("handbook-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "approximate `number` of HTML pages of the built handbook")
	out := fs.String("out", "", "the site `folder` to write content/ into (required)")
	hugo := fs.String("hugo", "", "also write the equivalent Hugo site into this `folder`")
	seed := fs.Uint64("seed", 1, "seed of the pseudo-random text")
	force := fs.Bool("force", false, "write into non-empty folders, replacing what a previous run wrote there")
	var shape corpus.Shape
	fs.IntVar(&shape.Principles, "principles", 0, "a fixed `number` of principles (default: 5% of the pages)")
	fs.Float64Var(&shape.Questions, "questions", 0, "the `share` of the pages that are questions, such as 0.7 (default: about 0.45)")
	fs.IntVar(&shape.Levels, "levels", 0, "levels of every role, at most 8 (default: 3 to 6)")
	fs.IntVar(&shape.Rows, "rows", 0, "rows of every role, at most 12 (default: 5 to 9)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: handbook-corpus -pages N -out DIR [-hugo DIR] [-seed N] [-force] [-principles N] [-questions SHARE] [-levels N] [-rows N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	st, err := corpus.Write(*out, corpus.Options{Pages: *pages, Seed: *seed, Force: *force, HugoDir: *hugo, Shape: shape})
	if err != nil {
		fmt.Fprintf(stderr, "handbook-corpus: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, st)
	return 0
}
