package escpos

import (
	"image"
	"image/color"
)

// Bitmap is a 1-bit image in the printer's own raster layout: rows of Stride
// bytes, most significant bit leftmost, 1 = black dot. It is what GS v 0
// carries, so a Bitmap goes to the printer without conversion.
type Bitmap struct {
	W, H, Stride int
	Pix          []byte
}

// NewBitmap returns a white w×h bitmap.
func NewBitmap(w, h int) *Bitmap {
	s := (w + 7) / 8
	return &Bitmap{W: w, H: h, Stride: s, Pix: make([]byte, s*h)}
}

// Set blackens the dot at (x, y); dots outside the bitmap are ignored.
func (m *Bitmap) Set(x, y int) {
	if x < 0 || y < 0 || x >= m.W || y >= m.H {
		return
	}
	m.Pix[y*m.Stride+x/8] |= 0x80 >> (x % 8)
}

// At reports whether the dot at (x, y) is black.
func (m *Bitmap) At(x, y int) bool {
	if x < 0 || y < 0 || x >= m.W || y >= m.H {
		return false
	}
	return m.Pix[y*m.Stride+x/8]&(0x80>>(x%8)) != 0
}

// Fill blackens the rectangle [x0,x1)×[y0,y1).
func (m *Bitmap) Fill(x0, y0, x1, y1 int) {
	for y := max(y0, 0); y < min(y1, m.H); y++ {
		for x := max(x0, 0); x < min(x1, m.W); x++ {
			m.Pix[y*m.Stride+x/8] |= 0x80 >> (x % 8)
		}
	}
}

// Grow makes the bitmap at least h rows tall (new rows white).
func (m *Bitmap) Grow(h int) {
	if h <= m.H {
		return
	}
	need := h * m.Stride
	if need > cap(m.Pix) {
		p := make([]byte, need, max(need, 2*cap(m.Pix)))
		copy(p, m.Pix)
		m.Pix = p
	} else {
		m.Pix = m.Pix[:need]
		clear(m.Pix[m.H*m.Stride:])
	}
	m.H = h
}

func (m *Bitmap) row(y int) []byte { return m.Pix[y*m.Stride : (y+1)*m.Stride] }

func blank(row []byte) bool {
	for _, c := range row {
		if c != 0 {
			return false
		}
	}
	return true
}

var palette = color.Palette{color.White, color.Black}

// Image returns the bitmap as a two-colour paletted image (white, black),
// which encodes to a small 1-bit PNG.
func (m *Bitmap) Image() *image.Paletted {
	h := max(m.H, 1)
	img := image.NewPaletted(image.Rect(0, 0, max(m.W, 1), h), palette)
	for y := 0; y < m.H; y++ {
		r := m.row(y)
		o := y * img.Stride
		for x := 0; x < m.W; x++ {
			if r[x/8]&(0x80>>(x%8)) != 0 {
				img.Pix[o+x] = 1
			}
		}
	}
	return img
}

// FromImage converts any image to a Bitmap: dots darker than mid-grey are
// black.
func FromImage(img image.Image) *Bitmap {
	r := img.Bounds()
	m := NewBitmap(r.Dx(), r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 {
				m.Set(x-r.Min.X, y-r.Min.Y)
			}
		}
	}
	return m
}

// Bitmap appends a whole image as raster graphics, left-aligned, the way a
// serial line likes it: runs of white rows become ESC J feeds instead of
// white pixels, each band is only as wide as its rightmost black dot, and
// bands have at most maxBand rows. The caller sets ESC a 0 first.
func (b *Builder) Bitmap(m *Bitmap, maxBand int) *Builder {
	if maxBand <= 0 || maxBand > 4095 {
		maxBand = 4095
	}
	// A white run is worth a feed when sending it costs more than a feed
	// (3 bytes) plus the next band's header (8 bytes).
	const splitCost = 3 + 8
	y := 0
	for y < m.H {
		if blank(m.row(y)) {
			y0 := y
			for y < m.H && blank(m.row(y)) {
				y++
			}
			b.FeedDots(y - y0)
			continue
		}
		// Ink run: extend over short white gaps.
		y0 := y
		end := y
		for y < m.H {
			if !blank(m.row(y)) {
				y++
				end = y
				continue
			}
			g := y
			for g < m.H && blank(m.row(g)) {
				g++
			}
			if g == m.H || (g-y)*m.Stride > splitCost {
				break
			}
			y = g
		}
		y = end
		b.band(m, y0, end, maxBand)
	}
	return b
}

// band sends rows [y0,y1) trimmed to their rightmost black byte.
func (b *Builder) band(m *Bitmap, y0, y1, maxBand int) {
	for s := y0; s < y1; s += maxBand {
		e := min(s+maxBand, y1)
		wb := 1
		for y := s; y < e; y++ {
			r := m.row(y)
			for i := len(r) - 1; i >= wb; i-- {
				if r[i] != 0 {
					wb = i + 1
					break
				}
			}
		}
		h := e - s
		b.Raw(GS, 'v', '0', 0, byte(wb), byte(wb>>8), byte(h), byte(h>>8))
		for y := s; y < e; y++ {
			b.buf = append(b.buf, m.row(y)[:wb]...)
		}
	}
}
