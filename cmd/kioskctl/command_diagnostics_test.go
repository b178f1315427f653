package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/health"
	"kiosk/internal/portal"
)

func readBundle(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	files := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[strings.TrimPrefix(h.Name, "kiosk-diagnostics/")] = string(b)
	}
}

func TestDiagnosticsBundleHasNoSecretsOrPersonalData(t *testing.T) {
	dir := t.TempDir()
	cachePath := filepath.Join(dir, "cache.db")
	c, err := catalog.Open(cachePath, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A recent lookup as the kiosk stores it (the cache masks it again).
	if err := c.PutLookup(portal.Dossier{Code: "000.00.15.H29-261115-0001", Status: 4, Applicant: "Nguyễn Văn Bình", ApplicantID: "074090001234"}); err != nil {
		t.Fatal(err)
	}
	c.Close()

	cfgPath := filepath.Join(dir, "kiosk.toml")
	demo, err := os.ReadFile("../../kiosk-config/demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfgText := strings.Replace(string(demo), `kiosk_key = "demo-key"`, `kiosk_key = "very-secret-key-123"`, 1)
	if err := os.WriteFile(cfgPath, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	orig := journal
	t.Cleanup(func() { journal = orig })
	journal = func(context.Context) ([]byte, error) {
		return []byte("2026-11-22T08:00:00 kiosk[1]: level=WARN msg=\"lookup failed\" id=074090001234 phone=0912345678 secretKey=AB12CD34\n"), nil
	}

	serveStatus(t, cachePath, &health.Monitor{KioskID: "demo-01", Now: time.Now})
	out := filepath.Join(dir, "diag.tar.gz")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-config", cfgPath, "-cache", cachePath, "diagnostics", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	files := readBundle(t, out)
	for _, name := range []string{"versions.txt", "config-check.txt", "config.redacted.toml", "status.json", "cache-stats.json", "devices.txt", "logs.txt"} {
		if _, ok := files[name]; !ok {
			t.Errorf("bundle lacks %s", name)
		}
	}
	if !strings.Contains(files["config.redacted.toml"], "REDACTED") || !strings.Contains(files["status.json"], "demo-01") {
		t.Errorf("redacted config or status missing their content")
	}
	all := strings.Join(func() []string {
		var v []string
		for _, b := range files {
			v = append(v, b)
		}
		return v
	}(), "\n")
	for _, secret := range []string{"very-secret-key-123", "$argon2id$", "Nguyễn Văn Bình", "074090001234", "0912345678", "AB12CD34"} {
		if strings.Contains(all, secret) {
			t.Errorf("bundle contains %q", secret)
		}
	}
}
