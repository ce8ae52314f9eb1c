package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/handbook-dev/handbook/generator/diag"
)

// command is one subcommand: its name, its help, and the function that runs it.
type command struct {
	name     string
	summary  string   // one line, for the command table
	usage    string   // the synopsis after "handbook", flags left to the flag listing
	details  string   // what the command does, in a few lines
	examples []string // command lines, each with a comment after "#"
	run      func(args []string, stdout, stderr io.Writer) int
	// helpArgs make run print its help: its flags are declared where they are parsed,
	// so the help always lists exactly the flags the command accepts.
	helpArgs []string
}

// commands lists the subcommands in the order the help shows them.
func commands() []command {
	return []command{
		{
			name:    "init",
			summary: "start a new handbook in a folder, ready to build and publish",
			usage:   "init [DIR]",
			details: "Writes a small example handbook into DIR (the current folder by default): the site\n" +
				"file, two principles, a role with a three-level matrix, a group of interview questions,\n" +
				"a delivery phase, an authoring guide, netlify.toml and a GitHub Pages workflow. It\n" +
				"builds with --strict at once. DIR must be empty or not exist yet: nothing is overwritten.",
			examples: []string{
				"handbook init my-handbook        # start a handbook in ./my-handbook",
				"cd my-handbook && handbook serve # preview it at http://127.0.0.1:1313/",
			},
			run:      runInit,
			helpArgs: []string{"-h"},
		},
		{
			name:    "build",
			summary: "build the site into a folder, replacing it only when the build succeeds",
			usage:   "build [flags]",
			details: "Reads content/ (and themes/) under --source and writes the published site to --dest.\n" +
				"A failed or interrupted build leaves the previous site as it was. Problems are printed\n" +
				"to stderr as path:line:col: error|warning: message, the summary line to stdout.",
			examples: []string{
				"handbook build                                          # write ./public",
				"handbook build --strict --base-url https://handbook.example.com/",
				"handbook build --source site --dest /tmp/public --drafts # include drafts",
			},
			run:      runBuild,
			helpArgs: []string{"-h"},
		},
		{
			name:    "serve",
			summary: "preview the handbook, rebuilding and reloading pages on every save",
			usage:   "serve [flags]",
			details: "Builds the site in memory and serves it on a loopback address, drafts shown and marked.\n" +
				"Watches content/ and the theme; a failed build shows its errors over every open page.",
			examples: []string{
				"handbook serve                     # http://127.0.0.1:1313/",
				"handbook serve --addr 127.0.0.1:8080 --poll 500ms",
			},
			run:      runServe,
			helpArgs: []string{"-h"},
		},
		{
			name:    "check",
			summary: "report every problem of the sources without writing anything",
			usage:   "check [flags]",
			details: "Runs the build's checks, with drafts and without, and the authoring lints: text saved\n" +
				"in the wrong encoding, lines of Coda export chrome, NUL bytes.",
			examples: []string{
				"handbook check --strict            # fail on warnings too, as CI does",
			},
			run:      runCheck,
			helpArgs: []string{"-h"},
		},
		{
			name:    "import",
			summary: "turn a Coda table export into a role's matrix",
			usage:   "import coda FILE --role ID [flags]",
			details: "Writes content/roles/<ID>/_index.md and levels.csv from a Coda plain-text table export.\n" +
				"It never overwrites without --force; with it, it merges by row, keeping the rows, columns,\n" +
				"IDs, Principles and introduction written since, or refuses and lists what would be lost.",
			examples: []string{
				"handbook import coda export.txt --role engineering",
			},
			run:      runImport,
			helpArgs: []string{"coda", "-h"},
		},
		{
			name:    "diff",
			summary: "show what changed for readers between two commits or tags",
			usage:   "diff REV1 [REV2] [flags]",
			details: "Compares the handbook at REV1 with REV2 (the working tree without it): expectations\n" +
				"added, removed or reworded per role, level and row, word by word, and the principles,\n" +
				"questions and phases that changed. --format markdown writes it for a pull request.",
			examples: []string{
				"handbook diff v1.0                       # v1.0 against the working tree",
				"handbook diff v1.0 v2.0 --format markdown # for a pull request's comment",
			},
			run:      runDiff,
			helpArgs: []string{"-h"},
		},
		{
			name:     "version",
			summary:  "print the version, the commit it was built from and its date",
			usage:    "version",
			details:  "Prints the version of this binary, the commit it was built from and that commit's date.",
			examples: []string{"handbook version", "handbook --version"},
			run:      runVersion,
			helpArgs: []string{"-h"},
		},
		{
			name:     "help",
			summary:  "show the help of handbook or of one command",
			usage:    "help [COMMAND]",
			details:  "Prints the list of commands, or one command's flags and examples.",
			examples: []string{"handbook help build", "handbook build --help"},
			run:      runHelp,
			helpArgs: []string{"-h"},
		},
	}
}

