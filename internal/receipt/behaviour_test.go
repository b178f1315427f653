package receipt

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"kiosk/internal/escpos"
	"kiosk/internal/portal"
)

func TestBundledProfilesCoverTheRequiredPrinters(t *testing.T) {
	want := map[string]struct {
		width int
		mode  string
	}{
		"epson-tm-t20iii": {576, TextCP1258},
		"epson-tm-t88v":   {512, TextCP1258},
		"epson-tm-t88iv":  {512, TextTCVN3},
		"generic-80":      {576, TextRaster},
		"generic-58":      {384, TextRaster},
	}
	got := map[string]Profile{}
	for _, p := range Profiles() {
		got[p.Name] = p
	}
	for name, w := range want {
		p, ok := got[name]
		if !ok {
			t.Errorf("profile %s missing (have %d profiles)", name, len(got))
			continue
		}
		if p.WidthDots != w.width || p.TextMode != w.mode {
			t.Errorf("%s: %d dots %s, want %d dots %s", name, p.WidthDots, p.TextMode, w.width, w.mode)
		}
	}
	if got["generic-58"].NativeQR {
		t.Error("generic-58 must draw QR codes as raster")
	}
}

func TestLoadProfileRejectsUnknownNamesAndPaths(t *testing.T) {
	for _, name := range []string{"epson-tm-t99", "../fonts/NotoSans-Regular", ""} {
		if _, err := LoadProfile(name); !errors.Is(err, ErrUnknownProfile) {
			t.Errorf("LoadProfile(%q) = %v, want ErrUnknownProfile", name, err)
		}
	}
}

func TestProfileValidationNamesTheProblem(t *testing.T) {
	good := Profile{Name: "x", WidthDots: 576, Columns: 48, TextMode: TextCP1258, CodepageN: 52, Cut: "full", Status: "none"}
	if err := good.Validate(); err != nil {
		t.Fatalf("good profile: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Profile)
		want   string
	}{
		{"a width that is not a multiple of 8", func(p *Profile) { p.WidthDots = 577 }, "width_dots"},
		{"more columns than fit", func(p *Profile) { p.Columns = 49 }, "columns"},
		{"cp1258 with the TCVN-3 page number", func(p *Profile) { p.CodepageN = 30 }, "codepage_n 52"},
		{"an unknown text mode", func(p *Profile) { p.TextMode = "utf8" }, "text_mode"},
		{"an unknown cut", func(p *Profile) { p.Cut = "scissors" }, "cut"},
		{"an unknown status method", func(p *Profile) { p.Status = "snmp" }, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is reported", func(t *testing.T) {
			p := good
			tt.change(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want mention of %q", err, tt.want)
			}
		})
	}
}

// printedText decodes the text a text-mode job prints.
func printedText(t *testing.T, b []byte) string {
	t.Helper()
	ops, err := escpos.Decode(b)
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
	return sb.String()
}

func countOps(t *testing.T, b []byte, c escpos.Cmd) int {
	t.Helper()
	ops, err := escpos.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, op := range ops {
		if op.Cmd == c {
			n++
		}
	}
	return n
}

func TestEncodeUsesTheProfilesWayOfPrinting(t *testing.T) {
	doc := DossierSlip(sampleDossier(), sampleSite("vi"))
	tests := []struct {
		profile                  string
		text, raster, qr, native bool
	}{
		{"epson-tm-t20iii", true, false, true, true},
		{"epson-tm-t88iv", true, false, true, true},
		{"generic-80", false, true, true, true},
		{"generic-58", false, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			b, err := Encode(doc, mustProfile(t, tt.profile))
			if err != nil {
				t.Fatal(err)
			}
			if got := countOps(t, b, escpos.OpText) > 0; got != tt.text {
				t.Errorf("sends text = %v, want %v", got, tt.text)
			}
			if got := countOps(t, b, escpos.OpRaster) > 0; got != tt.raster {
				t.Errorf("sends raster = %v, want %v", got, tt.raster)
			}
			if got := countOps(t, b, escpos.OpQRPrint) > 0; got != tt.qr {
				t.Errorf("native QR = %v, want %v", got, tt.qr)
			}
			if got := countOps(t, b, escpos.OpBarcode) > 0; got != tt.native {
				t.Errorf("native barcode = %v, want %v", got, tt.native)
			}
		})
	}
}

