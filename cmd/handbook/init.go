package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/handbook-dev/handbook/generator/starter"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) > 1 {
		return usageError(stderr, fs, rest[1:])
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	files, err := starter.Write(dir)
	if err != nil {
		fmt.Fprintf(stderr, "handbook init: %v\n", err)
		if errors.Is(err, starter.ErrNotEmpty) {
			fmt.Fprintln(stderr, "nothing was written; name a new folder: handbook init my-handbook")
		}
		return exitFail
	}
	fmt.Fprintf(stdout, "wrote a new handbook (%d files) in %s\n", len(files), dir)
	fmt.Fprintln(stdout, "next:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", dir)
	}
	fmt.Fprintln(stdout, "  handbook serve           # preview it at http://127.0.0.1:1313/")
	fmt.Fprintln(stdout, "  handbook build --strict  # write the site to public/")
	fmt.Fprintf(stdout, "and read %s for how to write each kind of page\n", filepath.Join("content", "authoring.md"))
	return exitOK
}
