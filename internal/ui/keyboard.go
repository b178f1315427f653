package ui

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// kbMode is a keyboard layout.
type kbMode int

const (
	kbTelex  kbMode = iota // Vietnamese: ă â đ ê ô ơ ư and tone keys on the keyboard, and Telex for those who type it
	kbPlain                // letters without composition (codes, names in English)
	kbDigits               // digits and punctuation
	kbCode                 // dossier-code pad: digits . - and the letters codes use
)

// inputField shows what the citizen typed, with a caret and a placeholder. It
// is not a Fyne Entry: text only comes from the on-screen keyboard (and, where
// a screen allows, a physical keyboard), so no desktop IME or focus rules get
// in the way.
type inputField struct {
	Value       string
	Placeholder string
	MaxLen      int
	OnChanged   func(string)
	// Upper turns typed letters into capitals (codes).
	Upper bool
	// Masked shows dots instead of what was typed, the last character
	// visible for a moment as phones do with passwords (ID numbers: a
	// stranger behind the citizen must not read them).
	Masked bool
	reveal bool        // the last character is shown
	hide   func() bool // stops the pending hide

	text *widget.RichText
	bg   *canvas.Rectangle
	ime  composer
}

func (f *inputField) set(v string) {
	if f.MaxLen > 0 && len([]rune(v)) > f.MaxLen {
		return
	}
	f.Value = v
	f.refresh()
	if f.OnChanged != nil {
		f.OnChanged(v)
	}
}

func (f *inputField) refresh() {
	if f.text == nil {
		return
	}
	seg := f.text.Segments[0].(*widget.TextSegment)
	if f.Value == "" {
		seg.Text = f.Placeholder
		seg.Style.ColorName = colorMuted
	} else {
		seg.Text = f.shown() + "▏"
		seg.Style.ColorName = "foreground"
	}
	f.text.Refresh()
}

// shown is the value as drawn: masked but for a just-typed last character.
func (f *inputField) shown() string {
	if !f.Masked {
		return f.Value
	}
	r := []rune(f.Value)
	if f.reveal && len(r) > 0 {
		return strings.Repeat("•", len(r)-1) + string(r[len(r)-1])
	}
	return strings.Repeat("•", len(r))
}

// revealFor shows a masked field's last character, hidden again after d
// (k.after, so tests fire it by hand).
func (f *inputField) revealFor(k *env, d time.Duration) {
	if !f.Masked {
		return
	}
	if f.hide != nil {
		f.hide()
	}
	f.reveal = true
	f.refresh()
	f.hide = k.later(d, func() {
		fyne.Do(func() {
			f.reveal, f.hide = false, nil
			f.refresh()
		})
	})
}

// view builds the field's widgets.
func (f *inputField) view(k *env) fyne.CanvasObject {
	p := k.th.pal()
	f.bg = canvas.NewRectangle(p.surface)
	f.bg.CornerRadius = 12
	f.bg.StrokeColor = p.primary
	f.bg.StrokeWidth = 3
	f.text = richText("", sizeNameHeading, "foreground", true, fyne.TextAlignLeading)
	f.refresh()
	clear := k.tile("", tileQuiet, func() { f.set("") })
	clear.Icon = theme.ContentClearIcon()
	clear.Center = true
	clear.MinHeight = 80
	return container.NewStack(f.bg, container.New(layout.NewCustomPaddedLayout(6, 6, 18, 6),
		container.NewBorder(nil, nil, nil, clear, container.NewVBox(layout.NewSpacer(), f.text, layout.NewSpacer()))))
}

// typeRune adds one character, with Telex composition if asked.
func (f *inputField) typeRune(r rune, telex bool) {
	if f.Upper {
		r = unicode.ToUpper(r)
	}
	f.set(f.ime.Type(f.Value, r, telex))
}

func (f *inputField) backspace() {
	f.reveal = false // a deleted digit is not replaced by showing the one before
	f.set(f.ime.Backspace(f.Value))
}

// revealTime is how long a masked field shows the character just typed.
const revealTime = 1500 * time.Millisecond

// keyboard is the on-screen keyboard bound to one field.
type keyboard struct {
	k      *env
	field  *inputField
	mode   kbMode
	modes  []kbMode // layouts the switch key cycles through
	shift  bool
	OnDone func()
	// doneLabel is the message id of the Enter key.
	doneLabel string

	box  *fyne.Container
	keys map[string]*tile // by label, for tests
}

