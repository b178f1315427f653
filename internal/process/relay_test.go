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
	if runs := os.Getenv("KIOSK_RELAY_RUNS"); runs != "" {
		// A compositor on a GPU it cannot use: fails at once unless given
		// the software renderer; "ready-then-fail" fails after READY=1.
		f, _ := os.OpenFile(runs, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		f.WriteString(os.Getenv("KIOSK_TEST_RENDERER") + "\n")
		f.Close()
		switch {
		case os.Getenv("KIOSK_TEST_RENDERER") == "soft":
			daemon.SdNotify(false, "READY=1")
			os.Exit(0)
		case os.Getenv("KIOSK_RELAY_CHILD") == "ready-then-fail":
			daemon.SdNotify(false, "STATUS=up\nREADY=1")
			time.Sleep(200 * time.Millisecond) // the relay reads it first
			os.Exit(9)
		default:
			os.Exit(9)
		}
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

func TestRelayRetriesOnceWithTheFallbackWhenTheChildFailsBeforeReady(t *testing.T) {
	fallback := "KIOSK_TEST_RENDERER=soft"
	cases := []struct {
		name, child, preset string
		wantCode            int
		wantRuns            string
	}{
		{"a compositor that cannot use the GPU comes up with software rendering", "crash", "", 0, "\nsoft\n"},
		{"a failure after READY=1 is not the screen's", "ready-then-fail", "", 9, "\n"},
		{"a renderer chosen by the technician stands", "crash", "gles2", 9, "gles2\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sock := filepath.Join(t.TempDir(), "systemd-notify")
			systemd, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
			if err != nil {
				t.Fatal(err)
			}
			defer systemd.Close()
			runs := filepath.Join(t.TempDir(), "runs")
			t.Setenv("NOTIFY_SOCKET", sock)
			t.Setenv("KIOSK_RELAY_CHILD", tc.child)
			t.Setenv("KIOSK_RELAY_RUNS", runs)
			t.Setenv("KIOSK_TEST_RENDERER", tc.preset)
			if tc.preset == "" {
				os.Unsetenv("KIOSK_TEST_RENDERER")
			}
			code, err := RelayNotify(context.Background(), []string{os.Args[0], "-test.run=^TestRelayChild$"}, t.TempDir(), fallback)
			if err != nil {
				t.Fatal(err)
			}
			if code != tc.wantCode {
				t.Errorf("relay exit code %d, want %d", code, tc.wantCode)
			}
			got, _ := os.ReadFile(runs)
			if string(got) != tc.wantRuns {
				t.Errorf("the child ran with renderers %q, want %q", got, tc.wantRuns)
			}
		})
	}
}
