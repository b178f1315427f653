package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// preparingSearch is a Searcher whose index is still being built until
// ready is closed.
type preparingSearch struct {
	*fakes
	ready chan struct{}
}

func (p preparingSearch) SearchReady() <-chan struct{} { return p.ready }

func TestSearchingBeforeTheIndexIsReadySaysItIsPreparing(t *testing.T) {
	ready := make(chan struct{})
	h := newHarness(t, func(d *Deps, _ *Options) { d.Search = preparingSearch{d.Search.(*fakes), ready} })
	h.tap("Tra cứu thủ tục")
	// Type "ký" (Telex k, y, s) without letting the background work run:
	// the search is waiting for the index. (One letter is too short to
	// search at all.)
	keys := h.tiles("k")
	if len(keys) == 0 {
		t.Fatalf("no key k on screen:\n%s", h.screenText())
	}
	test.Tap(keys[0])
	h.mustSee(h.k.t("find.tooshort"))
	test.Tap(h.tiles("y")[0])
	test.Tap(h.tiles("s")[0])
	h.mustSee(h.k.t("find.preparing"))
	h.mustNotSee(h.k.t("find.none"))
	if n := len(h.f.queries); n != 0 {
		t.Errorf("%d searches ran before the index was ready", n)
	}

	close(ready)
	h.settle()
	h.mustNotSee(h.k.t("find.preparing"))
	h.mustSee("Đăng ký khai sinh")
	h.mustSee("Đăng ký kết hôn")

	// Once ready, a search says it is searching, not preparing.
	test.Tap(h.tiles(h.k.t("kb.space"))[0])
	test.Tap(h.tiles("k")[0])
	h.mustSee(h.k.t("find.searching"))
	h.settle()
	h.mustSee("Đăng ký khai sinh")
}
