package ui

import (
	"kiosk/internal/portal"
	"kiosk/internal/scanner"
)

// Scan and Payload are the scanner package's types: a serial read and what a
// scanned or typed code means.
type (
	Scan    = scanner.Scan
	Payload = scanner.Payload
)

// Query, Result and Span mirror the search package's contract (search.Query,
// search.Result, search.Span) so that the screens build before that package
// lands; cmd/kiosk adapts with a one-line wrapper if they differ.
type (
	// Query is a search request.
	Query struct {
		Text       string
		FieldCode  string
		AgencyCode string
		Level      int
		Limit      int
	}
	// Span is a matched byte range in Result.Name.
	Span struct{ Start, End int }
	// Result is one search hit.
	Result struct {
		Code      string
		Name      string
		Score     float64
		Matched   []string
		Spans     []Span
		Procedure *portal.Procedure
	}
)
