// Command kiosk is the fullscreen touchscreen app: flags -> config -> services
// -> screens.
//
//	kiosk [-config FILE] [-demo] [-exit-after-ready]
//
// With -demo it embeds the portal simulator on loopback, prints receipts as
// PNG files and reads scans typed on the keyboard (what `make run` starts).
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
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/coreos/go-systemd/v22/daemon"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/kiosk"
	"kiosk/internal/pin"
	"kiosk/internal/ui"
)

var version = "dev"

func main() {
	started := time.Now()
	configPath := flag.String("config", defaultConfig(), "site config `FILE`")
	demo := flag.Bool("demo", false, "demo mode: embedded portal simulator, virtual printer, keyboard scanner")
	exitAfterReady := flag.Bool("exit-after-ready", false, "exit as soon as the start screen is shown (start-up benchmarks)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println("kiosk", version)
		return
	}

	errs := health.NewErrorRing(50)
	log := slog.New(errs.Handler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	slog.SetDefault(log)

	a := app.NewWithID("vn.gov.kiosk")
	cfg, err := config.Load(*configPath)
	if err != nil {
		// A kiosk with a broken config shows a calm out-of-service screen
		// (with the offending lines for staff) instead of crashing.
		log.Error("config not usable", "path", *configPath, "err", err)
		detail := err.Error()
		var problems config.Problems
		if errors.As(err, &problems) {
			detail += "\n\n" + problems.Vietnamese()
		}
		ui.OutOfService(a, detail)
		return
	}
	for _, w := range cfg.Warnings {
		log.Warn("config warning", "problem", w.String())
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	svc, err := kiosk.Build(ctx, cfg, kiosk.Options{Demo: *demo, Version: version, Logger: log, Errors: errs, StartedAt: started})
	if err != nil {
		log.Error("kiosk could not start", "err", err)
		ui.OutOfService(a, err.Error())
		return
	}
	defer svc.Close()
	svc.Run(ctx)
	if svc.ReceiptDir != "" {
		fmt.Fprintf(os.Stderr, "virtual printer: receipts are saved as PNG files in %s\n", svc.ReceiptDir)
	}
	if *demo {
		fmt.Fprintf(os.Stderr, "demo portal: %s — type a dossier code and press Enter on the status screen to simulate a scan\n", svc.PortalURL)
	}

	deps := wire(svc)
	opts := uiOptions(cfg, started)
	// Under a Wayland kiosk compositor (cage) the compositor owns the screen:
	// GLFW's fullscreen mode misplaces the window there, so the kiosk sizes a
	// normal window to the output instead (fillScreen, once it is shown).
	inCompositor := os.Getenv("WAYLAND_DISPLAY") != ""
	if inCompositor {
		opts.Fullscreen = false
	}
	k := ui.New(a, deps, opts)
	// Receipts use the language on screen, read on the UI goroutine.
	deps.Printer.(*receipts).lang = func() string {
		lang := "vi"
		fyne.DoAndWait(func() { lang = k.Lang() })
		return lang
	}
	k.OnReady = func(d time.Duration) {
		if cfg.Kiosk.Fullscreen {
			fillScreen(k.Window(), log)
		}
		log.Info("ready", "startup_ms", d.Milliseconds())
		noteBaselineMemory()
		svc.Metrics.Startup(d)
		_, _ = daemon.SdNotify(false, daemon.SdNotifyReady)
		if *exitAfterReady {
			a.Quit()
		}
	}
	guard := pin.NewPersistentGuard(time.Now, svc.Cache) // the lockout survives a power cycle
	guard.Logger = log
	k.EnableStaff(ui.Staff{PINHash: cfg.Staff.PINHash, Guard: guard, Actions: svc, Restart: restart})
	k.OnIdleReset = func() {
		svc.Metrics.IdleReset()
		restartIfBloated(a.Quit, log)
	}
	go watchdog(ctx)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	k.Run()
}

// watchdog tells systemd the UI is alive. The notification is sent from the
// UI goroutine, so a hung UI stops it and systemd restarts the kiosk.
func watchdog(ctx context.Context) {
	every, err := daemon.SdWatchdogEnabled(false)
	if err != nil || every <= 0 {
		return
	}
	t := time.NewTicker(every / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() { _, _ = daemon.SdNotify(false, daemon.SdNotifyWatchdog) })
		}
	}
}

// restart replaces the process with a fresh copy of itself (same PID, so
// systemd and cage carry on); the staff panel's "restart the app".
func restart() {
	exe, err := os.Executable()
	if err != nil {
		slog.Error("restart failed", "err", err)
		return
	}
	slog.Warn("restart requested by staff")
	if err := syscall.Exec(exe, os.Args, os.Environ()); err != nil {
		slog.Error("restart failed", "err", err)
	}
}

func defaultConfig() string {
	if _, err := os.Stat("/etc/kiosk/kiosk.toml"); err == nil {
		return "/etc/kiosk/kiosk.toml"
	}
	return filepath.Join("kiosk-config", "demo.toml")
}
