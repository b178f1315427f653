package scanner

import (
	"testing"
	"time"
)

func TestKeyboardWedge(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	type key struct {
		r  rune // '\n' means Enter
		at time.Duration
	}
	typed := func(s string, start, gap time.Duration) []key {
		var ks []key
		for i, r := range s {
			ks = append(ks, key{r, start + time.Duration(i)*gap})
		}
		return append(ks, key{'\n', start + time.Duration(len([]rune(s)))*gap})
	}
	tests := []struct {
		name string
		keys []key
		want []string
	}{
		{"a code typed at scanner speed is a scan", typed(testCode, 0, 5*time.Millisecond), []string{testCode}},
		{"the same text typed by a person is not a scan", typed(testCode, 0, 180*time.Millisecond), nil},
		{"a fast burst shorter than six characters is not a scan", typed("12345", 0, 5*time.Millisecond), nil},
		{"a person's slow keys before a fast burst are not part of the scan", append([]key{{'x', 0}, {'y', 300 * time.Millisecond}}, typed(testCode, time.Second, 5*time.Millisecond)...), []string{testCode}},
		{"an Enter long after a fast burst is not a scan", append(typed(testCode, 0, 5*time.Millisecond)[:len(testCode)], key{'\n', 2 * time.Second}), nil},
		{"two scans in a row are both recognised", append(typed("ABCDEFG", 0, 5*time.Millisecond), typed("HIJKLMN", time.Second, 5*time.Millisecond)...), []string{"ABCDEFG", "HIJKLMN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w KeyboardWedge
			var got []string
			for _, k := range tt.keys {
				if k.r == '\n' {
					if s, ok := w.Enter(t0.Add(k.at)); ok {
						got = append(got, s)
					}
					continue
				}
				w.Rune(k.r, t0.Add(k.at))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("scans = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("scan %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			if w.Pending() != 0 {
				t.Errorf("Pending() = %d after Enter, want 0", w.Pending())
			}
		})
	}
}
