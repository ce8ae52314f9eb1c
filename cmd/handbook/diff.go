package main

import (
	"fmt"
	"io"
	"os"

	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/model"
)

// runDiff is handbook diff REV1 [REV2]: what changed for readers between two commits or
// tags, or between one and the working tree.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", stderr)
	src := fs.String("source", ".", "the site `folder`, holding content/")
	format := fs.String("format", "text", "the output `format`: text, or markdown for a pull request's comment")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) < 1 || len(rest) > 2 {
		fmt.Fprintln(stderr, "handbook diff: need REV1 and, optionally, REV2 (without it, the working tree)")
		fs.Usage()
		return exitUsage
	}
	var f changes.Format
	switch *format {
	case "text":
		f = changes.Text
	case "markdown", "md":
		f = changes.Markdown
	default:
		fmt.Fprintf(stderr, "handbook diff: --format %q: the formats are text and markdown\n", *format)
		return exitUsage
	}
	if err := checkSource(*src); err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	repo, err := history.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "handbook diff: %v\n", err)
		return exitFail
	}
	old, err := loadRevision(repo, rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "handbook diff: %v\n", err)
		return exitFail
	}
	to, cur := "the working tree", (*model.Site)(nil)
	if len(rest) == 2 {
		to = rest[1]
		if cur, err = loadRevision(repo, rest[1]); err != nil {
			fmt.Fprintf(stderr, "handbook diff: %v\n", err)
			return exitFail
		}
	} else {
		cur = history.LoadFS(os.DirFS(*src))
	}
	if err := changes.Write(stdout, f, rest[0], to, changes.Compare(old, cur)); err != nil {
		fmt.Fprintf(stderr, "handbook diff: %v\n", err)
		return exitFail
	}
	return exitOK
}

// loadRevision loads the model the site had at a commit or tag.
func loadRevision(repo *history.Repo, rev string) (*model.Site, error) {
	commit, err := repo.Resolve(rev)
	if err != nil {
		return nil, err
	}
	return repo.Load(commit)
}
