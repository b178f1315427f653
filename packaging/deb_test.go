// Package packaging holds the .deb recipe, systemd units, udev rules and image
// recipe; this test checks a built package with dpkg-deb. `make test` builds the
// package first and passes its path in KIOSK_DEB.
package packaging

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestDebContainsTheKioskItsUnitsAndRules(t *testing.T) {
	deb := os.Getenv("KIOSK_DEB")
	if deb == "" {
		t.Skip("KIOSK_DEB not set; `make test` builds the package and sets it")
	}
	out, err := exec.Command("dpkg-deb", "-c", deb).CombinedOutput()
	if err != nil {
		t.Fatalf("dpkg-deb -c: %v\n%s", err, out)
	}
	listing := string(out)
	want := []struct{ path, mode string }{
		{"./usr/bin/kiosk", "-rwxr-xr-x"},
		{"./usr/bin/kioskctl", "-rwxr-xr-x"},
		{"./usr/bin/kiosk-portalsim", "-rwxr-xr-x"},
		{"./etc/kiosk/kiosk.toml", "-rw-r-----"},
		{"./usr/lib/systemd/system/kiosk.service", "-rw-r--r--"},
		{"./usr/lib/systemd/system/kiosk-firstboot.service", "-rw-r--r--"},
		{"./usr/lib/udev/rules.d/99-kiosk.rules", "-rw-r--r--"},
		{"./usr/lib/kiosk/firstboot-config", "-rwxr-xr-x"},
		{"./usr/share/doc/kiosk/README.md", "-rw-r--r--"},
		{"./usr/share/doc/kiosk/prometheus/alerts.yml", "-rw-r--r--"},
		{"./var/lib/kiosk/", "drwxr-x---"},
	}
	for _, w := range want {
		found := false
		for _, line := range strings.Split(listing, "\n") {
			f := strings.Fields(line)
			if len(f) >= 6 && f[len(f)-1] == w.path {
				found = true
				if f[0] != w.mode {
					t.Errorf("%s has mode %s, want %s", w.path, f[0], w.mode)
				}
			}
		}
		if !found {
			t.Errorf("package lacks %s", w.path)
		}
	}

	info, err := exec.Command("dpkg-deb", "-I", deb).CombinedOutput()
	if err != nil {
		t.Fatalf("dpkg-deb -I: %v\n%s", err, info)
	}
	for _, w := range []string{"Package: kiosk", "cage", "xwayland", "espeak-ng", "alsa-utils", "postinst", "prerm", "conffiles"} {
		if !strings.Contains(string(info), w) {
			t.Errorf("control information lacks %q", w)
		}
	}
}

func TestUnitRunsTheKioskUnderCageWithAWatchdog(t *testing.T) {
	b, err := os.ReadFile("systemd/kiosk.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	for _, w := range []string{"ExecStart=/usr/bin/cage", "TTYPath=/dev/tty1", "Restart=always", "WatchdogSec=", "NotifyAccess=all", "User=kiosk", "StateDirectory=kiosk"} {
		if !strings.Contains(unit, w) {
			t.Errorf("kiosk.service lacks %q", w)
		}
	}
}

func TestUdevRulesNameDevicesAndKeepModemManagerAway(t *testing.T) {
	b, err := os.ReadFile("udev/99-kiosk.rules")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range []string{`ATTRS{idVendor}==`, `ATTRS{idProduct}==`, `GROUP="kiosk"`, `ENV{ID_MM_DEVICE_IGNORE}="1"`} {
			if !strings.Contains(line, w) {
				t.Errorf("rule on line %d lacks %s", i+1, w)
			}
		}
		if !strings.Contains(line, `SYMLINK+="kiosk-printer"`) && !strings.Contains(line, `SYMLINK+="kiosk-scanner"`) {
			t.Errorf("rule on line %d gives no stable name", i+1)
		}
	}
}
