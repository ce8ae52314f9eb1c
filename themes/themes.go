// Package themes embeds the default theme, so an installed handbook binary needs no
// files beside it. A site may name a theme folder of its own under themes/, whose files
// override these one by one.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme: templates/ (html/template files) and assets/
// (stylesheets, scripts and images, fingerprinted when published).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the folder is embedded above; this cannot fail
	}
	return sub
}
