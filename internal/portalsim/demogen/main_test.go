package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const committed = "../../../assets/demo"

var files = []string{"fields.json", "agencies.json", "procedures.json", "dossiers.json"}

func TestCommittedFilesMatchTheTables(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		t.Run(name+" is up to date", func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(committed, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("assets/demo/%s differs from what demogen produces; run: go run ./internal/portalsim/demogen -out assets/demo", name)
			}
		})
	}
}

func TestRegeneratingGivesIdenticalFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := write(a); err != nil {
		t.Fatal(err)
	}
	if err := write(b); err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two runs gave different output (%d vs %d bytes)", name, len(x), len(y))
		}
	}
}

// The README's sample table is what people type in demos; it must match.
func TestReadmeSampleDossiersExistWithTheirSecrets(t *testing.T) {
	ds, err := build()
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]dossierRecord{}
	for _, d := range ds.dossiers {
		byCode[d.Code] = d
	}
	f, err := os.Open(filepath.Join(committed, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| 000.") {
			continue
		}
		cols := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		code, secret, id := cols[0], cols[3], cols[4]
		rows++
		d, ok := byCode[code]
		switch {
		case !ok:
			t.Errorf("README names dossier %s, which the dataset does not have", code)
		case d.Secret != secret || d.ApplicantIDNumber != id:
			t.Errorf("README gives %s secret %s / ID %s, the dataset has %s / %s", code, secret, id, d.Secret, d.ApplicantIDNumber)
		case !strings.HasPrefix(cols[2], d.StatusLabel) && !strings.Contains(cols[2], d.StatusLabel):
			t.Errorf("README gives %s status %q, the dataset has %d %s", code, cols[2], d.Status, d.StatusLabel)
		}
	}
	if rows < 5 {
		t.Errorf("README sample table has %d rows, want the 5 showcase dossiers", rows)
	}
}

func TestFormURLsUseTheFormCode(t *testing.T) {
	tests := []struct{ form, want string }{
		{"Tờ khai đăng ký khai sinh (mẫu TP/HT-2020-KS.1)", portalBase + "/bieu-mau/tp-ht-2020-ks.1.docx"},
		{"Tờ khai thay đổi thông tin cư trú (mẫu CT01)", portalBase + "/bieu-mau/ct01.docx"},
		{"Đơn đề nghị đổi giấy phép lái xe", portalBase + "/bieu-mau/don-de-nghi-doi-giay-phep-lai-xe.docx"},
	}
	for _, tt := range tests {
		if got := formURL(tt.form); got != tt.want {
			t.Errorf("formURL(%q) = %q, want %q", tt.form, got, tt.want)
		}
	}
}

func TestAmountsAreWrittenTheVietnameseWay(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{8000, "8.000 đồng"},
		{135000, "135.000 đồng"},
		{24600000, "24.600.000 đồng"},
		{500, "500 đồng"},
	}
	for _, tt := range tests {
		if got := vnd(tt.n); got != tt.want {
			t.Errorf("vnd(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
