package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"
)

// tileStyle is how a tile looks.
type tileStyle int

const (
	tileSurface  tileStyle = iota // white card with a border
	tilePrimary                   // filled with the primary colour
	tileSelected                  // a chosen option
	tileQuiet                     // flat, for secondary actions
	tileDanger                    // destroys something: the "bad" colour, with a warning icon
)

// tile is the kiosk's one button: a large card with an optional icon, a title,
// a subtitle and a badge (counts). It reacts to a press at once (colour change)
// because touch users need to see that the screen felt their finger.
type tile struct {
	widget.BaseWidget
	Title, Subtitle, Badge string
	Icon                   fyne.Resource
	Style                  tileStyle
	TitleSize              fyne.ThemeSizeName
	MinHeight              float32
	MinWidth               float32 // 0 = touchTarget
	Center                 bool
	// Wrap lets a long title wrap onto more lines; short labels (buttons,
	// keys) never wrap so that they keep their natural width.
	Wrap bool
	// Compact narrows the side padding (keyboard keys, where ten must fit).
	Compact bool
	// Top sets the icon above the title and the texts at the top of the
	// tile instead of centred: tiles side by side (the start screen in
	// landscape) keep their titles level when one subtitle wraps and the
	// other does not (issue 19, item 14).
	Top bool
	// OneLine says the title is a button label that must read on one line
	// (the bottom bar, the find screen's scope chips): the layout check
	// fails when it wraps, as "Trang / chủ" did in large text.
	OneLine bool
	// IconSize is the icon's side before the text scale (0: 56 px, scaled
	// with the text like the title).
	IconSize float32
	Left     fyne.CanvasObject // replaces Icon
	OnTapped func()
	// Disabled draws the tile as having nothing to do (a page button at the
	// end of its list); it still takes the tap, which does nothing there.
	Disabled bool

	th      *kioskTheme
	bg      *canvas.Rectangle
	ic      *canvas.Image
	title   *widget.RichText
	pressed bool
}

var (
	_ fyne.Tappable     = (*tile)(nil)
	_ desktop.Mouseable = (*tile)(nil)
)

func newTile(th *kioskTheme, title string, style tileStyle, tap func()) *tile {
	t := &tile{Title: title, Style: style, OnTapped: tap, th: th, MinHeight: touchTarget}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tile) colors() (bg, fg color.NRGBA, fgName fyne.ThemeColorName, stroke color.NRGBA) {
	p := t.th.pal()
	if t.Disabled {
		return p.bg, p.border, colorMuted, p.border
	}
	switch t.Style {
	case tilePrimary:
		return p.primary, p.onPrimary, "foregroundOnPrimary", p.primary
	case tileSelected:
		return p.primary, p.onPrimary, "foregroundOnPrimary", p.text
	case tileQuiet:
		return p.bg, p.primary, "primary", p.border
	case tileDanger:
		return p.bad, p.onPrimary, "foregroundOnPrimary", p.bad
	}
	return p.surface, p.text, "foreground", p.border
}

