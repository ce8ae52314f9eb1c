package main

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/sitecheck"
	"github.com/handbook-dev/handbook/generator/starter"
)

// workflow is a CI configuration that publishes the site, and what it must hold, in
// order: a checkout of the whole history with its tags (the changelog is made from
// them), the build with a base URL the host gives, then the upload of public/.
type workflow struct {
	file  string
	steps []string // each a regular expression, matched after the previous one
}

var workflows = []workflow{
	{"../../.github/workflows/pages.yml", []string{
		`(?m)^\s+- uses: actions/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0$`,
		`(?m)^\s+- id: pages\n\s+uses: actions/configure-pages@v\d+$`,
		`(?m)^\s+- run: go run \./cmd/handbook build --strict --base-url "\$\{\{ steps\.pages\.outputs\.base_url \}\}/"$`,
		`(?m)^\s+- uses: actions/upload-pages-artifact@v\d+\n\s+with:\n\s+path: public/$`,
		`(?m)^\s+uses: actions/deploy-pages@v\d+$`,
	}},
	{"../../.gitlab-ci.yml", []string{
		`(?m)^pages:$`,
		`(?m)^\s+variables:\n\s+GIT_DEPTH: 0\b`,
		`(?m)^\s+- go run \./cmd/handbook build --strict --base-url "\$CI_PAGES_URL/"$`,
		`(?m)^\s+artifacts:\n\s+paths:\n\s+- public$`,
	}},
	{"starter:.github/workflows/pages.yml", []string{
		`(?m)^\s+- uses: actions/checkout@v\d+\n\s+with:\n\s+fetch-depth: 0$`,
		`(?m)^\s+- run: go install github\.com/handbook-dev/handbook/cmd/handbook@latest$`,
		`(?m)^\s+- id: pages\n\s+uses: actions/configure-pages@v\d+$`,
		`(?m)^\s+- run: handbook build --strict --base-url "\$\{\{ steps\.pages\.outputs\.base_url \}\}/"$`,
		`(?m)^\s+- uses: actions/upload-pages-artifact@v\d+\n\s+with:\n\s+path: public/$`,
		`(?m)^\s+uses: actions/deploy-pages@v\d+$`,
	}},
	{"../../netlify.toml", []string{
		`(?m)^\s+command = "go run \./cmd/handbook build --strict --base-url \\"\$URL/\\""$`,
		`(?m)^\s+publish = "public"$`,
		`(?m)^\[context\.deploy-preview\]\n\s+command = "go run \./cmd/handbook build --strict --base-url \\"\$DEPLOY_PRIME_URL/\\""$`,
	}},
	{"starter:netlify.toml", []string{
		`(?m)^\s+command = "go run github\.com/handbook-dev/handbook/cmd/handbook@latest build --strict --base-url \\"\$URL/\\""$`,
		`(?m)^\s+publish = "public"$`,
		`(?m)^\[context\.deploy-preview\]\n\s+command = "go run github\.com/handbook-dev/handbook/cmd/handbook@latest build --strict --base-url \\"\$DEPLOY_PRIME_URL/\\""$`,
	}},
}

// TestWorkflowsPublishStrictBuilds: every publishing configuration builds with --strict
// and the address the host publishes at (a sub-path for project sites), then publishes
// public/. The files are checked as text, step by step in order; the YAML is GitHub's
// and GitLab's to run.
func TestWorkflowsPublishStrictBuilds(t *testing.T) {
	for _, w := range workflows {
		t.Run(w.file, func(t *testing.T) {
			text := readConfig(t, w.file)
			if strings.Contains(text, "\t") {
				t.Errorf("%s holds a tab, which YAML does not allow for indentation", w.file)
			}
			rest := text
			for _, step := range w.steps {
				loc := regexp.MustCompile(step).FindStringIndex(rest)
				if loc == nil {
					t.Fatalf("%s lacks, after the steps before it, %s:\n%s", w.file, step, text)
				}
				rest = rest[loc[1]:]
			}
		})
	}
}

func readConfig(t *testing.T, file string) string {
	t.Helper()
	if name, ok := strings.CutPrefix(file, "starter:"); ok {
		data, err := fs.ReadFile(starter.Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	return string(readFile(t, file))
}

// TestSubPathSite: a site published under a sub-path (a GitHub or GitLab project site,
// a folder of a bucket) has every internal link and asset under that path.
func TestSubPathSite(t *testing.T) {
	sites := map[string]string{"starter": initSite(t), "crosslinks": writeSite(t, nil)}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			res, diags := build.Build(os.DirFS(dir), build.Options{BaseURL: "https://x.example/handbook/", Minify: true})
			if res == nil {
				t.Fatal(diags.Error())
			}
			for _, p := range sitecheck.Check(res.Files, "/handbook/") {
				t.Error(p)
			}
			// The check can fail: the same pages are not a site at the root.
			if len(sitecheck.Check(res.Files, "/")) == 0 {
				t.Error("a sub-path build passes the check for the root too: its links are not under the sub-path")
			}
			if sitemap := fileData(res.Files, "sitemap.xml"); !strings.Contains(sitemap, "<loc>https://x.example/handbook/") {
				t.Errorf("the sitemap does not list pages under the sub-path:\n%.400s", sitemap)
			}
		})
	}
}

// TestBuildWritesHeadersFile: every build publishes the header policy as _headers.
func TestBuildWritesHeadersFile(t *testing.T) {
	dir := initSite(t)
	res, diags := build.Build(os.DirFS(dir), build.Options{})
	if res == nil {
		t.Fatal(diags.Error())
	}
	got := fileData(res.Files, output.HeadersFile)
	if want := string(output.Headers(output.HeaderPolicy(), "/")); got != want {
		t.Errorf("_headers:\n%s\nwant:\n%s", got, want)
	}
	wantContains(t, "_headers", got, "/*\n  Content-Security-Policy: "+output.CSP+"\n", "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n")
}

// TestReleaseConfiguration: the release script builds the six platforms; .ci/run
// builds one of them and checks its checksums.
func TestReleaseConfiguration(t *testing.T) {
	script := string(readFile(t, "../../.ci/release"))
	for _, target := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"} {
		wantContains(t, ".ci/release", script, target)
	}
	wantContains(t, ".ci/release", script, "go build -trimpath", "-X main.releaseVersion=", "SHA256SUMS")
	wantContains(t, ".ci/run", string(readFile(t, "../../.ci/run")), "bash .ci/release", "sha256sum --check SHA256SUMS")
}

func fileData(files []output.File, path string) string {
	for _, f := range files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	return ""
}
