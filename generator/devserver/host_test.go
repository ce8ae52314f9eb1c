package devserver

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// devbox is the machine the policy tests run on: a laptop on a home network, with an
// IPv6 address too, named devbox.
var devbox = machine{
	addrs: []netip.Addr{
		netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("::1"),
		netip.MustParseAddr("192.168.1.23"), netip.MustParseAddr("2001:db8::23"),
		netip.MustParseAddr("fe80::23"),
	},
	names: []string{"devbox", "devbox.local"},
}

// TestHostPolicy: which requests are answered, by where they come from, the Host they
// name, and whether the preview listens on loopback only or on the network.
func TestHostPolicy(t *testing.T) {
	// Where requests come from.
	local := []string{"127.0.0.1:50000", "[::1]:50000", "[::ffff:127.0.0.1]:50000", "127.0.0.2:50000"}
	remote := []string{"192.168.1.50:50000", "[::ffff:192.168.1.50]:50000", "[2001:db8::50]:50000", "[fe80::50%eth0]:50000", "", "garbage"}
	tests := []struct {
		host string
		// Answered when listening on loopback (from this machine), and on the
		// network from this machine and from another device.
		loopback, networkLocal, networkRemote bool
	}{
		// Loopback names: this machine's alone; from elsewhere they are forged.
		{"localhost:1313", true, true, false},
		{"localhost", true, true, false},
		{"LOCALHOST.:80", true, true, false},
		{"preview.localhost", true, true, false},
		{"127.0.0.1:1313", true, true, false},
		{"127.0.0.2", true, true, false},
		{"[::1]:1313", true, true, false},
		{"[::ffff:127.0.0.1]:1313", true, true, false},
		// This machine's own addresses and names: on the network only.
		{"192.168.1.23:1313", false, true, true},
		{"192.168.1.23", false, true, true},
		{"[2001:db8::23]:1313", false, true, true},
		{"[::ffff:192.168.1.23]:1313", false, true, true},
		{"devbox:1313", false, true, true},
		{"DevBox.Local.:1313", false, true, true},
		// Anything else: never (DNS rebinding, another machine's address, no name).
		{"evil.example", false, false, false},
		{"evil.example:1313", false, false, false},
		{"devbox.evil.example", false, false, false},
		{"localhost.evil.example", false, false, false},
		{"127.0.0.1.nip.io", false, false, false},
		{"192.168.1.99:1313", false, false, false},
		{"10.0.0.1:1313", false, false, false},
		{"0.0.0.0:1313", false, false, false},
		{"[::]:1313", false, false, false},
		{"", false, false, false},
	}
	for _, tt := range tests {
		for _, bind := range []struct {
			name   string
			policy hostPolicy
		}{
			{"loopback", hostPolicy{}},
			{"network", hostPolicy{network: true, machine: func() machine { return devbox }}},
		} {
			for _, from := range [][]string{local, remote} {
				fromHere := &from[0] == &local[0]
				want := tt.loopback && fromHere
				if bind.policy.network {
					want = map[bool]bool{true: tt.networkLocal, false: tt.networkRemote}[fromHere]
				}
				for _, addr := range from {
					if got := bind.policy.allows(addr, tt.host); got != want {
						t.Errorf("listening on %s, Host %q from %q: allowed %v, want %v", bind.name, tt.host, addr, got, want)
					}
				}
			}
		}
	}
}

// TestGuardRefusal: the server refuses through the policy, saying why.
func TestGuardRefusal(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, tt := range []struct {
		policy  hostPolicy
		remote  string
		host    string
		status  int
		message string
	}{
		{hostPolicy{}, "127.0.0.1:5000", "localhost:1313", 200, ""},
		{hostPolicy{}, "127.0.0.1:5000", "192.168.1.23:1313", 403, "to preview it from other devices, serve it on the network (--addr 0.0.0.0:1313)"},
		{hostPolicy{network: true, machine: func() machine { return devbox }}, "192.168.1.50:5000", "192.168.1.23:1313", 200, ""},
		{hostPolicy{network: true, machine: func() machine { return devbox }}, "192.168.1.50:5000", "localhost:1313", 403, "answers only to this machine's own names and addresses"},
		{hostPolicy{network: true, machine: func() machine { return devbox }}, "127.0.0.1:5000", "evil.example", 403, `not to "evil.example"`},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr, r.Host = tt.remote, tt.host
		w := httptest.NewRecorder()
		guard(tt.policy, ok).ServeHTTP(w, r)
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.message) {
			t.Errorf("Host %q from %s: %d %q, want %d %q", tt.host, tt.remote, w.Code, w.Body, tt.status, tt.message)
		}
	}
}

