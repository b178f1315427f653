package config

import (
	"regexp"
	"testing"

	"github.com/BurntSushi/toml"
)

var indexRE = regexp.MustCompile(`\[[0-9]+\]`)

// FuzzLocate checks the line scanner against the TOML library: every key
// the library reports in a document it accepts is found by locate, so
// problems point at real lines rather than falling back to a table header.
func FuzzLocate(f *testing.F) {
	for _, seed := range []string{
		string(doc(nil)),
		"a.b.c = 1\n[x]\ny = { z = [1, 2], w = { v = 'q' } }\n[[t]]\nk = 1\n[[t]]\nk = 2\n[t.s]\nm = 3\n",
		"\"quoted key\" = 1\n'lit.key' = 2\n\"esc\\u0041\" = 3\n",
		"s = \"\"\"\nk = 1\n[t]\n\"\"\"\nafter = 1\n",
		"arr = [\n  1, # c\n  { a = 1 },\n]\nnext = 2\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw map[string]any
		md, err := toml.Decode(string(data), &raw)
		if err != nil {
			return
		}
		found := map[string]bool{}
		for p, line := range locate(data) {
			if line < 1 {
				t.Fatalf("path %q at line %d", p, line)
			}
			found[indexRE.ReplaceAllString(p, "")] = true
		}
		for _, k := range md.Keys() {
			path := ""
			for _, part := range k {
				path = join(path, part)
			}
			if !found[path] {
				t.Fatalf("locate missed key %q in %q (found %v)", path, data, found)
			}
		}
	})
}
