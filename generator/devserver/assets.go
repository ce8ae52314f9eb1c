package devserver

import _ "embed"

// The live-reload script and the overlay's stylesheet, served under /_handbook/.
var (
	//go:embed assets/live.js
	liveJS []byte
	//go:embed assets/live.css
	liveCSS []byte
)
