package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Sizes are in Fyne units; at a 1080p kiosk screen one unit is one pixel, and
// a 15 mm touch target is about 90 units.
const (
	touchTarget = 96
	textBody    = 28
	textSmall   = 22
	textTitle   = 40
	textHeading = 34
	textHuge    = 140
)

// Theme size names the screens use for RichText segments.
const (
	sizeNameTitle   fyne.ThemeSizeName = "kioskTitle"
	sizeNameHeading fyne.ThemeSizeName = "kioskHeading"
	sizeNameSmall   fyne.ThemeSizeName = "kioskSmall"
	sizeNameHuge    fyne.ThemeSizeName = "kioskHuge"
)

// Theme colour names for status colours, so RichText can use them.
const (
	colorOK        fyne.ThemeColorName = "kioskOK"
	colorInfo      fyne.ThemeColorName = "kioskInfo"
	colorWarn      fyne.ThemeColorName = "kioskWarn"
	colorBad       fyne.ThemeColorName = "kioskBad"
	colorMuted     fyne.ThemeColorName = "kioskMuted"
	colorNeutral   fyne.ThemeColorName = "kioskNeutral"
	colorHighlight fyne.ThemeColorName = "kioskHighlight"
)

// The screens use Fyne's own Noto Sans resources, the very bytes of
// assets.NotoSansRegular and NotoSansBold (which the receipts use; a test
// keeps them equal): Fyne parses a style's theme font and its built-in
// fallback once each unless they are the same resource, and a second copy
// of the same font costs a few megabytes of heap per style for nothing.
var (
	fontRegular = theme.DefaultTextFont()
	fontBold    = theme.DefaultTextBoldFont()
)

// palette is the kiosk's colours. The normal one is calm (white, deep blue);
// the high-contrast one is black, white and yellow.
type palette struct {
	bg, surface, text, muted, primary, onPrimary, accent, border color.NRGBA
	ok, info, warn, bad, neutral                                 color.NRGBA
	highlight                                                    color.NRGBA
}

var normalPalette = palette{
	bg:        rgb(0xF4, 0xF6, 0xFA),
	surface:   rgb(0xFF, 0xFF, 0xFF),
	text:      rgb(0x16, 0x1B, 0x26),
	muted:     rgb(0x4A, 0x55, 0x68),
	primary:   rgb(0x0B, 0x4F, 0x9C),
	onPrimary: rgb(0xFF, 0xFF, 0xFF),
	accent:    rgb(0xC6, 0x28, 0x28),
	border:    rgb(0xD5, 0xDB, 0xE5),
	ok:        rgb(0x1B, 0x7A, 0x3A),
	info:      rgb(0x0B, 0x4F, 0x9C),
	warn:      rgb(0xB2, 0x5E, 0x00),
	bad:       rgb(0xB3, 0x1B, 0x1B),
	neutral:   rgb(0x5F, 0x66, 0x73),
	highlight: rgb(0xFF, 0xE0, 0x82),
}

var contrastPalette = palette{
	bg:        rgb(0x00, 0x00, 0x00),
	surface:   rgb(0x12, 0x12, 0x12),
	text:      rgb(0xFF, 0xFF, 0xFF),
	muted:     rgb(0xE6, 0xE6, 0xE6),
	primary:   rgb(0xFF, 0xD6, 0x00),
	onPrimary: rgb(0x00, 0x00, 0x00),
	accent:    rgb(0xFF, 0x8A, 0x80),
	border:    rgb(0xFF, 0xFF, 0xFF),
	ok:        rgb(0x69, 0xF0, 0xAE),
	info:      rgb(0x80, 0xD8, 0xFF),
	warn:      rgb(0xFF, 0xD6, 0x00),
	bad:       rgb(0xFF, 0x8A, 0x80),
	neutral:   rgb(0xE0, 0xE0, 0xE0),
	highlight: rgb(0xFF, 0xD6, 0x00),
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xFF} }

// kioskTheme is the Fyne theme: Noto Sans for every Vietnamese letter, large
// text, and the two palettes. Large-text mode scales all text by 1.3.
type kioskTheme struct {
	large    bool
	contrast bool
}

var _ fyne.Theme = (*kioskTheme)(nil)

func (t *kioskTheme) pal() palette {
	if t.contrast {
		return contrastPalette
	}
	return normalPalette
}

func (t *kioskTheme) scale() float32 {
	if t.large {
		return 1.3
	}
	return 1
}

// text returns a text size scaled for large-text mode.
func (t *kioskTheme) text(size float32) float32 { return size * t.scale() }

func (t *kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	p := t.pal()
	switch n {
	case theme.ColorNameBackground:
		return p.bg
	case theme.ColorNameForeground:
		return p.text
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return p.primary
	case theme.ColorNameForegroundOnPrimary:
		return p.onPrimary
	case theme.ColorNameButton, theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground:
		return p.surface
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return p.muted
	case theme.ColorNameSeparator, theme.ColorNameInputBorder, theme.ColorNameDisabledButton:
		return p.border
	case theme.ColorNameError:
		return p.bad
	case theme.ColorNameSuccess:
		return p.ok
	case theme.ColorNameWarning:
		return p.warn
	case theme.ColorNameSelection:
		return p.highlight
	case theme.ColorNameHover, theme.ColorNamePressed:
		return color.NRGBA{R: p.primary.R, G: p.primary.G, B: p.primary.B, A: 0x30}
	case colorOK:
		return p.ok
	case colorInfo:
		return p.info
	case colorWarn:
		return p.warn
	case colorBad:
		return p.bad
	case colorMuted:
		return p.muted
	case colorNeutral:
		return p.neutral
	case colorHighlight:
		return p.highlight
	case theme.ColorNameShadow:
		return color.NRGBA{A: 0x30}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *kioskTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

func (t *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return t.text(textBody)
	case theme.SizeNameHeadingText, sizeNameTitle:
		return t.text(textTitle)
	case theme.SizeNameSubHeadingText, sizeNameHeading:
		return t.text(textHeading)
	case theme.SizeNameCaptionText, sizeNameSmall:
		return t.text(textSmall)
	case sizeNameHuge:
		return t.text(textHuge)
	case theme.SizeNamePadding:
		return 10
	case theme.SizeNameInnerPadding:
		return 16
	case theme.SizeNameLineSpacing:
		return 6
	case theme.SizeNameInlineIcon:
		return 40
	case theme.SizeNameScrollBar:
		return 14
	case theme.SizeNameScrollBarSmall:
		return 6
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 12
	}
	return theme.DefaultTheme().Size(n)
}
