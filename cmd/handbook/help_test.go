package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// TestHelpGoesToStdout: every way of asking for help prints it to stdout and exits 0.
func TestHelpGoesToStdout(t *testing.T) {
	tests := []struct {
		args []string
		want string // the first line
	}{
		{[]string{"help"}, "handbook builds a guideline handbook"},
		{[]string{"-h"}, "handbook builds a guideline handbook"},
		{[]string{"--help"}, "handbook builds a guideline handbook"},
		{[]string{"help", "build"}, "handbook build: "},
		{[]string{"build", "-h"}, "handbook build: "},
		{[]string{"build", "--help"}, "handbook build: "},
		{[]string{"build", "--strict", "--help"}, "handbook build: "},
		{[]string{"serve", "-h"}, "handbook serve: "},
		{[]string{"check", "--help"}, "handbook check: "},
		{[]string{"import", "--help"}, "handbook import: "},
		{[]string{"import", "coda", "-h"}, "handbook import: "},
		{[]string{"help", "import", "coda"}, "handbook import: "},
		{[]string{"init", "-h"}, "handbook init: "},
		{[]string{"version", "--help"}, "handbook version: "},
		{[]string{"help", "help"}, "handbook help: "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitOK)
			if r.stderr != "" {
				t.Errorf("help wrote to stderr: %q", r.stderr)
			}
			if !strings.HasPrefix(r.stdout, tt.want) {
				t.Errorf("help does not start with %q:\n%s", tt.want, r.stdout)
			}
			wantContains(t, "help", r.stdout, "Usage:\n  handbook ", "Examples:\n  handbook ", "Exit status:\n  0  ", "\n  1  ", "\n  2  ", "-h, --help")
		})
	}
}

// TestMainHelpListsEveryCommand: one line per command, each with its description.
func TestMainHelpListsEveryCommand(t *testing.T) {
	r := runCLI(t, "help")
	for _, c := range commands() {
		line := regexp.MustCompile(`(?m)^  ` + c.name + ` +` + regexp.QuoteMeta(c.summary) + `$`)
		if c.summary == "" || !line.MatchString(r.stdout) {
			t.Errorf("no line for %s with its description in:\n%s", c.name, r.stdout)
		}
	}
}

// TestCommandHelpListsFlags: `help CMD` and `CMD --help` print the same page, listing
// each flag the command parses on a line of its own, with two dashes.
func TestCommandHelpListsFlags(t *testing.T) {
	tests := []struct {
		command string
		flags   []string // lines of the flag listing, up to the description
	}{
		{"build", []string{"--base-url URL", "--dest FOLDER", "--drafts", "--force", "--minify", "--source FOLDER", "--strict"}},
		{"serve", []string{"--addr ADDRESS", "--drafts", "--poll INTERVAL", "--source FOLDER"}},
		{"check", []string{"--source FOLDER", "--strict"}},
		{"import", []string{"--force", "--role ID", "--source FOLDER"}},
		{"init", nil},
		{"version", nil},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			viaHelp := runCLI(t, "help", tt.command)
			viaFlag := runCLI(t, tt.command, "--help")
			if viaHelp.stdout != viaFlag.stdout {
				t.Errorf("help %s and %s --help differ:\n%s\n---\n%s", tt.command, tt.command, viaHelp.stdout, viaFlag.stdout)
			}
			for _, f := range tt.flags {
				if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(f) + `  +\S`).MatchString(viaHelp.stdout) {
					t.Errorf("no line for %s with its description:\n%s", f, viaHelp.stdout)
				}
			}
			if m := regexp.MustCompile(`(?m)^  -[a-z][\w-]+`).FindString(viaHelp.stdout); m != "" {
				t.Errorf("a flag shown with one dash: %q", m)
			}
		})
	}
	if r := runCLI(t, "help", "build"); !strings.Contains(r.stdout, `(default "public")`) {
		t.Errorf("build's help does not show --dest's default:\n%s", r.stdout)
	}
}

