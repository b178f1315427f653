// Package packaging holds the .deb recipe, systemd units, udev rules and image
// recipe; this test checks a built package with dpkg-deb. `make test` builds the
// package first and passes its path in KIOSK_DEB.
package packaging

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// kioskDeb is the package under test, or a skip when `make test` did not
// build one.
func kioskDeb(t *testing.T) string {
	t.Helper()
	deb := os.Getenv("KIOSK_DEB")
	if deb == "" {
		t.Skip("KIOSK_DEB not set; `make test` builds the package and sets it")
	}
	return deb
}

// need fails (not skips) when a tool .ci/deps.sh installs is missing: a
// package test that silently does not run would look like a pass.
func need(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is not installed (.ci/deps.sh installs it)", tool)
	}
}

func TestDebContainsTheKioskItsUnitsAndRules(t *testing.T) {
	deb := kioskDeb(t)
	out, err := exec.Command("dpkg-deb", "-c", deb).CombinedOutput()
	if err != nil {
		t.Fatalf("dpkg-deb -c: %v\n%s", err, out)
	}
	listing := string(out)
	want := []struct{ path, mode string }{
		{"./usr/bin/kiosk", "-rwxr-xr-x"},
		{"./usr/bin/kioskctl", "-rwxr-xr-x"},
		{"./usr/bin/kiosk-portalsim", "-rwxr-xr-x"},
		{"./usr/share/kiosk/example-site.toml", "-rw-r--r--"},
		{"./usr/lib/systemd/system/kiosk.service", "-rw-r--r--"},
		{"./usr/lib/systemd/system/kiosk-firstboot.service", "-rw-r--r--"},
		{"./usr/lib/udev/rules.d/99-kiosk.rules", "-rw-r--r--"},
		{"./usr/lib/kiosk/firstboot-config", "-rwxr-xr-x"},
		{"./usr/share/doc/kiosk/README.md", "-rw-r--r--"},
		{"./usr/share/doc/kiosk/prometheus/alerts.yml", "-rw-r--r--"},
		{"./usr/share/doc/kiosk/copyright", "-rw-r--r--"},
		{"./usr/share/doc/kiosk/changelog.gz", "-rw-r--r--"},
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
	for _, w := range []string{"Package: kiosk", "cage", "xwayland", "espeak-ng", "alsa-utils", "postinst", "prerm", "postrm",
		"libc6 (>=", "libpam-systemd", "dbus", "locales", "init-system-helpers"} {
		if !strings.Contains(string(info), w) {
			t.Errorf("control information lacks %q", w)
		}
	}
	if strings.Contains(listing, "./etc/") {
		t.Errorf("the package ships files under /etc (the site config must not be a conffile):\n%s", listing)
	}
}

func TestDebSiteConfigIsNotAConffile(t *testing.T) {
	deb := kioskDeb(t)
	dir := t.TempDir()
	if out, err := exec.Command("dpkg-deb", "-e", deb, dir).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -e: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "conffiles")); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		t.Errorf("the package has conffiles, so an upgrade after an edit can stop at a prompt:\n%s", b)
	}
	post, err := os.ReadFile(filepath.Join(dir, "postinst"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(post), "[ ! -e /etc/kiosk/kiosk.toml ]") {
		t.Error("postinst does not create /etc/kiosk/kiosk.toml only when it is missing")
	}
}

func TestDebIsLintianCleanOfErrors(t *testing.T) {
	deb := kioskDeb(t)
	need(t, "lintian")
	out, err := exec.Command("lintian", "--fail-on", "error", "--tag-display-limit", "0", deb).CombinedOutput()
	t.Logf("lintian:\n%s", out)
	if err != nil {
		t.Errorf("lintian reports errors (%v)", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "E: ") {
			t.Errorf("lintian: %s", line)
		}
	}
}

// TestDebBinariesAreHardened reads the ELF headers itself rather than trusting
// lintian's summary: position-independent (ET_DYN with an interpreter), full
// RELRO (PT_GNU_RELRO and BIND_NOW), no symbol table, no build paths.
func TestDebBinariesAreHardened(t *testing.T) {
	deb := kioskDeb(t)
	dir := t.TempDir()
	if out, err := exec.Command("dpkg-deb", "-x", deb, dir).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v\n%s", err, out)
	}
	for _, bin := range []string{"usr/bin/kiosk", "usr/bin/kioskctl", "usr/bin/kiosk-portalsim"} {
		t.Run(bin, func(t *testing.T) {
			f, err := elf.Open(filepath.Join(dir, bin))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Type != elf.ET_DYN {
				t.Errorf("ELF type %v, want ET_DYN (PIE)", f.Type)
			}
			var relro, interp bool
			for _, p := range f.Progs {
				relro = relro || p.Type == elf.PT_GNU_RELRO
				interp = interp || p.Type == elf.PT_INTERP
			}
			if !relro || !interp {
				t.Errorf("PT_GNU_RELRO %v, PT_INTERP %v; want both (dynamically linked with RELRO)", relro, interp)
			}
			flags, _ := f.DynValue(elf.DT_FLAGS)
			flags1, _ := f.DynValue(elf.DT_FLAGS_1)
			now := false
			for _, v := range flags {
				now = now || v&uint64(elf.DF_BIND_NOW) != 0
			}
			for _, v := range flags1 {
				now = now || v&uint64(elf.DF_1_NOW) != 0
			}
			if !now {
				t.Error("no BIND_NOW: RELRO is only partial")
			}
			if s := f.Section(".symtab"); s != nil {
				t.Error("not stripped: .symtab present")
			}
			libs, _ := f.ImportedLibraries()
			if !strings.Contains(strings.Join(libs, " "), "libc.so.6") {
				t.Errorf("does not link libc.so.6 (imports %v)", libs)
			}
		})
	}
}

