package render

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strconv"

	"github.com/handbook-dev/handbook/generator/diag"
)

var (
	// templateErrorRe matches a template parse error: "template: NAME:LINE: message".
	templateErrorRe = regexp.MustCompile(`(?s)^template: ([^:]+):(\d+): (.*)$`)
	// noFilesRe matches ParseFS's error for a file it could not find or open.
	noFilesRe = regexp.MustCompile("^template: pattern matches no files: `([^`]+)`$")
)

// templateError places an error from parsing the template file together with files at
// the file and line it names (the template package names a file by its base name), so
// that it reads "templates/x.html:12: error: ..." and an editor can jump to it. A file
// that could not be read is the error of that file, whichever page template included it.
func templateError(theme fs.FS, file string, files []string, err error) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file}, Severity: diag.Error, Message: err.Error()}
	if m := noFilesRe.FindStringSubmatch(err.Error()); m != nil {
		if _, serr := fs.Stat(theme, m[1]); serr != nil {
			err = serr // why it could not be opened
		}
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		// A file that could not be read: the problem is that file's, not each page's.
		d.Pos, d.Message = diag.Pos{File: pe.Path}, pe.Err.Error()
		return d
	}
	m := templateErrorRe.FindStringSubmatch(err.Error())
	if m == nil {
		return d
	}
	for _, f := range files {
		if path.Base(f) == m[1] {
			line, _ := strconv.Atoi(m[2])
			d.Pos = diag.Pos{File: f, Line: line}
			d.Message = "template: " + m[3]
			break
		}
	}
	return d
}
