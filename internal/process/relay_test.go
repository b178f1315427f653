package process

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// TestRelayChild is the child RelayNotify runs in the tests below (this test
// binary again); on its own it skips.
func TestRelayChild(t *testing.T) {
	if os.Getenv("KIOSK_RELAY_CHILD") == "" {
		t.Skip("the child of the relay tests")
	}
	if os.Getenv("WATCHDOG_PID") != "" {
		os.Exit(3) // the kiosk must not see the main process's WATCHDOG_PID
	}
	if ok, err := daemon.SdNotify(false, "READY=1"); !ok || err != nil {
		os.Exit(4)
	}
	code, _ := strconv.Atoi(os.Getenv("KIOSK_RELAY_CHILD"))
	os.Exit(code)
}

func TestRelayPassesTheChildsNotificationsToSystemdAndItsExitCode(t *testing.T) {
	for _, want := range []int{0, 7} {
		t.Run("child exits "+strconv.Itoa(want), func(t *testing.T) {
			sock := filepath.Join(t.TempDir(), "systemd-notify")
			systemd, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
			if err != nil {
				t.Fatal(err)
			}
			defer systemd.Close()
			t.Setenv("NOTIFY_SOCKET", sock)
			t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
			// "0" + code: never empty, so the child knows it is one.
			t.Setenv("KIOSK_RELAY_CHILD", "0"+strconv.Itoa(want))
			code, err := RelayNotify(context.Background(), []string{os.Args[0], "-test.run=^TestRelayChild$"}, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if code != want {
				t.Errorf("relay exit code %d, want the child's %d (3: the child saw WATCHDOG_PID, 4: it could not notify)", code, want)
			}
			_ = systemd.SetReadDeadline(time.Now().Add(10 * time.Second))
			buf := make([]byte, 64)
			n, err := systemd.Read(buf)
			if err != nil {
				t.Fatalf("systemd got nothing from the relay: %v", err)
			}
			if got := string(buf[:n]); got != "READY=1" {
				t.Errorf("systemd got %q, want READY=1", got)
			}
		})
	}
}

func TestRelayWithoutSystemdJustRunsTheChild(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	code, err := RelayNotify(context.Background(), []string{"sh", "-c", "exit 5"}, t.TempDir())
	if err != nil || code != 5 {
		t.Errorf("RelayNotify = %d, %v; want 5, nil", code, err)
	}
}
