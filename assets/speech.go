package assets

import _ "embed"

// SpeechAbbreviations are the abbreviations expanded before a text is read
// aloud (UBND → "Ủy ban nhân dân"), with their Vietnamese and English
// readings; the format is described at the top of the file.
//
//go:embed speech/abbreviations.tsv
var SpeechAbbreviations []byte
