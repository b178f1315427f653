package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/health"
)

// serveStatus runs a status endpoint on the socket kioskctl derives from the
// cache path, as the running kiosk does.
func serveStatus(t *testing.T, cachePath string, m *health.Monitor) {
	t.Helper()
	l, err := health.ListenUnix(health.SocketPath(cachePath))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go health.Serve(ctx, l, health.Handler(m, nil), nil)
}

func TestStatusReadsTheRunningKiosksHealth(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache.db")
	serveStatus(t, cache, &health.Monitor{KioskID: "demo-01", Version: "1.0", Src: health.Sources{
		Printer: func() health.DeviceHealth {
			return health.DeviceHealth{Port: "/dev/kiosk-printer", Online: true, State: "out"}
		},
		Outbox: func() health.OutboxHealth { return health.OutboxHealth{Depth: 7} },
	}})

	var out, errb bytes.Buffer
	code := run([]string{"-config", "../../kiosk-config/demo.toml", "-cache", cache, "status"}, &out, &errb)
	if code != 1 {
		t.Errorf("exit %d, want 1 because the printer needs attention (stderr %s)", code, errb.String())
	}
	for _, want := range []string{"demo-01", "7 waiting", "printer: out of paper", "/dev/kiosk-printer"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	out.Reset()
	run([]string{"-config", "../../kiosk-config/demo.toml", "-cache", cache, "status", "-json"}, &out, &errb)
	var rep health.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Outbox.Depth != 7 {
		t.Errorf("-json gave %q (%v), want a report with outbox depth 7", out.String(), err)
	}
}

func TestStatusSaysClearlyWhenNoKioskRuns(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache.db")
	var out, errb bytes.Buffer
	code := run([]string{"-config", "../../kiosk-config/demo.toml", "-cache", cache, "status"}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "is the kiosk running?") {
		t.Errorf("exit %d, stderr %q; want 1 and a hint", code, errb.String())
	}
}
