// Package lint finds what an author should fix although the build accepts it: text saved
// in the wrong encoding (mojibake, with the repaired text suggested), chrome left over
// from a Coda export, NUL bytes. handbook check runs it over every source after the
// checks the build itself makes; these are the only problems check reports that build
// does not, and README.md lists them. What a spreadsheet or an editor saves as a matter
// of course, a UTF-8 byte-order mark and CRLF line ends (RFC 4180's own), the build
// reads exactly, so they are no problem for either.
package lint

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/coda"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/source"
)

// Site lints every source file under content/ of the site folder fsys.
func Site(fsys fs.FS) diag.List {
	var diags diag.List
	_ = fs.WalkDir(fsys, source.ContentDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // the build reports unreadable files
		case p != source.ContentDir && source.IsIgnored(d.Name()):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir() || (path.Ext(p) != ".md" && path.Ext(p) != ".csv"):
			return nil
		}
		if src, err := source.ReadFile(fsys, p); err == nil { // else the build reports it
			diags.Append(Text(p, src))
		}
		return nil
	})
	return diags
}

// columnAt returns the column, in characters as editors show them, of the byte at i of
// src: a byte-order mark, which they hide, is not one.
func columnAt(src []byte, i int) int {
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	if start == 0 && bytes.HasPrefix(src, []byte("\uFEFF")) {
		start = len("\uFEFF")
	}
	return diag.Column(src[start:], i-start)
}

// Text lints the contents of one source file.
func Text(file string, src []byte) diag.List {
	var diags diag.List
	if !utf8.Valid(src) {
		return nil // the build reports invalid UTF-8 at its place
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := bytes.Count(src[:i], []byte("\n")) + 1
		diags.Warnf(diag.Pos{File: file, Line: line, Col: columnAt(src, i)}, "NUL byte: text never holds one, so the file may be damaged; delete it")
	}
	for n, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if coda.IsChrome(line) {
			diags.Warnf(diag.Pos{File: file, Line: n + 1, Col: 1}, "%q is chrome from a Coda export, not content; delete the line", strings.TrimSpace(line))
		}
		for _, m := range Mojibake(line) {
			diags.Warnf(diag.Pos{File: file, Line: n + 1, Col: diag.Column([]byte(line), m.Col-1)}, "mojibake: %q is %q saved in the wrong encoding (UTF-8 read as Windows-1252); replace it with %q", m.Text, m.Repaired, m.Repaired)
		}
	}
	return diags
}

// Found is one run of mojibake in a line.
type Found struct {
	Col      int    // 1-based byte column
	Text     string // as written, "â€“"
	Repaired string // what it meant, "–"
}

func (f Found) String() string { return fmt.Sprintf("%d:%q->%q", f.Col, f.Text, f.Repaired) }

// Mojibake finds the runs of text in line that are UTF-8 bytes decoded as Windows-1252:
// each character maps back to one byte, and the bytes form non-ASCII UTF-8 characters.
func Mojibake(line string) []Found {
	var out []Found
	for i := 0; i < len(line); {
		text, repaired := decodeRun(line[i:])
		if text == "" {
			_, size := utf8.DecodeRuneInString(line[i:])
			i += size
			continue
		}
		out = append(out, Found{Col: i + 1, Text: text, Repaired: repaired})
		i += len(text)
	}
	return out
}

// decodeRun returns the longest run of mis-decoded characters at the start of s and its
// repair, or "" when s does not start with one.
func decodeRun(s string) (text, repaired string) {
	var b strings.Builder
	n := 0
	for n < len(s) {
		size, r := misdecoded(s[n:])
		if size == 0 {
			break
		}
		n += size
		b.WriteRune(r)
	}
	return s[:n], b.String()
}

// misdecoded reports whether s starts with one UTF-8 character written as its bytes'
// Windows-1252 characters, returning how many bytes of s that takes and the character.
func misdecoded(s string) (int, rune) {
	lead, size := utf8.DecodeRuneInString(s)
	b0, ok := cp1252Byte(lead)
	if !ok || b0 < 0xC2 || b0 > 0xF4 {
		return 0, 0
	}
	want := 2
	if b0 >= 0xE0 {
		want = 3
	}
	if b0 >= 0xF0 {
		want = 4
	}
	raw := []byte{b0}
	n := size
	for len(raw) < want {
		r, sz := utf8.DecodeRuneInString(s[n:])
		b, ok := cp1252Byte(r)
		if !ok || b < 0x80 || b > 0xBF {
			return 0, 0
		}
		raw = append(raw, b)
		n += sz
	}
	r, _ := utf8.DecodeRune(raw)
	if r == utf8.RuneError || r < 0x80 {
		return 0, 0
	}
	return n, r
}

// cp1252Byte returns the Windows-1252 byte that decodes to r.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true // Latin-1, and the C1 controls Windows-1252 leaves undefined
	}
	for b, c := range cp1252High {
		if c == r {
			return byte(0x80 + b), true
		}
	}
	return 0, false
}

// cp1252High holds the characters Windows-1252 gives the bytes 0x80-0x9F (0 where undefined).
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}
