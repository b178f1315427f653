// Command emptywindow is the baseline of the kiosk's start-up and memory
// figures (make bench-compare, docs/performance.md): the smallest Fyne program
// built from the same module, with the same Fyne version and drivers, one
// label in a window of the kiosk's portrait size. It reports "ready" the way
// cmd/kiosk does: on the first UI-goroutine callback after the window is
// shown. It is a measuring tool, not part of the product.
//
//	go run ./internal/ui/emptywindow -exit-after-ready
package main

import (
	"flag"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	started := time.Now()
	exitAfterReady := flag.Bool("exit-after-ready", false, "exit as soon as the window is shown")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	a := app.NewWithID("vn.gov.kiosk.emptywindow")
	w := a.NewWindow("empty")
	w.SetContent(widget.NewLabel("Trung tâm Phục vụ hành chính công"))
	w.Resize(fyne.NewSize(1080, 1920))
	w.Show()
	go fyne.Do(func() {
		log.Info("ready", "startup_ms", time.Since(started).Milliseconds())
		if *exitAfterReady {
			a.Quit()
		}
	})
	a.Run()
}
