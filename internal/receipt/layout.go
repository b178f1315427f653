package receipt

import (
	"fmt"
	"image"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kiosk/internal/escpos"
	"kiosk/internal/names"
)

// Encode lays doc out for the profile's paper and encodes it as one ESC/POS
// job. Profiles with a Vietnamese code page get text; the others get the
// text drawn with the bundled font as raster bands, white rows skipped with
// feeds. QR codes and barcodes are native where the profile allows.
func Encode(doc Doc, p Profile) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	e := &encoder{b: escpos.NewBuilder(), p: p, align: 255}
	e.b.Init()
	switch p.TextMode {
	case TextCP1258:
		e.b.CodePage(escpos.CP1258)
	case TextTCVN3:
		e.b.CodePage(escpos.TCVN3)
	default:
		e.canvas = escpos.NewCanvas(p.WidthDots)
	}
	if err := layout(doc, p, e); err != nil {
		return nil, err
	}
	e.flushCanvas()
	if e.canvas != nil {
		if err := e.canvas.Err(); err != nil {
			return nil, err
		}
	}
	return e.b.Bytes(), nil
}

// Preview renders what the printer will print for doc: Encode, then the
// escpos renderer. It is the same picture the virtual printer saves.
func Preview(doc Doc, p Profile) (image.Image, error) {
	b, err := Encode(doc, p)
	if err != nil {
		return nil, err
	}
	return escpos.Render(b, p.WidthDots)
}

// encoder turns laid-out lines into ESC/POS, either as text or on a canvas
// that is sent as raster.
type encoder struct {
	b      *escpos.Builder
	p      Profile
	canvas *escpos.Canvas // raster mode only

	align escpos.Align
	bold  bool
	w, h  int
}

func (e *encoder) setAlign(a escpos.Align) {
	if a != e.align {
		e.b.Align(a)
		e.align = a
	}
}

func (e *encoder) setStyle(st escpos.Style) {
	e.setAlign(st.Align)
	if st.Bold != e.bold {
		e.b.Emphasis(st.Bold)
		e.bold = st.Bold
	}
	w, h := max(st.W, 1), max(st.H, 1)
	if w != max(e.w, 1) || h != max(e.h, 1) {
		e.b.Size(w, h)
		e.w, e.h = w, h
	}
}

func (e *encoder) line(s string, st escpos.Style) {
	if e.canvas != nil {
		e.canvas.PrintLine(s, st)
		return
	}
	e.setStyle(st)
	e.b.Text(s).LF()
}

func (e *encoder) feed(dots int) {
	if e.canvas != nil {
		e.canvas.Feed(dots)
		return
	}
	e.b.FeedDots(dots)
}

// flushCanvas sends what was drawn so far as raster and starts new paper.
func (e *encoder) flushCanvas() {
	if e.canvas == nil || e.canvas.Y() == 0 {
		return
	}
	e.setAlign(escpos.AlignLeft)
	e.b.Bitmap(e.canvas.Bitmap(), e.p.MaxRasterBandRows)
	e.canvas = escpos.NewCanvas(e.p.WidthDots)
}

// rasterBlock draws something on its own canvas (text mode) or the shared
// canvas (raster mode).
func (e *encoder) rasterBlock(draw func(c *escpos.Canvas) error) error {
	if e.canvas != nil {
		return draw(e.canvas)
	}
	c := escpos.NewCanvas(e.p.WidthDots)
	if err := draw(c); err != nil {
		return err
	}
	e.setAlign(escpos.AlignLeft)
	e.b.Bitmap(c.Bitmap(), e.p.MaxRasterBandRows)
	return nil
}

func (e *encoder) qr(data string, module int) error {
	if e.p.NativeQR {
		e.flushCanvas()
		e.setAlign(escpos.AlignCenter)
		e.b.QR(data, module, escpos.QRLevelM)
		return nil
	}
	return e.rasterBlock(func(c *escpos.Canvas) error {
		return c.QR([]byte(data), module, escpos.QRLevelM, escpos.AlignCenter)
	})
}

func (e *encoder) barcode(data string, height, module int) error {
	if e.p.NativeBarcode {
		e.flushCanvas()
		e.setAlign(escpos.AlignCenter)
		e.setStyle(escpos.Style{Align: escpos.AlignCenter})
		e.b.Code128(data, height, module, escpos.HRIBelow)
		return nil
	}
	return e.rasterBlock(func(c *escpos.Canvas) error {
		return c.Code128([]byte("{B"+strings.ReplaceAll(data, "{", "{{")), height, module, escpos.HRIBelow, escpos.AlignCenter)
	})
}

func (e *encoder) cut() {
	e.flushCanvas()
	switch e.p.Cut {
	case "full":
		e.b.Cut(escpos.CutFull, 24)
	case "partial":
		e.b.Cut(escpos.CutPartial, 24)
	default:
		e.b.Cut(escpos.CutNone, 4*escpos.LineSpacing) // room to tear off
	}
}

// Sizes of codes by paper width.
func qrModule(width int) int {
	switch {
	case width >= 576:
		return 6
	case width >= 512:
		return 5
	}
	return 4
}

const barcodeHeight = 80 // dots, 10 mm at 203 dpi

func barcodeModule(data string, width int) int {
	for m := 3; m > 1; m-- {
		if escpos.Code128Width(data, m)+20*m <= width {
			return m
		}
	}
	return 1
}

