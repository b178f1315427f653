package kiosk

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/config"
	"kiosk/internal/speech"
)

func buildWithVoice(t *testing.T, v config.Voice) *Services {
	t.Helper()
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID = "test-01"
	cfg.Portal.BaseURL = "http://127.0.0.1:1"
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port = "virtual"
	cfg.Voice = v
	if cfg.Voice.Dir != "" {
		cfg.Voice.Dir = filepath.Join(dir, v.Dir)
	}
	s, err := Build(context.Background(), cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), NoStatusSocket: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func TestVoiceGuidanceIsWiredFromTheConfig(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed (CI installs it from .ci/deps.sh)")
	}
	t.Run("the virtual speaker saves what the screens say", func(t *testing.T) {
		s := buildWithVoice(t, config.Voice{Enabled: true, Voice: "vi-vn-x-south", Rate: 150, Volume: 100, Output: "virtual", Dir: "speech"})
		if s.Speaker == nil || s.SpeechDir == "" {
			t.Fatal("no speaker")
		}
		if err := s.Speaker.Speak(context.Background(), "Lệ phí 1.005.000 đ.", "vi"); err != nil {
			t.Fatal(err)
		}
		txts, _ := filepath.Glob(filepath.Join(s.SpeechDir, "*.txt"))
		wavs, _ := filepath.Glob(filepath.Join(s.SpeechDir, "*.wav"))
		if len(txts) != 1 || len(wavs) != 1 {
			t.Fatalf("%d text and %d WAV files in %s", len(txts), len(wavs), s.SpeechDir)
		}
		b, _ := os.ReadFile(txts[0])
		// The Southern voice reads numbers the Southern way.
		if !strings.Contains(string(b), "một triệu không trăm lẻ năm ngàn đồng") {
			t.Errorf("spoken text %q", b)
		}
		if h := s.Monitor.Report().Speaker; h.State != "ok" || !h.Online {
			t.Errorf("speaker health %+v", h)
		}
		// Its folder gets the virtual printer's bounds (it grew by a WAV
		// file per Listen tap for as long as a demo ran).
		v := s.Speaker.(*speech.Virtual)
		if v.Keep != s.Cfg.Kiosk.ReceiptKeep || v.Keep <= 0 || v.MaxAge != s.Cfg.Kiosk.ReceiptMaxAge.Duration {
			t.Errorf("virtual speaker keeps %d utterances for %s; config says %d for %s", v.Keep, v.MaxAge,
				s.Cfg.Kiosk.ReceiptKeep, s.Cfg.Kiosk.ReceiptMaxAge)
		}
	})
	t.Run("speakers without a sound card are reported, not fatal", func(t *testing.T) {
		if _, err := exec.LookPath("aplay"); err != nil {
			t.Skip("aplay is not installed")
		}
		s := buildWithVoice(t, config.Voice{Enabled: true, Voice: "vi", Rate: 150, Volume: 100, Output: "speakers"})
		if s.speakerLocal == nil {
			t.Fatal("no local speaker")
		}
		s.speakerLocal.Root = t.TempDir() // a machine with no /proc/asound and no /dev/snd
		r := s.Monitor.Report()
		if r.Speaker.State != "no_device" || r.Speaker.Online {
			t.Errorf("speaker health %+v", r.Speaker)
		}
		found := false
		for _, p := range r.Problems {
			found = found || strings.HasPrefix(p, "speaker: no audio device")
		}
		if !found {
			t.Errorf("problems %q do not name the missing audio device", r.Problems)
		}
	})
	t.Run("voice guidance off", func(t *testing.T) {
		s := buildWithVoice(t, config.Voice{Enabled: false, Voice: "vi", Rate: 150, Volume: 100, Output: "speakers"})
		if s.Speaker != nil {
			t.Error("a speaker with voice guidance off")
		}
		r := s.Monitor.Report()
		if r.Speaker.State != "off" {
			t.Errorf("speaker health %+v", r.Speaker)
		}
		for _, p := range r.Problems {
			if strings.HasPrefix(p, "speaker") {
				t.Errorf("problem %q with voice guidance off", p)
			}
		}
	})
}
