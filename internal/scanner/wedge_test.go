package scanner

import (
	"strings"
	"testing"
	"time"
)

func TestKeyboardWedge(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	type key struct {
		r  rune // '\n' means Enter, '\b' Backspace
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
		{"a code typed at scanner speed is a line", typed(testCode, 0, 5*time.Millisecond), []string{testCode}},
		{"a code typed by a person at the demo keyboard is a line too", typed(testCode, 0, 180*time.Millisecond), []string{testCode}},
		{"keys before a long pause are not part of the line", append([]key{{'x', 0}, {'y', 100 * time.Millisecond}}, typed(testCode, time.Second, 5*time.Millisecond)...), []string{testCode}},
		{"an Enter after a pause still ends the line", append(typed(testCode, 0, 5*time.Millisecond)[:len(testCode)], key{'\n', 2 * time.Second}), []string{testCode}},
		{"Backspace takes back the last key", []key{{'A', 0}, {'B', 10 * time.Millisecond}, {'\b', 20 * time.Millisecond}, {'C', 30 * time.Millisecond}, {'\n', 40 * time.Millisecond}}, []string{"AC"}},
		{"Enter with nothing typed is no line", []key{{'\n', 0}}, nil},
		{"two lines in a row are both seen", append(typed("ABCDEFG", 0, 5*time.Millisecond), typed("HIJKLMN", time.Second, 5*time.Millisecond)...), []string{"ABCDEFG", "HIJKLMN"}},
		{"an endless burst keeps only its newest characters", typed(strings.Repeat("9", DefaultWedgeMax)+"END", 0, time.Millisecond), []string{strings.Repeat("9", DefaultWedgeMax-3) + "END"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w KeyboardWedge
			var got []string
			for _, k := range tt.keys {
				switch k.r {
				case '\n':
					if s, ok := w.Enter(); ok {
						got = append(got, s)
					}
				case '\b':
					w.Backspace()
				default:
					w.Rune(k.r, t0.Add(k.at))
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("lines = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			if w.Pending() != 0 {
				t.Errorf("Pending() = %d after Enter, want 0", w.Pending())
			}
		})
	}
}
