package receipt

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/internal/escpos"
	"kiosk/internal/portal"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

var hanoi = time.FixedZone("ICT", 7*3600)

func sampleSite(lang string) Site {
	return Site{
		Name:      "Trung tâm Phục vụ hành chính công tỉnh Bình Dương",
		Hotline:   "1900 1234",
		Lang:      lang,
		Now:       time.Date(2026, 11, 22, 9, 30, 0, 0, hanoi),
		LookupURL: "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=",
	}
}

func sampleProcedure() portal.Procedure {
	return portal.Procedure{
		Code:       "1.001193.000.00.00.H48",
		Name:       "Đăng ký khai sinh",
		AgencyName: "Ủy ban nhân dân cấp xã",
		FieldName:  "Hộ tịch",
		Channels: []portal.Channel{
			{Kind: portal.ChannelInPerson, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"},
				Fees: []portal.Fee{{Name: "Lệ phí", Amount: 0, Note: "miễn lệ phí nếu đăng ký đúng hạn"}}},
			{Kind: portal.ChannelOnline, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"},
				Fees: []portal.Fee{{Name: "Lệ phí đăng ký quá hạn", Amount: 8000}}},
		},
		Documents: []portal.Document{
			{Name: "Tờ khai đăng ký khai sinh theo mẫu", Originals: 1},
			{Name: "Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh", Originals: 1},
			{Name: "Căn cước công dân của cha hoặc mẹ", Copies: 1, Note: "xuất trình bản chính để đối chiếu"},
		},
		SubmitPlace: "Bộ phận Một cửa UBND xã, phường, thị trấn nơi cư trú",
		OnlineURL:   "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193",
	}
}

func sampleDossier() portal.Dossier {
	fin := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	return portal.Dossier{
		Code:          "000.00.53.H48-220921-0099",
		ProcedureName: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
		AgencyName:    "UBND thành phố Thủ Dầu Một",
		Status:        portal.StatusProcessing,
		ReceivedAt:    time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC),
		DueAt:         time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC),
		FinishedAt:    &fin,
		CurrentStep:   "Phòng Quản lý đô thị thẩm định hồ sơ",
		Overdue:       true,
		PickupPlace:   "Quầy số 5, Trung tâm Hành chính công thành phố",
		Applicant:     "Nguyễn V** A",
		ApplicantID:   "*********345",
	}
}

func sampleTicket() portal.Ticket {
	return portal.Ticket{
		Number: "A-042", ServiceCode: "HT", ServiceName: "Hộ tịch – Chứng thực",
		Counter: "3", Waiting: 7, IssuedAt: time.Date(2026, 11, 22, 2, 29, 0, 0, time.UTC),
		FollowURL: "https://hcc.binhduong.gov.vn/q/HT/A-042",
	}
}

type kind struct {
	name  string
	doc   func(p Profile) Doc
	codes []string // what the QR codes and barcodes must scan as
}

func kinds(lang string) []kind {
	s := sampleSite(lang)
	return []kind{
		{"procedure", func(Profile) Doc { return ProcedureChecklist(sampleProcedure(), s) },
			[]string{sampleProcedure().OnlineURL}},
		{"dossier", func(Profile) Doc { return DossierSlip(sampleDossier(), s) },
			[]string{"000.00.53.H48-220921-0099", s.LookupURL + "000.00.53.H48-220921-0099"}},
		{"ticket", func(Profile) Doc { return QueueTicket(sampleTicket(), s) },
			[]string{sampleTicket().FollowURL}},
		{"test", func(p Profile) Doc { return TestPage(s, p) },
			[]string{"KIOSK TEST " + "%s", "KIOSK-TEST-0123"}},
	}
}

// goldenProfiles are one profile per way of printing: CP1258 text on 576
// dots, TCVN-3 text on 512 dots, raster on 384 dots.
var goldenProfiles = []string{"epson-tm-t20iii", "epson-tm-t88iv", "generic-58"}

func mustProfile(t testing.TB, name string) Profile {
	t.Helper()
	p, err := LoadProfile(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReceiptsMatchTheirGoldenImages(t *testing.T) {
	for _, pn := range goldenProfiles {
		p := mustProfile(t, pn)
		for _, k := range kinds("vi") {
			name := fmt.Sprintf("%s-%s", k.name, pn)
			t.Run(name+" prints as its golden image", func(t *testing.T) {
				img, err := Preview(k.doc(p), p)
				if err != nil {
					t.Fatal(err)
				}
				if img.Bounds().Dx() != p.WidthDots {
					t.Errorf("preview is %d dots wide, want %d", img.Bounds().Dx(), p.WidthDots)
				}
				path := filepath.Join("testdata", name+".png")
				if *update {
					writePNG(t, path, img)
					return
				}
				want := readPNG(t, path)
				if diff := pixelDiff(img, want); diff != "" {
					failed := filepath.Join("testdata", "failed", name+".png")
					_ = os.MkdirAll(filepath.Dir(failed), 0o755)
					writePNG(t, failed, img)
					t.Errorf("%s differs from golden (%s); got saved to %s; run go test -update if intended", name, diff, failed)
				}
			})
		}
	}
}

func TestReceiptCodesScanBackToTheirData(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not installed (make deps installs zbar-tools); skipping the scan check")
	}
	for _, pn := range goldenProfiles {
		p := mustProfile(t, pn)
		for _, k := range kinds("vi") {
			t.Run(k.name+" on "+pn+" scans", func(t *testing.T) {
				img, err := Preview(k.doc(p), p)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "r.png")
				writePNG(t, path, img)
				out, err := exec.Command(zbar, "--raw", "-q", path).Output()
				if err != nil {
					t.Fatalf("zbarimg read nothing: %v", err)
				}
				got := strings.Split(strings.TrimSpace(string(out)), "\n")
				for _, want := range k.codes {
					want = strings.ReplaceAll(want, "%s", p.Name)
					if !slices.Contains(got, want) {
						t.Errorf("scanned %q; missing %q", got, want)
					}
				}
			})
		}
	}
}

func writePNG(t testing.TB, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func pixelDiff(a, b image.Image) string {
	if a.Bounds() != b.Bounds() {
		return fmt.Sprintf("size %v, golden %v", a.Bounds().Size(), b.Bounds().Size())
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, _, _, _ := a.At(x, y).RGBA()
			br, _, _, _ := b.At(x, y).RGBA()
			if (ar < 0x8000) != (br < 0x8000) {
				n++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d dots differ", n)
}

var _ = escpos.CellW
