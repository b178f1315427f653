package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/BurntSushi/toml"
)

// Load reads and parses the config file at path. A file that cannot be read
// is a plain wrapped error; a file with problems returns Problems (use
// errors.As), listing every error and warning with its line. Names the config
// refers to are checked against known.
func Load(path string, known Known) (*Config, error) {
	data, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(path, data, known)
	if err != nil {
		return nil, err
	}
	c.Path = path
	return c, nil
}

// Parse parses a TOML site config named name (used in messages), fills
// defaults and validates it. When there is any Error problem it returns nil
// and all problems as Problems; otherwise the config, with any warnings in
// Config.Warnings. Names the config refers to are checked against known.
func Parse(name string, data []byte, known Known) (*Config, error) {
	if len(data) > MaxFileBytes {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes; a site config is at most %d", len(data), MaxFileBytes),
			MsgVI: fmt.Sprintf("tệp dài %d byte; tệp cấu hình tối đa %d byte", len(data), MaxFileBytes)}}
	}
	if depth, line := nesting(data); depth > MaxNesting {
		return nil, Problems{{File: name, Line: line, Msg: fmt.Sprintf("arrays or tables nested more than %d levels deep", MaxNesting),
			MsgVI: fmt.Sprintf("mảng hoặc bảng lồng nhau quá %d cấp", MaxNesting)}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Windows editors add a BOM
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, Problems{syntaxProblem(name, data, err)}
	}
	c := Default()
	d := &decoder{known: known, file: name, lines: locate(data)}
	d.table(raw, "", reflectValue(c))
	d.validating = true
	validate(c, d)
	ps := d.problems
	ps.sort()
	if ps.HasErrors() {
		return nil, ps
	}
	c.Path = name
	c.Warnings = ps
	return c, nil
}

// Limits on a config file. A real site config is a few kilobytes and nested
// two levels deep; anything far beyond is a mistake (or an attack) that must
// not exhaust memory in the TOML parser or the line locator.
const (
	MaxFileBytes = 256 << 10
	MaxNesting   = 16
)

// readBounded reads a config file of at most MaxFileBytes. Only regular files
// are read: a FIFO, a device or a directory is refused with a message instead
// of blocking kioskctl or the kiosk forever (opening a FIFO waits for a
// writer, so the file is opened non-blocking and checked before reading).
func readBounded(path string) ([]byte, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("reading config: %s is not a regular file (%s)", path, fileKind(fi.Mode()))
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("reading config: %s is not a regular file (%s)", path, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxFileBytes {
		return nil, fmt.Errorf("reading config: %s is %d bytes; a site config is at most %d", path, fi.Size(), MaxFileBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("reading config: %s is more than %d bytes", path, MaxFileBytes)
	}
	return data, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a plain file"
}

// nesting returns the deepest [ / { nesting outside strings and comments, and
// the line where it was first exceeded past MaxNesting (or reached). It is
// linear and allocation-free, so it can run before the TOML parser.
func nesting(src []byte) (depth, line int) {
	cur, ln := 0, 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			ln++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // let the newline be counted
		case '"', '\'':
			triple := i+2 < len(src) && src[i+1] == c && src[i+2] == c
			if triple {
				i += 3
				for i < len(src) && !(i+2 < len(src) && src[i] == c && src[i+1] == c && src[i+2] == c) {
					if src[i] == '\n' {
						ln++
					}
					if c == '"' && src[i] == '\\' {
						i++
					}
					i++
				}
				i += 2
				continue
			}
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if c == '"' && src[i] == '\\' {
					i++
				}
			}
			if i < len(src) && src[i] == '\n' {
				i--
			}
		case '[', '{':
			cur++
			if cur > depth {
				depth = cur
				if depth == MaxNesting+1 {
					line = ln
				}
			}
		case ']', '}':
			cur = max(cur-1, 0)
		}
	}
	return depth, line
}

func syntaxProblem(name string, data []byte, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p := Problem{File: name, Line: max(pe.Position.Line, 0), Col: max(pe.Position.Col, 0),
			Msg: "syntax error: " + pe.Message, MsgVI: "lỗi cú pháp: " + pe.Message}
		// The library counts a newline it stopped at as the next line;
		// recount from the byte offset so the error points at the line the
		// technician has to fix.
		if s := pe.Position.Start; s >= 0 && s <= len(data) && pe.Position.Line > 0 {
			p.Line = bytes.Count(data[:s], []byte("\n")) + 1
			p.Col = s - (bytes.LastIndexByte(data[:s], '\n') + 1) + 1
		}
		return p
	}
	return Problem{File: name, Msg: "syntax error: " + err.Error(), MsgVI: "lỗi cú pháp: " + err.Error()}
}
