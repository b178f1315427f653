package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kiosk/internal/catalog"
	"kiosk/internal/escpos"
	"kiosk/internal/portal"
)

// receiptText decodes the text a text-mode ESC/POS job prints.
func receiptText(t *testing.T, job []byte) string {
	t.Helper()
	ops, err := escpos.Decode(job)
	if err != nil {
		t.Fatal(err)
	}
	cp := escpos.PC437
	var sb strings.Builder
	for _, op := range ops {
		switch op.Cmd {
		case escpos.OpCodePage:
			cp = escpos.CodePage(op.N)
		case escpos.OpText:
			sb.WriteString(escpos.DecodeText(cp, op.Data))
		case escpos.OpLF:
			sb.WriteByte('\n')
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

func TestReceiptCommand(t *testing.T) {
	dir := t.TempDir()
	noConfig := filepath.Join(dir, "missing.toml")

	// A cache holding one procedure.
	cachePath := filepath.Join(dir, "cache.db")
	c, err := catalog.Open(cachePath, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cached := portal.Procedure{Code: "2.000001.000.00.00.H48", Name: "Chứng thực bản sao từ bản chính", AgencyName: "UBND xã Tân Định"}
	if err := c.ApplyPage([]portal.Procedure{cached}, catalog.SyncState{}); err != nil {
		t.Fatal(err)
	}
	c.Close()

	old := receiptDemoFS
	t.Cleanup(func() { receiptDemoFS = old })
	receiptDemoFS = fstest.MapFS{
		"dossiers.json": {Data: []byte(`[{"code":"000.00.53.H48-251120-0007","procedure_name":"Cấp phiếu lý lịch tư pháp",
			"status":9,"received_at":"2025-11-20T02:00:00Z","due_at":"2025-11-30T10:00:00Z",
			"applicant_name":"Lê Thị Hồng Nhung","applicant_id_number":"079190001234","secret":"s3cr3t"}]`)},
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string // in stdout
		wantText []string // printed on the receipt
		noText   []string // never printed
		wantScan string
	}{
		{"a procedure checklist comes from the cache when it has the code",
			[]string{"-cache", cachePath, "receipt", "-kind", "procedure", "-code", cached.Code}, 0,
			[]string{"the cache", "epson-tm-t20iii"}, []string{"Chứng thực bản sao từ bản chính"}, nil, ""},
		{"a procedure the cache lacks falls back to the built-in sample",
			[]string{"-cache", cachePath, "receipt", "-kind", "procedure", "-code", "1.001193.000.00.00.H48"}, 0,
			[]string{"built-in sample"}, []string{"Đăng ký khai sinh"}, nil, ""},
		{"a dossier slip from the demo dataset masks the applicant",
			[]string{"receipt", "-kind", "dossier", "-lang", "en"}, 0,
			[]string{"demo dataset"}, []string{"APPLICATION STATUS", "Lê T** H** N", "*********234", "Received: 20/11/2025"},
			[]string{"Nhung", "079190001234", "s3cr3t"}, "000.00.53.H48-251120-0007"},
		{"a queue ticket on the TCVN-3 printer",
			[]string{"receipt", "-kind", "ticket", "-profile", "epson-tm-t88iv", "-code", "B-007"}, 0,
			[]string{"epson-tm-t88iv"}, []string{"SỐ THỨ TỰ CỦA BẠN", "B-007"}, nil, ""},
		{"a test page on the raster-only printer", []string{"receipt", "-kind", "test", "-profile", "generic-58"}, 0,
			[]string{"generic-58", "384×"}, nil, nil, "KIOSK-TEST-0123"},
		{"an unknown kind is a usage error", []string{"receipt", "-kind", "menu"}, 2, nil, nil, nil, ""},
		{"an unknown profile is a usage error", []string{"receipt", "-kind", "test", "-profile", "epson-tm-u220"}, 2, nil, nil, nil, ""},
		{"an unknown procedure code fails", []string{"receipt", "-kind", "procedure", "-code", "9.999999"}, 1, nil, nil, nil, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".png")
			raw := filepath.Join(dir, "job"+string(rune('a'+i))+".bin")
			args := append([]string{"-config", noConfig}, tt.args...)
			if tt.wantCode != 2 {
				args = append(args, "-out", out, "-raw", raw)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if code != 0 {
				return
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout %q lacks %q", stdout.String(), w)
				}
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(f); err != nil {
				t.Errorf("output is not a PNG: %v", err)
			}
			f.Close()
			job, err := os.ReadFile(raw)
			if err != nil {
				t.Fatal(err)
			}
			text := receiptText(t, job)
			for _, w := range tt.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("receipt lacks %q: %s", w, text)
				}
			}
			for _, w := range tt.noText {
				if strings.Contains(text, w) || bytes.Contains(job, []byte(w)) {
					t.Errorf("receipt prints %q", w)
				}
			}
			if tt.wantScan != "" {
				zbar, err := exec.LookPath("zbarimg")
				if err != nil {
					t.Skip("zbarimg not installed; skipping the scan check")
				}
				got, _ := exec.Command(zbar, "--raw", "-q", out).Output()
				if !strings.Contains(string(got), tt.wantScan) {
					t.Errorf("scanned %q, want %q", got, tt.wantScan)
				}
			}
		})
	}
}
