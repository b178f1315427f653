package ui

import (
	"kiosk/internal/scanner"
	"kiosk/internal/search"
)

// The screens use the scanner's and the search index's own types, so the
// real scanner and *search.Index plug in without adapters.
type (
	// Scan is one serial scanner read.
	Scan = scanner.Scan
	// Payload is what a scanned or typed code means.
	Payload = scanner.Payload
	// Query is a search request.
	Query = search.Query
	// Span is a matched byte range in Result.Name.
	Span = search.Span
	// Result is one search hit.
	Result = search.Result
)
