package escpos

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Builder accumulates an ESC/POS job. Methods append one command each and
// return the Builder so calls chain. Parameters out of a command's range are
// clamped, never rejected: a receipt with a too-big size is better than none.
type Builder struct {
	buf []byte
	cp  CodePage // active table for Text
	// Replaced counts runes Text could not encode in the active table and
	// replaced with a stand-in ("?" or the letter without marks).
	Replaced int
}

// NewBuilder returns an empty Builder (table PC437 assumed, as after power-on).
func NewBuilder() *Builder { return &Builder{buf: make([]byte, 0, 1024)} }

// Bytes returns the job so far. The slice is the Builder's own.
func (b *Builder) Bytes() []byte { return b.buf }

// Len is the number of bytes so far.
func (b *Builder) Len() int { return len(b.buf) }

// Raw appends bytes as they are.
func (b *Builder) Raw(p ...byte) *Builder { b.buf = append(b.buf, p...); return b }

// Init appends ESC @: clears the print buffer and resets modes. The printer
// goes back to table PC437.
func (b *Builder) Init() *Builder {
	b.cp = PC437
	return b.Raw(ESC, '@')
}

// CodePage appends ESC t n and makes Text encode in that table.
func (b *Builder) CodePage(cp CodePage) *Builder {
	b.cp = cp
	return b.Raw(ESC, 't', byte(cp))
}

// Text appends s encoded in the active code page. s is normalised to NFC
// first. Newlines become LF; other control characters are dropped. In TCVN-3
// a run of capitals that table 30 lacks is sent in table 31 (see CodePage).
// Runes the table cannot hold are replaced (see Builder.Replaced).
func (b *Builder) Text(s string) *Builder {
	s = norm.NFC.String(s)
	base := b.cp
	for _, r := range s {
		if r == '\n' {
			b.buf = append(b.buf, LF)
			continue
		}
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == utf8.RuneError {
			continue
		}
		b.appendRune(r, base, true)
	}
	if b.cp != base {
		b.CodePage(base)
	}
	return b
}

func (b *Builder) appendRune(r rune, base CodePage, canFallback bool) {
	if enc, ok := encodeRune(b.cp, r); ok {
		b.buf = append(b.buf, enc...)
		return
	}
	if base == TCVN3 || base == TCVN3Caps {
		other := TCVN3
		if b.cp == TCVN3 {
			other = TCVN3Caps
		}
		if enc, ok := encodeRune(other, r); ok {
			b.CodePage(other)
			b.buf = append(b.buf, enc...)
			return
		}
	}
	if !canFallback {
		b.buf = append(b.buf, '?')
		return
	}
	b.Replaced++
	for _, f := range fallback(r) {
		b.appendRune(f, base, false)
	}
}

// Line appends Text(s) and LF.
func (b *Builder) Line(s string) *Builder { return b.Text(s).LF() }

// LF appends a line feed: prints the buffer and advances one line.
func (b *Builder) LF() *Builder { return b.Raw(LF) }

// Align appends ESC a n.
func (b *Builder) Align(a Align) *Builder {
	if a > AlignRight {
		a = AlignLeft
	}
	return b.Raw(ESC, 'a', byte(a))
}

// Emphasis appends ESC E n (bold on/off).
func (b *Builder) Emphasis(on bool) *Builder {
	var n byte
	if on {
		n = 1
	}
	return b.Raw(ESC, 'E', n)
}

// Size appends GS ! n: character width and height multipliers, 1..8 each.
func (b *Builder) Size(w, h int) *Builder {
	w, h = clamp(w, 1, 8), clamp(h, 1, 8)
	return b.Raw(GS, '!', byte((w-1)<<4|(h-1)))
}

// FeedDots appends ESC J n (print and feed n dots), split into several
// commands when n > 255.
func (b *Builder) FeedDots(n int) *Builder {
	for n > 0 {
		k := min(n, 255)
		b.Raw(ESC, 'J', byte(k))
		n -= k
	}
	return b
}

