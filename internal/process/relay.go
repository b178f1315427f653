package process

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// SoftwareRendering is what cage's wlroots needs on a GPU it cannot drive
// through EGL: a VM's virtio GPU without 3D, some old or unsupported chips.
// There Mesa falls back to kms_swrast, which crashed cage 0.1.4 in the VM
// boot test (llvmpipe segfault) and left the unit in a restart loop; the
// pixman renderer composes on the CPU and needs only dumb buffers.
var SoftwareRendering = []string{"WLR_RENDERER=pixman"}

// fallbackWithin is how soon after its start a child that fails is taken
// for one that could not bring the screen up.
const fallbackWithin = 30 * time.Second

// RelayNotify runs argv (cage, which runs the kiosk) as a child and passes
// the kiosk's sd_notify messages (READY=1, WATCHDOG=1, STOPPING=1, STATUS=)
// on to systemd as its own. kiosk.service needs it: PAMName= with
// pam_systemd moves the unit's processes into the logind session's scope, and
// systemd then drops notifications from any process there but the main one
// (NotifyAccess=all counts only the unit's own cgroup), so the kiosk's
// READY=1 was never seen and the unit stayed "activating" until the start
// timeout killed it (found by the container boot test). This process is the
// main one: the child gets NOTIFY_SOCKET pointing at a socket in dir, and no
// WATCHDOG_PID. TERM and INT are passed on to the child; the result is the
// child's exit code. Without NOTIFY_SOCKET it only runs the child.
//
// fallback (KEY=VALUE, SoftwareRendering for cage) is set for a second try
// when the first child fails within 30 s without having said READY=1 and
// was not asked to stop: the screen could not be brought up, so the kiosk
// comes up slower rather than not at all. The environment's own value of a
// fallback key (a technician's choice) is never overridden.
func RelayNotify(ctx context.Context, argv []string, dir string, fallback ...string) (int, error) {
	if len(argv) == 0 {
		return 2, errors.New("notify relay: no command to run")
	}
	env := withoutEnv(os.Environ(), "NOTIFY_SOCKET", "WATCHDOG_PID")
	var ready atomic.Bool
	if os.Getenv("NOTIFY_SOCKET") != "" {
		sock := filepath.Join(dir, fmt.Sprintf("notify-%d", os.Getpid()))
		_ = os.Remove(sock)
		c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
		if err != nil {
			return 1, fmt.Errorf("notify relay: listening on %s: %w", sock, err)
		}
		defer func() { c.Close(); os.Remove(sock) }()
		env = append(env, "NOTIFY_SOCKET="+sock)
		go forwardNotifications(c, &ready)
	}
	for _, kv := range fallback {
		if k, _, _ := strings.Cut(kv, "="); os.Getenv(k) != "" {
			fallback = nil // set by whoever started us: theirs stands
		}
	}
	started := time.Now()
	code, stopped, err := runChild(ctx, argv, env)
	if err != nil || code == 0 || stopped || ready.Load() || len(fallback) == 0 || time.Since(started) > fallbackWithin {
		return code, err
	}
	fmt.Fprintf(os.Stderr, "kiosk: %s stopped with status %d before the kiosk was ready; starting it again with software rendering (%s): this graphics device cannot be used through EGL\n",
		filepath.Base(argv[0]), code, strings.Join(fallback, " "))
	code, _, err = runChild(ctx, argv, append(env, fallback...))
	return code, err
}

// runChild runs argv with env until it exits, passing TERM and INT on and
// stopping it when ctx ends; stopped says it was asked to.
func runChild(ctx context.Context, argv, env []string) (code int, stopped bool, err error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return 1, false, fmt.Errorf("notify relay: starting %s: %w", argv[0], err)
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case s := <-sigs:
			stopped = true
			_ = cmd.Process.Signal(s)
		case <-ctx.Done():
			stopped = true
			_ = cmd.Process.Signal(syscall.SIGTERM)
			ctx = context.Background()
		case err := <-done:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					return 128 + int(ws.Signal()), stopped, nil
				}
				return exit.ExitCode(), stopped, nil
			}
			if err != nil {
				return 1, stopped, err
			}
			return 0, stopped, nil
		}
	}
}

// forwardNotifications sends every datagram the child sends on to systemd,
// as this (the main) process, until the socket is closed, and notes a
// READY=1 in ready.
func forwardNotifications(conn *net.UnixConn, ready *atomic.Bool) {
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		msg := string(buf[:n])
		if slices.Contains(strings.Split(msg, "\n"), "READY=1") {
			ready.Store(true)
		}
		_, _ = daemon.SdNotify(false, msg)
	}
}

// withoutEnv returns env without the named variables.
func withoutEnv(env []string, names ...string) []string {
	out := env[:0:0]
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}
