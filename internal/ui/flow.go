package ui

import "fyne.io/fyne/v2"

// flowLayout puts its objects in rows at their one-line widths, as many to
// a row as fit, and stretches each row to the full width: chips ("Một phần
// trên mạng") stay on one line in large text and in a narrow landscape
// column instead of wrapping to three lines in a fixed grid.
//
// Its height depends on its width, which Fyne's MinSize cannot ask for, so
// the layout keeps the width it was last laid out at in *width (the screen
// keeps it across rebuilds) and measures its rows at that width.
type flowLayout struct {
	gap   float32
	width *float32
}

func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	var used float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if len(row) > 0 && used+f.gap+w > width {
			rows = append(rows, row)
			row, used = nil, 0
		}
		if len(row) > 0 {
			used += f.gap
		}
		row = append(row, o)
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	*f.width = size.Width
	y := float32(0)
	for _, row := range f.rows(objs, size.Width) {
		var need, h float32
		for _, o := range row {
			need += o.MinSize().Width
			h = max(h, o.MinSize().Height)
		}
		// Share the spare width out evenly so the row ends flush.
		spare := (size.Width - need - f.gap*float32(len(row)-1)) / float32(len(row))
		x := float32(0)
		for _, o := range row {
			w := o.MinSize().Width + max(spare, 0)
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(w, h))
			x += w + f.gap
		}
		y += h + f.gap
	}
}

// MinSize is the rows' height at the width last laid out.
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s.Width = max(s.Width, o.MinSize().Width)
		}
	}
	rows := f.rows(objs, max(*f.width, s.Width))
	for _, row := range rows {
		var h float32
		for _, o := range row {
			h = max(h, o.MinSize().Height)
		}
		s.Height += h
	}
	if len(rows) > 1 {
		s.Height += f.gap * float32(len(rows)-1)
	}
	return s
}
