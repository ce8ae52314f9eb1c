package devserver

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handbook-dev/handbook/generator/build"
	"github.com/handbook-dev/handbook/generator/search"
)

// searchIndex is the search index the preview serves. After every save that makes a
// new generation, and after the reload event is sent, it is refreshed in the
// background from the index before (search.Update), reading again only what the save
// changed. A save stops the refresh under way before it changes the model, so that
// the refresh never holds up the save; the save's own refresh follows. Requests are
// answered from the newest finished index, or from the one before it, whose files a
// page loaded before the save may still ask for; a request waits for the refresh
// under way only for a file those do not hold, or for the manifest of the generation
// served, which is the refresh's.
type searchIndex struct {
	mu      sync.Mutex
	newest  *madeIndex     // nil until a first refresh finishes
	before  *madeIndex     // the newest's predecessor, nil when there is none
	running *refresh       // the refresh under way, nil when there is none
	all     sync.WaitGroup // every refresh started
}

// madeIndex is an index made for a generation, with its files by path.
type madeIndex struct {
	gen   *build.Generation
	index search.Index
	files map[string][]byte
}

// refresh is one making of the index of a generation.
type refresh struct {
	gen     *build.Generation
	stopped atomic.Bool   // set when a later refresh supersedes it
	done    chan struct{} // closed once it has finished or given up
}

// isIndexFile reports whether the output path key is a file of the search index
// rather than a page (the search page, search/index.html, is one).
func isIndexFile(key string) bool {
	return strings.HasPrefix(key, search.FilesDir) && strings.HasSuffix(key, ".json")
}

// supersede stops the refresh under way, if any, before a save changes the model it
// reads: the save's own refresh follows (or, if the save leaves the generation
// served, refreshIndex starts it again).
func (ix *searchIndex) supersede() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.running != nil {
		ix.running.stopped.Store(true)
	}
}

// refreshIndex starts the refresh of the search index for gen, superseding the one
// under way, unless the index of gen is made or in the making.
func (s *Server) refreshIndex(gen *build.Generation) {
	ix := &s.index
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.newest != nil && ix.newest.gen == gen || ix.running != nil && ix.running.gen == gen && !ix.running.stopped.Load() {
		return
	}
	if ix.running != nil {
		ix.running.stopped.Store(true)
	}
	r := &refresh{gen: gen, done: make(chan struct{})}
	ix.running = r
	var prev search.Index
	if ix.newest != nil {
		prev = ix.newest.index
	}
	ix.all.Go(func() { s.runRefresh(r, prev) })
}

// runRefresh makes the index of r's generation from prev, and makes it the newest
// unless a later refresh superseded r.
func (s *Server) runRefresh(r *refresh, prev search.Index) {
	defer close(r.done)
	start := time.Now()
	stop := r.stopped.Load
	// The model is read under the generations' lock, since a content patch changes it
	// in place; the files are made from what was read, without it.
	s.genMu.RLock()
	src, ok := search.Gather(prev, r.gen.Site(), r.gen.SearchOptions(), stop)
	s.genMu.RUnlock()
	var index search.Index
	if ok {
		index, ok = src.Build(stop)
	}
	ix := &s.index
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.running != r {
		return // superseded by the refresh under way
	}
	if !ok {
		ix.running = nil
		return
	}
	made := &madeIndex{gen: r.gen, index: index, files: make(map[string][]byte, len(index.Files))}
	for _, f := range index.Files {
		made.files[f.Path] = f.Data
	}
	if ix.newest != nil {
		// Only the newest index is updated from: the one before serves its files.
		ix.before = &madeIndex{gen: ix.newest.gen, files: ix.newest.files}
	}
	ix.newest, ix.running = made, nil
	fmt.Fprintf(s.cfg.Log, "indexed %d documents for search in %s\n", index.Docs, time.Since(start).Round(time.Millisecond))
}

// indexFile returns the search index's file key for a request of ctx, from the
// newest index made, waiting for the refresh under way when the file is its own.
func (s *Server) indexFile(ctx context.Context, key string) ([]byte, bool) {
	ix := &s.index
	for {
		s.mu.RLock()
		served := s.gen
		s.mu.RUnlock()
		ix.mu.Lock()
		data, found, wait := ix.lookup(served, key)
		ix.mu.Unlock()
		switch {
		case found:
			return data, true
		case wait == nil && key == search.ManifestPath && served != nil:
			// The refresh of the generation served gave way to a save that did not
			// replace it: it starts again.
			s.refreshIndex(served)
			continue
		case wait == nil:
			return nil, false
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, false
		}
	}
}

// lookup finds the file key in the indexes made; when they do not hold it as served
// has it, it returns the channel closed once the refresh under way is over (nil when
// there is none). The caller holds ix.mu.
func (ix *searchIndex) lookup(served *build.Generation, key string) (data []byte, found bool, wait <-chan struct{}) {
	if key != search.ManifestPath || ix.newest != nil && ix.newest.gen == served {
		for _, m := range []*madeIndex{ix.newest, ix.before} {
			if m == nil {
				continue
			}
			if data, ok := m.files[key]; ok {
				return data, true, nil
			}
		}
	}
	if ix.running != nil {
		return nil, false, ix.running.done
	}
	return nil, false, nil
}