// FeedLines appends ESC d n (print and feed n lines).
func (b *Builder) FeedLines(n int) *Builder { return b.Raw(ESC, 'd', byte(clamp(n, 0, 255))) }

// QR appends a complete native QR code: model 2, module size (1..16 dots),
// error correction, store the data, print it.
func (b *Builder) QR(data string, module int, ec QRLevel) *Builder {
	if ec < QRLevelL || ec > QRLevelH {
		ec = QRLevelM
	}
	b.qrFn(65, 50, 0)                      // model 2
	b.qrFn(67, byte(clamp(module, 1, 16))) // module size
	b.qrFn(69, byte(ec))                   // error correction
	d := []byte(data)
	if len(d) > 7089 {
		d = d[:7089]
	}
	b.qrFn(80, append([]byte{48}, d...)...) // store
	return b.qrFn(81, 48)                   // print
}

func (b *Builder) qrFn(fn byte, params ...byte) *Builder {
	p := len(params) + 2
	b.Raw(GS, '(', 'k', byte(p), byte(p>>8), 49, fn)
	return b.Raw(params...)
}

// Code128 appends a Code128 barcode (code set B, GS k 73) of printable ASCII
// data with bar height in dots, module width 1..6 and HRI text position.
// Characters outside ASCII 32..126 are dropped.
func (b *Builder) Code128(data string, height, module int, hri HRI) *Builder {
	b.Raw(GS, 'h', byte(clamp(height, 1, 255)))
	b.Raw(GS, 'w', byte(clamp(module, 1, 6)))
	b.Raw(GS, 'H', byte(hri&3))
	d := []byte("{B")
	for i := 0; i < len(data) && len(d) < 255; i++ {
		c := data[i]
		if c < 32 || c > 126 {
			continue
		}
		if c == '{' {
			if len(d) >= 254 {
				break
			}
			d = append(d, '{') // "{{" is a literal brace
		}
		d = append(d, c)
	}
	b.Raw(GS, 'k', BarcodeCode128, byte(len(d)))
	return b.Raw(d...)
}

// Raster appends GS v 0 for one block of rows (widthBytes bytes per row, MSB
// first, 1 = black), split into bands of at most maxBand rows so that
// printers with small buffers cope. Use Bitmap for whole images.
func (b *Builder) Raster(widthBytes, rows int, data []byte, maxBand int) *Builder {
	if widthBytes <= 0 || rows <= 0 || len(data) < widthBytes*rows {
		return b
	}
	if maxBand <= 0 || maxBand > 4095 {
		maxBand = 4095
	}
	for y := 0; y < rows; y += maxBand {
		h := min(maxBand, rows-y)
		b.Raw(GS, 'v', '0', 0, byte(widthBytes), byte(widthBytes>>8), byte(h), byte(h>>8))
		b.Raw(data[y*widthBytes : (y+h)*widthBytes]...)
	}
	return b
}

// Cut appends GS V: a full or partial cut after feeding feed dots so that the
// last line clears the cutter. CutNone only feeds.
func (b *Builder) Cut(kind Cut, feed int) *Builder {
	switch kind {
	case CutNone:
		return b.FeedDots(feed)
	case CutPartial:
		return b.Raw(GS, 'V', 66, byte(clamp(feed, 0, 255)))
	default:
		return b.Raw(GS, 'V', 65, byte(clamp(feed, 0, 255)))
	}
}

// Status appends DLE EOT n (n = StatusPrinter .. StatusPaper). The printer
// answers with one byte even while busy.
func (b *Builder) Status(n int) *Builder { return b.Raw(DLE, EOT, byte(clamp(n, 1, 4))) }

// StatusRequest returns the bytes of DLE EOT n on their own, for a printer
// driver that asks between jobs.
func StatusRequest(n int) []byte { return []byte{DLE, EOT, byte(clamp(n, 1, 4))} }

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
