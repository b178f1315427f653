package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// The scan prompt shows where to hold the appointment slip: a drawing of the
// slip with its QR code over the scanner below the screen, three numbered
// steps, and "type the code" as the screen's one button. It had one small
// QR picture and about 750 px of empty screen in portrait (issue 19, item 14).

// scanLineStep is how often the scan line moves.
const scanLineStep = 250 * time.Millisecond

// scanSweeps is how many sweeps the line makes before it rests at the top
// of the code: enough to catch the eye of someone arriving, then nothing
// more to repaint while the screen waits.
const scanSweeps = 6

// scanSteps are the numbered steps under the drawing.
var scanSteps = []string{"layouts.scan.step1", "layouts.scan.step2", "layouts.scan.step3"}

// buildScanPrompt is the prompt without the code pad.
func (s *dossierScreen) buildScanPrompt(k *env, msg fyne.CanvasObject) fyne.CanvasObject {
	title := richText(k.t("dossier.scan"), sizeNameTitle, "primary", true, fyne.TextAlignCenter)
	typeT := k.tile(k.t("dossier.type"), tilePrimary, func() { s.typing = true; k.render() })
	if !k.th.large && k.portrait { // elsewhere the drawing needs the room
		typeT.Subtitle = k.t("layouts.scan.type.sub")
	}
	typeT.Icon = keyboardIcon
	typeT.Wrap = true
	typeT.TitleSize = sizeNameHeading
	typeT.MinHeight = 150
	steps := scanStepList(k)
	if !k.portrait {
		// Landscape: the drawing on the left under the title, the steps
		// and the button in a column on the right.
		side := container.New(&fixedWidth{w: 760}, container.NewVBox(layout.NewSpacer(), steps, layout.NewSpacer(), typeT, layout.NewSpacer()))
		return container.NewBorder(msg, nil, nil, side, container.NewBorder(title, nil, nil, nil,
			container.New(layout.NewCustomPaddedLayout(12, 12, 0, 20), s.scanDrawing(k))))
	}
	// Portrait: the drawing takes the room the steps and the button leave.
	return container.NewBorder(container.NewVBox(msg, title),
		container.NewVBox(container.New(layout.NewCustomPaddedLayout(16, 0, 0, 0), steps), container.New(layout.NewCustomPaddedLayout(16, 0, 0, 0), typeT)),
		nil, nil, container.New(layout.NewCustomPaddedLayout(12, 0, 0, 0), s.scanDrawing(k)))
}

// scanStepList is the steps, each with its number in a circle.
func scanStepList(k *env) fyne.CanvasObject {
	p := k.th.pal()
	box := container.NewVBox()
	size := sizeNameHeading
	if k.th.large || !k.portrait {
		size = "" // large body text is as large as normal headings
	}
	for i, id := range scanSteps {
		circle := canvas.NewCircle(p.primary)
		num := richText(strconv.Itoa(i+1), sizeNameHeading, "foregroundOnPrimary", true, fyne.TextAlignCenter)
		num.Wrapping = fyne.TextWrapOff
		m := num.MinSize()
		d := max(k.th.text(52), m.Width, m.Height) // a circle, not an oval around the digit's box
		holder := canvas.NewRectangle(color.Transparent)
		holder.SetMinSize(fyne.NewSquareSize(d))
		badge := container.NewVBox(container.NewStack(holder, circle, container.NewCenter(num)), layout.NewSpacer())
		row := container.NewBorder(nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, 0, 12), badge), nil,
			richText(k.t(id), size, "foreground", false, fyne.TextAlignLeading))
		box.Add(container.New(layout.NewCustomPaddedLayout(6, 6, 0, 0), row))
	}
	return card(k.th, box)
}

// scanArt lays the drawing's parts out in its own 460×620 units, scaled to
// the room the screen leaves it (the steps and the button take theirs
// first), centred; the scan line's place is a fraction of the code's height.
type scanArt struct {
	parts []artPart
	line  *canvas.Rectangle
	lineF float32
	scale float32
	at    fyne.Position
}

type artPart struct {
	o          fyne.CanvasObject
	x, y, w, h float32
	radius     float32
}

