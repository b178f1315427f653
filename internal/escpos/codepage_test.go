package escpos

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// vietnameseLetters is every Vietnamese letter: 12 vowels × 6 tones, plus
// đ, in lower and upper case.
func vietnameseLetters() []string {
	vowels := []string{
		"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
		"oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ", "đ",
	}
	var out []string
	for _, v := range vowels {
		for _, r := range v {
			out = append(out, string(r), string(unicode.ToUpper(r)))
		}
	}
	return out
}

func TestEveryVietnameseLetterRoundTrips(t *testing.T) {
	letters := vietnameseLetters()
	if len(letters) != 2*(12*6+1) {
		t.Fatalf("test table has %d letters, want %d", len(letters), 2*(12*6+1))
	}
	for _, cp := range []CodePage{CP1258, TCVN3} {
		for _, l := range letters {
			b := NewBuilder().CodePage(cp).Text(l)
			if b.Replaced != 0 {
				t.Errorf("code page %d: %q was replaced", cp, l)
				continue
			}
			got, err := decodePlain(b.Bytes())
			if err != nil {
				t.Fatalf("code page %d: %q: %v", cp, l, err)
			}
			if got != l {
				t.Errorf("code page %d: %q came back as %q (bytes % x)", cp, l, got, b.Bytes())
			}
		}
	}
}

// decodePlain decodes a text-only stream, following ESC t switches.
func decodePlain(b []byte) (string, error) {
	ops, err := Decode(b)
	if err != nil {
		return "", err
	}
	cp := PC437
	var sb strings.Builder
	for _, op := range ops {
		switch op.Cmd {
		case OpCodePage:
			cp = CodePage(op.N)
		case OpText:
			sb.WriteString(DecodeText(cp, op.Data))
		case OpLF:
			sb.WriteByte('\n')
		}
	}
	return sb.String(), nil
}

func TestCP1258UsesPrecomposedLettersWhereTheTableHasThem(t *testing.T) {
	tests := []struct {
		in   string
		want []byte
	}{
		{"á", []byte{0xE1}},
		{"ă", []byte{0xE3}},
		{"ã", []byte{'a', 0xDE}}, // a + tilde: cp1258 has no ã
		{"Đ", []byte{0xD0}},
		{"ơ", []byte{0xF5}},
		{"ấ", []byte{0xE2, 0xEC}}, // â + acute
		{"ạ", []byte{'a', 0xF2}},  // a + dot below
		{"ệ", []byte{0xEA, 0xF2}}, // ê + dot below
		{"ử", []byte{0xFD, 0xD2}}, // ư + hook above
		{"Ỹ", []byte{'Y', 0xDE}},  // Y + tilde
		{"ờ", []byte{0xF5, 0xCC}}, // ơ + grave
	}
	for _, tt := range tests {
		t.Run(tt.in+" is sent as the longest precomposed base plus its tone", func(t *testing.T) {
			got := NewBuilder().CodePage(CP1258).Text(tt.in).Bytes()[3:]
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got % x, want % x", got, tt.want)
			}
		})
	}
}

func TestTCVN3SendsMissingCapitalsThroughTheCapitalsTable(t *testing.T) {
	got := NewBuilder().CodePage(TCVN3).Text("Ấp Ă").Bytes()[3:]
	want := []byte{ESC, 't', 31, 0xCA, ESC, 't', 30, 'p', ' ', 0xA1}
	if !bytes.Equal(got, want) {
		t.Errorf("got % x, want % x", got, want)
	}
	t.Run("a run of capitals stays in table 31 and the builder returns to 30", func(t *testing.T) {
		b := NewBuilder().CodePage(TCVN3).Text("ĐƯỜNG SỐ")
		if n := bytes.Count(b.Bytes(), []byte{ESC, 't'}); n != 3 {
			t.Errorf("%d code page switches in % x, want 3 (30, 31, back to 30)", n, b.Bytes())
		}
		if s, _ := decodePlain(b.Bytes()); s != "ĐƯỜNG SỐ" {
			t.Errorf("decoded %q", s)
		}
	})
}

func TestVietnameseInPC437KeepsWhatTheTableHasAndDropsOtherMarks(t *testing.T) {
	b := NewBuilder().Text("Đường Lê Lợi, phường Bến Thành")
	got, _ := decodePlain(b.Bytes())
	if got != "Duong Lê Loi, phuong Ben Thành" { // PC437 has ê and à
		t.Errorf("got %q", got)
	}
}

func TestTextReplacesWhatNoTableHolds(t *testing.T) {
	b := NewBuilder().CodePage(TCVN3).Text("giá “50.000₫” – 中")
	got, _ := decodePlain(b.Bytes())
	if got != `giá "50.000đ" - ?` {
		t.Errorf("got %q", got)
	}
	if b.Replaced != 5 {
		t.Errorf("Replaced = %d, want 5", b.Replaced)
	}
}
