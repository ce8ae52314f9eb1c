package devserver

import (
	"net"
	"net/http"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
)

// hostPolicy decides which requests the preview answers, by the name a request is
// addressed to (its Host header) and the address it comes from. A page on another site
// cannot reach the preview through DNS rebinding, since its requests carry that site's
// name; and a machine on the network cannot pass for this one by naming localhost. The
// zero value answers this machine alone.
type hostPolicy struct {
	// network is set when the preview listens beyond loopback: requests naming this
	// machine's own addresses and names are answered then, from anywhere.
	network bool
	// machine returns this machine's addresses and names; asked at each request
	// from the network, so that a laptop that changes networks is still found.
	machine func() machine
}

// policyFor returns the policy of a preview listening on bound: answering this machine
// alone on a loopback address, the network on any other.
func policyFor(bound *net.TCPAddr, m func() machine) hostPolicy {
	return hostPolicy{network: bound == nil || !bound.IP.IsLoopback(), machine: m}
}

// machine is what names this computer on the network.
type machine struct {
	addrs []netip.Addr // its interfaces' addresses
	names []string     // its host name, lower case, without a trailing dot
}

// thisMachine returns this computer's interface addresses and host names: the name
// itself, its first label, and these with ".local" (mDNS) added.
func thisMachine() machine {
	var m machine
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a.String()); err == nil {
				m.addrs = append(m.addrs, p.Addr().Unmap())
			}
		}
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		h = strings.ToLower(strings.TrimSuffix(h, "."))
		first, _, _ := strings.Cut(h, ".")
		for _, n := range []string{h, first, first + ".local"} {
			if !slices.Contains(m.names, n) {
				m.names = append(m.names, n)
			}
		}
	}
	return m
}

// allows reports whether a request from remoteAddr (host:port) with the Host header
// hostport is answered.
func (p hostPolicy) allows(remoteAddr, hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	ip, err := netip.ParseAddr(host)
	isIP := err == nil
	if isIP {
		ip = ip.Unmap().WithZone("")
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || isIP && ip.IsLoopback() {
		// A loopback name is this machine's only from this machine.
		return fromLoopback(remoteAddr)
	}
	if !p.network || p.machine == nil || host == "" {
		return false
	}
	m := p.machine()
	if isIP {
		return !ip.IsUnspecified() && slices.Contains(m.addrs, ip)
	}
	return slices.Contains(m.names, host)
}

// fromLoopback reports whether a request's remote address is a loopback address.
func fromLoopback(remoteAddr string) bool {
	ap, err := netip.ParseAddrPort(remoteAddr)
	return err == nil && ap.Addr().Unmap().IsLoopback()
}

// guard refuses the requests policy does not allow.
func guard(policy hostPolicy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !policy.allows(r.RemoteAddr, r.Host) {
			why := "this preview answers only to localhost from this machine, not to " + strconv.Quote(r.Host) + "; to preview it from other devices, serve it on the network (--addr 0.0.0.0:1313)"
			if policy.network {
				why = "this preview answers only to this machine's own names and addresses, not to " + strconv.Quote(r.Host) + " (and to localhost from this machine alone)"
			}
			http.Error(w, "Forbidden: "+why, http.StatusForbidden)
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
