// Command cachefreeze shows, in a real Fyne window, the freeze that Fyne
// 2.7's canvas cache causes (internal/ui/cachealive.go) and that
// ui.KeepCanvasAlive prevents. TestFyneCacheFreeze runs it twice under Xvfb
// with FYNE_CACHE=15s, once with -keep-alive.
//
// It plays the kiosk's start screen: a long-lived container holding the
// screen, a hint that changes every three seconds, nothing else refreshed.
// Zero-size sentinels built with the screen tell when Fyne's cleaner has
// deleted the screen's entries: each is looked up once, one every 100 ms,
// and the first lookup that finds no canvas marks the moment. Then, like a
// tap on a start tile, the screen is swapped for a new one (and the hint
// stops); the new screen holds a raster whose generator runs when a frame
// paints it. The program prints one line, "expired=BOOL painted=BOOL", and
// exits.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/ui"
)

// nothing lays the sentinels out: they stay zero-size at the origin.
type nothing struct{}

func (nothing) Layout([]fyne.CanvasObject, fyne.Size) {}
func (nothing) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func main() {
	keep := flag.Bool("keep-alive", false, "renew the canvas entries with ui.KeepCanvasAlive")
	watchFrom := flag.Duration("watch-from", 14*time.Second, "start looking at the sentinels this long after the screen was built")
	sentinels := flag.Int("sentinels", 300, "how many sentinels (one looked up every 100 ms)")
	flag.Parse()

	a := app.New()
	w := a.NewWindow("cachefreeze")
	w.Resize(fyne.NewSize(600, 600))
	body := container.NewStack()
	w.SetContent(body)

	hint := widget.NewLabel("hint 0")
	var watch []fyne.CanvasObject
	for range *sentinels {
		watch = append(watch, canvas.NewRectangle(color.Transparent))
	}
	var labels []fyne.CanvasObject
	for i := range 20 {
		labels = append(labels, widget.NewLabel(fmt.Sprint("tile ", i)))
	}
	body.Objects = []fyne.CanvasObject{
		canvas.NewRectangle(color.White),
		container.NewVBox(append([]fyne.CanvasObject{hint}, labels...)...),
		container.New(nothing{}, watch...),
	}
	body.Refresh()
	built := time.Now()

	var swapped, painted atomic.Bool
	go func() {
		n := 0
		for range time.Tick(3 * time.Second) {
			n++
			fyne.Do(func() {
				if !swapped.Load() {
					hint.SetText(fmt.Sprint("hint ", n))
				}
			})
		}
	}()
	if *keep {
		go func() {
			for range time.Tick(time.Second) {
				fyne.Do(func() { ui.KeepCanvasAlive(w.Canvas()) })
			}
		}()
	}

	go func() {
		time.Sleep(time.Until(built.Add(*watchFrom)))
		expired := false
		for _, s := range watch {
			gone := make(chan bool)
			fyne.Do(func() { gone <- fyne.CurrentApp().Driver().CanvasForObject(s) == nil })
			if <-gone {
				expired = true
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		// The tap: a new screen in the same container, as the kiosk's
		// navigator renders one.
		fyne.Do(func() {
			swapped.Store(true)
			probe := canvas.NewRaster(func(int, int) image.Image {
				painted.Store(true)
				return image.NewNRGBA(image.Rect(0, 0, 1, 1))
			})
			body.Objects = []fyne.CanvasObject{canvas.NewRectangle(color.NRGBA{R: 0xC0, A: 0xFF}), probe}
			body.Refresh()
		})
		time.Sleep(3 * time.Second)
		fmt.Printf("expired=%v painted=%v\n", expired, painted.Load())
		os.Exit(0)
	}()
	w.ShowAndRun()
}
