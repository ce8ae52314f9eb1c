package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
)

// netlifyCommands reads the build commands of netlify.toml, by section ("build",
// "context.production", ...). It reads the little TOML the file uses: section headers
// and one-line basic strings.
func netlifyCommands(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	commands := map[string]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(key) != "command" {
			continue
		}
		s, err := strconv.Unquote(strings.TrimSpace(value)) // TOML's basic strings escape as Go's do
		if err != nil {
			t.Fatalf("netlify.toml [%s]: command %s: %v", section, value, err)
		}
		commands[section] = s
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return commands
}

// TestNetlifyBaseURLs runs each deploy context's build command through the shell, as
// Netlify does, with the variables Netlify sets (DEPLOY_PRIME_URL is set in production
// too, to a branch subdomain) and the command replaced by one that prints its
// arguments: production must be built for its main URL, previews and branch deploys
// for their own, each a --base-url the command line accepts.
func TestNetlifyBaseURLs(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the commands with")
	}
	commands := netlifyCommands(t)
	const prod, prime = "https://handbook.example.com", "https://main--handbook.netlify.app"
	tests := []struct{ context, want string }{
		{"context.production", prod + "/"},
		{"context.deploy-preview", prime + "/"},
		{"context.branch-deploy", prime + "/"},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			command, ok := commands[tt.context]
			if !ok {
				command, ok = commands["build"] // what Netlify runs where no context overrides it
			}
			if !ok {
				t.Fatalf("netlify.toml has no [%s] or [build] command", tt.context)
			}
			const tool = "go run ./cmd/handbook build"
			if !strings.HasPrefix(command, tool+" ") || !strings.Contains(command, " --strict") {
				t.Fatalf("[%s] command %q is not a strict handbook build", tt.context, command)
			}
			sh := exec.Command("sh", "-c", `printf '%s\n' `+strings.TrimPrefix(command, tool))
			sh.Env = []string{"URL=" + prod, "DEPLOY_PRIME_URL=" + prime, "DEPLOY_URL=https://0123abcd--handbook.netlify.app", "CONTEXT=" + strings.TrimPrefix(tt.context, "context.")}
			out, err := sh.Output()
			if err != nil {
				t.Fatalf("running [%s] command: %v", tt.context, err)
			}
			args := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
			got := ""
			for i, a := range args {
				if a == "--base-url" && i+1 < len(args) {
					got = args[i+1]
				}
			}
			normal, err := build.ParseBaseURL(got)
			if err != nil || normal != tt.want {
				t.Errorf("[%s] builds with --base-url %q (%q, %v), want %q", tt.context, got, normal, err, tt.want)
			}
		})
	}
}
