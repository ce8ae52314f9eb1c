package devserver

import (
	"net"
	"net/http"
	"strings"
)

// isLoopbackHost reports whether a request's Host names this machine: a page on another
// site cannot then reach the preview through DNS rebinding, since its requests carry
// that site's name.
func isLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// guard refuses requests whose Host is not a loopback name.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopbackHost(r.Host) {
			http.Error(w, "Forbidden: this preview answers only to localhost, not "+r.Host, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// outputKey maps a request to the output file it may read: "" and a status when the
// path is unsafe (a parent segment, an encoded slash or backslash, a dotfile, a NUL).
// The site is served from memory, so no symlink can lead out of it.
func outputKey(r *http.Request) (string, int) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", http.StatusBadRequest
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", http.StatusBadRequest
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == ".." || seg == ".":
			return "", http.StatusBadRequest
		case strings.HasPrefix(seg, "."):
			return "", http.StatusNotFound
		}
	}
	key := strings.TrimPrefix(p, "/")
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	return key, http.StatusOK
}
