package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/portal"
)

const hostileText = "\x1b[2J\x1b]0;pwned\x07\u202e\u009b31m"

func assertTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b", "\r"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s carries %q: %q", what, bad, s)
		}
	}
}

func TestSearchOutputCarriesNoTerminalEscapes(t *testing.T) {
	procs := []portal.Procedure{{Code: "1.001193.000.00.00.H48", Name: hostileText + "Đăng ký khai sinh",
		FieldCode: "HT", FieldName: "Hộ tịch" + hostileText, AgencyCode: "UBX", Level: 3}}
	cache := searchCache(t, procs)
	for _, args := range [][]string{{"search", "khai sinh"}, {"search", "-json", "khai sinh"}} {
		code, out, errOut := runCtl(append([]string{"-config", demoConfig, "-portal", "http://127.0.0.1:1", "-cache", cache}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, stderr %s", args, code, errOut)
		}
		assertTerminalSafe(t, strings.Join(args, " "), out)
		if !strings.Contains(out, "Đăng ký khai sinh") {
			t.Errorf("%v: the Vietnamese name was lost: %q", args, out)
		}
	}
}

func TestSyncErrorsFromThePortalCarryNoTerminalEscapes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"code":"bad\u001b[2J","message":"` + strings.ReplaceAll(hostileText, "\x1b", `\u001b`) + `"}`))
	}))
	defer srv.Close()
	code, out, errOut := runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", filepath.Join(t.TempDir(), "cache.db"), "sync")
	if code == 0 {
		t.Fatalf("sync against a refusing portal succeeded: %s", out)
	}
	assertTerminalSafe(t, "stderr", errOut)
	assertTerminalSafe(t, "stdout", out)
}

func TestTermSafeKeepsTextAndLayout(t *testing.T) {
	if got := termSafe("Đăng ký\tkhai sinh\n"); got != "Đăng ký\tkhai sinh\n" {
		t.Errorf("termSafe changed plain text: %q", got)
	}
	if got := termSafe("a\x1b[2Jb\x00c\u2066d"); got != "a[2Jbcd" {
		t.Errorf("termSafe = %q", got)
	}
}