// TestListenAddr: an address given without a port gets the default one.
func TestListenAddr(t *testing.T) {
	for in, want := range map[string]string{
		"": "127.0.0.1:1313", "0.0.0.0": "0.0.0.0:1313", "::": "[::]:1313", "[::]": "[::]:1313",
		"localhost": "localhost:1313", "0.0.0.0:8080": "0.0.0.0:8080", ":1313": ":1313",
		"127.0.0.1:0": "127.0.0.1:0", "[::1]:1313": "[::1]:1313",
	} {
		if got := listenAddr(in); got != want {
			t.Errorf("listenAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnnounce: on loopback the preview prints its one URL; on every interface, the URLs
// another device reaches it at, and a warning that drafts are visible on the network.
func TestAnnounce(t *testing.T) {
	tcp := func(s string) *net.TCPAddr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	tests := []struct {
		name   string
		bound  *net.TCPAddr
		drafts bool
		want   string
	}{
		{"loopback", tcp("127.0.0.1:1313"), true,
			"serving http://127.0.0.1:1313/ (drafts shown); press Ctrl-C to stop\n"},
		{"every interface", tcp("[::]:1313"), true, `serving on the network (drafts shown); press Ctrl-C to stop
  on this machine:   http://localhost:1313/
  on other devices:  http://192.168.1.23:1313/
                     http://[2001:db8::23]:1313/
warning: this preview, drafts included, can be seen by every device on the network; serve on 127.0.0.1 to keep it to this machine
`},
		{"one address, drafts hidden", tcp("192.168.1.23:8080"), false, `serving on the network (drafts hidden); press Ctrl-C to stop
  on this machine:   http://192.168.1.23:8080/
  on other devices:  http://192.168.1.23:8080/
warning: this preview can be seen by every device on the network; serve on 127.0.0.1 to keep it to this machine
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			announce(&b, tt.bound, tt.drafts, devbox)
			if b.String() != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestPreviewOnTheNetwork: a preview listening beyond loopback serves a page to another
// device that names this machine, and refuses one that names localhost.
func TestPreviewOnTheNetwork(t *testing.T) {
	for _, tt := range []struct {
		bound   string
		network bool
	}{
		{"127.0.0.1:1313", false}, {"[::1]:1313", false}, {"127.0.0.2:1313", false},
		{"[::]:1313", true}, {"0.0.0.0:1313", true}, {"192.168.1.23:1313", true},
	} {
		a, err := net.ResolveTCPAddr("tcp", tt.bound)
		if err != nil {
			t.Fatal(err)
		}
		if got := policyFor(a, nil).network; got != tt.network {
			t.Errorf("listening on %s: on the network %v, want %v", tt.bound, got, tt.network)
		}
	}

	srv, err := New(Config{Source: copyHandbook(t), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.policy = policyFor(&net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}, func() machine { return devbox })
	if !srv.Rebuild(nil) {
		t.Fatal(srv.Problems())
	}
	for _, tt := range []struct {
		host   string
		status int
	}{{"192.168.1.23:1313", 200}, {"devbox.local:1313", 200}, {"localhost:1313", 403}, {"evil.example:1313", 403}} {
		r := httptest.NewRequest("GET", "/principles/ownership/", nil)
		r.RemoteAddr, r.Host = "192.168.1.50:50000", tt.host
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, r)
		if w.Code != tt.status || tt.status == 200 && !strings.Contains(w.Body.String(), "Leaders are owners.") {
			t.Errorf("from another device, Host %q: status %d, want %d", tt.host, w.Code, tt.status)
		}
	}
}
