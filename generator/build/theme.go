package build

import (
	"io/fs"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/model"
)

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
