package corpus_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLibraryImportsNoCommand checks that no file of the library under generator/, its
// tests included, imports a package of a command: commands sit on top of the library,
// and what the library's tests share with a command lives under internal/.
func TestLibraryImportsNoCommand(t *testing.T) {
	const commands = "github.com/handbook-dev/handbook/cmd/"
	root := filepath.Join("..", "..", "generator")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, spec := range file.Imports {
			imported, err := strconv.Unquote(spec.Path.Value)
			if err == nil && strings.HasPrefix(imported, commands) {
				t.Errorf("%s imports the command package %s", path, imported)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