// CreateRenderer lays the tile out: icon left, texts in the middle, badge right.
func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	_, _, fgName, _ := t.colors()
	t.bg = canvas.NewRectangle(color.Transparent)
	t.bg.CornerRadius = 14
	t.paintBg()
	size := t.TitleSize
	if size == "" {
		size = sizeNameHeading
	}
	align := fyne.TextAlignLeading
	if t.Center {
		align = fyne.TextAlignCenter
	}
	texts := container.NewVBox()
	titleText := richText(t.Title, size, fgName, !t.Disabled, align)
	t.title = titleText
	switch {
	case !t.Wrap:
		titleText.Wrapping = fyne.TextWrapOff
		texts.Add(titleText)
	case hasPlaceName(t.Title):
		texts.Add(keepNamesIn(titleText)) // an agency's "xã Tân Phú" stays whole
	default:
		texts.Add(titleText)
	}
	if t.Subtitle != "" {
		texts.Add(richText(t.Subtitle, "", fgName, false, align))
	}
	var left, right fyne.CanvasObject
	if t.Icon != nil {
		ic := canvas.NewImageFromResource(t.Icon)
		t.ic = ic
		ic.FillMode = canvas.ImageFillContain
		side := t.th.text(56)
		if t.IconSize > 0 {
			side = t.IconSize
		}
		ic.SetMinSize(fyne.NewSquareSize(side))
		ic.Resource = t.iconResource()
		if t.Disabled {
			ic.Translucency = disabledTranslucency
		}
		left = container.NewCenter(ic)
	}
	if t.Left != nil {
		left = container.NewCenter(t.Left)
	}
	if left == nil && t.Style == tileSelected {
		left = container.NewCenter(t.mark(theme.ConfirmIcon()))
	}
	if t.Badge != "" {
		b := richText(t.Badge, sizeNameHeading, fgName, true, fyne.TextAlignTrailing)
		b.Wrapping = fyne.TextWrapOff // a count is one word: "10", never "1" above "0"
		right = container.NewCenter(b)
	}
	if t.Style == tileDanger && (t.Icon == nil || t.Icon.Name() != theme.WarningIcon().Name()) {
		// In high contrast the danger colour is as light as the primary
		// yellow: the warning sign says "this destroys something".
		if left == nil {
			left = container.NewCenter(t.mark(theme.WarningIcon()))
		} else if right == nil {
			right = container.NewCenter(t.mark(theme.WarningIcon()))
		}
	}
	var body fyne.CanvasObject
	if t.Title == "" && t.Subtitle == "" && right == nil && left != nil && t.Center {
		body = left // an icon-only key (backspace, page arrows): the icon in the middle
	} else if t.Top {
		var icon fyne.CanvasObject = layout.NewSpacer()
		if t.ic != nil {
			icon = container.NewHBox(t.ic)
		}
		if t.th.large && t.ic != nil {
			// Large text: the icon stands beside the title, not above
			// it, or two rows of tiles in a landscape screen's height
			// push the subtitles out of their tiles.
			body = container.NewBorder(nil, nil, container.NewVBox(container.New(layout.NewCustomPaddedLayout(8, 0, 0, 12), icon)), right, texts)
		} else {
			body = container.NewBorder(nil, nil, nil, right, container.NewVBox(container.New(layout.NewCustomPaddedLayout(12, 8, 0, 0), icon), texts))
		}
	} else {
		body = container.NewBorder(nil, nil, left, right, container.NewVBox(layout.NewSpacer(), texts, layout.NewSpacer()))
	}
	minH := canvas.NewRectangle(color.Transparent)
	minW := t.MinWidth
	if minW == 0 {
		minW = touchTarget
	}
	minH.SetMinSize(fyne.NewSize(minW, t.MinHeight))
	side := float32(20)
	if t.Compact {
		side = 4
	}
	return widget.NewSimpleRenderer(container.NewStack(minH, t.bg, container.New(layout.NewCustomPaddedLayout(12, 12, side, side), body)))
}

// Tapped runs the tile's action.
func (t *tile) Tapped(*fyne.PointEvent) {
	t.setPressed(false)
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// MouseDown shows the press.
func (t *tile) MouseDown(*desktop.MouseEvent) { t.setPressed(true) }

// MouseUp ends the press.
func (t *tile) MouseUp(*desktop.MouseEvent) { t.setPressed(false) }

// disabledTranslucency fades a disabled tile's icon, in either palette.
const disabledTranslucency = 0.75

// iconResource is the icon in the colour of the tile's look.
func (t *tile) iconResource() fyne.Resource {
	switch {
	case t.Style == tilePrimary || t.Style == tileSelected:
		return themedOnPrimary(t.Icon)
	}
	return lookIcon(t.Icon, theme.ColorNamePrimary)
}

// SetDisabled changes whether the tile looks as if it has nothing to do.
func (t *tile) SetDisabled(d bool) {
	if t.Disabled == d {
		return
	}
	t.Disabled = d
	if t.bg == nil {
		return // drawn so when its renderer is made
	}
	t.paintBg()
	t.bg.Refresh()
	if t.title != nil && len(t.title.Segments) > 0 {
		if seg, ok := t.title.Segments[0].(*widget.TextSegment); ok {
			seg.Style.TextStyle.Bold = !d
			t.title.Refresh()
		}
	}
	if t.ic != nil {
		t.ic.Translucency = 0
		if d {
			t.ic.Translucency = disabledTranslucency
		}
		t.ic.Refresh()
	}
}

// unpressAll clears the pressed look of every tile in o: a finger that
// starts a drag on a tile never lifts on it, so its MouseUp goes elsewhere.
func unpressAll(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *tile:
		if x.pressed {
			x.setPressed(false)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			unpressAll(c)
		}
	}
}

func (t *tile) setPressed(p bool) {
	t.pressed = p
	if t.bg == nil {
		return
	}
	t.paintBg()
	t.bg.Refresh()
}

