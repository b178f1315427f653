package search

import (
	"encoding/json"
	"os"
	"testing"

	"kiosk/internal/portal"
)

type corpus struct {
	Fields     []portal.Field     `json:"fields"`
	Agencies   []portal.Agency    `json:"agencies"`
	Procedures []portal.Procedure `json:"procedures"`
}

func mustLoadCorpus(t testing.TB, path string) corpus {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading corpus: %v", err)
	}
	var c corpus
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	return c
}

func mustDictionary(t testing.TB) *Dictionary {
	t.Helper()
	d, err := LoadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// handmadeIndex indexes testdata/corpus.json (see testdata/README.md).
func handmadeIndex(t testing.TB) *Index {
	t.Helper()
	c := mustLoadCorpus(t, "testdata/corpus.json")
	return Build(c.Procedures, c.Agencies, c.Fields, mustDictionary(t))
}

func names(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}
