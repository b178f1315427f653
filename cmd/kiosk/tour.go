package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"

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

// xScreenshot photographs the window's area of the X screen with
// ImageMagick's import: what the X server shows is what a citizen sees.
func xScreenshot(file string, size fyne.Size) error {
	geom := fmt.Sprintf("%dx%d+0+0", int(size.Width), int(size.Height))
	out, err := exec.Command("import", "-display", os.Getenv("DISPLAY"), "-window", "root", "-crop", geom, "+repage", file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import %s: %w: %s", file, err, out)
	}
	return nil
}