// TestDebUpgradeWithAnEditedConfigDoesNotPrompt installs the package, edits
// the config, disables the unit and upgrades, for real, in a copy-on-write
// overlay of this machine (testdata/upgrade-in-overlay.sh), then purges.
func TestDebUpgradeWithAnEditedConfigDoesNotPrompt(t *testing.T) {
	deb := kioskDeb(t)
	if os.Getuid() != 0 {
		t.Skip("needs root (dpkg in an overlay mount namespace); `sudo make test` runs it")
	}
	need(t, "unshare")
	work := t.TempDir()
	out, err := exec.Command("unshare", "-m", "sh", "testdata/upgrade-in-overlay.sh", deb, work).CombinedOutput()
	t.Logf("%s", out)
	if strings.Contains(string(out), "overlay") && !strings.Contains(string(out), "--- install") {
		t.Skipf("this machine cannot mount an overlay of / (%v)", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "FAIL:") {
			t.Error(line)
		}
	}
	if err != nil {
		t.Errorf("upgrade test: %v", err)
	}
	if !strings.Contains(string(out), "ok: the edited config is kept byte for byte") {
		t.Error("the upgrade checks did not run")
	}
}

func TestUnitRunsTheKioskUnderCageWithAWatchdog(t *testing.T) {
	b, err := os.ReadFile("systemd/kiosk.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	for _, w := range []string{"ExecStart=/usr/bin/kiosk -notify-relay -- /usr/bin/cage", "TTYPath=/dev/tty1", "Restart=always", "WatchdogSec=", "NotifyAccess=all", "User=kiosk", "StateDirectory=kiosk"} {
		if !strings.Contains(unit, w) {
			t.Errorf("kiosk.service lacks %q", w)
		}
	}
}

// TestUnitScoresFiveOrBetterInSystemdSecurity keeps the hardening from
// eroding: `systemd-analyze security --offline=true` must rate the unit ≤ 5.0.
func TestUnitScoresFiveOrBetterInSystemdSecurity(t *testing.T) {
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("systemd-analyze not installed")
	}
	out, err := exec.Command("systemd-analyze", "security", "--offline=true", "--no-pager", "systemd/kiosk.service").CombinedOutput()
	m := regexp.MustCompile(`Overall exposure level for kiosk.service: ([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no score in systemd-analyze output (%v):\n%s", err, out)
	}
	score, _ := strconv.ParseFloat(string(m[1]), 64)
	if score > 5.0 {
		t.Errorf("kiosk.service scores %.1f in systemd-analyze security, want ≤ 5.0:\n%s", score, out)
	}
	t.Logf("kiosk.service exposure %.1f", score)
}

// TestUnitKeepsWhatGLInputAndSerialNeed guards the directives that look like
// hardening but would break the kiosk (see the comment in kiosk.service).
func TestUnitKeepsWhatGLInputAndSerialNeed(t *testing.T) {
	b, err := os.ReadFile("systemd/kiosk.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		// ProtectHome=yes and =read-only take /run/user away from cage (its
		// Wayland socket); the container boot test found it.
		for _, bad := range []string{"PrivateDevices=yes", "ProtectClock=yes", "MemoryDenyWriteExecute=yes", "PrivateUsers=yes", "ProcSubset=pid", "DevicePolicy=closed", "DevicePolicy=strict", "ProtectHome=yes", "ProtectHome=read-only", "ProtectHome=true"} {
			if strings.TrimSpace(line) == bad {
				t.Errorf("kiosk.service sets %s, which hides the GPU, input or serial devices or breaks Mesa", bad)
			}
		}
	}
	unit := string(b)
	// SystemCallFilter=@setuid: Xwayland's xkbcomp child calls setuid(getuid()).
	for _, w := range []string{"AF_NETLINK", "ConfigurationDirectoryMode=0750", "StateDirectoryMode=0750", "SystemCallFilter=@setuid", "-/run/user"} {
		if !strings.Contains(unit, w) {
			t.Errorf("kiosk.service lacks %q", w)
		}
	}
	groups := regexp.MustCompile(`(?m)^SupplementaryGroups=(.*)$`).FindStringSubmatch(unit)
	for _, g := range []string{"dialout", "video", "input", "render"} {
		if groups == nil || !strings.Contains(" "+groups[1]+" ", " "+g+" ") {
			t.Errorf("kiosk.service does not give the kiosk the %s group", g)
		}
	}
}
