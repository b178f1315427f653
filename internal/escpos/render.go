package escpos

import (
	"fmt"
	"image"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"kiosk/assets"
)

// Font A geometry: each character cell is 12×24 dots, so a line holds
// width/12 characters (48 on 576 dots, 42 on 512, 32 on 384).
const (
	CellW = 12
	CellH = 24
	// LineSpacing is the default feed of one line (ESC 2), in dots.
	LineSpacing = 30
	// DefaultMaxHeight bounds what Render draws: about 5 m of paper at
	// 203 dpi, far more than any receipt.
	DefaultMaxHeight = 40000
)

// Style is how a line of text is printed.
type Style struct {
	Align Align
	Bold  bool
	W, H  int // size multipliers 1..8 (0 = 1)
}

func (s Style) size() (int, int) { return clamp(s.W, 1, 8), clamp(s.H, 1, 8) }

// Canvas is a strip of paper being printed: the renderer draws decoded
// commands on it, and raster receipts are laid out on it directly, so both
// paths produce the same dots.
type Canvas struct {
	bm   *Bitmap
	y    int
	maxH int
	err  error
}

// NewCanvas returns blank paper widthDots wide.
func NewCanvas(widthDots int) *Canvas {
	return &Canvas{bm: NewBitmap(widthDots, 0), maxH: DefaultMaxHeight}
}

// Width is the paper width in dots.
func (c *Canvas) Width() int { return c.bm.W }

// Y is how far the paper has advanced, in dots.
func (c *Canvas) Y() int { return c.y }

// Err reports ErrTooLong once the paper passed its height limit.
func (c *Canvas) Err() error { return c.err }

// Bitmap returns the printed paper so far (height Y).
func (c *Canvas) Bitmap() *Bitmap {
	c.bm.Grow(c.y)
	m := *c.bm
	m.H = c.y
	m.Pix = m.Pix[:c.y*m.Stride]
	return &m
}

// Image returns the printed paper as a 1-bit image.
func (c *Canvas) Image() *image.Paletted { return c.Bitmap().Image() }

// reserve makes rows [y, y+h) drawable; false once over the limit.
func (c *Canvas) reserve(h int) bool {
	if c.err != nil {
		return false
	}
	if c.y+h > c.maxH {
		c.err = fmt.Errorf("%w: more than %d dots", ErrTooLong, c.maxH)
		return false
	}
	c.bm.Grow(c.y + h)
	return true
}

// Feed advances the paper by n dots.
func (c *Canvas) Feed(n int) {
	if n <= 0 || !c.reserve(n) {
		return
	}
	c.y += n
}

func (c *Canvas) xFor(a Align, w int) int {
	switch a {
	case AlignCenter:
		return max((c.bm.W-w)/2, 0)
	case AlignRight:
		return max(c.bm.W-w, 0)
	}
	return 0
}

// cell is one character in the print buffer.
type cell struct {
	s      string // base rune plus any combining marks
	bold   bool
	sw, sh int
}

// drawCells prints one line of cells at the current position and advances by
// their height (not the line spacing).
func (c *Canvas) drawCells(cells []cell, a Align) int {
	w, h := 0, CellH
	for _, k := range cells {
		w += CellW * k.sw
		h = max(h, CellH*k.sh)
	}
	if !c.reserve(h) {
		return h
	}
	x := c.xFor(a, w)
	for _, k := range cells {
		g := glyph(k.s, k.bold)
		top := c.y + h - CellH*k.sh // characters sit on a common baseline
		for gy := 0; gy < CellH; gy++ {
			for gx := 0; gx < CellW; gx++ {
				if g[gy*CellW+gx] {
					c.bm.Fill(x+gx*k.sw, top+gy*k.sh, x+(gx+1)*k.sw, top+(gy+1)*k.sh)
				}
			}
		}
		x += CellW * k.sw
	}
	c.y += h
	return h
}

func lineAdvance(h int) int { return max(LineSpacing, h+6) }

// Columns is how many characters of width w fit on a line.
func (c *Canvas) Columns(w int) int { return c.bm.W / (CellW * clamp(w, 1, 8)) }

// PrintLine prints s as one line (cut at the paper edge) and advances by the
// line spacing, as text followed by LF does on a printer.
func (c *Canvas) PrintLine(s string, st Style) {
	sw, sh := st.size()
	cells := makeCells(s, st.Bold, sw, sh)
	if n := c.Columns(sw); len(cells) > n {
		cells = cells[:n]
	}
	if len(cells) == 0 {
		c.Feed(LineSpacing)
		return
	}
	h := c.drawCells(cells, st.Align)
	c.Feed(lineAdvance(h) - h)
}

func makeCells(s string, bold bool, sw, sh int) []cell {
	var cells []cell
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			// Combining marks overprint the previous character; a
			// printer has room for two at most.
			if n := len(cells); n > 0 && utf8.RuneCountInString(cells[n-1].s) < 3 {
				cells[n-1].s += string(r)
			}
			continue
		}
		if r < 0x20 {
			continue
		}
		cells = append(cells, cell{s: string(r), bold: bold, sw: sw, sh: sh})
	}
	return cells
}

// Blit prints a bitmap at the current position and advances by its height.
func (c *Canvas) Blit(m *Bitmap, a Align, sx, sy int) {
	if m.H == 0 || !c.reserve(m.H*sy) {
		return
	}
	x0 := c.xFor(a, m.W*sx)
	for y := 0; y < m.H; y++ {
		r := m.row(y)
		for x := 0; x < m.W; x++ {
			if r[x/8]&(0x80>>(x%8)) != 0 {
				c.bm.Fill(x0+x*sx, c.y+y*sy, x0+(x+1)*sx, c.y+(y+1)*sy)
			}
		}
	}
	c.y += m.H * sy
}

