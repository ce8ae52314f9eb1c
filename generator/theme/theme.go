// Package theme is the one place that loads a site's theme: the embedded default theme
// (package themes), overridden file by file by the site's folder themes/<name>, and the
// theme's words in the handbook's language (see Strings).
//
// A theme holds templates/ (the pages and their partials, which the render package
// executes), assets/ (published with fingerprinted names) and strings/ (every word the
// theme writes, one file per language).
package theme

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/themes"
)

// Theme is a loaded theme.
type Theme struct {
	// FS holds the theme's files: templates/, assets/ and strings/.
	FS fs.FS
	// Strings are the theme's words in the handbook's language.
	Strings *Strings
}

// Default returns the embedded default theme with its words in the language lang.
func Default(lang string) (*Theme, diag.List) {
	strs, diags := LoadStrings(themes.Default(), lang)
	return &Theme{FS: themes.Default(), Strings: strs}, diags
}

// Load returns the theme name ("" for the default) of the site folder fsys, with its
// words in the language lang: the embedded default, overridden file by file by the
// folder themes/<name> beside content/ when there is one. at is where the theme is
// named (the theme: line of _index.md), for the error when there is no such folder.
// The result is nil when the theme cannot be loaded; problems in its strings come with
// a theme.
func Load(fsys fs.FS, name string, at diag.Pos, lang string) (*Theme, diag.List) {
	if name == "" || name == "default" {
		if _, err := fs.Stat(fsys, "themes/default"); err != nil {
			return Default(lang)
		}
		name = "default"
	}
	dir := "themes/" + name
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() || strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
		return nil, diag.List{{Pos: at, Severity: diag.Error, Message: "theme " + diag.Quote(name) + ": there is no folder " + dir + " beside content/"}}
	}
	fsys = Overlay(folder{fsys: fsys, dir: dir}, themes.Default())
	strs, diags := LoadStrings(fsys, lang)
	return &Theme{FS: fsys, Strings: strs}, diags
}

// folder is a site's theme folder dir of fsys as a file system of its own, which
// refuses to open a file through a symbolic link that leads out of it: a theme's assets
// are published and its templates shape every page, so such a link would publish a
// file from elsewhere on the machine.
type folder struct {
	fsys fs.FS
	dir  string
}

func (t folder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := path.Join(t.dir, name)
	var out *source.LinkOutError
	if err := source.LinkInside(t.fsys, t.dir, full); errors.As(err, &out) {
		return nil, &fs.PathError{Op: "open", Path: full, Err: err}
	} else if err != nil {
		return nil, err
	}
	return t.fsys.Open(full)
}
