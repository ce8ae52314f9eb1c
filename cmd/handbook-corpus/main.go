// Command handbook-corpus writes a synthetic guideline handbook of a requested size, for
// benchmarks: principles, role families with leveling matrices, interview question groups
// with example answers, and a delivery framework, in the content format of handbook.
// With -hugo it also writes the same pages as an equivalent Hugo site, so that both
// generators can be timed on the same work.
//
// Usage:
//
//	handbook-corpus -pages 10000 -out /tmp/corpus-10k [-hugo /tmp/hugo-10k] [-seed 1] [-force]
//	    [-shape default|realistic] [-principles N] [-questions SHARE] [-levels N] [-rows N]
//	    [-families N] [-shared SHARE]
//
// The shape flags change the corpus's make-up (see corpus.Shape):
//
//	-principles N    a fixed number of principles, whatever the size (default: 5% of the pages)
//	-questions SHARE the share of the pages that are questions (default: about 0.45)
//	-levels N        levels of every role, at most 8 (default: 3 to 6)
//	-rows N          rows of every role, at most 12 (default: 5 to 9)
//	-families N      roles per family of related roles, individual contributor and
//	                 manager tracks alternating, each family with its own dimensions
//	                 (default: families of about 7 roles, one per 12 dimensions)
//	-shared SHARE    the share of every role's rows whose dimension (row ID) recurs in
//	                 other families, so that its /dimensions/ID/ page gathers the rows of
//	                 roles of several families (default: 0)
//
// -shape realistic is the shape of a real handbook grown large (corpus.Realistic): the
// same as -principles 50 -questions 0.7 -levels 8 -rows 10 -families 4 -shared 0.33,
// about 70% question pages, 3 of every role's 10 rows shared between families. Shape
// flags given with -shape change that field of the named shape only.
//
// The handbook is written to OUT/content; build it with
// `handbook build --strict --source OUT --dest /tmp/site`. The Hugo site builds with
// `hugo --quiet --minify -s HUGO -d /tmp/hugo-site` (Hugo 0.128 or newer), into the
// pages the handbook builds plus those its bounded lists add (the breakdown's "bounded
// lists" line). The same flags always give byte-identical files.
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
	name := fs.String("shape", "default", "the `name` of a shape the other shape flags change: default or realistic")
	var shape corpus.Shape
	fs.IntVar(&shape.Principles, "principles", 0, "a fixed `number` of principles (default: 5% of the pages)")
	fs.Float64Var(&shape.Questions, "questions", 0, "the `share` of the pages that are questions, such as 0.7 (default: about 0.45)")
	fs.IntVar(&shape.Levels, "levels", 0, "levels of every role, at most 8 (default: 3 to 6)")
	fs.IntVar(&shape.Rows, "rows", 0, "rows of every role, at most 12 (default: 5 to 9)")
	fs.IntVar(&shape.Families, "families", 0, "`roles` per family of related roles (default: about 7, one family per 12 dimensions)")
	fs.Float64Var(&shape.Shared, "shared", 0, "the `share` of every role's rows whose dimension recurs in other families, 0 to 1")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: handbook-corpus -pages N -out DIR [-hugo DIR] [-seed N] [-force] [-shape NAME] [-principles N] [-questions SHARE] [-levels N] [-rows N] [-families N] [-shared SHARE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	shape, err := withNamedShape(fs, *name, shape)
	if err != nil {
		fmt.Fprintf(stderr, "handbook-corpus: %v\n", err)
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

// withNamedShape is the named shape with the fields of flags whose flag was given.
func withNamedShape(fs *flag.FlagSet, name string, flags corpus.Shape) (corpus.Shape, error) {
	shape, err := corpus.NamedShape(name)
	if err != nil {
		return shape, err
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "principles":
			shape.Principles = flags.Principles
		case "questions":
			shape.Questions = flags.Questions
		case "levels":
			shape.Levels = flags.Levels
		case "rows":
			shape.Rows = flags.Rows
		case "families":
			shape.Families = flags.Families
		case "shared":
			shape.Shared = flags.Shared
		}
	})
	return shape, nil
}
