package search

import (
	"strconv"
	"unicode/utf8"
)

// The term shards and the document and text chunks, most of the index's bytes, are
// written by hand rather than through encoding/json, whose reflection over values
// boxed in interfaces costs several times as much. They follow encoding/json's output
// exactly (with SetEscapeHTML(false)), so that the bytes, and the files' hashes, are
// those it would write; TestAppendJSONString and FuzzAppendJSONString compare them.

// appendJSONString appends s as a JSON string.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendJSONEscaped(dst, s)
	return append(dst, '"')
}

// appendJSONEscaped appends s escaped for the inside of a JSON string, as encoding/json
// escapes it: quotes, backslashes and control characters, invalid UTF-8 (as U+FFFD)
// and the separators U+2028 and U+2029, which JavaScript once did not allow in strings.
func appendJSONEscaped(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// appendJSONInt appends n as a JSON number.
func appendJSONInt(dst []byte, n int) []byte {
	if n >= 0 && n < len(smallInts) {
		return append(dst, smallInts[n]...)
	}
	return strconv.AppendInt(dst, int64(n), 10)
}

// smallInts holds the numbers most written, the postings' impacts and small deltas,
// already formatted.
var smallInts = func() (out [1000]string) {
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}()