// paintBg gives the tile's background the fill and outline of its state.
// Every state differs from the others by more than colour, since in high
// contrast primary, selected and danger are all light on black (issue 19,
// item 12): a chosen option has a thick outline (and a tick when it has no
// icon), a pressed tile a thicker one in the text colour, a disabled tile a
// hairline and a title in regular weight, a danger tile a warning sign.
func (t *tile) paintBg() {
	bg, _, _, stroke := t.colors()
	width := float32(2)
	switch {
	case t.Disabled:
		width = 1
	case t.Style == tileSelected:
		width = 5
	}
	if t.pressed {
		bg = pressedColor(bg)
		stroke = t.th.pal().text
		width += 4
	}
	t.bg.FillColor, t.bg.StrokeColor, t.bg.StrokeWidth = bg, stroke, width
}

// mark is a small state sign (a selected option's tick, a danger tile's
// warning) in the colour of the tile's text.
func (t *tile) mark(icon fyne.Resource) *canvas.Image {
	m := canvas.NewImageFromResource(themedOnPrimary(icon))
	m.FillMode = canvas.ImageFillContain
	m.SetMinSize(fyne.NewSquareSize(t.th.text(32)))
	return m
}

// pressedColor darkens a tile's colour while a finger is on it, which keeps
// the text's contrast at least what it was (lightening the primary blue
// under white text fell to 4.43:1, under WCAG's 4.5:1); a near-black tile
// (high contrast) lightens a little instead, still far above 7:1.
func pressedColor(c color.NRGBA) color.NRGBA {
	if max(c.R, c.G, c.B) < 64 {
		f := func(v uint8) uint8 { return uint8(math.Min(255, float64(v)+40)) }
		return color.NRGBA{R: f(c.R), G: f(c.G), B: f(c.B), A: c.A}
	}
	k := 0.82
	if int(c.R)*2126+int(c.G)*7152+int(c.B)*722 > 160*10000 { // a light colour under dark text
		k = 0.9
	}
	f := func(v uint8) uint8 { return uint8(float64(v) * k) }
	return color.NRGBA{R: f(c.R), G: f(c.G), B: f(c.B), A: c.A}
}

// richText is word-wrapped text with a theme size and colour.
func richText(s string, size fyne.ThemeSizeName, col fyne.ThemeColorName, bold bool, align fyne.TextAlign) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: s, Style: widget.RichTextStyle{
		Alignment: align, ColorName: col, SizeName: size, TextStyle: fyne.TextStyle{Bold: bold},
	}})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func text(s string) *widget.RichText {
	return richText(s, "", "foreground", false, fyne.TextAlignLeading)
}

func textMuted(s string) *widget.RichText {
	return richText(s, "", colorMuted, false, fyne.TextAlignLeading)
}

func heading(s string) *widget.RichText {
	return richText(s, sizeNameHeading, "foreground", true, fyne.TextAlignLeading)
}

// card puts content on a white rounded panel.
func card(th *kioskTheme, content fyne.CanvasObject) fyne.CanvasObject {
	p := th.pal()
	bg := canvas.NewRectangle(p.surface)
	bg.CornerRadius = 14
	bg.StrokeColor = p.border
	bg.StrokeWidth = 2
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(18, 18, 22, 22), content))
}

// banner is a coloured strip with a message (offline, errors, warnings).
func banner(c color.NRGBA, fg fyne.ThemeColorName, icon fyne.Resource, msg string) fyne.CanvasObject {
	bg := canvas.NewRectangle(c)
	bg.CornerRadius = 12
	t := richText(msg, "", fg, true, fyne.TextAlignLeading)
	var left fyne.CanvasObject
	if icon != nil {
		ic := canvas.NewImageFromResource(themedOnPrimary(icon))
		ic.SetMinSize(fyne.NewSquareSize(44))
		ic.FillMode = canvas.ImageFillContain
		left = ic
	}
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(12, 12, 18, 18),
		container.NewBorder(nil, nil, left, nil, t)))
}

// qrImage renders text as a QR code image of about px pixels.
func qrImage(s string, px float32) fyne.CanvasObject {
	q, err := qrcode.New(s, qrcode.Medium)
	if err != nil {
		return canvas.NewRectangle(color.Transparent)
	}
	q.DisableBorder = false
	img := canvas.NewImageFromImage(q.Image(256))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSquareSize(px))
	return img
}

// adaptiveGrid lays children out in as many equal columns as fit cells of at
// least minWidth, so the same screen works in portrait and landscape.
type adaptiveGrid struct {
	minWidth float32
	maxCols  int
	width    float32 // of the last layout
}

// textGrid is an adaptive grid of tiles with text in them: in large text a
// column must be as much wider as the text is, or names such as "An toàn
// thực phẩm" break between the syllables of one word.
func (k *env) textGrid(minWidth float32, maxCols int) *fyne.Container {
	return newAdaptiveGrid(minWidth*k.th.scale(), maxCols)
}

