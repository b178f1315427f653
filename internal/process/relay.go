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
	"strings"
	"syscall"

	"github.com/coreos/go-systemd/v22/daemon"
)

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
func RelayNotify(ctx context.Context, argv []string, dir string) (int, error) {
	if len(argv) == 0 {
		return 2, errors.New("notify relay: no command to run")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	env := withoutEnv(os.Environ(), "NOTIFY_SOCKET", "WATCHDOG_PID")

	var conn *net.UnixConn
	if os.Getenv("NOTIFY_SOCKET") != "" {
		sock := filepath.Join(dir, fmt.Sprintf("notify-%d", os.Getpid()))
		_ = os.Remove(sock)
		c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
		if err != nil {
			return 1, fmt.Errorf("notify relay: listening on %s: %w", sock, err)
		}
		conn = c
		defer func() { conn.Close(); os.Remove(sock) }()
		env = append(env, "NOTIFY_SOCKET="+sock)
		go forwardNotifications(conn)
	}
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return 1, fmt.Errorf("notify relay: starting %s: %w", argv[0], err)
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case s := <-sigs:
			_ = cmd.Process.Signal(s)
		case <-ctx.Done():
			_ = cmd.Process.Signal(syscall.SIGTERM)
			ctx = context.Background()
		case err := <-done:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					return 128 + int(ws.Signal()), nil
				}
				return exit.ExitCode(), nil
			}
			if err != nil {
				return 1, err
			}
			return 0, nil
		}
	}
}

// forwardNotifications sends every datagram the child sends on to systemd,
// as this (the main) process, until the socket is closed.
func forwardNotifications(conn *net.UnixConn) {
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		_, _ = daemon.SdNotify(false, string(buf[:n]))
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
