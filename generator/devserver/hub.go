package devserver

import "sync"

// event is one Server-Sent Event.
type event struct {
	name string
	data string
}

// hub fans events out to the connected live-reload clients.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

// subscribe registers a client, unless max are registered already (ok is false then);
// its channel buffers a few events so a slow tab never holds up a rebuild.
func (h *hub) subscribe(max int) (c chan event, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.clients) >= max {
		return nil, false
	}
	c = make(chan event, 16)
	h.clients[c] = true
	return c, true
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
