package process

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// PortalsimNames are the names the portal simulator is looked up by: as
// `make build` leaves it next to the kiosk in bin/, and as the .deb installs
// it in /usr/bin.
var PortalsimNames = []string{"portalsim", "kiosk-portalsim"}

// ErrNoPortalsim is returned when no portal simulator binary can be found.
var ErrNoPortalsim = errors.New("portal simulator binary not found")

// FindPortalsim returns the portal simulator next to the running binary, or
// else the first one on PATH.
func FindPortalsim() (string, error) {
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Dir(exe)
		for _, n := range PortalsimNames {
			p := filepath.Join(dir, n)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	for _, n := range PortalsimNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: looked for %v next to the kiosk and on PATH (make build puts it in bin/)", ErrNoPortalsim, PortalsimNames)
}

// DemoPortalOptions say how to start the demo portal.
type DemoPortalOptions struct {
	// Binary is the simulator to run ("": FindPortalsim).
	Binary string
	// KioskKey is the key the simulator requires (the config's kiosk_key).
	KioskKey string
	// Log receives the simulator's own log (nil: discarded).
	Log io.Writer
	// Ready bounds the wait for the simulator to listen (0: 15 s).
	Ready time.Duration
	// OpenCPS, when set, starts the simulator as an OpenCPS v2 site
	// (portalsim -dialect opencps) instead of the kiosk/v1 API; KioskKey is
	// then not passed.
	OpenCPS *DemoOpenCPS
}

// DemoOpenCPS is the OpenCPS site the demo portal plays: the config's
// portal.group_id and [portal.opencps] token and base_path.
type DemoOpenCPS struct {
	GroupID, Token, BasePath string
}

// args are the simulator's command-line flags besides -listen.
func (o DemoPortalOptions) args() []string {
	if oc := o.OpenCPS; oc != nil {
		args := []string{"-dialect", "opencps"}
		for _, f := range []struct{ flag, v string }{{"-group-id", oc.GroupID}, {"-token", oc.Token}, {"-base-path", oc.BasePath}} {
			if f.v != "" {
				args = append(args, f.flag, f.v)
			}
		}
		return args
	}
	if o.KioskKey != "" {
		return []string{"-kiosk-key", o.KioskKey}
	}
	return nil
}

// DemoPortal is the portal simulator running as a child process on loopback.
type DemoPortal struct {
	// URL is its base URL, for the config's portal.base_url.
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
}

// StartDemoPortal starts the portal simulator with its bundled demo dataset
// on a free loopback port and waits until it accepts connections. The child
// is killed if the kiosk dies without calling Stop (Linux parent-death
// signal), so a crashed demo leaves no simulator behind.
func StartDemoPortal(ctx context.Context, o DemoPortalOptions) (*DemoPortal, error) {
	bin := o.Binary
	if bin == "" {
		var err error
		if bin, err = FindPortalsim(); err != nil {
			return nil, err
		}
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	args := append([]string{"-listen", addr}, o.args()...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = o.Log, o.Log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the portal simulator %s: %w", bin, err)
	}
	p := &DemoPortal{URL: "http://" + addr, cmd: cmd, done: make(chan struct{})}
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(p.done) }()

	wait := o.Ready
	if wait <= 0 {
		wait = 15 * time.Second
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return p, nil
		}
		select {
		case <-p.done:
			return nil, fmt.Errorf("the portal simulator %s exited before serving: %v", bin, waitErr)
		case <-ctx.Done():
			p.Stop()
			return nil, ctx.Err()
		case <-deadline.C:
			p.Stop()
			return nil, fmt.Errorf("the portal simulator %s did not listen on %s within %s", bin, addr, wait)
		case <-tick.C:
		}
	}
}

// Stop ends the simulator: SIGTERM, then SIGKILL if it has not exited within
// five seconds. It is safe to call more than once.
func (p *DemoPortal) Stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// freeLoopbackAddr asks the kernel for a free loopback port. The port is
// released before the simulator binds it; on a kiosk PC nothing else races
// for it.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("finding a free port for the demo portal: %w", err)
	}
	defer l.Close()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(l.Addr().(*net.TCPAddr).Port)), nil
}