func newKeyboard(k *env, f *inputField, modes []kbMode, doneLabel string, done func()) *keyboard {
	if k.lang == "en" && len(modes) == 2 && modes[0] == kbTelex {
		// In English the letters are plain ("birth" stays "birth"); the
		// Vietnamese layout is one tap away.
		modes = []kbMode{kbPlain, kbTelex}
	}
	kb := &keyboard{k: k, field: f, mode: modes[0], modes: modes, OnDone: done, doneLabel: doneLabel}
	kb.box = container.NewVBox()
	kb.rebuild()
	return kb
}

func (kb *keyboard) view() fyne.CanvasObject { return kb.box }

// press is what tapping a key does; tests call it through the key tiles.
func (kb *keyboard) press(label string) {
	switch label {
	case "⌫":
		kb.field.backspace()
	case "␣":
		kb.field.typeRune(' ', false)
	case "⇧":
		kb.shift = !kb.shift
		kb.rebuild()
	default:
		r := []rune(label)
		if len(r) != 1 {
			return
		}
		kb.typeKey(r[0])
	}
}

// typeKey types one character or tone mark into the field.
func (kb *keyboard) typeKey(r rune) {
	kb.field.typeRune(r, kb.mode == kbTelex)
	kb.field.revealFor(kb.k, revealTime)
	if kb.shift {
		kb.shift = false
		kb.rebuild()
	}
}

// toneKeys are the Vietnamese layout's tone row: the message id of each key
// and the combining mark it sends.
var toneKeys = []struct {
	id   string
	mark rune
}{
	{"kb.tone.acute", markAcute}, {"kb.tone.grave", markGrave}, {"kb.tone.hook", markHook},
	{"kb.tone.tilde", markTilde}, {"kb.tone.dot", markDot},
}

func (kb *keyboard) setMode(m kbMode) {
	kb.mode = m
	kb.shift = false
	kb.rebuild()
}

func (kb *keyboard) rebuild() {
	k := kb.k
	kb.keys = map[string]*tile{}
	key := func(label string) fyne.CanvasObject {
		shown := label
		if kb.shift {
			shown = strings.ToUpper(label)
		}
		t := k.tile(shown, tileSurface, func() { kb.press(shown) })
		t.Center = true
		t.MinHeight = 92
		t.MinWidth = 60 // ten keys must fit a 1080 px portrait screen
		t.TitleSize = sizeNameTitle
		if k.th.large {
			// A single letter is large enough at heading size; the rows
			// keep their height for the results above (issue 19, item 4).
			t.TitleSize = sizeNameHeading
		}
		t.Compact = true
		kb.keys[shown] = t
		return t
	}
	row := func(labels string) fyne.CanvasObject {
		var objs []fyne.CanvasObject
		for _, r := range labels {
			objs = append(objs, key(string(r)))
		}
		return container.NewGridWithColumns(len(objs), objs...)
	}
	special := func(id string, style tileStyle, f func()) *tile {
		t := k.tile(k.t(id), style, f)
		t.Center = true
		t.MinHeight = 92
		t.TitleSize = ""
		if k.th.large {
			// Body size reads "Hide keyboard" on one line: in heading
			// size it took two and made the row taller than the letters'.
			t.TitleSize = theme.SizeNameText
		}
		t.Compact = true
		t.Wrap = true // should a label still not fit: two lines, not cut
		kb.keys[id] = t
		return t
	}
	back := k.tile("", tileQuiet, func() { kb.press("⌫") })
	back.Icon = backspaceIcon
	back.Center = true
	back.MinHeight = 92
	back.Compact = true
	kb.keys["⌫"] = back
	var done fyne.CanvasObject = layout.NewSpacer()
	if kb.OnDone != nil {
		done = special(kb.doneLabel, tilePrimary, func() { kb.OnDone() })
	}

	var rows []fyne.CanvasObject
	switch kb.mode {
	case kbTelex, kbPlain:
		if kb.mode == kbTelex {
			var tones []fyne.CanvasObject
			for _, tk := range toneKeys {
				mark := tk.mark
				t := special(tk.id, tileSurface, func() { kb.typeKey(mark) })
				tones = append(tones, t)
			}
			if k.portrait && !k.th.large {
				rows = append(rows, row("ăâđêôơư"), container.NewGridWithColumns(len(tones), tones...))
			} else {
				// A landscape screen has no height for two more rows, nor
				// a portrait one in large text (the results above had one
				// and a half rows' room; issue 19, item 4): the marked
				// letters and the tones share one, the tone keys showing
				// their sample letter only, in the quiet style.
				size := sizeNameTitle
				if k.th.large {
					size = sizeNameHeading
				}
				for _, t := range tones {
					t.(*tile).Title = strings.Fields(t.(*tile).Title)[0]
					t.(*tile).TitleSize = size
					t.(*tile).Style = tileQuiet
				}
				letters := row("ăâđêôơư").(*fyne.Container).Objects
				rows = append(rows, container.NewGridWithColumns(len(letters)+len(tones), append(letters, tones...)...))
			}
		} else {
			rows = append(rows, row("1234567890"))
		}
		rows = append(rows,
			row("qwertyuiop"),
			// Rows keep the keys of a row of ten in width: a half key either
			// side of "asdfghjkl", Shift and backspace a key and a half each.
			container.New(&keyRowLayout{weights: []float32{0.5, 9, 0.5}}, layout.NewSpacer(), row("asdfghjkl"), layout.NewSpacer()),
			container.New(&keyRowLayout{weights: []float32{1.5, 7, 1.5}}, kb.shiftKey(), row("zxcvbnm"), back),
		)
		switchTo := kbPlain
		label := "kb.telex.on"
		if kb.mode == kbPlain {
			switchTo, label = kbTelex, "kb.telex.off"
		}
		space := special("kb.space", tileSurface, func() { kb.press("␣") })
		bottom := []fyne.CanvasObject{special(label, tileQuiet, func() { kb.setMode(switchTo) }), space, done}
		rows = append(rows, container.NewGridWithColumns(3, bottom...))
	case kbDigits:
		rows = append(rows, row("123"), row("456"), row("789"),
			container.NewGridWithColumns(3, back, key("0"), done))
	case kbCode:
		// 1-2-3 on top, like the ID-number pad, the staff PIN pad and
		// phones: one keypad order everywhere.
		rows = append(rows,
			row("123.HX"),
			row("456-TP"),
			container.NewGridWithColumns(2, row("789"), row("0")),
		)
		more := special("kb.letters", tileQuiet, func() { kb.setMode(kbPlain) })
		if len(kb.modes) < 2 {
			more.Hide()
		}
		rows = append(rows, container.NewGridWithColumns(3, more, back, done))
	}
	if kb.mode == kbPlain && len(kb.modes) > 1 && kb.modes[0] == kbCode {
		// A code field's letters layout goes back to the pad.
		last := rows[len(rows)-1].(*fyne.Container)
		last.Objects[0] = special("kb.pad", tileQuiet, func() { kb.setMode(kbCode) })
	}
	kb.box.Objects = rows
	kb.box.Refresh()
}

