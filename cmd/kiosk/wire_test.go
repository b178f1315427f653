package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/config"
)

// The kiosk refuses the same printer profile typo that `kioskctl config
// check` refuses (cmd/kioskctl's config test), with the same message, and
// starts with the demo config that check passes.
func TestTheKioskChecksPrinterProfilesAsKioskctlDoes(t *testing.T) {
	demo, err := os.ReadFile("../../kiosk-config/demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(good, demo, 0o600); err != nil {
		t.Fatal(err)
	}
	typo := strings.Replace(string(demo), `profile = "epson-tm-t20iii"`, `profile = "epson-tm-t20"`, 1)
	if typo == string(demo) {
		t.Fatal("demo.toml has no epson-tm-t20iii profile line to break")
	}
	if err := os.WriteFile(bad, []byte(typo), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadConfig(good); err != nil {
		t.Fatalf("the demo config does not load: %v", err)
	}
	_, err = loadConfig(bad)
	var problems config.Problems
	if !errors.As(err, &problems) || !strings.Contains(err.Error(), `unknown profile "epson-tm-t20" (did you mean "epson-tm-t20iii"?)`) {
		t.Errorf("err = %v, want the unknown-profile problem kioskctl reports", err)
	}
}

// The panel size a site writes reaches the UI, which sizes its 15 mm tap
// targets by it (it was always the built-in 21.5-inch default before).
func TestThePanelSizeReachesTheUI(t *testing.T) {
	cfg := config.Default()
	cfg.Kiosk.PanelLongSideMM = 344
	if got := uiOptions(cfg, time.Time{}).PanelLongSideMM; got != 344 {
		t.Errorf("ui.Options.PanelLongSideMM = %v, want 344 from kiosk.panel_long_side_mm", got)
	}
}
