package config

import (
	"os"
	"path/filepath"
	"testing"
)

// The OpenCPS auth token lets whoever reads it post bookings and votes as
// the kiosk: a world-readable file holding it is warned about like one
// holding the kiosk key.
func TestAWorldReadableOpenCPSTokenIsAWarning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	body := "[portal]\ndialect = \"opencps/v2\"\nbase_url = \"https://dichvucong.example.gov.vn\"\ngroup_id = \"35417\"\n\n[portal.opencps]\ntoken = \"s3cret\"\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := CheckPermissions(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Severity != Warning || ps[0].Key != "portal.opencps.token" {
		t.Errorf("problems %v, want one warning about portal.opencps.token", ps)
	}
}
