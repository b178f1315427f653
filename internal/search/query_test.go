package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	d := mustDictionary(t)
	tests := []struct {
		name, text string
		words      string // variant 0, "*" marks the prefix word, "?" optional words
		code       string
	}{
		{"the last word is being typed", "dang ky khai si", "dang ky khai si*", ""},
		{"a trailing space finishes the last word", "dang ky khai sinh ", "dang ky khai sinh", ""},
		{"filler words are optional", "xin giấy phép xây dựng ở đâu", "xin? giay phep xay dung o? dau*?", ""},
		{"only filler words are taken literally", "thủ tục", "thu tuc*", ""},
		{"a code is recognised", "1.0016", "1 0016*", "1.0016"},
		{"a full code is lowercased", "2.002154.000.00.00.H48", "2 002154 000 00 00 h48*", "2.002154.000.00.00.h48"},
		{"a dotted sentence is not a code", "Đ.K khai sinh", "d k khai sinh*", ""},
		{"punctuation alone gives nothing", "?!", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pq := parseQuery(tt.text, d)
			var got string
			if len(pq.variants) > 0 {
				var parts []string
				for _, w := range pq.variants[0].words {
					s := w.text
					if w.prefix {
						s += "*"
					}
					if w.optional {
						s += "?"
					}
					parts = append(parts, s)
				}
				got = strings.Join(parts, " ")
			}
			if got != tt.words {
				t.Errorf("words = %q, want %q", got, tt.words)
			}
			if pq.code != tt.code {
				t.Errorf("code = %q, want %q", pq.code, tt.code)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	d, err := LoadDictionary()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"xin giấy phép sây dựng", "cccd", "so do ", "1.0016", "thủ tục thủ tục", "làm giấy khai sinh cho con", strings.Repeat("sổ đỏ ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pq := parseQuery(s, d)
		if len(pq.variants) > maxVariants {
			t.Fatalf("%d variants, max %d", len(pq.variants), maxVariants)
		}
		for _, v := range pq.variants {
			if len(v.words) == 0 || len(v.words) > maxQueryWords {
				t.Fatalf("variant with %d words", len(v.words))
			}
			required := false
			for i, w := range v.words {
				if w.text == "" || !utf8.ValidString(w.text) {
					t.Fatalf("bad word %q", w.text)
				}
				if w.prefix && i != len(v.words)-1 {
					t.Fatalf("prefix word %q is not last", w.text)
				}
				required = required || !w.optional
			}
			if !required {
				t.Fatalf("variant %q has only optional words", key(v.words))
			}
		}
		if pq.code != "" && strings.ContainsAny(pq.code, " \t") {
			t.Fatalf("code %q has spaces", pq.code)
		}
	})
}

func TestDictionaryReadingsAreOnlyAddedWhenTheyAddSomething(t *testing.T) {
	d := mustDictionary(t)
	tests := []struct {
		text     string
		variants int
	}{
		{"cải chính", 2},                   // the everyday short name gets the official wording
		{"Thay đổi, cải chính hộ tịch", 1}, // already worded officially
		{"trợ cấp thất nghiệp", 1},         // the alias "thất nghiệp" sits inside its own phrase
		{"làm sổ đỏ", 2},                   // "sổ đỏ" inside "làm sổ đỏ" adds nothing more
		{"bằng lái xe", 2},                 // nor "lái xe" inside "bằng lái xe"
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			pq := parseQuery(tt.text+" ", d)
			if len(pq.variants) != tt.variants {
				var ks []string
				for _, v := range pq.variants {
					ks = append(ks, key(v.words))
				}
				t.Errorf("%d readings %q, want %d", len(pq.variants), ks, tt.variants)
			}
		})
	}
}
