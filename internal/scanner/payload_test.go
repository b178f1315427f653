package scanner

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	const code = "000.00.53.H48-220921-0099"
	tests := []struct {
		name string
		in   string
		want Payload
	}{
		{"a bare dossier code is accepted", code, Payload{Kind: Dossier, DossierCode: code}},
		{"a code in lower case with spaces around is upper-cased and trimmed", "  000.00.53.h48-220921-0099 \r\n", Payload{Kind: Dossier, DossierCode: code}},
		{"a six-digit counter is accepted", "000.00.12.H29-231231-123456", Payload{Kind: Dossier, DossierCode: "000.00.12.H29-231231-123456"}},
		{"a URL ending in the code yields the code", "https://dichvucong.hanam.gov.vn/tra-cuu-ho-so/" + code, Payload{Kind: Dossier, DossierCode: code}},
		{"a URL ending in the code and a slash yields the code", "https://dvc.example.gov.vn/ho-so/" + code + "/", Payload{Kind: Dossier, DossierCode: code}},
		{"a URL with code= and secretKey= yields both", "https://dvc.example.gov.vn/web/cong-dich-vu-cong/tra-cuu?code=" + code + "&secretKey=Ab12Cd", Payload{Kind: Dossier, DossierCode: code, Secret: "Ab12Cd"}},
		{"a URL with dossierNo= in another case yields the code", "HTTPS://dvc.example.gov.vn/lookup?DossierNo=000.00.53.h48-220921-0099", Payload{Kind: Dossier, DossierCode: code}},
		{"a URL with the code in its path and secretKey in the query yields both", "https://dvc.example.gov.vn/dossiers/" + code + "?secretKey=XYZ789", Payload{Kind: Dossier, DossierCode: code, Secret: "XYZ789"}},
		{"a single-page-app URL with the code in the fragment yields it", "https://dvc.example.gov.vn/#/tra-cuu-ho-so?code=" + code + "&secretCode=s3", Payload{Kind: Dossier, DossierCode: code, Secret: "s3"}},
		{"a www address without a scheme is read as a URL", "www.dvc.example.gov.vn/ho-so/" + code, Payload{Kind: Dossier, DossierCode: code}},
		{"a multi-line QR with Vietnamese labels yields code and secret", "Mã hồ sơ: " + code + "\nMã bí mật: 7F3K9Q\nNgày hẹn trả: 30/09/2022", Payload{Kind: Dossier, DossierCode: code, Secret: "7F3K9Q"}},
		{"a multi-line QR with labels without diacritics and CRLF yields code and secret", "Ma ho so: " + code + "\r\nMa bi mat: 7F3K9Q", Payload{Kind: Dossier, DossierCode: code, Secret: "7F3K9Q"}},
		{"a multi-line QR with Số hồ sơ yields the code", "CƠ QUAN: UBND XÃ A\nSố hồ sơ: " + code, Payload{Kind: Dossier, DossierCode: code}},
		{"key=value lines yield code and secret", "code=" + code + "\nsecret=abc", Payload{Kind: Dossier, DossierCode: code, Secret: "abc"}},
		{"key=value pairs separated by semicolons yield code and secret", "code=" + code + ";secretKey=abc", Payload{Kind: Dossier, DossierCode: code, Secret: "abc"}},
		{"an OpenCPS receipt QR in HIBC yields the code without its check character", "+" + code + ".", Payload{Kind: Dossier, DossierCode: code}},
		{"an HIBC code scanned in lower case is verified upper-cased", "+03706/2026/07906/", Payload{Kind: Dossier, DossierCode: "03706/2026/07906"}},
		{"OpenCPS's QR route yields the dossier id and the secret key", "https://dichvucong.example.gov.vn/web/cong-dich-vu-cong/tra-cuu-ho-so#/tra-cuu-thong-tin-ho-so/880123?secretKey=K7QX2P", Payload{Kind: Dossier, DossierCode: "880123", Secret: "K7QX2P"}},
		{"a social insurance code is accepted as it is", "03706/2026/07906", Payload{Kind: Dossier, DossierCode: "03706/2026/07906"}},
		{"an OpenCPS per-process number is accepted", "G22.99-240105-0007", Payload{Kind: Dossier, DossierCode: "G22.99-240105-0007"}},
		{"a three-digit counter is left for the portal to judge", "000.00.53.H48-220921-099", Payload{Kind: Dossier, DossierCode: "000.00.53.H48-220921-099"}},
		{"letters in the counter are left for the portal to judge", "000.00.53.h48-220921-00a9", Payload{Kind: Dossier, DossierCode: "000.00.53.H48-220921-00A9"}},
		{"an OpenCPS referenceUid keeps its lower case", "https://dvc.example.gov.vn/#/tra-cuu-thong-tin-ho-so/3B1F0C1E-6C1A-4E0E-9D55-8F7B6C2D1A10", Payload{Kind: Dossier, DossierCode: "3b1f0c1e-6c1a-4e0e-9d55-8f7b6c2d1a10"}},
		{"a citizen ID card QR yields only the ID number", "001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1, Phường X, Quận Y, Hà Nội|15082021", Payload{Kind: CitizenID, IDNumber: "001090012345"}},
		{"a citizen ID card QR without an old ID number is accepted", "079203001234||Trần Thị Bích|31121995|Nữ|Khu phố 2, TP Thủ Đức|20042022", Payload{Kind: CitizenID, IDNumber: "079203001234"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"an empty scan is unrecognised", "   ", ErrUnrecognised},
		{"a product EAN barcode is unrecognised", "8934563138165", ErrUnrecognised},
		{"a bank transfer QR is unrecognised", "00020101021138570010A00000072701270006970436011300123456789020208QRIBFTTA53037045802VN6304ABCD", ErrUnrecognised},
		{"a web address without a code is unrecognised", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", ErrUnrecognised},
		{"a code with a 13th month is malformed", "000.00.53.H48-221321-0099", ErrMalformedCode},
		{"a code with 30 February is malformed", "000.00.53.H48-220230-0099", ErrMalformedCode},
		{"an HIBC code with a wrong check character is malformed", "+000.00.53.H48-220921-0099A", ErrMalformedCode},
		{"a code with a control character is unrecognised", "000.00.53.H48\x07-220921-0099", ErrUnrecognised},
		{"a code longer than any code is unrecognised", strings.Repeat("0", MaxCodeLen+1), ErrUnrecognised},
		{"a digit and a letter from line noise are not a code", "0Z", ErrUnrecognised},
		{"a code shorter than any code is unrecognised", strings.Repeat("7", MinCodeLen-1), ErrUnrecognised},
		{"words are unrecognised", "xin chao", ErrUnrecognised},
		{"a procedure code is not a dossier code", "1.001612.000.00.00.H48", ErrUnrecognised},
		{"a URL whose last segment is not shaped like a code is unrecognised", "https://dvc.example.gov.vn/tin-tuc/2024", ErrUnrecognised},
		{"a URL with a malformed code is malformed", "https://dvc.example.gov.vn/tra-cuu?code=000.00.53.H48-229921-0099", ErrMalformedCode},
		{"a multi-line QR whose code line is not a code is malformed", "Mã hồ sơ: hello\nMã bí mật: x", ErrMalformedCode},
		{"a citizen ID card QR with an 11-digit ID is malformed", "00109001234|123456789|Nguyễn Văn An|01011990|Nam|Hà Nội|15082021", ErrMalformedID},
		{"a citizen ID card QR with a bad birth date is malformed", "001090012345|123456789|Nguyễn Văn An|32131990|Nam|Hà Nội|15082021", ErrMalformedID},
		{"a payload longer than the limit is too long", strings.Repeat("A", MaxPayload+1), ErrTooLong},
		{"invalid UTF-8 is unrecognised", "000.00.53.H48-\xff-0099", ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %+v, %v; want error %v", tt.in, got, err, tt.want)
			}
			var re *RejectError
			if !errors.As(err, &re) || re.Reason == "" {
				t.Errorf("error %v carries no reason", err)
			}
			if got != (Payload{}) {
				t.Errorf("rejected payload not empty: %+v", got)
			}
		})
	}
}

