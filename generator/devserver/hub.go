package devserver

import (
	"maps"
	"slices"
	"sync"
)

// event is one Server-Sent Event.
type event struct {
	name string
	data string
}

// hub fans events out to the connected live-reload clients, and knows which page each
// shows: the pages open, which a rebuild renders to tell them whether they changed.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]string // -> the page's URL path ("/principles/"), or ""
}

func newHub() *hub { return &hub{clients: map[chan event]string{}} }

// subscribe registers a client showing the page at the URL path page ("" when it did
// not say), unless max are registered already (ok is false then); its channel buffers
// a few events so a slow tab never holds up a rebuild.
func (h *hub) subscribe(max int, page string) (c chan event, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.clients) >= max {
		return nil, false
	}
	c = make(chan event, 16)
	h.clients[c] = page
	return c, true
}

// pages returns the URL paths of the pages open, each once, sorted; "" stands for
// the clients that did not say which page they show.
func (h *hub) pages() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	set := map[string]bool{}
	for _, p := range h.clients {
		set[p] = true
	}
	return slices.Sorted(maps.Keys(set))
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// broadcast sends e to every client. A client whose buffer is full is told to reload
// everything instead, which is what the events it missed would have amounted to.
func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- e:
		default:
			select {
			case <-c: // drop the oldest to make room
			default:
			}
			select {
			case c <- event{name: "reload", data: `{"pages":["*"]}`}:
			default:
			}
		}
	}
}

// count returns the number of connected clients.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}
