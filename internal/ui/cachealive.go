package ui

import (
	"os"
	"runtime/debug"
	"time"
	_ "unsafe" // go:linkname, below

	"fyne.io/fyne/v2"
)

// Fyne 2.7 forgets which canvas an object on screen belongs to (issue 19,
// item 1: the start screen stayed on show, taps did nothing and the rotating
// hint stood still while Fyne's loop was idle).
//
// Fyne keeps a cache from each object to its canvas; canvas.Refresh(obj) and
// container.Refresh look the canvas up there and only then mark the window
// for repainting. Entries expire one minute (FYNE_CACHE) after they were last
// looked up, and the cache cleaner deletes expired entries after a frame that
// repainted something. Repainting does not renew an entry: the repaint walk
// stores an object with LoadOrStore, which leaves an existing entry as it
// was (fixed upstream in fyne-io/fyne#6452, not in a release we can use).
// Fyne renews entries itself only in a window that has not been repainted for
// 50 s, and the start screen repaints every few seconds (the hint, the input
// probe). So a minute after a screen was built its objects lose their
// entries; the next repaint stores them again. A tap between the two goes
// unseen: the navigator swaps the screen and refreshes its container, the
// lookup fails, nothing marks the window dirty, the new screen's objects are
// never painted and so never get entries, and every later refresh fails the
// same way. The window is frozen on the old screen until something Fyne
// repaints for its own reasons (TestFyneCacheFreeze in internal/e2e shows it
// against a real window).
//
// KeepCanvasAlive renews the entries of every object in the window's trees
// more often than they expire, which is what the upstream fix does on every
// repaint. It walks the trees with Fyne's own walker, the one the cleaner's
// renewal uses; the walker is in an internal package, hence the linkname.

//go:linkname walkCompleteObjectTree fyne.io/fyne/v2/internal/driver.WalkCompleteObjectTree
func walkCompleteObjectTree(
	obj fyne.CanvasObject,
	beforeChildren func(fyne.CanvasObject, fyne.Position, fyne.Position, fyne.Size) bool,
	afterChildren func(fyne.CanvasObject, fyne.Position, fyne.CanvasObject),
) bool

// fyneCacheFixedFor is the Fyne release KeepCanvasAlive was written and
// checked against: the walker's signature above must match it, and a
// release with the upstream fix no longer needs the renewal.
// TestFyneVersionIsTheOneCacheAliveWasCheckedAgainst fails when go.mod
// moves to another release.
const fyneCacheFixedFor = "v2.7.1"

// cacheAliveEvery is how often the entries are renewed: a quarter of Fyne's
// cache lifetime, which FYNE_CACHE sets as Fyne reads it.
func cacheAliveEvery() time.Duration {
	valid := time.Minute
	if d, err := time.ParseDuration(os.Getenv("FYNE_CACHE")); err == nil && d > 0 {
		valid = d
	}
	return max(valid/4, 250*time.Millisecond)
}

// fyneVersion is the Fyne module version this binary was built with, "" if
// the build does not say.
func fyneVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range info.Deps {
		if m.Path == "fyne.io/fyne/v2" {
			if m.Replace != nil {
				return m.Replace.Version
			}
			return m.Version
		}
	}
	return ""
}

// cacheAliveApplies says whether the renewal may run: only on the Fyne
// release whose walker it links to. Test binaries carry no module versions
// (""); they are built from this go.mod, which the version test checks.
var cacheAliveApplies = func() bool {
	v := fyneVersion()
	return v == fyneCacheFixedFor || v == ""
}()

// KeepCanvasAlive renews the canvas entries of everything in c's content
// and overlays; it runs on the UI goroutine and returns how many objects
// it renewed.
func KeepCanvasAlive(c fyne.Canvas) int {
	if c == nil || !cacheAliveApplies {
		return 0
	}
	d := fyne.CurrentApp().Driver()
	n := 0
	renew := func(o fyne.CanvasObject, _, _ fyne.Position, _ fyne.Size) bool {
		d.CanvasForObject(o) // the lookup renews the entry
		n++
		return false
	}
	trees := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, t := range trees {
		if t != nil {
			walkCompleteObjectTree(t, renew, nil)
		}
	}
	return n
}
