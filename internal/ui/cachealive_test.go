package ui

import (
	"os"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The renewal links to a Fyne-internal walker by name and works around a
// bug of one release: moving go.mod to another Fyne must bring a look at
// both (is the walker's signature the same; does the release still need the
// renewal — TestFyneCacheFreeze in internal/e2e says), and then this
// constant moves too.
func TestFyneVersionIsTheOneCacheAliveWasCheckedAgainst(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*fyne\.io/fyne/v2 (v\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require fyne.io/fyne/v2")
	}
	if got := string(m[1]); got != fyneCacheFixedFor {
		t.Fatalf("go.mod requires Fyne %s, cachealive.go was checked against %s: check the walker's signature and whether the release still loses canvas entries, then update fyneCacheFixedFor", got, fyneCacheFixedFor)
	}
	if !cacheAliveApplies {
		t.Fatalf("the test binary's build info says Fyne %q: the renewal would not run", fyneVersion())
	}
}

// KeepCanvasAlive reaches every object in the content and the overlays,
// through containers and into rendered widgets.
func TestKeepCanvasAliveWalksContentAndOverlays(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	w := a.NewWindow("")
	label := widget.NewLabel("x")
	rect := canvas.NewRectangle(nil)
	w.SetContent(container.NewVBox(label, container.NewStack(rect)))
	over := canvas.NewRectangle(nil)
	w.Canvas().Overlays().Add(container.NewStack(over))
	w.Resize(fyne.NewSize(200, 200))

	seen := map[fyne.CanvasObject]bool{}
	n := 0
	for _, tree := range append([]fyne.CanvasObject{w.Canvas().Content()}, w.Canvas().Overlays().List()...) {
		walkCompleteObjectTree(tree, func(o fyne.CanvasObject, _, _ fyne.Position, _ fyne.Size) bool {
			seen[o] = true
			n++
			return false
		}, nil)
	}
	for name, o := range map[string]fyne.CanvasObject{"label": label, "rectangle": rect, "overlay": over} {
		if !seen[o] {
			t.Errorf("the walk missed the %s", name)
		}
	}
	if got := KeepCanvasAlive(w.Canvas()); got != n {
		t.Errorf("KeepCanvasAlive renewed %d objects, the trees hold %d", got, n)
	}
	if KeepCanvasAlive(nil) != 0 {
		t.Error("a nil canvas renews nothing")
	}
}
