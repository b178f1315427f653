package assets

import _ "embed"

// SearchSynonyms is the search dictionary: abbreviations and everyday names
// that citizens type, each mapped to the phrase procedure names use. The
// format is described at the top of the file.
//
//go:embed search/synonyms.txt
var SearchSynonyms []byte

// SearchStopwords are filler words ("xin", "làm", "thủ tục") that a query may
// contain but a procedure name need not; one per line.
//
//go:embed search/stopwords.txt
var SearchStopwords []byte
