package packaging

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDebFleetUpgradeFromTheSiteRepository publishes the package and a higher
// version to a signed reprepro repository and lets unattended-upgrade move a
// kiosk from one to the other (held first, then not), with an edited config,
// then rolls back, in an overlay of this machine
// (testdata/fleet-upgrade-in-overlay.sh).
func TestDebFleetUpgradeFromTheSiteRepository(t *testing.T) {
	deb := kioskDeb(t)
	if os.Getuid() != 0 {
		t.Skip("needs root (dpkg and apt in an overlay mount namespace); `sudo make test` runs it")
	}
	for _, tool := range []string{"unshare", "reprepro", "gpg", "unattended-upgrade"} {
		need(t, tool)
	}
	work := t.TempDir()
	out, err := exec.Command("unshare", "-m", "sh", "testdata/fleet-upgrade-in-overlay.sh", deb, work).CombinedOutput()
	t.Logf("%s", out)
	if strings.Contains(string(out), "overlay") && !strings.Contains(string(out), "--- ") {
		t.Skipf("this machine cannot mount an overlay of / (%v)", err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "FAIL:") {
			t.Error(line)
		}
	}
	if err != nil {
		t.Errorf("fleet upgrade test: %v", err)
	}
	if !strings.Contains(string(out), "ok: unattended-upgrade installs") {
		t.Error("the unattended upgrade did not happen")
	}
}
