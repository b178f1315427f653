package health

import (
	"strings"
	"testing"
)

func TestSpeakerProblems(t *testing.T) {
	tests := []struct {
		state string
		want  string // "" = no speaker problem
	}{
		{"ok", ""},
		{"off", ""}, // voice guidance switched off in the config is not a fault
		{"no_device", "speaker: no audio device"},
		{"no_engine", "speaker: espeak-ng or aplay not installed"},
		{"error", "speaker: not usable (creating the speech folder: permission denied)"},
	}
	for _, tc := range tests {
		t.Run(tc.state, func(t *testing.T) {
			m := &Monitor{Src: Sources{Speaker: func() DeviceHealth {
				return DeviceHealth{Port: "default", State: tc.state, LastError: "creating the speech folder: permission denied"}
			}}}
			r := m.Report()
			if r.Speaker.State != tc.state {
				t.Errorf("report says speaker %q, want %q", r.Speaker.State, tc.state)
			}
			var got string
			for _, p := range r.Problems {
				if strings.HasPrefix(p, "speaker:") {
					got = p
				}
			}
			switch {
			case tc.want == "" && got != "":
				t.Errorf("problem %q for a speaker that is %s", got, tc.state)
			case tc.want != "" && !strings.HasPrefix(got, tc.want):
				t.Errorf("problems %q, want one starting %q", r.Problems, tc.want)
			}
		})
	}
}
