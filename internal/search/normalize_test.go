package search

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vowels are the twelve Vietnamese vowels as base letter + vowel mark (NFD).
var vowels = []struct{ letter, nfd, base string }{
	{"a", "a", "a"}, {"ă", "a\u0306", "a"}, {"â", "a\u0302", "a"},
	{"e", "e", "e"}, {"ê", "e\u0302", "e"},
	{"i", "i", "i"},
	{"o", "o", "o"}, {"ô", "o\u0302", "o"}, {"ơ", "o\u031b", "o"},
	{"u", "u", "u"}, {"ư", "u\u031b", "u"},
	{"y", "y", "y"},
}

// tones are the six Vietnamese tones as combining marks.
var tones = []struct{ name, mark string }{
	{"ngang (no mark)", ""}, {"sắc", "\u0301"}, {"huyền", "\u0300"},
	{"hỏi", "\u0309"}, {"ngã", "\u0303"}, {"nặng", "\u0323"},
}

func TestNormalizeStripsEveryToneFromEveryVowel(t *testing.T) {
	for _, v := range vowels {
		for _, tn := range tones {
			nfd := v.nfd + tn.mark
			nfc := norm.NFC.String(nfd)
			if utf8.RuneCountInString(nfc) != 1 {
				t.Fatalf("%s with %s: NFC %q is not one precomposed letter", v.letter, tn.name, nfc)
			}
			upper := strings.ToUpper(nfc)
			inputs := map[string]string{
				"lower NFC": nfc, "lower NFD": nfd,
				"upper NFC": upper, "upper NFD": norm.NFD.String(upper),
			}
			for form, in := range inputs {
				t.Run(v.letter+" with "+tn.name+" in "+form+" folds to "+v.base, func(t *testing.T) {
					if got := Normalize(in); got != v.base {
						t.Errorf("Normalize(%q) = %q, want %q", in, got, v.base)
					}
					word := "h" + in + "n"
					if got, want := Normalize(word), "h"+v.base+"n"; got != want {
						t.Errorf("inside a word: Normalize(%q) = %q, want %q", word, got, want)
					}
				})
			}
		}
	}
}

func TestToneKeyKeepsWhatNormalizeDrops(t *testing.T) {
	seen := map[string]string{}
	for _, v := range vowels {
		for _, tn := range tones {
			nfd := v.nfd + tn.mark
			nfc := norm.NFC.String(nfd)
			kc, kd := ToneKey(nfc), ToneKey(nfd)
			if kc != kd {
				t.Errorf("ToneKey differs for NFC %q (%q) and NFD (%q)", nfc, kc, kd)
			}
			if ku := ToneKey(strings.ToUpper(nfc)); ku != kc {
				t.Errorf("ToneKey differs for upper case %q: %q vs %q", nfc, ku, kc)
			}
			if other, dup := seen[kc]; dup {
				t.Errorf("ToneKey(%q) = ToneKey(%q) = %q; every vowel-tone pair must differ", nfc, other, kc)
			}
			seen[kc] = nfc
		}
	}
	t.Run("tone placement does not matter: hoà equals hòa", func(t *testing.T) {
		if a, b := ToneKey("hoà"), ToneKey("hòa"); a != b {
			t.Errorf("ToneKey(hoà) = %q, ToneKey(hòa) = %q", a, b)
		}
	})
	t.Run("đ differs from d", func(t *testing.T) {
		if ToneKey("đa") == ToneKey("da") {
			t.Error("ToneKey(đa) == ToneKey(da)")
		}
	})
}

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"đ and Đ become d", "Đăng ký đất đai", "dang ky dat dai"},
		{"a whole procedure name loses its marks", "Cấp Giấy chứng nhận quyền sử dụng đất", "cap giay chung nhan quyen su dung dat"},
		{"decomposed input folds like precomposed", norm.NFD.String("Xác nhận tình trạng hôn nhân"), "xac nhan tinh trang hon nhan"},
		{"punctuation and runs of spaces collapse", "  Đăng ký  thay đổi, cải chính;bổ-sung!! ", "dang ky thay doi cai chinh bo sung"},
		{"digits stay inside words", "KT3 và 14 tuổi", "kt3 va 14 tuoi"},
		{"codes split at dots", "1.001612.000.00.00.H48", "1 001612 000 00 00 h48"},
		{"empty stays empty", "", ""},
		{"only punctuation is empty", "...,;!", ""},
		{"a stray combining mark is dropped", "\u0301abc", "abc"},
		{"English is lowercased", "Passport RENEWAL", "passport renewal"},
		{"tabs and newlines separate words", "khai\tsinh\nlưu động", "khai sinh luu dong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokensAreTheNormalizedWords(t *testing.T) {
	got := Tokens("Hộ chiếu, phổ thông")
	want := []string{"ho", "chieu", "pho", "thong"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

// latinOnly reports whether s stays within scripts whose NFD base letters are
// single letters (Latin and the combining marks), where NFC and NFD must agree.
func latinOnly(s string) bool {
	for _, r := range s {
		if !(r < 0x370 || 0x1E00 <= r && r <= 0x1EFF) {
			return false
		}
	}
	return true
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Đăng ký khai sinh", norm.NFD.String("Hộ chiếu"), "GPLX!!", "  ", "\u0301", "ǅ ß ﬁ", "1.001612.000.00.00.H48", "xin giấy phép sây dựng"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", s, got)
		}
		for _, r := range got {
			if unicode.Is(unicode.Mn, r) {
				t.Fatalf("Normalize(%q) = %q keeps a combining mark", s, got)
			}
			if r == 'đ' || r == 'Đ' {
				t.Fatalf("Normalize(%q) = %q keeps đ", s, got)
			}
			if r < utf8.RuneSelf && r != ' ' && !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				t.Fatalf("Normalize(%q) = %q keeps %q", s, got, r)
			}
		}
		if again := Normalize(got); again != got {
			t.Fatalf("not idempotent: Normalize(%q) = %q, again %q", s, got, again)
		}
		if utf8.ValidString(s) && latinOnly(s) {
			if c, d := Normalize(norm.NFC.String(s)), Normalize(norm.NFD.String(s)); c != d {
				t.Fatalf("NFC and NFD of %q differ: %q vs %q", s, c, d)
			}
		}
	})
}
