package config

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a Problem stops the kiosk from using the file.
type Severity int

const (
	// Error problems make Parse and Load fail.
	Error Severity = iota
	// Warning problems are printed by `kioskctl config check` but the config
	// is still used; they point at settings that work but are risky.
	Warning
)

// Problem is one thing wrong with a config file, located by file and line so
// a technician can open the file at the right place.
type Problem struct {
	File     string
	Line     int // 1-based; 0 when the key is not in the file at all
	Col      int // 1-based column of a syntax error; 0 otherwise
	Key      string
	Msg      string // English
	MsgVI    string // Vietnamese
	Severity Severity
}

// String formats the problem like a compiler message:
//
//	kiosk-config/x.toml:12: printer.baud: 11520 is not a standard rate (did you mean 115200?)
//	kiosk-config/x.toml:30: warning: metrics.listen: "0.0.0.0:9310" is reachable from the network ...
func (p Problem) String() string { return p.format(p.Msg, "warning: ") }

// Vietnamese formats the problem like String, in Vietnamese:
//
//	kiosk-config/x.toml:12: printer.baud: 11520 không phải là tốc độ chuẩn (có phải là 115200?)
func (p Problem) Vietnamese() string {
	msg := p.MsgVI
	if msg == "" {
		msg = p.Msg
	}
	return p.format(msg, "cảnh báo: ")
}

func (p Problem) format(msg, warning string) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString(warning)
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(msg)
	return b.String()
}

// Problems is every problem found in one file, in file order. As an error it
// prints one problem per line; use errors.As to get at the list.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Vietnamese prints the problems in Vietnamese, one per line.
func (ps Problems) Vietnamese() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Vietnamese()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any problem has Error severity.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// sort orders problems by line (problems with no line last), keeping the
// order in which they were found for the same line.
func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		li, lj := ps[i].Line, ps[j].Line
		if li == 0 {
			li = int(^uint(0) >> 1)
		}
		if lj == 0 {
			lj = int(^uint(0) >> 1)
		}
		return li < lj
	})
}
