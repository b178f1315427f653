package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/speech"
)

func speakRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// siteConfig writes the demo config with the voice section's keys changed.
func siteConfig(t *testing.T, voiceLines string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "kiosk-config", "demo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "[voice]\n", "[voice]\n"+voiceLines+"\n", 1)
	p := filepath.Join(t.TempDir(), "kiosk.toml")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func needEspeak(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed (CI installs it from .ci/deps.sh)")
	}
}

func TestSpeakToAWAVFile(t *testing.T) {
	needEspeak(t)
	dir := t.TempDir()
	cfg := siteConfig(t, `voice = "vi-vn-x-central"`)
	short, long := filepath.Join(dir, "short.wav"), filepath.Join(dir, "long.wav")
	code, out, errb := speakRun(t, "-config", cfg, "speak", "-out", short, "UBND")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(out, "spoken: Ủy ban nhân dân") || !strings.Contains(out, "voice vi-vn-x-central") {
		t.Errorf("output %q does not say what was spoken with the site's voice", out)
	}
	code, _, errb = speakRun(t, "-config", cfg, "speak", "-voice", "vi", "-out", long,
		"Nộp tại UBND phường, lệ phí 150.000 đ, hẹn trả ngày 15/08/2026.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var ws []speech.WAV
	for _, p := range []string{short, long} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		w, err := speech.ParseWAV(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if w.RMS() < 0.01 {
			t.Errorf("%s is silent", p)
		}
		ws = append(ws, w)
	}
	if ws[1].Duration() < 2*ws[0].Duration() {
		t.Errorf("a sentence lasts %v, one word %v", ws[1].Duration(), ws[0].Duration())
	}
}

type recordingSpeaker struct {
	said      []string
	available bool
}

func (r *recordingSpeaker) Speak(_ context.Context, text, lang string) error {
	r.said = append(r.said, lang+": "+text)
	return nil
}
func (r *recordingSpeaker) Stop()           {}
func (r *recordingSpeaker) Available() bool { return r.available }

func TestSpeakOnTheSpeakers(t *testing.T) {
	rec := &recordingSpeaker{available: true}
	var gotVoice speech.Voice
	var gotDevice string
	old := speakOutput
	speakOutput = func(v speech.Voice, device string) (speech.Speaker, error) {
		gotVoice, gotDevice = v, device
		return rec, nil
	}
	t.Cleanup(func() { speakOutput = old })
	cfg := siteConfig(t, "voice = \"vi-vn-x-south\"\nvolume = 140\ndevice = \"plughw:0,3\"")

	code, out, errb := speakRun(t, "-config", cfg, "speak", "Xin", "chào")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if len(rec.said) != 1 || rec.said[0] != "vi: Xin chào" {
		t.Errorf("said %q", rec.said)
	}
	if gotVoice != (speech.Voice{Name: "vi-vn-x-south", Rate: 150, Volume: 140}) || gotDevice != "plughw:0,3" {
		t.Errorf("speaker built with %+v on %q, want the site's voice and device", gotVoice, gotDevice)
	}
	if !strings.Contains(out, "vi-vn-x-south") {
		t.Errorf("output %q", out)
	}

	t.Run("the flags override the site's voice", func(t *testing.T) {
		code, _, errb := speakRun(t, "-config", cfg, "speak", "-voice", "vi", "-rate", "120", "-lang", "en", "Hello")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
		if gotVoice != (speech.Voice{Name: "vi", Rate: 120, Volume: 140}) || rec.said[len(rec.said)-1] != "en: Hello" {
			t.Errorf("voice %+v, said %q", gotVoice, rec.said)
		}
	})
	t.Run("without an audio device it says so and fails", func(t *testing.T) {
		rec.available = false
		code, _, errb := speakRun(t, "-config", cfg, "speak", "Xin chào")
		if code != 1 || !strings.Contains(errb, "no audio output device") {
			t.Errorf("exit %d, stderr %q", code, errb)
		}
	})
}

func TestSpeakRefusesBadArguments(t *testing.T) {
	cfg := siteConfig(t, "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no text", []string{"speak"}, "usage: kioskctl speak"},
		{"an unknown voice", []string{"speak", "-voice", "nam-bo", "Xin chào"}, `-voice "nam-bo": use one of vi, vi-vn-x-central, vi-vn-x-south`},
		{"an unknown language", []string{"speak", "-lang", "fr", "Bonjour"}, `-lang "fr": use vi or en`},
		{"too loud", []string{"speak", "-volume", "500", "Xin chào"}, "-volume 500: use 10..200 percent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errb := speakRun(t, append([]string{"-config", cfg}, tc.args...)...)
			if code != 2 || !strings.Contains(errb, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errb, tc.want)
			}
		})
	}
}
