package devserver

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawGet sends target exactly as written, with host as the Host header, and returns the
// status and body: no client cleans the path on the way.
func (p *preview) rawGet(target, host string) (int, string) {
	p.t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(p.url, "http://"), 5*time.Second)
	if err != nil {
		p.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		p.t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		p.t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestPreviewServesOnlyTheOutput: whatever the path, the preview answers from the built
// site alone: no source, theme file, file beside the site or dotfile comes back, however
// the path is spelled.
func TestPreviewServesOnlyTheOutput(t *testing.T) {
	p := startPreview(t, 0)
	p.write("secret.txt", "TOP SECRET beside the site\n")
	p.write("content/.env", "TOP SECRET dotfile\n")
	sourceText := []string{"TOP SECRET", "title: Ownership", "{{define", "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\"\n"}
	for _, target := range []string{
		"/secret.txt",
		"/content/principles/ownership.md",
		"/content/.env",
		"/themes/default/templates/base.html",
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/..%2fsecret.txt",
		"/..%5csecret.txt",
		"/principles/..%2f..%2fsecret.txt",
		"/assets/../../secret.txt",
		"//secret.txt",
		"/./secret.txt",
		"/.handbook-output",
		"/content%2fprinciples%2fownership.md",
		"/index.html%00.md",
		"../secret.txt",
		"*",
	} {
		status, body := p.rawGet(target, "localhost")
		if status == 200 {
			t.Errorf("GET %s: status 200", target)
		}
		for _, s := range sourceText {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: the response holds %q", target, s)
			}
		}
	}
	// The same paths' good neighbours are served, so the refusals above are not a dead
	// server's.
	if status, body := p.rawGet("/principles/ownership/", "localhost"); status != 200 || !strings.Contains(body, "Leaders are owners.") {
		t.Errorf("GET /principles/ownership/: status %d", status)
	}
}

// TestPreviewHostCheck: a request whose Host is not a loopback name is refused before
// any page, event stream or script is served (DNS rebinding), on the running server.
func TestPreviewHostCheck(t *testing.T) {
	p := startPreview(t, 0)
	for _, tt := range []struct {
		host string
		want int
	}{
		{"localhost", 200}, {"127.0.0.1", 200}, {"[::1]", 200}, {"LocalHost.", 200},
		{"evil.example", 403}, {"localhost.evil.example", 403}, {"127.0.0.1.nip.io", 403},
		{"evil.example:1313", 403}, {"0.0.0.0", 403}, {"192.168.1.10", 403}, {"[::]", 403},
		{"", 403},
		{"localhost@evil.example", 400}, {"evil.example#localhost", 400}, // not a host name at all
	} {
		for _, target := range []string{"/principles/ownership/", "/_handbook/live.js", "/_handbook/live.css", "/404.html"} {
			status, body := p.rawGet(target, tt.host)
			if target == "/404.html" && tt.want == 200 {
				continue // served, with status 200 or 404 as the site has it
			}
			if status != tt.want {
				t.Errorf("Host %q, GET %s: status %d, want %d", tt.host, target, status, tt.want)
			}
			if tt.want != 200 && strings.Contains(body, "Leaders are owners.") {
				t.Errorf("Host %q, GET %s: a page was served", tt.host, target)
			}
		}
	}
	// The event stream too: a refused request gets no stream.
	req, _ := http.NewRequest("GET", p.url+"/_handbook/events", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Errorf("events from evil.example: status %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestPreviewLinksOutOfTheSite: a symbolic link in the theme or the content that leads
// out of its folder is never followed: the build fails, the problem is shown, and what
// the link leads to is never served; a link within the content is.
func TestPreviewLinksOutOfTheSite(t *testing.T) {
	tests := []struct {
		name, link, target string
		want               string // in the overlay
	}{
		{"theme asset", "themes/default/assets/leak.txt", "../../../secret.txt",
			"theme assets: open themes/default/assets/leak.txt: symbolic link to &#34;../../../secret.txt&#34; leads out of themes/default/"},
		{"theme template", "themes/default/templates/page.html", "/etc/passwd",
			"<code>themes/default/templates/page.html</code> symbolic link to &#34;/etc/passwd&#34; leads out of themes/default/"},
		{"content page", "content/leak.md", "../secret.txt",
			"<code>content/leak.md</code> symbolic link to &#34;../secret.txt&#34; leads out of the content folder; a source must be inside content/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := startPreview(t, 0)
			p.write("secret.txt", "---\ntitle: Secret\n---\nTOP SECRET beside the site\n")
			path := filepath.Join(p.dir, filepath.FromSlash(tt.link))
			os.Remove(path)
			if err := os.Symlink(tt.target, path); err != nil {
				t.Fatal(err)
			}
			p.waitProblem(tt.want)
			for name, data := range p.srv.served() {
				if strings.Contains(string(data), "TOP SECRET") || strings.Contains(string(data), "root:x:0:0") {
					t.Errorf("%s is served with what the link leads to", name)
				}
			}
		})
	}

	t.Run("within the content", func(t *testing.T) {
		p := startPreview(t, 0)
		if err := os.Symlink("contributing.md", filepath.Join(p.dir, "content", "contributing-again.md")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, p, func() bool { status, _ := p.get("/contributing-again/"); return status == 200 })
	})
}

// TestOverlayEscapes: hostile text in a source reaches the error overlay, which every
// open page shows, as text: in the message and in the source lines shown around it.
func TestOverlayEscapes(t *testing.T) {
	p := startPreview(t, 0)
	const group = "content/interview/hiring.md"
	good := p.read(group)
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	p.write(group, strings.Replace(good, "Hire and Develop the Best", hostile, 1))
	overlay := p.waitProblem("unknown principle &#34;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#34;")
	for _, bad := range []string{"<script", "<img", "onerror=alert(2)>"} {
		if strings.Contains(overlay, bad) {
			t.Errorf("the overlay holds %q:\n%s", bad, overlay)
		}
	}
	if !strings.Contains(overlay, "&lt;script&gt;") || !strings.Contains(overlay, `<span class="hl-line hl-hl">`) {
		t.Errorf("the overlay does not show the source line:\n%s", overlay)
	}
}
