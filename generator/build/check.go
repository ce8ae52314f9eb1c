package build

import (
	"io/fs"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/lint"
)

// Check is handbook check: every problem that build would report of the site folder
// fsys, with drafts and without (a link to a draft breaks only in a build without
// drafts; a draft's own errors show only in a build with them), then the authoring
// lints that only check runs (see package lint). It writes nothing. Its
// diagnostics are sorted, each once.
func Check(fsys fs.FS) diag.List {
	_, diags := Build(fsys, Options{})
	_, drafts := Build(fsys, Options{Drafts: true})
	diags.Append(drafts)
	diags.Append(lint.Site(fsys))
	return diags.Sorted()
}
