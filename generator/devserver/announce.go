package devserver

import (
	"fmt"
	"io"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// defaultPort is the port the preview listens on when its address names none.
const defaultPort = "1313"

// listenAddr completes an address to listen on: the loopback address when it is empty,
// the default port when it names only a host ("0.0.0.0", "::", "localhost").
func listenAddr(addr string) string {
	if addr == "" {
		return "127.0.0.1:" + defaultPort
	}
	bare := strings.Trim(addr, "[]")
	if _, err := netip.ParseAddr(bare); err == nil {
		return net.JoinHostPort(bare, defaultPort) // an address alone, IPv6 ones too
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return net.JoinHostPort(bare, defaultPort) // a name alone
	}
	return addr // ":1313" included: every interface, as Go tools write it
}

// previewURLs returns the URLs the preview listening on bound is reached at: from this
// machine first, then from other devices on the network (its interfaces' addresses,
// IPv4 first; link-local IPv6 ones, which need a zone no browser takes, left out).
// network is false when the preview is reached from this machine alone.
func previewURLs(bound *net.TCPAddr, m machine) (local string, others []string, network bool) {
	port := strconv.Itoa(bound.Port)
	ip, _ := netip.AddrFromSlice(bound.IP)
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "http://" + net.JoinHostPort(ip.String(), port) + "/", nil, false
	case ip.IsValid() && !ip.IsUnspecified():
		u := "http://" + net.JoinHostPort(ip.String(), port) + "/"
		return u, []string{u}, true
	}
	addrs := slices.Clone(m.addrs)
	slices.SortStableFunc(addrs, func(a, b netip.Addr) int {
		if a.Is4() != b.Is4() {
			if a.Is4() {
				return -1
			}
			return 1
		}
		return a.Compare(b)
	})
	for _, a := range slices.Compact(addrs) {
		if a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() || a.IsMulticast() {
			continue
		}
		others = append(others, "http://"+net.JoinHostPort(a.String(), port)+"/")
	}
	return "http://" + net.JoinHostPort("localhost", port) + "/", others, true
}

// announce tells where the preview is served, and warns when it is served beyond this
// machine.
func announce(w io.Writer, bound *net.TCPAddr, drafts bool, m machine) {
	shown := map[bool]string{true: "shown", false: "hidden"}[drafts]
	if bound == nil {
		fmt.Fprintf(w, "serving (drafts %s); press Ctrl-C to stop\n", shown)
		return
	}
	local, others, network := previewURLs(bound, m)
	if !network {
		fmt.Fprintf(w, "serving %s (drafts %s); press Ctrl-C to stop\n", local, shown)
		return
	}
	fmt.Fprintf(w, "serving on the network (drafts %s); press Ctrl-C to stop\n", shown)
	fmt.Fprintf(w, "  on this machine:   %s\n", local)
	if len(others) == 0 {
		fmt.Fprintf(w, "  on other devices:  (this machine has no network address yet)\n")
	}
	for i, u := range others {
		label := "  on other devices:  "
		if i > 0 {
			label = strings.Repeat(" ", len(label))
		}
		fmt.Fprintf(w, "%s%s\n", label, u)
	}
	what := "this preview"
	if drafts {
		what = "this preview, drafts included,"
	}
	fmt.Fprintf(w, "warning: %s can be seen by every device on the network; serve on 127.0.0.1 to keep it to this machine\n", what)
}
