// Command kiosk is the fullscreen touchscreen app: flags -> config -> services
// -> screens.
//
//	kiosk [-config FILE] [-portal URL] [-demo] [-exit-after-ready]
//
// -portal talks to the portal at URL instead of the config's portal.base_url,
// checked by the same rules (what `make run` uses to point the demo config at
// a simulator on a free port).
//
// With -demo it starts the portal simulator (the portalsim binary next to it,
// or kiosk-portalsim on PATH) as a second process on loopback, talks to it
// over HTTP, prints receipts as PNG files and reads scans typed on the
// keyboard (what `make run` starts). The kiosk binary links no simulator.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/kiosk"
	"kiosk/internal/pin"
	"kiosk/internal/process"
	"kiosk/internal/ui"
)

var version = "dev"

func main() {
	started := time.Now()
	configPath := flag.String("config", defaultConfig(), "site config `FILE`")
	portalURL := flag.String("portal", "", "portal base `URL` (overrides the config's portal.base_url)")
	demo := flag.Bool("demo", false, "demo mode: the portal simulator as a second process on loopback, virtual printer, keyboard scanner")
	exitAfterReady := flag.Bool("exit-after-ready", false, "exit as soon as the start screen is shown (start-up benchmarks)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	notifyRelay := flag.Bool("notify-relay", false, "run the command after the flags (cage and the kiosk) and pass its systemd notifications on as the unit's main process (kiosk.service)")
	screenshots := flag.String("screenshots", "", "photograph every screen in every mode through the real window into `DIR`, then exit (with -demo: docs/screens, `make screens`)")
	flag.Parse()
	if *showVersion {
		fmt.Println("kiosk", version)
		return
	}
	if *notifyRelay {
		dir := os.Getenv("RUNTIME_DIRECTORY") // /run/kiosk, the unit's RuntimeDirectory=
		if dir == "" {
			dir = os.TempDir()
		}
		code, err := process.RelayNotify(context.Background(), flag.Args(), dir, process.SoftwareRendering...)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kiosk:", err)
		}
		os.Exit(code)
	}

	errs := health.NewErrorRing(50)
	log := slog.New(errs.Handler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	slog.SetDefault(log)

	a := app.NewWithID("vn.gov.kiosk")
	cfg, err := loadConfig(*configPath)
	if err != nil {
		// A kiosk with a broken config shows a calm out-of-service screen
		// (with the offending lines for staff) instead of crashing.
		log.Error("config not usable", "path", *configPath, "err", err)
		detail := err.Error()
		var problems config.Problems
		if errors.As(err, &problems) {
			detail += "\n\n" + problems.Vietnamese()
		}
		// Nobody can be using an out-of-service kiosk, and the new version
		// may be the fix: restart as soon as one is installed.
		go process.RestartWhenIdle(context.Background(), fyne.Do, func() bool { return true }, a.Quit, log)
		ui.OutOfService(a, detail)
		return
	}
	for _, w := range cfg.Warnings {
		log.Warn("config warning", "problem", w.String())
	}
	if *portalURL != "" {
		c, err := cfg.WithPortalURL(*portalURL)
		if err != nil {
			log.Error("-portal not usable", "err", err)
			ui.OutOfService(a, err.Error())
			return
		}
		cfg = c
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *demo {
		sim, err := process.StartDemoPortal(ctx, demoPortalOptions(cfg))
		if err != nil {
			log.Error("demo portal not started", "err", err)
			ui.OutOfService(a, err.Error())
			return
		}
		defer sim.Stop()
		cfg = cfg.ForDemo(sim.URL)
	}
	svc, err := kiosk.Build(ctx, cfg, kiosk.Options{Version: version, Logger: log, Errors: errs, StartedAt: started, RequestRestart: process.RequestRestart})
	if err != nil {
		log.Error("kiosk could not start", "err", err)
		go process.RestartWhenIdle(context.Background(), fyne.Do, func() bool { return true }, a.Quit, log)
		ui.OutOfService(a, startFailureDetail(err, cfg))
		return
	}
	defer svc.Close()
	svc.Run(ctx)
	if svc.ReceiptDir != "" {
		fmt.Fprintf(os.Stderr, "virtual printer: receipts are saved as PNG files in %s\n", svc.ReceiptDir)
	}
	if svc.SpeechDir != "" {
		fmt.Fprintf(os.Stderr, "virtual speaker: every utterance is saved as a WAV and a .txt file in %s\n", svc.SpeechDir)
	}
	if *demo {
		fmt.Fprintf(os.Stderr, "demo portal: %s — type a dossier code and press Enter on the status screen to simulate a scan\n", svc.PortalURL)
	}

	deps := wire(svc)
	deps.Input = svc.Monitor.Input
	opts := uiOptions(cfg, started)
	// Under a Wayland kiosk compositor (cage) the compositor owns the screen:
	// GLFW's fullscreen mode misplaces the window there, so the kiosk sizes a
	// normal window to the output instead. A window (demo.toml) takes the
	// output's orientation unless the config names one. ui.SizeToOutput runs
	// before the window is shown and again once it is, when its scale is known.
	inCompositor := os.Getenv("WAYLAND_DISPLAY") != ""
	if inCompositor {
		opts.Fullscreen = false
	}
	k := ui.New(a, deps, opts)
	ui.SizeToOutput(k.Window(), cfg.Kiosk.Orientation, cfg.Kiosk.Fullscreen, log)
	k.OnReady = func(d time.Duration) {
		ui.SizeToOutput(k.Window(), cfg.Kiosk.Orientation, cfg.Kiosk.Fullscreen, log)
		log.Info("ready", "startup_ms", d.Milliseconds())
		// The start-up's garbage (fonts parsed, the first layouts) stays
		// resident until the heap grows into it, and an idle kiosk allocates
		// little: hand it back once the first screen has settled.
		time.AfterFunc(3*time.Second, debug.FreeOSMemory)
		process.RecordReadyMemory()
		svc.Metrics.Startup(d)
		process.NotifyReady()
		if *exitAfterReady {
			a.Quit()
		}
		if *screenshots != "" {
			go func() {
				if err := k.Tour(ctx, *screenshots, ui.TourModes(), tourDossiers(*demo), xScreenshot); err != nil {
					log.Error("screenshot tour failed", "err", err)
				}
				fyne.Do(a.Quit)
			}()
		}
	}
	guard := pin.NewPersistentGuard(time.Now, svc.Cache) // the lockout survives a power cycle
	guard.Logger = log
	k.EnableStaff(ui.Staff{PINHash: cfg.Staff.PINHash, Guard: guard, Actions: svc, Restart: process.Restart})
	k.OnIdleReset = func() {
		svc.Metrics.IdleReset()
		process.MemoryLimit{Log: log}.AfterIdleReset(a.Quit)
		// Hand the session's garbage back, off the UI goroutine: a forced
		// collection on a loaded two-core PC can take a second, and the
		// start screen must be drawn meanwhile.
		go debug.FreeOSMemory()
	}
	go process.Watchdog(ctx, fyne.Do, svc.Monitor.Input.Responsive)
	go process.RestartWhenIdle(ctx, fyne.Do, k.AtRest, a.Quit, log)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	k.Run()
}

func defaultConfig() string {
	if _, err := os.Stat("/etc/kiosk/kiosk.toml"); err == nil {
		return "/etc/kiosk/kiosk.toml"
	}
	return filepath.Join("kiosk-config", "demo.toml")
}
