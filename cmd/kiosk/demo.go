package main

import (
	"os"

	"kiosk/internal/config"
	"kiosk/internal/process"
)

// demoPortalOptions says how `kiosk -demo` starts the portal simulator for
// cfg: as an OpenCPS v2 site when the config speaks opencps/v2 (with its
// group_id and [portal.opencps] token and base path, so the kiosk talks to
// it exactly as to the real site), else with the kiosk/v1 key.
func demoPortalOptions(cfg *config.Config) process.DemoPortalOptions {
	o := process.DemoPortalOptions{KioskKey: cfg.Portal.KioskKey, Log: os.Stderr}
	if cfg.Portal.Dialect == config.DialectOpenCPS {
		o.OpenCPS = &process.DemoOpenCPS{GroupID: cfg.Portal.GroupID, Token: cfg.Portal.OpenCPS.Token,
			BasePath: cfg.Portal.OpenCPS.BasePath}
	}
	return o
}
