// Package escpos owns the ESC/POS byte stream the kiosk sends to thermal
// receipt printers: a Builder that encodes the subset of commands we use, a
// decoder that turns a stream back into operations, and a renderer that draws
// a stream the way a printer would, so that what we print can be checked by
// looking at a PNG (the virtual printer and the tests use it).
//
// The subset: ESC @ (init), ESC t (code page), text, ESC a (align), ESC E
// (emphasis), GS ! (size), LF, CR, ESC J (feed dots), ESC d (feed lines),
// GS ( k (QR code, model 2), GS h / GS w / GS H / GS k (Code128), GS v 0
// (raster bitmap), GS V (cut) and DLE EOT (status request).
//
// Vietnamese text is encoded in Windows-1258 (Epson ESC t 52) or TCVN-3
// (ESC t 30 for the lowercase font, ESC t 31 for the capitals font); see
// codepage.go.
package escpos

import (
	"errors"
	"fmt"
)

// Control bytes.
const (
	LF  = 0x0A
	CR  = 0x0D
	ESC = 0x1B
	GS  = 0x1D
	DLE = 0x10
	EOT = 0x04
)

// Errors returned by Decode and Render. A *DecodeError wraps one of the first
// three, so callers can use errors.Is.
var (
	// ErrTruncated means the stream ends in the middle of a command.
	ErrTruncated = errors.New("escpos: truncated command")
	// ErrUnknownCommand means a command outside the supported subset.
	ErrUnknownCommand = errors.New("escpos: unknown command")
	// ErrBadParameter means a known command with a parameter out of range.
	ErrBadParameter = errors.New("escpos: bad parameter")
	// ErrTooLong means rendering would exceed the renderer's height limit.
	ErrTooLong = errors.New("escpos: output too long")
	// ErrBadStatus means a status reply whose fixed bits are wrong.
	ErrBadStatus = errors.New("escpos: bad status reply")
)

// DecodeError says where in a stream decoding failed and why.
type DecodeError struct {
	Offset int    // byte offset of the command that failed
	Cmd    string // human name of the command, e.g. "GS v 0"
	Err    error  // ErrTruncated, ErrUnknownCommand or ErrBadParameter
	Detail string
}

func (e *DecodeError) Error() string {
	s := fmt.Sprintf("escpos: offset %d: %s: %v", e.Offset, e.Cmd, e.Err)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

func (e *DecodeError) Unwrap() error { return e.Err }

// Align is text and image justification (ESC a).
type Align byte

// Justifications.
const (
	AlignLeft   Align = 0
	AlignCenter Align = 1
	AlignRight  Align = 2
)

// QRLevel is the QR error-correction level (GS ( k fn 69).
type QRLevel byte

// QR error-correction levels as the printer numbers them.
const (
	QRLevelL QRLevel = 48 // 7 %
	QRLevelM QRLevel = 49 // 15 %
	QRLevelQ QRLevel = 50 // 25 %
	QRLevelH QRLevel = 51 // 30 %
)

// HRI is where the human-readable text of a barcode goes (GS H).
type HRI byte

// HRI positions.
const (
	HRINone  HRI = 0
	HRIAbove HRI = 1
	HRIBelow HRI = 2
	HRIBoth  HRI = 3
)

// Cut kinds (GS V).
type Cut byte

// Cut kinds; CutNone only feeds.
const (
	CutFull    Cut = 0
	CutPartial Cut = 1
	CutNone    Cut = 2
)

// Status requests (DLE EOT n).
const (
	StatusPrinter = 1 // online/offline
	StatusOffline = 2 // cause of offline
	StatusError   = 3 // error cause
	StatusPaper   = 4 // roll paper sensor
)

// BarcodeCode128 is GS k m for Code128 (the form with a length byte).
const BarcodeCode128 = 73
