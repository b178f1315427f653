package config

import (
	"fmt"
	"strconv"
	"strings"
)

// locate maps every key and table header in a TOML document to its 1-based
// line. BurntSushi/toml v1.6 records key positions only in unexported
// metadata, so this small scanner walks the text itself. It is only run on
// documents the TOML library has already accepted, but it never panics on any
// input (FuzzParse checks that).
//
// Paths are dotted, with the element index for arrays of tables:
// "printer", "printer.baud", "queue[1]", "queue[1].name_vi".
func locate(src []byte) map[string]int {
	l := &locator{src: src, line: 1, lines: map[string]int{}, arrays: map[string]int{}}
	l.run()
	return l.lines
}

type locator struct {
	src    []byte
	i      int
	line   int
	lines  map[string]int
	arrays map[string]int // array-of-tables path -> elements seen so far
	prefix string         // path of the current table
}

func (l *locator) set(path string) {
	if _, ok := l.lines[path]; !ok {
		l.lines[path] = l.line
	}
}

func (l *locator) peek(off int) byte {
	if l.i+off < len(l.src) {
		return l.src[l.i+off]
	}
	return 0
}

// next consumes one byte, counting lines.
func (l *locator) next() {
	if l.i < len(l.src) {
		if l.src[l.i] == '\n' {
			l.line++
		}
		l.i++
	}
}

func (l *locator) skipBlanks() {
	for l.i < len(l.src) && (l.src[l.i] == ' ' || l.src[l.i] == '\t') {
		l.i++
	}
}

// skipSpace skips blanks, newlines and comments (inside arrays).
func (l *locator) skipSpace() {
	for l.i < len(l.src) {
		switch l.src[l.i] {
		case ' ', '\t', '\r', '\n':
			l.next()
		case '#':
			l.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the newline that ends the line (not past it).
func (l *locator) skipLine() {
	for l.i < len(l.src) && l.src[l.i] != '\n' {
		l.i++
	}
}

func (l *locator) run() {
	for l.i < len(l.src) {
		start := l.i
		l.skipBlanks()
		switch c := l.peek(0); {
		case l.i >= len(l.src):
		case c == '\n' || c == '\r':
			l.next()
		case c == '#':
			l.skipLine()
		case c == '[' && l.peek(1) == '[':
			l.i += 2
			keys := l.key()
			parent := l.resolve(keys[:max(len(keys)-1, 0)])
			p := join(parent, last(keys))
			n := l.arrays[p]
			l.arrays[p] = n + 1
			l.set(p)
			l.prefix = fmt.Sprintf("%s[%d]", p, n)
			l.set(l.prefix)
			l.skipLine()
		case c == '[':
			l.i++
			l.prefix = l.resolve(l.key())
			l.set(l.prefix)
			l.skipLine()
		default:
			keys := l.key()
			l.skipBlanks()
			if len(keys) > 0 && l.peek(0) == '=' {
				l.i++
				l.skipBlanks()
				p := l.prefix
				for _, k := range keys {
					p = join(p, k)
					l.set(p)
				}
				l.value(p)
			}
			l.skipLine()
		}
		if l.i == start {
			l.next()
		}
	}
}

// resolve turns a table header's keys into a path, pointing into the last
// element of any array of tables on the way ([queue.extra] after [[queue]]).
func (l *locator) resolve(keys []string) string {
	p := ""
	for _, k := range keys {
		p = join(p, k)
		if n := l.arrays[p]; n > 0 {
			p = fmt.Sprintf("%s[%d]", p, n-1)
		}
	}
	return p
}

// key reads a dotted key: bare, "basic" or 'literal' parts.
func (l *locator) key() []string {
	var keys []string
	for {
		l.skipBlanks()
		var k string
		switch c := l.peek(0); {
		case c == '"' || c == '\'':
			l.i++
			start := l.i
			for l.i < len(l.src) && l.src[l.i] != c && l.src[l.i] != '\n' {
				if c == '"' && l.src[l.i] == '\\' {
					l.i++
				}
				l.i++
			}
			k = string(l.src[start:min(l.i, len(l.src))])
			if c == '"' {
				k = unescapeKey(k)
			}
			if l.peek(0) == c {
				l.i++
			}
		case isBare(c):
			start := l.i
			for l.i < len(l.src) && isBare(l.src[l.i]) {
				l.i++
			}
			k = string(l.src[start:l.i])
		default:
			return keys
		}
		keys = append(keys, k)
		l.skipBlanks()
		if l.peek(0) != '.' {
			return keys
		}
		l.i++
	}
}

// value skips one value, recording keys inside inline tables and arrays of
// inline tables under path.
func (l *locator) value(path string) {
	switch c := l.peek(0); {
	case c == '"' || c == '\'':
		l.str(c)
	case c == '[':
		l.i++
		for n := 0; l.i < len(l.src); {
			l.skipSpace()
			switch l.peek(0) {
			case ']':
				l.i++
				return
			case ',':
				l.i++
				n++
			case 0:
				return
			default:
				elem := fmt.Sprintf("%s[%d]", path, n)
				l.set(elem)
				start := l.i
				l.value(elem)
				if l.i == start {
					l.next()
				}
			}
		}
	case c == '{':
		l.i++
		for l.i < len(l.src) {
			l.skipSpace()
			switch l.peek(0) {
			case '}':
				l.i++
				return
			case ',':
				l.i++
			case 0:
				return
			default:
				start := l.i
				p := path
				for _, k := range l.key() {
					p = join(p, k)
					l.set(p)
				}
				l.skipBlanks()
				if l.peek(0) == '=' {
					l.i++
					l.skipBlanks()
					l.value(p)
				}
				if l.i == start {
					l.next()
				}
			}
		}
	default:
		for l.i < len(l.src) && !strings.ContainsRune(",]}\n#", rune(l.src[l.i])) {
			l.i++
		}
	}
}

// str skips a basic or literal string, single- or multi-line.
func (l *locator) str(q byte) {
	if l.peek(1) == q && l.peek(2) == q {
		l.i += 3
		for l.i < len(l.src) {
			if q == '"' && l.src[l.i] == '\\' {
				l.next()
				l.next()
				continue
			}
			if l.peek(0) == q && l.peek(1) == q && l.peek(2) == q {
				l.i += 3
				for l.peek(0) == q { // up to two quotes may end the content
					l.i++
				}
				return
			}
			l.next()
		}
		return
	}
	l.i++
	for l.i < len(l.src) && l.src[l.i] != q && l.src[l.i] != '\n' {
		if q == '"' && l.src[l.i] == '\\' {
			l.i++
		}
		l.i++
	}
	if l.peek(0) == q {
		l.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unescapeKey decodes the escapes of a TOML basic-string key. TOML's
// escapes are Go's apart from \e (TOML 1.1), which is mapped first; a key Go
// cannot read is kept raw.
func unescapeKey(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `\e`, `\x1b`) + `"`); err == nil {
		return u
	}
	return s
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func last(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[len(keys)-1]
}
