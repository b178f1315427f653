package main

import (
	"bytes"
	"context"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

const demoDossierCode = "000.00.15.H29-261015-0012"

// dossierPortal serves the demo dataset on loopback in one dialect and
// returns the config that speaks it, the portal URL and the demo dossier.
func dossierPortal(t *testing.T, dialect string) (configPath, url string, rec portalsim.DossierRecord) {
	return dossierPortalAt(t, dialect, nil)
}

// dossierPortalAt is dossierPortal on a fixed clock, so the dates printed
// are the dataset's own.
func dossierPortalAt(t *testing.T, dialect string, now func() time.Time) (configPath, url string, rec portalsim.DossierRecord) {
	t.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds.Dossiers {
		if d.Code == demoDossierCode {
			rec = d
		}
	}
	if rec.Secret == "" || rec.ApplicantIDNumber == "" || rec.ApplicantName == "" {
		t.Fatalf("the demo dataset has no dossier %s with a secret, an ID number and a name", demoDossierCode)
	}
	o := portalsim.Options{KioskKey: "demo-key", Now: now}
	configPath = "../../kiosk-config/demo.toml"
	if dialect == portalsim.DialectOpenCPS {
		// As kiosk-config/demo-opencps.toml describes the site.
		o = portalsim.Options{Dialect: portalsim.DialectOpenCPS,
			OpenCPS: portalsim.OpenCPSOptions{GroupID: "35417", Token: "demo-opencps-token"}, Now: now}
		configPath = "../../kiosk-config/demo-opencps.toml"
	}
	_, url, stop, err := portalsim.StartServer(context.Background(), "127.0.0.1:0", ds, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return configPath, url, rec
}

func runDossierCmd(t *testing.T, configPath, url string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"-config", configPath, "-portal", url, "dossier"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDossierLooksUpAStatusInEitherDialect(t *testing.T) {
	for _, dialect := range []string{portalsim.DialectKioskV1, portalsim.DialectOpenCPS} {
		t.Run(dialect, func(t *testing.T) {
			// On the dataset's reference day the simulator shifts no dates.
			cfg, url, rec := dossierPortalAt(t, dialect, func() time.Time { return portalsim.DemoReference })
			for _, by := range [][]string{{"-secret", rec.Secret}, {"-id", rec.ApplicantIDNumber}} {
				t.Run("unlocked with "+by[0], func(t *testing.T) {
					code, out, errs := runDossierCmd(t, cfg, url, append([]string{demoDossierCode}, by...)...)
					if code != 0 {
						t.Fatalf("exit %d, stderr %s", code, errs)
					}
					for _, want := range []string{demoDossierCode, "status", "9 Đã xử lý xong", "received", "2026-10-15",
						"due", "2026-10-29 17:00", "finished", "2026-10-29 12:44", "current step", "Chờ trả kết quả", "Sở Tư pháp", "unlocked", "[x] Nộp hồ sơ"} {
						if !strings.Contains(out, want) {
							t.Errorf("output lacks %q:\n%s", want, out)
						}
					}
					if masked := portal.MaskName(rec.ApplicantName); !regexp.MustCompile(`(?m)^applicant +` + regexp.QuoteMeta(masked) + `$`).MatchString(out) {
						t.Errorf("no applicant masked as %q in:\n%s", masked, out)
					}
					if strings.Contains(out, "returned") {
						t.Errorf("a dossier whose result waits at the counter is shown as returned:\n%s", out)
					}
					// Nothing personal in clear, not even what the technician typed.
					for _, secret := range []string{rec.ApplicantName, strings.ToUpper(rec.ApplicantName), rec.ApplicantIDNumber, rec.ApplicantPhone, rec.Secret} {
						if secret != "" && strings.Contains(out+errs, secret) {
							t.Errorf("output shows %q:\n%s%s", secret, out, errs)
						}
					}
				})
			}
			t.Run("the flags may come before the code", func(t *testing.T) {
				if code, _, errs := runDossierCmd(t, cfg, url, "-secret", rec.Secret, demoDossierCode); code != 0 {
					t.Errorf("exit %d: %s", code, errs)
				}
			})
		})
	}
}

func TestDossierFailuresSayWhatWentWrong(t *testing.T) {
	// A port nothing listens on: the portal is offline.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadURL := "http://" + l.Addr().String()
	l.Close()

	for _, dialect := range []string{portalsim.DialectKioskV1, portalsim.DialectOpenCPS} {
		cfg, url, rec := dossierPortal(t, dialect)
		for _, tc := range []struct {
			name string
			url  string
			args []string
			exit int
			want string
		}{
			{"an unknown code is not found", url, []string{"000.00.15.H29-261015-9999", "-secret", rec.Secret}, 1, "not found"},
			{"a wrong secret is refused", url, []string{demoDossierCode, "-secret", "WRONG1"}, 1, "wrong secret or ID number"},
			{"a wrong ID number is refused", url, []string{demoDossierCode, "-id", "079999999999"}, 1, "wrong secret or ID number"},
			{"an unreachable portal is offline", deadURL, []string{demoDossierCode, "-secret", rec.Secret}, 1, "offline"},
			{"the secret and the ID number together are a usage error", url, []string{demoDossierCode, "-secret", "a", "-id", "b"}, 2, "not both"},
			{"no code is a usage error", url, nil, 2, "usage: kioskctl dossier CODE"},
			{"what cannot be a code is refused before asking", url, []string{"AB\x1b[2J"}, 2, "cannot be a dossier code"},
		} {
			t.Run(dialect+": "+tc.name, func(t *testing.T) {
				code, out, errs := runDossierCmd(t, cfg, tc.url, tc.args...)
				if code != tc.exit || !strings.Contains(errs, tc.want) {
					t.Errorf("exit %d, stderr %q; want %d and %q (stdout %q)", code, errs, tc.exit, tc.want, out)
				}
				if strings.Contains(errs, rec.Secret) || strings.Contains(errs, "\x1b") {
					t.Errorf("stderr shows the secret or a terminal escape: %q", errs)
				}
			})
		}
	}
	t.Run("an OpenCPS portal without a secret or ID number says which to give", func(t *testing.T) {
		cfg, url, _ := dossierPortal(t, portalsim.DialectOpenCPS)
		code, _, errs := runDossierCmd(t, cfg, url, demoDossierCode)
		if code != 1 || !strings.Contains(errs, "-secret") || !strings.Contains(errs, "-id") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
	t.Run("a kiosk/v1 portal without a secret shows the public summary", func(t *testing.T) {
		cfg, url, _ := dossierPortal(t, portalsim.DialectKioskV1)
		code, out, errs := runDossierCmd(t, cfg, url, demoDossierCode)
		if code != 0 || !strings.Contains(out, "public summary only") || strings.Contains(out, "[x]") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
		}
	})
}