func newAdaptiveGrid(minWidth float32, maxCols int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&adaptiveGrid{minWidth: minWidth, maxCols: maxCols}, objs...)
}

func (g *adaptiveGrid) cols(w float32) int {
	n := int((w + 16) / (g.minWidth + 16))
	if n < 1 {
		n = 1
	}
	if g.maxCols > 0 && n > g.maxCols {
		n = g.maxCols
	}
	return n
}

const gridGap = 16

func (g *adaptiveGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	g.width = size.Width
	cols := g.cols(size.Width)
	cw := (size.Width - gridGap*float32(cols-1)) / float32(cols)
	y := float32(0)
	for i := 0; i < len(objs); i += cols {
		rowH := float32(0)
		for j := i; j < i+cols && j < len(objs); j++ {
			if !objs[j].Visible() {
				continue
			}
			objs[j].Resize(fyne.NewSize(cw, 1))
			rowH = max(rowH, objs[j].MinSize().Height)
		}
		for j := i; j < i+cols && j < len(objs); j++ {
			objs[j].Move(fyne.NewPos(float32(j-i)*(cw+gridGap), y))
			objs[j].Resize(fyne.NewSize(cw, rowH))
		}
		y += rowH + gridGap
	}
}

func (g *adaptiveGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// Height depends on the width we get: use the width of the last layout
	// (one column before the first).
	cols := 1
	if g.width > 0 {
		cols = g.cols(g.width)
	}
	h := float32(0)
	minW := float32(0)
	for i := 0; i < len(objs); i += cols {
		rowH := float32(0)
		for j := i; j < i+cols && j < len(objs); j++ {
			ms := objs[j].MinSize()
			rowH = max(rowH, ms.Height)
			minW = max(minW, ms.Width)
		}
		h += rowH + gridGap
	}
	if h > 0 {
		h -= gridGap
	}
	return fyne.NewSize(min(minW, g.minWidth), h)
}

// face draws one of the five satisfaction faces as a raster: a coloured disc,
// two eyes and a mouth whose curve goes from a frown (1) to a broad smile (5).
func face(level int, contrast bool) *canvas.Raster {
	cols := []color.NRGBA{rgb(0xD3, 0x2F, 0x2F), rgb(0xF5, 0x7C, 0x00), rgb(0xF9, 0xA8, 0x25), rgb(0x7C, 0xB3, 0x42), rgb(0x2E, 0x7D, 0x32)}
	fill := cols[(level-1+5)%5]
	ink := color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xFF}
	if contrast {
		ink = color.NRGBA{A: 0xFF}
	}
	curve := float64(level-3) / 2 // -1 frown .. +1 smile
	r := canvas.NewRaster(func(w, h int) image.Image {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		s := float64(min(w, h))
		cx, cy, rad := float64(w)/2, float64(h)/2, s/2-1
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				dx, dy := (float64(x)-cx)/rad, (float64(y)-cy)/rad
				d := math.Hypot(dx, dy)
				if d > 1 {
					continue
				}
				c := fill
				// eyes
				if math.Hypot(dx+0.33, dy+0.25) < 0.11 || math.Hypot(dx-0.33, dy+0.25) < 0.11 {
					c = ink
				}
				// mouth: a parabola band, lower in the middle for a smile
				if math.Abs(dx) < 0.5 {
					my := 0.36 + curve*0.18*(1-(dx/0.5)*(dx/0.5)) - curve*0.09
					if math.Abs(dy-my) < 0.065 {
						c = ink
					}
				}
				if d > 0.96 {
					c = ink
				}
				img.SetNRGBA(x, y, c)
			}
		}
		return img
	})
	return r
}

// themedOnPrimary recolours a theme icon for a primary background.
func themedOnPrimary(r fyne.Resource) fyne.Resource {
	return lookIcon(r, theme.ColorNameForegroundOnPrimary)
}

// lookResource is an icon coloured by the theme whose name also says which
// look (normal or high contrast) it was made for. Fyne caches rasterised
// SVGs by resource name, and the kiosk changes its theme in place rather
// than replacing it (see applySettings), so without the look in the name a
// contrast toggle would show icons in the old colours for a minute.
type lookResource struct {
	fyne.ThemedResource
	look string
}

func (r *lookResource) Name() string { return r.look + "/" + r.ThemedResource.Name() }

// lookIcon colours r with the theme colour c for the current look.
func lookIcon(r fyne.Resource, c fyne.ThemeColorName) fyne.Resource {
	look := "normal"
	if th, ok := theme.Current().(*kioskTheme); ok && th.contrast {
		look = "contrast"
	}
	return &lookResource{ThemedResource: theme.NewColoredResource(r, c), look: look}
}