// TestDidYouMean: a mistyped command or flag is refused with the likeliest meant.
func TestDidYouMean(t *testing.T) {
	tests := []struct {
		args []string
		want []string // in stderr
	}{
		{[]string{"biuld"}, []string{`unknown command "biuld"`, `did you mean "build"?`}},
		{[]string{"serv"}, []string{`did you mean "serve"?`}},
		{[]string{"help", "chekc"}, []string{`unknown command "chekc"`, `did you mean "check"?`}},
		{[]string{"build", "--bas-url", "https://x.example/"}, []string{"unknown flag --bas-url", "did you mean --base-url?", "usage: handbook build"}},
		{[]string{"build", "--stirct"}, []string{"unknown flag --stirct", "did you mean --strict?"}},
		{[]string{"serve", "--adr", "127.0.0.1:1"}, []string{"did you mean --addr?"}},
		{[]string{"import", "coda", codaExport, "--rol", "x"}, []string{"did you mean --role?"}},
		{[]string{"--bogus"}, []string{"unknown flag --bogus"}},
		{[]string{"serve", "--poll", "soon"}, []string{`invalid value "soon" for flag --poll`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitUsage)
			wantContains(t, "stderr", r.stderr, tt.want...)
			if r.stdout != "" {
				t.Errorf("an error printed to stdout: %q", r.stdout)
			}
		})
	}
	// Nothing far from every name is suggested.
	if r := runCLI(t, "frobnicate"); strings.Contains(r.stderr, "did you mean") {
		t.Errorf("a suggestion for a word like no command:\n%s", r.stderr)
	}
}

// TestUnexpectedArguments: every command refuses what it does not take.
func TestUnexpectedArguments(t *testing.T) {
	tests := [][]string{
		{"version", "--json"},
		{"version", "extra"},
		{"--version", "--json"},
		{"help", "build", "extra"},
		{"init", "a", "b"},
		{"init", "--force"},
		{"--help", "extra"},
		{"serve", "extra"},
		{"check", "extra"},
		{"build", "extra"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, args...)
			wantCode(t, r, exitUsage)
			if r.stdout != "" || r.stderr == "" {
				t.Errorf("want only stderr, got %s", r)
			}
		})
	}
}

// TestVersionHelp: the version command's help tells all it prints, the date too.
func TestVersionHelp(t *testing.T) {
	r := runCLI(t, "version", "--help")
	wantCode(t, r, exitOK)
	wantContains(t, "version --help", r.stdout, "the commit it was built from and that commit's date")
}

// TestVersionFlag: --version is the version command.
func TestVersionFlag(t *testing.T) {
	a, b := runCLI(t, "version"), runCLI(t, "--version")
	wantCode(t, a, exitOK)
	wantCode(t, b, exitOK)
	if a.stdout != b.stdout || !strings.HasPrefix(a.stdout, "handbook ") {
		t.Errorf("version and --version differ:\n%s\n%s", a.stdout, b.stdout)
	}
}

// TestVersionText: the version, commit, its date and a dirty tree come from the build
// information; a release's stamped version wins.
func TestVersionText(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "3ae92e8c1f2a4b5c6d7e8f901234567890abcdef"},
		{Key: "vcs.time", Value: "2026-12-01T20:00:00Z"},
	}
	dirty := append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name    string
		info    *debug.BuildInfo
		release string
		want    []string
		not     []string
	}{
		{"no build information", nil, "", []string{"handbook (devel)\n", "go:     go"}, []string{"commit:"}},
		{"go install", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}, Settings: vcs},
			"", []string{"handbook v1.4.0\n", "commit: 3ae92e8c1f2a4b5c6d7e8f901234567890abcdef\n", "date:   2026-12-01T20:00:00Z\n", "go:     go1.26.8 "}, []string{"uncommitted"}},
		{"checkout with changes", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty},
			"", []string{"handbook (devel)\n", "3ae92e8c1f2a4b5c6d7e8f901234567890abcdef (with uncommitted changes)\n"}, nil},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"v2.0.0", []string{"handbook v2.0.0\n", "commit: 3ae92e8"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionText(tt.info, tt.release)
			wantContains(t, "version", got, tt.want...)
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("version holds %q:\n%s", n, got)
				}
			}
		})
	}
}

// TestMissingContentSuggestsInit: run in a folder without content/, the error says how
// to start a handbook or where to point --source.
func TestMissingContentSuggestsInit(t *testing.T) {
	for _, cmd := range []string{"build", "check"} {
		t.Run(cmd, func(t *testing.T) {
			dir := t.TempDir()
			r := runCLI(t, cmd, "--source", dir)
			wantCode(t, r, exitFail)
			// One wording for every command, the one the README's troubleshooting quotes.
			wantContains(t, "stderr", r.stderr, dir+" holds no content folder: `handbook init` starts a new handbook", "--source")
		})
	}
}
