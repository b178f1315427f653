package ui

import (
	"strings"

	"fyne.io/fyne/v2"
)

// The kiosk's own icons, for what Fyne's set has no clear picture of. They
// are Material Design icons (the family Fyne's own icons come from, Apache
// 2.0), one colour, 24×24, so lookIcon colours them like the theme's icons.
var (
	// backspaceIcon is the one "delete the last character" key, on every
	// keyboard and keypad.
	backspaceIcon = svgIcon("backspace", `<path d="M22 3H7c-.69 0-1.23.35-1.59.88L0 12l5.41 8.11c.36.53.9.89 1.59.89h15c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm-3 12.59L17.59 17 14 13.41 10.41 17 9 15.59 12.59 12 9 8.41 10.41 7 14 10.59 17.59 7 19 8.41 15.41 12 19 15.59z"/>`)
	// contrastIcon is a half-filled circle, the usual sign for contrast.
	contrastIcon = svgIcon("contrast", `<path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18V4c4.41 0 8 3.59 8 8s-3.59 8-8 8z"/>`)
	// keyboardIcon stands for "type it instead".
	keyboardIcon = svgIcon("keyboard", `<path d="M20 5H4c-1.1 0-1.99.9-1.99 2L2 17c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2zm-9 3h2v2h-2V8zm0 3h2v2h-2v-2zM8 8h2v2H8V8zm0 3h2v2H8v-2zm-1 2H5v-2h2v2zm0-3H5V8h2v2zm9 7H8v-2h8v2zm0-4h-2v-2h2v2zm0-3h-2V8h2v2zm3 3h-2v-2h2v2zm0-3h-2V8h2v2z"/>`)
	// smileIcon is "rate the service" beside the other one-colour icons of
	// the start screen (the coloured faces stay on the rating screen).
	smileIcon = svgIcon("smile", `<path d="M11.99 2C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2zM12 20c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8zm3.5-9c.83 0 1.5-.67 1.5-1.5S16.33 8 15.5 8 14 8.67 14 9.5s.67 1.5 1.5 1.5zm-7 0c.83 0 1.5-.67 1.5-1.5S9.33 8 8.5 8 7 8.67 7 9.5 7.67 11 8.5 11zm3.5 6.5c2.33 0 4.31-1.46 5.11-3.5H6.89c.8 2.04 2.78 3.5 5.11 3.5z"/>`)
)

func svgIcon(name, body string) fyne.Resource {
	return fyne.NewStaticResource("kiosk-"+name+".svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">`+
			strings.ReplaceAll(body, "<path ", `<path fill="#000000" `)+`</svg>`))
}
