package config

import (
	"reflect"
	"testing"
)

func TestVoiceSection(t *testing.T) {
	t.Run("a site that says nothing gets the Northern voice, on, with scan confirmation", func(t *testing.T) {
		c, err := Parse("site.toml", doc(nil), Known{})
		if err != nil {
			t.Fatal(err)
		}
		want := Voice{Enabled: true, Voice: "vi", Rate: 150, Volume: 100, ScanConfirmation: true, Output: "speakers", Dir: DefaultSpeechDir}
		if c.Voice != want {
			t.Errorf("voice = %+v, want %+v", c.Voice, want)
		}
	})
	t.Run("a site sets its own voice", func(t *testing.T) {
		c, err := Parse("site.toml", doc(nil, "[voice]", `voice = "vi-vn-x-south"`, "rate = 130", "volume = 160",
			"scan_confirmation = false", `device = "plughw:0,3"`), Known{})

		if err != nil {
			t.Fatal(err)
		}
		if v := c.Voice; v.Voice != "vi-vn-x-south" || v.Rate != 130 || v.Volume != 160 || v.ScanConfirmation || !v.Enabled || v.Device != "plughw:0,3" {
			t.Errorf("voice = %+v", v)
		}
	})
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"a voice typo gets a suggestion", []string{`voice = "vi-vn-x-sout"`},
			[]string{`site.toml:24: voice.voice: "vi-vn-x-sout" is not a Vietnamese voice (did you mean "vi-vn-x-south"?)`}},
		{"an unknown voice lists the voices", []string{`voice = "nam-bo"`},
			[]string{`site.toml:24: voice.voice: "nam-bo" is not a Vietnamese voice; use "vi", "vi-vn-x-central" or "vi-vn-x-south"`}},
		{"too fast", []string{"rate = 600"},
			[]string{`site.toml:24: voice.rate: 600 is out of range 80..450 (words per minute; espeak-ng's normal speed is 175)`}},
		{"too quiet to hear", []string{"volume = 0"},
			[]string{`site.toml:24: voice.volume: 0 is out of range 10..200 (percent of the normal loudness)`}},
		{"an unknown output", []string{`output = "hdmi"`},
			[]string{`site.toml:24: voice.output: "hdmi" is not a voice output; use "speakers" or "virtual"`}},
		{"the virtual speaker needs a folder", []string{`output = "virtual"`, `dir = ""`},
			[]string{`site.toml:25: voice.dir: is required for the virtual speaker (the folder for WAV files, like ".kiosk-demo/speech")`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, doc(nil, append([]string{"[voice]"}, tc.lines...)...))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
