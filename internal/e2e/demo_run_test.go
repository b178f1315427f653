package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMakeRunStartsTwoProcessesAndStopsBoth runs what `make run` runs
// (.ci/demo.sh with a demo config) without a display, as on a fresh machine
// over ssh: the portal simulator on a free loopback port, playing the portal
// the config talks to, and the real kiosk pointed at it with -portal. The
// kiosk exits once its start screen is up (-exit-after-ready); the simulator
// must be gone with it.
func TestMakeRunStartsTwoProcessesAndStopsBoth(t *testing.T) {
	if _, err := exec.LookPath("xvfb-run"); err != nil {
		t.Skipf("needs xvfb-run (Debian package xvfb): %v", err)
	}
	root := moduleRoot(t)
	bin := t.TempDir()
	build := exec.Command(goTool(), "build", "-o", bin+"/", "./cmd/kiosk", "./cmd/portalsim")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}

	for _, tc := range []struct{ config, dialect string }{
		{"kiosk-config/demo.toml", "kiosk/v1"},
		{"kiosk-config/demo-opencps.toml", "opencps"},
	} {
		t.Run(tc.config, func(t *testing.T) { runDemo(t, root, bin, tc.config, tc.dialect) })
	}
}

func runDemo(t *testing.T, root, bin, config, dialect string) {
	cmd := exec.Command(filepath.Join(root, ".ci", "demo.sh"), config, "-exit-after-ready")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "KIOSK_BIN="+bin)
	done := make(chan error, 1)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	// A simulator left behind would hold the output open: stop waiting for
	// it shortly after the script ends, so the check below names the leak.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, exec.ErrWaitDelay) {
			t.Fatalf("the demo ended with %v:\n%s", err, out.String())
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("the demo did not exit after the kiosk was ready:\n%s", out.String())
	}

	log := out.String()
	m := regexp.MustCompile(`portal simulator \(pid (\d+)\) at (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("no simulator on loopback in the output:\n%s", log)
	}
	if !strings.Contains(log, "msg=ready") {
		t.Errorf("the kiosk never reached its start screen:\n%s", log)
	}
	if sim, err := os.ReadFile(filepath.Join(root, ".kiosk-demo", "portalsim.log")); err != nil || !strings.Contains(string(sim), "dialect="+dialect) {
		t.Errorf("the simulator did not serve the %s API (%v):\n%s", dialect, err, sim)
	}
	pid, _ := strconv.Atoi(m[1])
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("the simulator (pid %d) is still running after the kiosk exited (kill 0: %v)", pid, err)
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}