func TestParseCitizenIDKeepsNoPersonalData(t *testing.T) {
	inputs := []string{
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Phố Huế, Hà Nội|15082021",
		"00109001234|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Phố Huế, Hà Nội|15082021",
		"001090012345|123456789|Nguyễn Văn An|99999999|Nam|Số 1 Phố Huế, Hà Nội|15082021",
	}
	for _, in := range inputs {
		p, err := Parse(in)
		out := p.DossierCode + p.Secret + p.IDNumber
		if err != nil {
			out += err.Error()
		}
		for _, secret := range []string{"Nguyễn", "Phố Huế", "01011990", "15082021", "123456789"} {
			if strings.Contains(out, secret) {
				t.Errorf("Parse result %q leaks %q", out, secret)
			}
		}
	}
}

func TestValidDossierCode(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"000.00.53.H48-220921-0099", true},
		{" 000.00.53.h48-220921-0099 ", true},
		{"H48.22-240229-0001", true},
		{"000.00.53.H48-230229-0001", false},
		{"000.00.53.H48-220921", true},
		{"03706/2026/07906", true},
		{"1.001612.000.00.00.H48", false},
		{"8934563138165", false},
		{"ABC", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidDossierCode(tt.in); got != tt.want {
			t.Errorf("ValidDossierCode(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"000.00.53.H48-220921-0099",
		"https://dvc.example.gov.vn/tra-cuu?code=000.00.53.H48-220921-0099&secretKey=x",
		"Mã hồ sơ: 000.00.53.H48-220921-0099\nMã bí mật: 1",
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Hà Nội|15082021",
		"https://x/#/a?code=1",
		"code=;secret=",
		"+000.00.53.H48-220921-0099.",
		"https://x/#/tra-cuu-thong-tin-ho-so/880123?secretKey=a",
		"03706/2026/07906",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var re *RejectError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RejectError", err)
			}
			if p != (Payload{}) {
				t.Fatalf("rejected payload not empty: %+v", p)
			}
			return
		}
		switch p.Kind {
		case Dossier:
			if !ValidDossierCode(p.DossierCode) || (p.DossierCode != strings.ToUpper(p.DossierCode) && p.DossierCode != strings.ToLower(p.DossierCode)) {
				t.Fatalf("accepted invalid code %q from %q", p.DossierCode, s)
			}
			if p.IDNumber != "" {
				t.Fatalf("dossier payload with ID number")
			}
			if utf8.RuneCountInString(p.DossierCode) > MaxCodeLen || strings.ContainsFunc(p.DossierCode, unicode.IsControl) {
				t.Fatalf("accepted %q: too long or with control characters", p.DossierCode)
			}
		case CitizenID:
			if len(p.IDNumber) != 12 || p.DossierCode != "" || p.Secret != "" {
				t.Fatalf("bad citizen ID payload %+v", p)
			}
		default:
			t.Fatalf("Parse returned kind %v without error", p.Kind)
		}
		if !utf8.ValidString(p.Secret) {
			t.Fatalf("secret not UTF-8")
		}
	})
}
