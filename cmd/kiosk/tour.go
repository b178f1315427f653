package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"kiosk/assets"
	"kiosk/internal/portal"
	"kiosk/internal/ui"
)

// tourDossiers are the demo dossiers the screenshot tour looks up, one per
// kind of next step, each as a scan of its receipt. Only the demo dataset's
// secrets are known; without -demo the tour shows no dossier results.
func tourDossiers(demo bool) []ui.TourDossier {
	if !demo {
		return nil
	}
	b, err := assets.Demo.ReadFile("demo/dossiers.json")
	if err != nil {
		return nil
	}
	var ds []struct {
		portal.Dossier
		Secret string `json:"secret"`
	}
	if json.Unmarshal(b, &ds) != nil {
		return nil
	}
	kinds := []struct {
		name string
		is   func(d portal.Dossier) bool
	}{
		{"ready", func(d portal.Dossier) bool { return d.Status == portal.StatusDone }},
		{"overdue", func(d portal.Dossier) bool { return d.Status == portal.StatusProcessing && d.Overdue }},
		{"payment", func(d portal.Dossier) bool { return d.Status == portal.StatusNeedsPayment && d.Fee > 0 && d.Note != "" }},
		{"documents", func(d portal.Dossier) bool { return d.Status == portal.StatusNeedsDocuments }},
		{"returned", func(d portal.Dossier) bool { return d.Status == portal.StatusReturned }},
	}
	var out []ui.TourDossier
	for _, kd := range kinds {
		for _, d := range ds {
			if kd.is(d.Dossier) && d.Secret != "" {
				out = append(out, ui.TourDossier{Name: kd.name, Scan: "code=" + url.QueryEscape(d.Code) + "&secret=" + url.QueryEscape(d.Secret)})
				break
			}
		}
	}
	return out
}

// xScreenshot asks whoever reads the kiosk's standard output (docs/screens/
// regenerate.sh) to photograph the window's area of the X screen into file —
// the kiosk itself starts no programs — and waits until the file is there.
func xScreenshot(file string, size fyne.Size) error {
	fmt.Printf("screenshot %s %dx%d+0+0\n", file, int(size.Width), int(size.Height))
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if fi, err := os.Stat(file); err == nil && fi.Size() > 0 {
			return nil
		}
	}
	return fmt.Errorf("no screenshot %s after 60 s (run the tour through docs/screens/regenerate.sh)", file)
}