// exitCodes is the exit status table every help page ends with.
const exitCodes = `Exit status:
  0  success
  1  the sources have errors (or warnings, with --strict), or a file could not be written
  2  bad usage: an unknown command or flag, or an unexpected argument
`

// findCommand returns the command called name.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// dispatch runs the command line args.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		writeMainHelp(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		if len(args) > 1 {
			return unexpected(stderr, "handbook", args[1])
		}
		writeMainHelp(stdout)
		return exitOK
	case "--version", "-version":
		return runVersion(args[1:], stdout, stderr)
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "handbook: unknown flag %s\n", dashes(args[0]))
		fmt.Fprintln(stderr, "usage: handbook <command> [flags]; run 'handbook help' for the commands")
		return exitUsage
	}
	cmd, ok := findCommand(args[0])
	if !ok {
		return unknownCommand(stderr, args[0])
	}
	if wantsHelp(args[1:]) {
		return printHelp(cmd, stdout)
	}
	return cmd.run(args[1:], stdout, stderr)
}

// unknownCommand reports a command that does not exist, with the likeliest meant.
func unknownCommand(stderr io.Writer, name string) int {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\n", name)
	if s := diag.Suggest(name, names); s != "" {
		fmt.Fprintf(stderr, "did you mean %q?\n", s)
	}
	fmt.Fprintln(stderr, "run 'handbook help' for the list of commands")
	return exitUsage
}

// unexpected refuses an argument a command does not take.
func unexpected(stderr io.Writer, name, arg string) int {
	fmt.Fprintf(stderr, "%s: unexpected argument %q\n", name, arg)
	fmt.Fprintf(stderr, "run '%s --help' for usage\n", name)
	return exitUsage
}

// wantsHelp reports whether args ask for help, before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// printHelp prints the help of cmd to stdout: the command prints it, with its flags,
// when asked to parse its helpArgs.
func printHelp(cmd command, stdout io.Writer) int {
	var help bytes.Buffer
	cmd.run(cmd.helpArgs, io.Discard, &help)
	_, err := stdout.Write(help.Bytes())
	if err != nil {
		return exitFail
	}
	return exitOK
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("help", stderr)
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) == 2 && rest[0] == "import" && rest[1] == "coda" {
		rest = rest[:1] // the one format's help is the command's
	}
	switch len(rest) {
	case 0:
		writeMainHelp(stdout)
		return exitOK
	case 1:
		cmd, ok := findCommand(rest[0])
		if !ok {
			return unknownCommand(stderr, rest[0])
		}
		return printHelp(cmd, stdout)
	}
	return usageError(stderr, fs, rest[1:])
}

// writeMainHelp writes the list of commands.
func writeMainHelp(w io.Writer) {
	fmt.Fprint(w, `handbook builds a guideline handbook (leveling matrices, principles, interview
questions, a delivery framework) into a fast, searchable static website.

Usage:
  handbook <command> [flags]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Flags:
  -h, --help  show this help (after a command: that command's help)
  --version   print the version

Examples:
  handbook init my-handbook    # start a new handbook
  handbook serve               # preview it at http://127.0.0.1:1313/
  handbook build --strict --base-url https://handbook.example.com/

Run 'handbook help <command>' for a command's flags and examples.

`+exitCodes)
}

