package build

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
	"github.com/handbook-dev/handbook/generator/source"
)

// themeFolder returns the site's theme folder dir of fsys as a file system of its own,
// which refuses to open a file through a symbolic link that leads out of it: a theme's
// assets are published and its templates shape every page, so such a link would publish
// a file from elsewhere on the machine.
func themeFolder(fsys fs.FS, dir string) (fs.FS, error) {
	return themeFS{fsys: fsys, dir: dir}, nil
}

type themeFS struct {
	fsys fs.FS
	dir  string
}

func (t themeFS) Open(name string) (fs.File, error) {
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

// siteThemePaths gives the theme files that diags name relative to the theme, as the
// renderer sees them ("templates/page.html"), the path in the site folder that the
// author edits ("themes/default/templates/page.html") when the site's own theme folder
// holds the file. Files of the embedded default theme keep their names.
func siteThemePaths(fsys fs.FS, site *model.Site, diags diag.List) diag.List {
	name := site.Theme
	if name == "" {
		name = "default"
	}
	for i, d := range diags {
		if !strings.HasPrefix(d.Pos.File, "templates/") && !strings.HasPrefix(d.Pos.File, "assets/") && !strings.HasPrefix(d.Pos.File, "strings/") {
			continue
		}
		p := "themes/" + name + "/" + d.Pos.File
		if info, err := fs.Stat(fsys, p); err == nil && !info.IsDir() {
			diags[i].Pos.File = p
		}
	}
	return diags
}