// withKeyboard places a keyboard under the screen's content in portrait and
// beside it in landscape, where a keyboard under the content would leave no
// room for it.
func (k *env) withKeyboard(main, kb fyne.CanvasObject) fyne.CanvasObject {
	if kb == nil {
		return main
	}
	// The keyboard stands on the page's colour: the list under it must not
	// show through the gaps between its keys.
	kb = container.NewStack(canvas.NewRectangle(k.th.pal().bg), kb)
	if k.portrait {
		// No margin of its own above the keyboard: the border's padding
		// separates it, and each pixel is for the results above.
		return container.NewBorder(nil, kb, nil, nil, main)
	}
	side := container.New(&fixedWidth{w: 880}, container.NewVBox(layout.NewSpacer(), kb))
	return container.NewBorder(nil, nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, 20, 0), side), main)
}

// keyRowLayout places objects side by side with widths in proportion to
// weights, so that keys line up with a row of ten whatever the window width.
type keyRowLayout struct{ weights []float32 }

func (l *keyRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding()
	var total float32
	for _, w := range l.weights {
		total += w
	}
	unit := (size.Width - gap*float32(len(objs)-1)) / total
	x := float32(0)
	for i, o := range objs {
		w := unit * l.weights[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + gap
	}
}

func (l *keyRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

// shiftKey is the capitals key: an upward arrow, as on phones, filled in
// while it is on.
func (kb *keyboard) shiftKey() *tile {
	st := tileQuiet
	if kb.shift {
		st = tileSelected
	}
	t := kb.k.tile("", st, func() { kb.press("⇧") })
	t.Icon = theme.MoveUpIcon()
	t.Center = true
	t.MinHeight = 92
	t.Compact = true
	kb.keys["kb.shift"] = t
	return t
}

// later runs f after d through the runner's timer (which tests fire by
// hand), or time.AfterFunc; it returns a stop function.
func (k *env) later(d time.Duration, f func()) func() bool {
	if r, ok := k.worker.(*runner); ok && r.after != nil {
		return r.after(d, f)
	}
	return time.AfterFunc(d, f).Stop
}
