// Package output prepares and writes the built site: it minifies the theme's CSS, JS
// and SVG (the one user of tdewolff/minify; pages are not minified, see BENCHMARKS.md),
// fingerprints theme assets so they can be cached forever, and writes the site
// atomically: into a sibling temporary folder that replaces the destination only once
// complete, so a failed or killed build leaves the previous site as it was.
//
// Nothing of the tool's own goes into the published folder. Beside the destination
// DEST, a lock file (.DEST.handbook-lock) is held with an advisory lock for a build's
// whole life, so that builds of one destination run one at a time, and records the
// folder a build published as DEST (by device, inode and birth time, so a folder put in
// its place under the same name is not taken for it) and the temporary folders builds
// made (.DEST.handbook-tmp-N, and .DEST.handbook-old-N, a previous site set aside,
// recorded by its identity too). A build removes only those, and empty folders of their
// pattern: never a file it did not make.
//
// The build that replaces a site does not remove it, which would keep it waiting for
// thousands of unlinks: it sets it aside, and the next build removes it while it
// renders. That build's Commit (or Abort) waits for the removal, so that no process
// exits part-way through one, and a removal cut short by a crash stays recorded and is
// finished by the build after. So a destination normally has one previous site beside it, at most.
//
// A destination is replaced only if it is missing, empty, recorded, or holds
// LegacyMarker (written by earlier versions), or with Force; one that is, holds or lies
// inside the sources is refused whatever Force says. Folders and files get the
// ordinary permissions, 0777 and 0666 less the umask.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies files by their extension. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for CSS, JS and SVG.
func NewMinifier() *Minifier {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".css": "text/css",
	".js":  "application/javascript",
	".svg": "image/svg+xml",
}

// File minifies one file by its extension; other files, and files the minifier cannot
// parse, are returned unchanged.
func (m *Minifier) File(name string, data []byte) []byte {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data
	}
	out := buffer.NewWriter(nil)
	if err := m.m.Minify(mt, out, buffer.NewReader(data)); err != nil {
		return data
	}
	return out.Bytes()
}

// Assets reads every file under the theme's assets/ folder, appends extraCSS to
// style.css, minifies them when m is not nil, and names each by its content hash:
// "assets/style.3f2a1b9c0d.css". It returns the files and a map from each asset's
// plain name ("style.css") to its published path.
func Assets(theme fs.FS, extraCSS []byte, m *Minifier) ([]File, map[string]string, error) {
	names := map[string]string{}
	var files []File
	err := fs.WalkDir(theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "assets/")
		if rel == "style.css" {
			data = append(append(bytes.Clone(data), '\n'), extraCSS...)
		}
		if m != nil {
			data = m.File(rel, data)
		}
		published := "assets/" + Fingerprint(rel, data)
		names[rel] = published
		files = append(files, File{Path: published, Data: data})
		return nil
	})
	return files, names, err
}

// Fingerprint inserts a hash of data before the extension of name.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// IsFingerprinted reports whether a published path carries a content hash, and so may
// be cached forever.
func IsFingerprinted(p string) bool {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	i := strings.LastIndexByte(base, '.')
	if i < 0 || len(base)-i-1 != 10 {
		return false
	}
	_, err := hex.DecodeString(base[i+1:])
	return err == nil
}

// CSP is the Content-Security-Policy the site is built to run under and is published
// with (netlify.toml sends it): nothing inline, nothing from elsewhere, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
