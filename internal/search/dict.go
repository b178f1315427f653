package search

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"kiosk/assets"
)

// ErrBadDictionary is returned for a dictionary line that cannot be parsed.
var ErrBadDictionary = errors.New("bad search dictionary")

// Dictionary maps what citizens type (abbreviations, everyday names) to the
// phrases procedure names use, and lists filler words a query may contain.
// All phrases are kept normalised.
type Dictionary struct {
	// expand maps the first word of an alias to the aliases starting with it.
	expand map[string][]alias
	stop   map[string]bool // single filler words
	// stopPhrases are multi-word filler phrases, as word lists.
	stopPhrases [][]string
	entries     int
}

type alias struct {
	words     []string
	canonical []string
}

// Entries is the number of canonical phrases; Aliases the number of
// alias-to-phrase mappings.
func (d *Dictionary) Entries() int { return d.entries }

// Aliases counts the alias-to-phrase mappings.
func (d *Dictionary) Aliases() int {
	n := 0
	for _, as := range d.expand {
		n += len(as)
	}
	return n
}

// LoadDictionary reads the dictionary embedded from assets/search.
func LoadDictionary() (*Dictionary, error) {
	d, err := ParseDictionary(bytes.NewReader(assets.SearchSynonyms), bytes.NewReader(assets.SearchStopwords))
	if err != nil {
		return nil, fmt.Errorf("loading embedded search dictionary: %w", err)
	}
	return d, nil
}

// ParseDictionary reads synonyms ("canonical = alias, alias" lines) and
// stopwords (one word or phrase per line); either may be nil. Lines starting
// with # and blank lines are ignored.
func ParseDictionary(synonyms, stopwords io.Reader) (*Dictionary, error) {
	d := &Dictionary{expand: map[string][]alias{}, stop: map[string]bool{}}
	if synonyms != nil {
		sc := bufio.NewScanner(synonyms)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			canon, rest, ok := strings.Cut(line, "=")
			cw := Tokens(canon)
			if !ok || len(cw) == 0 {
				return nil, fmt.Errorf("%w: line %d: want \"phrase = alias, alias\", got %q", ErrBadDictionary, n, line)
			}
			d.entries++
			for a := range strings.SplitSeq(rest, ",") {
				aw := Tokens(a)
				if len(aw) == 0 {
					continue
				}
				if equalWords(aw, cw) {
					continue
				}
				d.expand[aw[0]] = append(d.expand[aw[0]], alias{words: aw, canonical: cw})
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading synonyms: %w", err)
		}
	}
	if stopwords != nil {
		sc := bufio.NewScanner(stopwords)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			switch w := Tokens(line); len(w) {
			case 0:
			case 1:
				d.stop[w[0]] = true
			default:
				d.stopPhrases = append(d.stopPhrases, w)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading stopwords: %w", err)
		}
	}
	return d, nil
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hasWordsAt(words []string, i int, phrase []string) bool {
	return i+len(phrase) <= len(words) && equalWords(words[i:i+len(phrase)], phrase)
}
