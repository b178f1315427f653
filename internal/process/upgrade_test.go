package process

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

func TestRestartIfRequested(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cases := []struct {
		name        string
		flag        bool
		atRest      bool
		wantRestart bool
	}{
		{"a flagged kiosk at rest restarts", true, true, true},
		{"a flagged kiosk in use waits", true, false, false},
		{"an unflagged kiosk at rest keeps running", false, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flag := filepath.Join(t.TempDir(), RestartFlagName)
			if c.flag {
				if err := os.WriteFile(flag, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			quits := 0
			got := restartIfRequested(flag, func() bool { return c.atRest }, func() { quits++ }, log)
			if got != c.wantRestart || quits != map[bool]int{true: 1, false: 0}[c.wantRestart] {
				t.Fatalf("restart = %v with %d quits, want %v", got, quits, c.wantRestart)
			}
			_, err := os.Stat(flag)
			if flagLeft := err == nil; flagLeft != (c.flag && !c.wantRestart) {
				t.Errorf("flag left behind = %v after restart = %v", flagLeft, got)
			}
		})
	}
}

func TestRestartFlagFollowsTheUnitsRuntimeDirectory(t *testing.T) {
	t.Setenv("RUNTIME_DIRECTORY", "/run/kiosk")
	if got := RestartFlagPath(); got != "/run/kiosk/restart-when-idle" {
		t.Errorf("flag path = %q", got)
	}
	t.Setenv("RUNTIME_DIRECTORY", "")
	if got := RestartFlagPath(); got != "" {
		t.Errorf("without systemd the flag path = %q, want none", got)
	}
}

func TestRequestRestartDropsTheFlagRestartWhenIdleObeys(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RUNTIME_DIRECTORY", dir)
	ok, err := RequestRestart()
	if err != nil || !ok {
		t.Fatalf("RequestRestart() = %v, %v under the unit", ok, err)
	}
	quit := false
	if !restartIfRequested(RestartFlagPath(), func() bool { return true }, func() { quit = true }, slog.New(slog.NewTextHandler(io.Discard, nil))) || !quit {
		t.Fatal("the kiosk did not restart at rest after asking to")
	}
	t.Setenv("RUNTIME_DIRECTORY", "")
	if ok, err := RequestRestart(); ok || err != nil {
		t.Errorf("without the unit RequestRestart() = %v, %v, want false: nothing would start the kiosk again", ok, err)
	}
}