func TestDossierSlipInTextModeWithNativeQRIsUnder2KB(t *testing.T) {
	for _, name := range []string{"epson-tm-t20iii", "epson-tm-t88iv"} {
		b, err := Encode(DossierSlip(sampleDossier(), sampleSite("vi")), mustProfile(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) >= 2048 {
			t.Errorf("%s: dossier slip is %d bytes, want < 2048", name, len(b))
		}
	}
}

func TestRasterModeSendsFarLessThanTheFullBitmap(t *testing.T) {
	p := mustProfile(t, "generic-58")
	doc := ProcedureChecklist(sampleProcedure(), sampleSite("vi"))
	b, err := Encode(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	img, err := Preview(doc, p)
	if err != nil {
		t.Fatal(err)
	}
	naive := img.Bounds().Dy() * p.WidthDots / 8
	if len(b)*2 > naive {
		t.Errorf("sent %d bytes for a %d-byte bitmap; want less than half", len(b), naive)
	}
}

func TestDossierSlipNeverPrintsAnUnmaskedName(t *testing.T) {
	d := sampleDossier()
	d.Applicant = "Trần Thị Bích Ngọc" // a portal that forgot to mask
	d.ApplicantID = "079190001234"
	b, err := Encode(DossierSlip(d, sampleSite("vi")), mustProfile(t, "epson-tm-t20iii"))
	if err != nil {
		t.Fatal(err)
	}
	text := printedText(t, b)
	for _, leak := range []string{"Bích", "Ngọc", "079190001234"} {
		if strings.Contains(text, leak) {
			t.Errorf("slip prints %q", leak)
		}
	}
	for _, want := range []string{"Trần T** B** N", "*********234"} {
		if !strings.Contains(text, want) {
			t.Errorf("slip lacks masked %q:\n%s", want, text)
		}
	}
}

func TestReceiptsSayWhatACitizenNeeds(t *testing.T) {
	p := mustProfile(t, "epson-tm-t20iii")
	tests := []struct {
		name string
		doc  Doc
		want []string
	}{
		{"the checklist lists papers with boxes and copies", ProcedureChecklist(sampleProcedure(), sampleSite("vi")),
			[]string{"[ ] Tờ khai đăng ký khai sinh", "1 bản sao", "8.000 đ", "Miễn phí", "1.001193.000.00.00.H48", "Đường dây nóng: 1900 1234"}},
		{"the checklist in English keeps the data in Vietnamese", ProcedureChecklist(sampleProcedure(), sampleSite("en")),
			[]string{"DOCUMENTS TO BRING", "1 copy", "8,000 VND", "Tờ khai đăng ký khai sinh", "Printed 09:30 22/11/2026"}},
		{"the slip shows status in words, dates in local time and the overdue warning", DossierSlip(sampleDossier(), sampleSite("vi")),
			[]string{"Trạng thái: Đang xử lý", "02/11/2026", "18/11/2026", "QUÁ HẠN", "Quầy số 5"}},
		{"a detailed slip shows the steps and the fee", detailedSlip(),
			[]string{"Tiến trình xử lý:", "[x] Tiếp nhận hồ sơ (02/11/2026)", "[ ] Trả kết quả", "Phí, lệ phí phải nộp:", "500.000 đ"}},
		{"the ticket shows counter and people ahead", QueueTicket(sampleTicket(), sampleSite("vi")),
			[]string{"A-042", "Quầy 3", "Số người chờ trước bạn:", "09:29 22/11/2026"}},
		{"the test page prints every Vietnamese letter", TestPage(sampleSite("vi"), p),
			[]string{"ưừửữứự", "ƯỪỬỮỨỰ", "ĂẰẲẴẮẶ", "epson-tm-t20iii", "cp1258 (ESC t 52)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Encode(tt.doc, p)
			if err != nil {
				t.Fatal(err)
			}
			text := printedText(t, b)
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tt.want {
				if !strings.Contains(flat, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
		})
	}
}

func detailedSlip() Doc {
	d := sampleDossier()
	at := d.ReceivedAt
	d.Detailed = true
	d.Fee = 500000
	d.Steps = []portal.DossierStep{{Name: "Tiếp nhận hồ sơ", At: &at, Done: true}, {Name: "Trả kết quả"}}
	return DossierSlip(d, sampleSite("vi"))
}

func TestPreviewIsWhatTheEncodedBytesRender(t *testing.T) {
	for _, name := range []string{"epson-tm-t88iv", "generic-80"} {
		p := mustProfile(t, name)
		doc := QueueTicket(sampleTicket(), sampleSite("vi"))
		b, err := Encode(doc, p)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := escpos.RenderBitmap(b, p.WidthDots)
		if err != nil {
			t.Fatal(err)
		}
		prev, err := Preview(doc, p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(escpos.FromImage(prev).Pix, direct.Pix) {
			t.Errorf("%s: preview differs from rendering the bytes", name)
		}
	}
}

func TestWrapKeepsLinesWithinTheColumns(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		cols   int
		indent int
		want   []string
	}{
		{"short text stays on one line", "Hộ tịch", 10, 0, []string{"Hộ tịch"}},
		{"words move to the next line whole", "Đăng ký khai sinh cho trẻ", 10, 0, []string{"Đăng ký", "khai sinh", "cho trẻ"}},
		{"continuation lines are indented", "[ ] Giấy chứng sinh bản gốc", 12, 4, []string{"[ ] Giấy", "    chứng", "    sinh", "    bản gốc"}},
		{"the last word does not stand alone", "Vui lòng chờ gọi số.", 16, 0, []string{"Vui lòng chờ", "gọi số."}},
		{"the ticket's closing line on a TM-T20III does not end on a lone \"số.\"", "Vui lòng chờ đến lượt và theo dõi màn hình gọi số.", 48, 0,
			[]string{"Vui lòng chờ đến lượt và theo dõi màn hình", "gọi số."}},
		{"a last word that cannot take company stays alone", "ab cdefghij", 8, 0, []string{"ab", "cdefghij"}},
		{"a word split over lines is not a widow", "a 0123456789abc", 10, 0, []string{"a", "0123456789", "abc"}},
		{"a word longer than a line is split", "000.00.53.H48-220921-0099", 10, 0, []string{"000.00.53.", "H48-220921", "-0099"}},
		{"decomposed letters count as one", "Nguye\u0302\u0303n", 6, 0, []string{"Nguyễn"}},
		{"newlines start new lines", "a\nb", 10, 0, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.in, tt.cols, tt.indent)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			for _, l := range got {
				if runes(l) > tt.cols {
					t.Errorf("line %q longer than %d", l, tt.cols)
				}
			}
		})
	}
}
