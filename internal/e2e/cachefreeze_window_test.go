package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFyneCacheFreeze holds ui.KeepCanvasAlive against a real window (issue
// 19, item 1: a kiosk that drew its start screen but no longer answered taps
// while Fyne's loop sat idle). testdata/cachefreeze plays the start screen
// and a tap that swaps it, once without the renewal and once with it, each
// on its own Xvfb, with Fyne's cache lifetime cut from a minute to 15 s.
//
// Without the renewal Fyne must still lose the screen's canvas entries and
// never paint the swapped screen: that is the bug the renewal exists for,
// and the day a Fyne release fixes it this half fails and the renewal can
// go. With the renewal no entry may expire and the new screen must be
// painted.
func TestFyneCacheFreeze(t *testing.T) {
	if testing.Short() {
		t.Skip("the Fyne cache test starts Xvfb and a real window; skipped with -short")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skipf("the Fyne cache test needs Xvfb (Debian package xvfb): %v", err)
	}
	bin := filepath.Join(t.TempDir(), "cachefreeze")
	build := exec.Command(goTool(), "build", "-o", bin, "./internal/e2e/testdata/cachefreeze")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/cachefreeze: %v\n%s", err, out)
	}

	modes := map[string][]string{"without the renewal": nil, "with ui.KeepCanvasAlive": {"-keep-alive"}}
	want := map[string]string{
		"without the renewal":     "expired=true painted=false",
		"with ui.KeepCanvasAlive": "expired=false painted=true",
	}
	got := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, args := range modes {
		display := startXvfb(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Env = append(os.Environ(), "DISPLAY="+display, "FYNE_CACHE=15s", "LANG=C.UTF-8")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			line := strings.TrimSpace(stdout.String())
			if err != nil {
				line += " (" + err.Error() + ": " + strings.TrimSpace(stderr.String()) + ")"
			}
			mu.Lock()
			got[name] = line
			mu.Unlock()
		}()
	}
	wg.Wait()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %q, want %q", name, got[name], w)
		}
	}
	if t.Failed() {
		t.Log("without the renewal Fyne should lose the entries of a screen built 15 s ago and miss the swap; with it, nothing may expire")
	}
}