var transparent = color.NRGBA{}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

func navBackIcon() fyne.Resource  { return theme.NavigateBackIcon() }
func navHomeIcon() fyne.Resource  { return theme.HomeIcon() }
func moveUpIcon() fyne.Resource   { return theme.MoveUpIcon() }
func moveDownIcon() fyne.Resource { return theme.MoveDownIcon() }

// severity picks a message's colour and icon.
type severity int

const (
	sevInfo severity = iota
	sevOK
	sevWarn
	sevBad
)

// notice is a coloured message strip.
func (k *env) notice(sev severity, msg string) fyne.CanvasObject {
	p := k.th.pal()
	switch sev {
	case sevOK:
		return banner(p.ok, "foregroundOnPrimary", theme.ConfirmIcon(), msg)
	case sevWarn:
		return banner(p.warn, "foregroundOnPrimary", theme.WarningIcon(), msg)
	case sevBad:
		return banner(p.bad, "foregroundOnPrimary", theme.ErrorIcon(), msg)
	}
	return banner(p.info, "foregroundOnPrimary", theme.InfoIcon(), msg)
}

// labelValue is "Label: value" with the label muted, wrapping as one text.
func labelValue(label, value string) fyne.CanvasObject {
	rt := widget.NewRichText(
		&widget.TextSegment{Text: label + ": ", Style: widget.RichTextStyle{Inline: true, ColorName: colorMuted}},
		&widget.TextSegment{Text: value, Style: widget.RichTextStyle{ColorName: "foreground", TextStyle: fyne.TextStyle{Bold: true}}},
	)
	rt.Wrapping = fyne.TextWrapWord
	return keepNamesIn(rt) // "UBND xã Tân Phú" stays on one line
}

// naturalWidth is the width the tile needs to show its title on one line:
// the title in bold at its size, the icon and the paddings around them.
func (t *tile) naturalWidth() float32 {
	size := t.TitleSize
	if size == "" {
		size = sizeNameHeading
	}
	w := fyne.MeasureText(t.Title, t.th.Size(size), fyne.TextStyle{Bold: true}).Width
	side := float32(20)
	if t.Compact {
		side = 4
	}
	// The renderer's padding (theme.Padding) sits around the label and
	// between the icon and the texts.
	w += 2*side + 2*theme.Padding() + 2*theme.InnerPadding() // RichText pads its text too
	switch {
	case t.Icon != nil:
		iconSide := t.th.text(56)
		if t.IconSize > 0 {
			iconSide = t.IconSize
		}
		w += iconSide + theme.Padding()
	case t.Left == nil && t.Style == tileSelected:
		w += t.th.text(32) + theme.Padding() // the tick (mark)
	}
	return w
}

// shareRow lays tiles side by side with widths after their labels: each
// gets its natural width and an equal part of what is left, so a long label
// ("Tương phản cao") reads on one line beside short ones ("English") where
// equal thirds wrapped it. When the labels do not fit at all the widths are
// in proportion to them.
type shareRow struct{}

func (shareRow) widths(objs []fyne.CanvasObject, width float32) []float32 {
	gap := theme.Padding()
	avail := width - gap*float32(len(objs)-1)
	nat := make([]float32, len(objs))
	var sum float32
	for i, o := range objs {
		if t, ok := o.(*tile); ok {
			nat[i] = t.naturalWidth()
		} else {
			nat[i] = o.MinSize().Width
		}
		sum += nat[i]
	}
	out := make([]float32, len(objs))
	longest := 0
	for i := range nat {
		if nat[i] > nat[longest] {
			longest = i
		}
	}
	rest := sum - nat[longest]
	for i := range objs {
		switch {
		case sum <= 0:
			out[i] = avail / float32(len(objs))
		case sum <= avail:
			out[i] = nat[i] + (avail-sum)/float32(len(objs))
		case avail-rest >= nat[longest]/2:
			// Too wide for one line each: the short labels keep their
			// width (a cut "English" broke inside the word) and the
			// longest wraps between its words in what is left.
			out[i] = nat[i]
			if i == longest {
				out[i] = avail - rest
			}
		default:
			out[i] = avail * nat[i] / sum
		}
	}
	return out
}

func (r shareRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	x := float32(0)
	for i, w := range r.widths(objs, size.Width) {
		objs[i].Move(fyne.NewPos(x, 0))
		objs[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

func (shareRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w += m.Width
		if i > 0 {
			w += theme.Padding()
		}
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}
