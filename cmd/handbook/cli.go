package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/coda"
	"github.com/handbook-dev/handbook/generator/devserver"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/source"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// run is the whole command line; it returns the exit status. The commands, their help
// and the handling of flags are in help.go.
func run(args []string, stdout, stderr io.Writer) int {
	return dispatch(args, stdout, stderr)
}

// report prints diagnostics sorted, one a line, and returns the exit status they mean.
func report(stderr io.Writer, diags diag.List, strict bool) int {
	for _, d := range diags.Sorted() {
		fmt.Fprintln(stderr, d)
	}
	if diags.HasErrors(strict) {
		return exitFail
	}
	return exitOK
}

// buildGCPercent is the collector's GOGC while a build runs.
const buildGCPercent = 50

// collectForBuild sets the collector for a build and returns what restores it. A
// build holds its whole model while it renders and writes the pages: a collector that
// lets the heap reach 1.5 times what is live, rather than twice, lowers the peak by a
// quarter for about a tenth more time (BENCHMARKS.md, "Build memory"). GOGC, when set
// in the environment, decides instead.
func collectForBuild() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	was := debug.SetGCPercent(buildGCPercent)
	return func() { debug.SetGCPercent(was) }
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	src := fs.String("source", ".", "the site `folder`, holding content/ and themes/")
	dest := fs.String("dest", "public", "the `folder` to write the site to")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at")
	drafts := fs.Bool("drafts", false, "include drafts")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	minify := fs.Bool("minify", true, "minify CSS, JS and SVG (the templates write compact HTML)")
	force := fs.Bool("force", false, "replace --dest even if handbook did not write it (never the sources)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to a new `file`, its page rendering labelled by page kind")
	if rest, ok := parse(fs, args); !ok || len(rest) > 0 {
		return usageError(stderr, fs, rest)
	}
	defer collectForBuild()()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "handbook: --cpuprofile: %v\n", err)
			return exitFail
		}
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintf(stderr, "handbook: --cpuprofile: %v\n", err)
			}
		}()
	}
	base, err := build.ParseBaseURL(*baseURL)
	if err != nil {
		fmt.Fprintf(stderr, "%s: --base-url %q: %v\n", fs.Name(), *baseURL, err)
		return exitUsage
	}
	// A mistyped --source fails here, before the destination under it is made.
	if err := checkSource(*src); err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	destPath := *dest
	if !filepath.IsAbs(destPath) && *src != "." {
		destPath = filepath.Join(*src, destPath)
	}
	// Pages are written as they are rendered, into a folder beside the destination
	// that takes its place only once the whole site is there. Another build of the same
	// destination is waited for.
	waiting := func() { fmt.Fprintf(stderr, "handbook: waiting for another build of %s to finish\n", destPath) }
	pub, err := output.Begin(destPath, output.WriteOptions{Source: *src, Force: *force, Waiting: waiting})
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	progress := newProgress(stderr)
	res, diags := build.Build(os.DirFS(*src), build.Options{BaseURL: base, Drafts: *drafts, Minify: *minify, Progress: progress.show, Emit: pub.Add, Dir: *src, Notes: stderr})
	progress.clear()
	status := report(stderr, diags, *strict)
	if status != exitOK || res == nil {
		pub.Abort()
		fmt.Fprintf(stderr, "build failed: %s; %s was not changed\n", counts(diags), destPath)
		return exitFail
	}
	pub.AddAll(res.Files)
	err = pub.Commit()
	// What could not be tidied up is told either way; it never fails a build whose site
	// is in place.
	for _, w := range pub.Warnings() {
		fmt.Fprintf(stderr, "handbook: warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "built %d pages (%d files) in %s, %s -> %s\n", res.Pages, pub.Files(), res.Duration.Round(time.Millisecond), counts(diags), destPath)
	return exitOK
}

// startCPUProfile starts profiling the process into a new file at path, which must not
// exist (a profile never replaces a file), and returns what stops it and closes the file.
func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// checkSource fails unless the site folder src and its content folder are there.
func checkSource(src string) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("cannot read the site folder (--source): %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("the site folder (--source) %s is not a folder", src)
	}
	content := filepath.Join(src, source.ContentDir)
	if info, err := os.Stat(content); err != nil || !info.IsDir() {
		return fmt.Errorf("%s holds no content folder: `handbook init` starts a new handbook, or --source names the folder that holds content/", src)
	}
	return nil
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	src := fs.String("source", ".", "the site `folder`, holding content/ and themes/")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on, host:port or a host alone (port 1313); 0.0.0.0 shows the preview, drafts included, to every device on the network")
	drafts := fs.Bool("drafts", true, "show drafts, marked as such")
	poll := fs.Duration("poll", 0, "poll the sources at this `interval` instead of using file events")
	if rest, ok := parse(fs, args); !ok || len(rest) > 0 {
		return usageError(stderr, fs, rest)
	}
	// The same words as build's, which the README's troubleshooting table quotes.
	if err := checkSource(*src); err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	srv, err := devserver.New(devserver.Config{Source: *src, Addr: *addr, Drafts: *drafts, Poll: *poll, Log: stdout})
	if err != nil {
		fmt.Fprintf(stderr, "handbook serve: %v\n", err)
		return exitFail
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx, nil); err != nil {
		fmt.Fprintf(stderr, "handbook serve: %v\n", err)
		return exitFail
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	src := fs.String("source", ".", "the site `folder`, holding content/ and themes/")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if rest, ok := parse(fs, args); !ok || len(rest) > 0 {
		return usageError(stderr, fs, rest)
	}
	if err := checkSource(*src); err != nil { // worded as build and serve word it
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	diags := build.Check(os.DirFS(*src))
	status := report(stderr, diags, *strict)
	fmt.Fprintf(stdout, "checked %s: %s\n", filepath.Join(*src, source.ContentDir), counts(diags))
	return status
}

func runImport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "coda" {
		fmt.Fprintln(stderr, "handbook import: the only format is coda")
		fmt.Fprintln(stderr, "usage: handbook import coda FILE --role ID [flags]; run 'handbook import --help' for more")
		return exitUsage
	}
	fs := newFlags("import coda", stderr)
	src := fs.String("source", ".", "the site `folder`, holding content/")
	role := fs.String("role", "", "the role family's `ID`, its folder under content/roles/")
	force := fs.Bool("force", false, "merge the export into existing files, keeping what was added to them")
	dryRun := fs.Bool("dry-run", false, "show what the import would change, writing nothing")
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage // the flag package has printed the problem and the usage
	}
	if len(rest) != 1 || *role == "" {
		fmt.Fprintln(stderr, "handbook import coda: need one FILE and --role ID")
		fs.Usage()
		return exitUsage
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	export, diags := coda.Parse(rest[0], data)
	if report(stderr, diags, false) != exitOK {
		return exitFail
	}
	contentDir := filepath.Join(*src, source.ContentDir)
	im, err := coda.Plan(contentDir, *role, export, *force)
	if lost, ok := errors.AsType[diag.List](err); ok {
		report(stderr, lost, false)
		fmt.Fprintf(stderr, "import refused: the export cannot be merged into the files as they are; nothing was written\n")
		return exitFail
	} else if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return exitFail
	}
	for _, line := range im.Report.Lines() {
		fmt.Fprintln(stdout, line)
	}
	what := fmt.Sprintf("%s: %d levels, %d rows -> %s", rest[0], len(export.Levels), len(export.Rows), im.Dir)
	switch {
	case *dryRun:
		fmt.Fprintf(stdout, "dry run, nothing written: would import %s\n", what)
	case !im.Report.Changed():
		fmt.Fprintf(stdout, "nothing to change: %s\n", what)
	default:
		if err := im.Write(); err != nil {
			fmt.Fprintf(stderr, "handbook: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stdout, "imported %s\n", what)
	}
	return exitOK
}

// usageError reports leftover arguments with the usage; a bad flag has been reported by
// the flag package already.
func usageError(stderr io.Writer, fs *flag.FlagSet, rest []string) int {
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), rest[0])
		fs.Usage()
	}
	return exitUsage
}

func counts(diags diag.List) string {
	e, w := diags.Count()
	return fmt.Sprintf("%d %s, %d %s", e, plural(e, "error"), w, plural(w, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// progress shows how far a long build is, on a terminal only: in CI logs the summary line
// says it all.
type progress struct {
	w    io.Writer
	on   bool
	last time.Time
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("CI") != "" {
		return &progress{}
	}
	info, err := f.Stat()
	return &progress{w: w, on: err == nil && info.Mode()&os.ModeCharDevice != 0}
}

func (p *progress) show(done, total int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\rrendering %d/%d pages", done, total)
}

// clear removes the progress line, if one was shown.
func (p *progress) clear() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
