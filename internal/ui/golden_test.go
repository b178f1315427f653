package ui

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite the golden screen images in testdata/")

// golden compares the window with testdata/<name>.png.
func (h *harness) golden(name string) {
	h.t.Helper()
	h.settle()
	img := h.k.Window().Canvas().Capture()
	if *updateGolden {
		f, err := os.Create(filepath.Join("testdata", name+".png"))
		if err != nil {
			h.t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			h.t.Fatal(err)
		}
		f.Close()
	}
	test.AssertImageMatches(h.t.(*testing.T), name+".png", img)
}

func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name string
		open func(h *harness)
	}{
		{"start", func(h *harness) {}},
		{"search", func(h *harness) {
			h.tap(h.k.t("start.find"))
			h.typeKeys("khai")
		}},
		{"detail", func(h *harness) { h.k.show(&detailScreen{proc: h.f.procs[0]}) }},
		{"dossier", func(h *harness) {
			h.addDossier()
			h.tap(h.k.t("start.check"))
			h.scans <- Scan{Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
			h.k.drainScans()
		}},
		{"ticket", func(h *harness) {
			h.tap(h.k.t("start.ticket"))
			h.tap(h.k.serviceName(h.k.opt.QueueServices[0]))
			h.tapID("ticket.confirm")
		}},
		{"rating", func(h *harness) { h.tap(h.k.t("start.rate")) }},
	}
	for _, lang := range []string{"vi", "en"} {
		for _, sc := range screens {
			t.Run(sc.name+" screen in "+lang+" looks as designed", func(t *testing.T) {
				h := newHarness(t, func(d *Deps, o *Options) { o.Language = lang })
				sc.open(h)
				h.golden(sc.name + "_" + lang)
			})
		}
	}
}