// QRBitmap draws data as a QR code (model 2, no quiet zone) with modules of
// module×module dots, as a printer's GS ( k does.
func QRBitmap(data []byte, module int, ec QRLevel) (*Bitmap, error) {
	lv := map[QRLevel]qrcode.RecoveryLevel{QRLevelL: qrcode.Low, QRLevelM: qrcode.Medium, QRLevelQ: qrcode.High, QRLevelH: qrcode.Highest}[ec]
	q, err := qrcode.New(string(data), lv)
	if err != nil {
		return nil, fmt.Errorf("qr code of %d bytes: %w", len(data), err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	module = clamp(module, 1, 16)
	m := NewBitmap(len(bits)*module, len(bits)*module)
	for y, row := range bits {
		for x, on := range row {
			if on {
				m.Fill(x*module, y*module, (x+1)*module, (y+1)*module)
			}
		}
	}
	return m, nil
}

// QR prints a QR code of data and advances by its height.
func (c *Canvas) QR(data []byte, module int, ec QRLevel, a Align) error {
	m, err := QRBitmap(data, module, ec)
	if err != nil {
		return err
	}
	c.Blit(m, a, 1, 1)
	return nil
}

// Code128 prints a barcode from GS k 73 data ("{B..." etc.) with bars height
// dots tall, module dots per module and the HRI text where asked.
func (c *Canvas) Code128(data []byte, height, module int, hri HRI, a Align) error {
	syms, text, err := code128Symbols(data)
	if err != nil {
		return err
	}
	mods := code128Modules(syms)
	module = clamp(module, 1, 6)
	height = clamp(height, 1, 255)
	m := NewBitmap(len(mods)*module, height)
	for i, bar := range mods {
		if bar {
			m.Fill(i*module, 0, (i+1)*module, height)
		}
	}
	hriLine := func() {
		cells := makeCells(text, false, 1, 1)
		if n := c.Columns(1); len(cells) > n {
			cells = cells[:n]
		}
		c.drawCells(cells, a)
	}
	if hri == HRIAbove || hri == HRIBoth {
		hriLine()
		c.Feed(4)
	}
	c.Blit(m, a, 1, 1)
	if hri == HRIBelow || hri == HRIBoth {
		c.Feed(4)
		hriLine()
	}
	return nil
}

// CutMark draws where the cutter cuts: a dashed line across the paper.
func (c *Canvas) CutMark(partial bool) {
	if !c.reserve(9) {
		return
	}
	c.y += 4
	step := 8
	if partial {
		step = 4
	}
	for x := 0; x < c.bm.W; x += 2 * step {
		c.bm.Fill(x, c.y, x+step, c.y+1)
	}
	c.y += 5
}

// Glyphs: Noto Sans drawn into a 12×24 cell, squeezed horizontally when the
// glyph is wider than the cell, thresholded to 1 bit.
var (
	fontOnce   sync.Once
	faces      [2]font.Face
	fontErr    error
	glyphMu    sync.Mutex
	glyphCache = map[glyphKey][]bool{}
)

type glyphKey struct {
	s    string
	bold bool
}

const (
	maxGlyphCache = 8192 // a hostile stream cannot grow the cache forever
	fontPx        = 17
	baseline      = 18
)

func loadFonts() {
	for i, data := range [][]byte{assets.NotoSansRegular, assets.NotoSansBold} {
		f, err := opentype.Parse(data)
		if err != nil {
			fontErr = fmt.Errorf("parsing bundled font: %w", err)
			return
		}
		faces[i], err = opentype.NewFace(f, &opentype.FaceOptions{Size: fontPx, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			fontErr = fmt.Errorf("bundled font face: %w", err)
			return
		}
	}
}

// glyph returns the cell mask (CellW*CellH) of s, true = black.
func glyph(s string, bold bool) []bool {
	glyphMu.Lock()
	defer glyphMu.Unlock()
	k := glyphKey{s, bold}
	if g, ok := glyphCache[k]; ok {
		return g
	}
	fontOnce.Do(loadFonts)
	g := make([]bool, CellW*CellH)
	if fontErr != nil || s == " " {
		return g
	}
	face := faces[0]
	if bold {
		face = faces[1]
	}
	const scratchW = 4 * CellW
	dst := image.NewAlpha(image.Rect(0, 0, scratchW, CellH))
	d := font.Drawer{Dst: dst, Src: image.Opaque, Face: face, Dot: fixed.P(CellW/2, baseline)}
	adv := d.MeasureString(s).Ceil()
	d.DrawString(s)
	// Ink extent, for centring and squeezing.
	x0, x1 := scratchW, 0
	for y := 0; y < CellH; y++ {
		for x := 0; x < scratchW; x++ {
			if dst.AlphaAt(x, y).A >= 128 {
				x0, x1 = min(x0, x), max(x1, x+1)
			}
		}
	}
	if x1 > x0 {
		inkW := x1 - x0
		span := max(inkW, 1)
		target := min(inkW, CellW-1)
		if adv <= CellW && inkW <= CellW-1 {
			target = inkW
		}
		off := (CellW - target) / 2
		for y := 0; y < CellH; y++ {
			for tx := 0; tx < target; tx++ {
				sx := x0 + tx*span/target
				if dst.AlphaAt(sx, y).A >= 128 {
					g[y*CellW+off+tx] = true
				}
			}
		}
	}
	if len(glyphCache) < maxGlyphCache {
		glyphCache[k] = g
	}
	return g
}
