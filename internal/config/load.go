package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/BurntSushi/toml"
)

// Load reads and parses the config file at path. A file that cannot be read
// is a plain wrapped error; a file with problems returns Problems (use
// errors.As), listing every error and warning with its line. Names the config
// refers to are checked against known.
func Load(path string, known Known) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
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
