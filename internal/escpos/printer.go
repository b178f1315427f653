package escpos

import (
	"fmt"
	"image"
)

// RenderOption changes how Render works.
type RenderOption func(*renderConfig)

type renderConfig struct{ maxHeight int }

// MaxHeight bounds the rendered paper length in dots (DefaultMaxHeight
// otherwise); longer jobs fail with ErrTooLong.
func MaxHeight(dots int) RenderOption { return func(c *renderConfig) { c.maxHeight = dots } }

// Render draws an ESC/POS stream the way a printer with paper widthDots wide
// would print it, and returns the paper as a 1-bit image (white, black) that
// wide. Text is decoded in the active code page and drawn in the bundled Noto
// Sans in 12×24 cells; QR codes, Code128 barcodes, raster images, feeds and
// cut marks are drawn to scale. A stream that does not decode fails with a
// *DecodeError and no image.
func Render(b []byte, widthDots int, opts ...RenderOption) (image.Image, error) {
	m, err := RenderBitmap(b, widthDots, opts...)
	if err != nil {
		return nil, err
	}
	return m.Image(), nil
}

// RenderBitmap is Render returning the printer's own 1-bit Bitmap.
func RenderBitmap(b []byte, widthDots int, opts ...RenderOption) (*Bitmap, error) {
	if widthDots < CellW || widthDots > 4096 {
		return nil, fmt.Errorf("escpos: paper width %d dots: %w", widthDots, ErrBadParameter)
	}
	cfg := renderConfig{maxHeight: DefaultMaxHeight}
	for _, o := range opts {
		o(&cfg)
	}
	ops, err := Decode(b)
	if err != nil {
		return nil, err
	}
	p := newPrinterState(widthDots)
	p.c.maxH = cfg.maxHeight
	for _, op := range ops {
		if err := p.exec(op); err != nil {
			return nil, fmt.Errorf("escpos: offset %d: %s: %w", op.Off, op.Cmd, err)
		}
		if err := p.c.Err(); err != nil {
			return nil, err
		}
	}
	p.flush(false)
	if err := p.c.Err(); err != nil {
		return nil, err
	}
	return p.c.Bitmap(), nil
}

// printerState is the printer's mode and print buffer.
type printerState struct {
	c         *Canvas
	cp        CodePage
	align     Align
	bold      bool
	sw, sh    int
	line      []cell
	lineW     int
	lineAlign Align
	qrData    []byte
	qrModule  int
	qrLevel   QRLevel
	barH      int
	barW      int
	hri       HRI
}

func newPrinterState(width int) *printerState {
	p := &printerState{c: NewCanvas(width)}
	p.reset()
	return p
}

func (p *printerState) reset() {
	p.cp, p.align, p.bold, p.sw, p.sh = PC437, AlignLeft, false, 1, 1
	p.line, p.lineW = p.line[:0], 0
	p.qrData, p.qrModule, p.qrLevel = nil, 3, QRLevelL
	p.barH, p.barW, p.hri = 162, 3, HRINone
}

// flush prints the buffer; lf says whether a line feed (line spacing)
// follows, otherwise the paper advances by the printed height only.
func (p *printerState) flush(lf bool) {
	if len(p.line) == 0 {
		if lf {
			p.c.Feed(LineSpacing)
		}
		return
	}
	h := p.c.drawCells(p.line, p.lineAlign)
	if lf {
		p.c.Feed(lineAdvance(h) - h)
	}
	p.line, p.lineW = p.line[:0], 0
}

func (p *printerState) text(b []byte) {
	for _, k := range makeCells(DecodeText(p.cp, b), p.bold, p.sw, p.sh) {
		w := CellW * k.sw
		if len(p.line) > 0 && p.lineW+w > p.c.Width() {
			p.flush(true) // the printer wraps a full line
		}
		if len(p.line) == 0 {
			p.lineAlign = p.align
		}
		if w > p.c.Width() {
			continue
		}
		p.line = append(p.line, k)
		p.lineW += w
	}
}

func (p *printerState) exec(op Op) error {
	switch op.Cmd {
	case OpText:
		p.text(op.Data)
	case OpInit:
		p.reset()
	case OpCodePage:
		p.cp = CodePage(op.N)
	case OpAlign:
		p.align = Align(op.N)
		if len(p.line) == 0 {
			p.lineAlign = p.align
		}
	case OpEmphasis:
		p.bold = op.N&1 == 1
	case OpSize:
		p.sw, p.sh = (op.N>>4)&7+1, op.N&7+1
	case OpLF:
		p.flush(true)
	case OpCR:
	case OpFeedDots:
		p.flush(false)
		p.c.Feed(op.N)
	case OpFeedLines:
		p.flush(false)
		p.c.Feed(op.N * LineSpacing)
	case OpQRModel:
	case OpQRSize:
		p.qrModule = op.N
	case OpQRLevel:
		p.qrLevel = QRLevel(op.N)
	case OpQRStore:
		p.qrData = op.Data
	case OpQRPrint:
		p.flush(false)
		if len(p.qrData) == 0 {
			return nil // nothing stored: printers print nothing
		}
		return p.c.QR(p.qrData, p.qrModule, p.qrLevel, p.align)
	case OpBarcodeHeight:
		p.barH = op.N
	case OpBarcodeWidth:
		p.barW = op.N
	case OpBarcodeHRI:
		p.hri = HRI(op.N)
	case OpBarcode:
		p.flush(false)
		if op.N != BarcodeCode128 {
			return fmt.Errorf("barcode system %d: %w", op.N, ErrUnknownCommand)
		}
		return p.c.Code128(op.Data, p.barH, p.barW, p.hri, p.align)
	case OpRaster:
		p.flush(false)
		m := &Bitmap{W: op.W * 8, H: op.H, Stride: op.W, Pix: op.Data}
		sx, sy := 1, 1
		if op.N&1 == 1 {
			sx = 2
		}
		if op.N&2 == 2 {
			sy = 2
		}
		if m.W*sx > p.c.Width() { // printers drop what is beyond the paper
			m = cropWidth(m, p.c.Width()/sx)
		}
		p.c.Blit(m, p.align, sx, sy)
	case OpCut:
		p.flush(false)
		if op.N == 65 || op.N == 66 {
			p.c.Feed(op.Arg)
		}
		p.c.CutMark(op.N == 1 || op.N == 49 || op.N == 66)
	case OpStatus:
	}
	return nil
}

func cropWidth(m *Bitmap, w int) *Bitmap {
	out := NewBitmap(w, m.H)
	for y := 0; y < m.H; y++ {
		copy(out.row(y), m.row(y)[:out.Stride])
		if w%8 != 0 {
			out.row(y)[out.Stride-1] &= byte(0xFF << (8 - w%8))
		}
	}
	return out
}