func layout(doc Doc, p Profile, e *encoder) error {
	cols := p.Columns
	for _, bl := range doc.Blocks {
		switch bl.Kind {
		case BlockText:
			sz := max(bl.Size, 1)
			for _, l := range wrap(bl.Text, max(cols/sz, 1), bl.Indent) {
				e.line(l, escpos.Style{Align: bl.Align, Bold: bl.Bold, W: sz, H: sz})
			}
		case BlockTitle:
			for _, l := range wrap(bl.Text, cols, 0) {
				e.line(l, escpos.Style{Align: escpos.AlignCenter, Bold: true, W: 1, H: 2})
			}
			e.feed(6)
		case BlockKV:
			label := strings.TrimSpace(bl.Text) + ":"
			v := strings.TrimSpace(bl.Value)
			if n := runes(label) + 1 + runes(v); n <= cols && !strings.Contains(v, "\n") {
				e.line(label+strings.Repeat(" ", cols-n+1)+v, escpos.Style{})
				continue
			}
			for _, l := range wrap(label, cols, 2) {
				e.line(l, escpos.Style{Bold: true})
			}
			for _, l := range wrap(v, cols, 2) {
				e.line(l, escpos.Style{})
			}
		case BlockCheck:
			for _, l := range wrap("[ ] "+bl.Text, cols, 4) {
				e.line(l, escpos.Style{})
			}
			if bl.Value != "" {
				for _, l := range wrap(strings.Repeat(" ", 4)+bl.Value, cols, 4) {
					e.line(l, escpos.Style{})
				}
			}
		case BlockSeparator:
			e.line(strings.Repeat("-", cols), escpos.Style{})
		case BlockQR:
			if bl.Data == "" {
				continue
			}
			e.feed(12)
			if err := e.qr(bl.Data, qrModule(p.WidthDots)); err != nil {
				return fmt.Errorf("receipt QR code: %w", err)
			}
			e.feed(8)
			for _, l := range wrap(bl.Text, cols, 0) {
				e.line(l, escpos.Style{Align: escpos.AlignCenter})
			}
		case BlockBarcode:
			if bl.Data == "" {
				continue
			}
			e.feed(12)
			if err := e.barcode(bl.Data, barcodeHeight, barcodeModule(bl.Data, p.WidthDots)); err != nil {
				return fmt.Errorf("receipt barcode: %w", err)
			}
			e.feed(12)
		case BlockBig:
			n := max(runes(bl.Text), 1)
			sz := min(max(cols/n, 1), 8)
			for _, l := range wrap(bl.Text, max(cols/sz, 1), 0) {
				e.line(l, escpos.Style{Align: escpos.AlignCenter, Bold: true, W: sz, H: sz})
			}
		case BlockFeed:
			e.feed(bl.Dots)
		case BlockCut:
			e.cut()
		default:
			return fmt.Errorf("receipt: unknown block kind %d", bl.Kind)
		}
	}
	return nil
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// wrap breaks s into lines of at most cols characters (Vietnamese letters in
// NFC count one each), at spaces where possible; continuation lines are
// indented by indent spaces. Words longer than a line are split.
func wrap(s string, cols, indent int) []string {
	s = norm.NFC.String(s)
	if cols <= indent {
		indent = 0
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		lead := ""
		if t := strings.TrimLeft(para, " "); len(t) < len(para) {
			lead = para[:len(para)-len(t)]
		}
		// Proper names keep together (names.Keep); only ASCII spaces
		// separate the words wrap may break between.
		words := strings.FieldsFunc(names.Keep(para, cols-indent), func(r rune) bool { return r != names.NBSP && unicode.IsSpace(r) })
		cur := []rune(lead)
		if len(cur) >= cols {
			cur = cur[:0]
		}
		start := len(cur)
		var lines []string
		flush := func() {
			lines = append(lines, strings.TrimRight(string(cur), " "))
			cur = []rune(strings.Repeat(" ", indent))
			start = len(cur)
		}
		for _, w := range words {
			wr := []rune(w)
			sep := 0
			if len(cur) > start {
				sep = 1
			}
			if len(cur)+sep+len(wr) <= cols {
				if sep == 1 {
					cur = append(cur, ' ')
				}
				cur = append(cur, wr...)
				continue
			}
			if len(cur) > start {
				flush()
			}
			for len(cur)+len(wr) > cols {
				k := cols - len(cur)
				cur = append(cur, wr[:k]...)
				wr = wr[k:]
				flush()
			}
			cur = append(cur, wr...)
		}
		if len(cur) > start || len(words) == 0 {
			lines = append(lines, strings.TrimRight(string(cur), " "))
		}
		for _, l := range avoidWidow(lines, cols, indent) {
			out = append(out, strings.ReplaceAll(l, string(names.NBSP), " "))
		}
	}
	return out
}

// avoidWidow moves the second-last line's last word down when the last line
// of a paragraph would hold a single word ("... hồ sơ" / "số."), as a
// typesetter would, if the two still fit; a split long word is left alone.
func avoidWidow(lines []string, cols, indent int) []string {
	n := len(lines)
	if n < 2 {
		return lines
	}
	last := strings.TrimLeft(lines[n-1], " ")
	if last == "" || strings.Contains(last, " ") {
		return lines
	}
	prev := lines[n-2]
	body := strings.TrimLeft(prev, " ")
	cut := strings.LastIndexByte(body, ' ')
	if cut < 0 {
		return lines
	}
	moved := strings.TrimRight(body[:cut], " ")
	if moved == "" {
		return lines
	}
	joined := strings.Repeat(" ", indent) + body[cut+1:] + " " + last
	if runes(joined) > cols {
		return lines
	}
	lines[n-2] = prev[:len(prev)-len(body)] + moved
	lines[n-1] = joined
	return lines
}