const (
	artW, artH               = 460, 620
	qrSize, qrX, qrY         = 220, 120, 104
	lineH                    = 7
	artMinScale      float32 = 0.35
)

func (a *scanArt) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(artW*artMinScale, artH*artMinScale)
}

func (a *scanArt) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	a.scale = min(size.Width/artW, size.Height/artH, 1.2)
	a.at = fyne.NewPos((size.Width-artW*a.scale)/2, (size.Height-artH*a.scale)/2)
	for _, p := range a.parts {
		p.o.Move(a.pos(p.x, p.y))
		p.o.Resize(fyne.NewSize(p.w*a.scale, p.h*a.scale))
		switch r := p.o.(type) {
		case *canvas.Rectangle:
			r.CornerRadius = p.radius * a.scale
			if r.StrokeWidth > 0 {
				r.StrokeWidth = 3 * a.scale
			}
		}
	}
	a.placeLine()
}

func (a *scanArt) pos(x, y float32) fyne.Position {
	return a.at.Add(fyne.NewPos(x*a.scale, y*a.scale))
}

func (a *scanArt) placeLine() {
	a.line.Move(a.pos(qrX-16, qrY+a.lineF*(qrSize-lineH)))
}

// scanDrawing is the slip with its QR code held over the scanner, with a
// scan line sweeping over the code.
func (s *dossierScreen) scanDrawing(k *env) fyne.CanvasObject {
	p := k.th.pal()
	art := &scanArt{}
	add := func(o fyne.CanvasObject, x, y, w, h, radius float32) {
		art.parts = append(art.parts, artPart{o, x, y, w, h, radius})
	}
	rect := func(c color.Color, x, y, w, h, radius float32) *canvas.Rectangle {
		r := canvas.NewRectangle(c)
		add(r, x, y, w, h, radius)
		return r
	}
	// The slip: a sheet with printed lines and its QR code.
	slip := rect(p.surface, 70, 0, 320, 420, 10)
	slip.StrokeColor, slip.StrokeWidth = p.border, 3
	for i, w := range []float32{200, 250, 170} {
		rect(p.border, 230-w/2, 26+float32(i)*22, w, 10, 5)
	}
	add(qrImage("KIOSK-SCAN-DEMO", qrSize), qrX, qrY, qrSize, qrSize, 0)
	for i, w := range []float32{230, 190} {
		rect(p.border, 230-w/2, 348+float32(i)*22, w, 10, 5)
	}
	// The arrow down to the scanner, and the scanner with its red window.
	arrow := canvas.NewImageFromResource(lookIcon(theme.MoveDownIcon(), theme.ColorNamePrimary))
	arrow.FillMode = canvas.ImageFillContain
	add(arrow, 190, 428, 80, 80, 0)
	rect(p.text, 40, 516, 380, 104, 22)
	rect(p.accent, 110, 540, 240, 14, 7)
	rect(p.muted, 150, 576, 160, 10, 5)
	art.line = rect(p.accent, qrX-16, qrY, qrSize+32, lineH, 3)

	objs := make([]fyne.CanvasObject, len(art.parts))
	for i, pt := range art.parts {
		objs[i] = pt.o
	}
	drawing := container.New(art, objs...)
	label := richText(k.t("layouts.scan.here"), sizeNameHeading, "primary", true, fyne.TextAlignCenter)
	label.Wrapping = fyne.TextWrapOff

	// The line moves four times a second, not at every frame, and rests
	// after a few sweeps: each move repaints the whole window, and the
	// sweep cost 83 % of a core under software GL (issue 19, item 14;
	// measured on this build machine under load: one move a second 6 %,
	// ten 29 %, every frame the same as ten: the frames were CPU-bound).
	var last time.Time
	s.anim = fyne.NewAnimation(1800*time.Millisecond, func(f float32) {
		if now := time.Now(); now.Sub(last) >= scanLineStep || f == 0 || f == 1 {
			last = now
			art.lineF = f
			art.placeLine()
			art.line.Refresh()
		}
	})
	s.anim.AutoReverse = true
	s.anim.RepeatCount = scanSweeps
	s.anim.Curve = fyne.AnimationEaseInOut
	s.anim.Start()
	return container.NewBorder(nil, label, nil, nil, drawing)
}