// writeCommandHelp writes the help of the command whose flags fs holds.
func writeCommandHelp(w io.Writer, fs *flag.FlagSet) {
	name := strings.TrimPrefix(fs.Name(), "handbook ")
	cmd, _ := findCommand(strings.Fields(name)[0])
	fmt.Fprintf(w, "handbook %s: %s\n\nUsage:\n  handbook %s\n\n%s\n\nFlags:\n", cmd.name, cmd.summary, cmd.usage, cmd.details)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		placeholder, usage := flag.UnquoteUsage(f)
		if placeholder != "" {
			placeholder = " " + strings.ToUpper(placeholder)
		}
		if def := defaultText(f); def != "" {
			usage += " (default " + def + ")"
		}
		fmt.Fprintf(tw, "  --%s%s\t%s\n", f.Name, placeholder, usage)
	})
	fmt.Fprintf(tw, "  -h, --help\tshow this help\n")
	tw.Flush()
	fmt.Fprintf(w, "\nExamples:\n")
	for _, e := range cmd.examples {
		fmt.Fprintf(w, "  %s\n", e)
	}
	fmt.Fprintf(w, "\n%s", exitCodes)
}

// defaultText is a flag's default as the help shows it, or "" for a zero default.
func defaultText(f *flag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "0s":
		return ""
	}
	if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool {
		return f.DefValue
	}
	return fmt.Sprintf("%q", f.DefValue)
}

// writeShortUsage writes the command's synopsis and where to read more, after an error.
func writeShortUsage(w io.Writer, fs *flag.FlagSet) {
	name := strings.TrimPrefix(fs.Name(), "handbook ")
	cmd, _ := findCommand(strings.Fields(name)[0])
	fmt.Fprintf(w, "usage: handbook %s\nrun 'handbook %s --help' for the flags and examples\n", cmd.usage, cmd.name)
}

// flagOutput is a flag set's output: it swallows the flag package's own messages, which
// name flags with one dash, and carries the writer parse reports to instead.
type flagOutput struct{ w io.Writer }

func (flagOutput) Write(p []byte) (int, error) { return len(p), nil }

// newFlags returns a flag set for the command name ("build", "import coda") that
// reports to stderr and never exits. Its Usage writes the short usage.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("handbook "+name, flag.ContinueOnError)
	fs.SetOutput(flagOutput{stderr})
	fs.Usage = func() { writeShortUsage(stderr, fs) }
	return fs
}

// parse parses flags, allowing them after positional arguments too. A request for help
// writes the command's help; a bad flag is reported with the likeliest flag meant.
func parse(fs *flag.FlagSet, args []string) ([]string, bool) {
	var rest []string
	for {
		if err := parseOnce(fs, args); err != nil {
			w := fs.Output().(flagOutput).w
			if errors.Is(err, flag.ErrHelp) {
				writeCommandHelp(w, fs)
			} else {
				reportFlagError(w, fs, err)
			}
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// parseOnce is fs.Parse without the flag package's call of Usage: parse reports.
func parseOnce(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	return fs.Parse(args)
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	dashedFlag    = regexp.MustCompile(`(^|\s)-([A-Za-z][\w-]*)`)
)

// reportFlagError writes a flag error in the command line's own words: flags with two
// dashes, an unknown flag with the likeliest meant, then the short usage.
func reportFlagError(w io.Writer, fs *flag.FlagSet, err error) {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		fmt.Fprintf(w, "%s: unknown flag --%s\n", fs.Name(), m[1])
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := diag.Suggest(m[1], names); s != "" {
			fmt.Fprintf(w, "did you mean --%s?\n", s)
		}
	} else {
		fmt.Fprintf(w, "%s: %s\n", fs.Name(), dashedFlag.ReplaceAllString(msg, "$1--$2"))
	}
	writeShortUsage(w, fs)
}

// dashes writes a flag with two dashes, as the help shows it.
func dashes(arg string) string {
	return "--" + strings.TrimLeft(arg, "-")
}
