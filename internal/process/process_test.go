package process

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestAKioskThatGrewRestartsAtIdleOnlyUnderSupervision(t *testing.T) {
	tests := []struct {
		name       string
		supervised bool
		resident   int64
		max        int64
		wantQuit   bool
	}{
		{"over the limit under systemd it quits to be restarted", true, 900 << 20, 0, true},
		{"under the limit it keeps running", true, 100 << 20, 0, false},
		{"a custom limit is obeyed", true, 100 << 20, 50 << 20, true},
		{"outside systemd (make run) it never quits by itself", false, 900 << 20, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MemoryLimit{Max: tt.max, Log: quiet,
				Resident:   func() int64 { return tt.resident },
				Supervised: func() bool { return tt.supervised }}
			quit := false
			m.AfterIdleReset(func() { quit = true })
			if quit != tt.wantQuit {
				t.Errorf("quit = %v, want %v", quit, tt.wantQuit)
			}
		})
	}
}

func TestResidentBytesReadsThisProcess(t *testing.T) {
	if rss := ResidentBytes(); rss < 64<<10 {
		t.Fatalf("resident size %d: /proc/self/status not read", rss)
	}
}

func TestUnderSystemdFollowsInvocationID(t *testing.T) {
	t.Setenv("INVOCATION_ID", "abc123")
	if !UnderSystemd() {
		t.Error("INVOCATION_ID set, UnderSystemd false")
	}
	t.Setenv("INVOCATION_ID", "")
	if UnderSystemd() {
		t.Error("INVOCATION_ID empty, UnderSystemd true")
	}
}

func TestRestartExecsItselfWithTheSameArguments(t *testing.T) {
	var gotExe string
	var gotArgs []string
	restart(func() (string, error) { return "/usr/bin/kiosk", nil }, func(exe string, args, env []string) error {
		gotExe, gotArgs = exe, args
		return nil
	}, quiet)
	if gotExe != "/usr/bin/kiosk" || strings.Join(gotArgs, " ") != strings.Join(os.Args, " ") {
		t.Errorf("exec(%q, %v), want /usr/bin/kiosk with this process's arguments", gotExe, gotArgs)
	}
	called := false
	restart(func() (string, error) { return "", errors.New("no /proc") }, func(string, []string, []string) error {
		called = true
		return nil
	}, quiet)
	if called {
		t.Error("exec called without an executable path")
	}
}

func TestWatchdogPingsSystemdThroughTheUIGoroutine(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", "30000") // 30 ms: a ping every 10 ms
	t.Setenv("WATCHDOG_PID", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var posted atomic.Int32
	go Watchdog(ctx, func(f func()) { posted.Add(1); f() }, nil)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatalf("no watchdog ping: %v", err)
	}
	if got := string(buf[:n]); got != "WATCHDOG=1" {
		t.Errorf("systemd got %q, want WATCHDOG=1", got)
	}
	if posted.Load() == 0 {
		t.Error("the ping was not sent through post (the UI goroutine)")
	}
}

func TestWatchdogStopsPingingWhileTheScreenIgnoresTaps(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", "30000")
	t.Setenv("WATCHDOG_PID", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The screen ignores taps for the first five checks, then answers again.
	var asked atomic.Int32
	alive := func() bool { return asked.Add(1) > 5 }
	go Watchdog(ctx, func(f func()) { f() }, alive)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 64)
	if _, err := conn.Read(buf); err != nil {
		t.Fatalf("no watchdog ping once the screen answered again: %v", err)
	}
	if n := asked.Load(); n <= 5 {
		t.Errorf("a ping was sent after %d checks, while the screen still ignored taps", n)
	}
}

func TestWatchdogReturnsWhenTheUnitHasNone(t *testing.T) {
	t.Setenv("WATCHDOG_USEC", "")
	done := make(chan struct{})
	go func() { Watchdog(context.Background(), func(f func()) { f() }, nil); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Watchdog kept running without a systemd watchdog")
	}
}

// buildPortalsim builds cmd/portalsim into a temporary folder.
func buildPortalsim(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "portalsim")
	cmd := exec.Command("go", "build", "-o", bin, "kiosk/cmd/portalsim")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the portal simulator: %v\n%s", err, out)
	}
	return bin
}

func TestTheDemoPortalServesTheDemoDatasetUntilStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/portalsim")
	}
	bin := buildPortalsim(t)
	p, err := StartDemoPortal(context.Background(), DemoPortalOptions{Binary: bin, KioskKey: "demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	if !strings.HasPrefix(p.URL, "http://127.0.0.1:") {
		t.Errorf("URL %q, want one on loopback", p.URL)
	}
	req, _ := http.NewRequest("GET", p.URL+"/api/v1/health", nil)
	req.Header.Set("Authorization", "Bearer demo-key")
	req.Header.Set("X-Kiosk-ID", "demo-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the demo portal does not answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("health answered %s", resp.Status)
	}
	if resp, err := http.Get(p.URL + "/api/v1/health"); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("without the kiosk key health answered %s, want 401 (the key was not passed on)", resp.Status)
		}
	}
	p.Stop()
	select {
	case <-p.done:
	default:
		t.Fatal("the simulator process still runs after Stop")
	}
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(p.URL, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("something still listens on the demo portal's port after Stop")
	}
	p.Stop() // a second Stop is harmless
}

func TestADemoPortalThatExitsAtOnceIsAnError(t *testing.T) {
	falseBin, err := exec.LookPath("false")
	if err != nil {
		t.Skip("no false(1)")
	}
	_, err = StartDemoPortal(context.Background(), DemoPortalOptions{Binary: falseBin})
	if err == nil || !strings.Contains(err.Error(), "exited before serving") {
		t.Errorf("err = %v, want one saying the simulator exited", err)
	}
}

func TestAMissingSimulatorIsNamedInTheError(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := StartDemoPortal(context.Background(), DemoPortalOptions{})
	if !errors.Is(err, ErrNoPortalsim) {
		t.Errorf("err = %v, want ErrNoPortalsim", err)
	}
}

func TestTheSimulatorIsFoundNextToTheKiosk(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	// The test binary's folder stands in for bin/: put a simulator there.
	next := filepath.Join(filepath.Dir(exe), "kiosk-portalsim")
	if err := os.WriteFile(next, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Skipf("test binary folder not writable: %v", err)
	}
	defer os.Remove(next)
	t.Setenv("PATH", t.TempDir())
	got, err := FindPortalsim()
	if err != nil || got != next {
		t.Errorf("FindPortalsim() = %q, %v; want %q", got, err, next)
	}
}

func TestTheWatchdogIsTheKiosksWhenItsParentIsTheUnitsMainProcess(t *testing.T) {
	const pid, ppid = 200, 100 // the kiosk, and cage (the unit's main process)
	tests := []struct {
		name       string
		usec, wpid string
		want       time.Duration
	}{
		{"a unit without a watchdog gives none", "", "", 0},
		{"WATCHDOG_PID naming the kiosk itself", "30000000", "200", 30 * time.Second},
		{"WATCHDOG_PID naming cage, the kiosk's parent", "30000000", "100", 30 * time.Second},
		{"no WATCHDOG_PID", "30000000", "", 30 * time.Second},
		{"WATCHDOG_PID naming an unrelated process", "30000000", "300", 0},
		{"a malformed interval", "thirty", "100", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"WATCHDOG_USEC": tt.usec, "WATCHDOG_PID": tt.wpid}
			if got := watchdogInterval(func(k string) string { return env[k] }, pid, ppid); got != tt.want {
				t.Errorf("watchdogInterval = %v, want %v", got, tt.want)
			}
		})
	}
}
