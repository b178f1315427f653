package speech

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mustEspeak returns the real engine. espeak-ng is installed by .ci/deps.sh;
// a developer machine without it skips these tests with a message saying so.
func mustEspeak(t *testing.T, v Voice) *Espeak {
	t.Helper()
	e, err := NewEspeak(v)
	if errors.Is(err, ErrNoEngine) {
		t.Skip("espeak-ng is not installed (apt-get install espeak-ng; CI installs it from .ci/deps.sh)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestSynthesisedSpeechIsAudibleAndGrowsWithTheText(t *testing.T) {
	e := mustEspeak(t, Voice{Name: "vi", Rate: 150, Volume: 100})
	ctx := context.Background()
	short, err := e.Synthesize(ctx, e.Prepared("Xin chào.", "vi"), "vi")
	if err != nil {
		t.Fatal(err)
	}
	long, err := e.Synthesize(ctx, e.Prepared("Xin chào. Kiosk này giúp bạn tra cứu thủ tục hành chính, xem tình trạng hồ sơ và lấy số thứ tự tại quầy 3–4.", "vi"), "vi")
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]WAV{"short": short, "long": long} {
		if w.SampleRate < 8000 || w.Bits != 16 || w.Channels != 1 {
			t.Errorf("%s: %d Hz, %d bits, %d channels; want 16-bit mono speech", name, w.SampleRate, w.Bits, w.Channels)
		}
		if rms := w.RMS(); rms < 0.01 {
			t.Errorf("%s: RMS %.4f, the utterance is silent", name, rms)
		}
	}
	if short.Duration() < 300*time.Millisecond {
		t.Errorf("\"Xin chào\" lasts %v", short.Duration())
	}
	if long.Duration() < 3*short.Duration() {
		t.Errorf("a sentence ten times longer lasts %v, \"Xin chào\" %v: the length does not follow the text", long.Duration(), short.Duration())
	}
	// The encoded file has real sizes and parses back to the same samples.
	back, err := ParseWAV(long.Bytes())
	if err != nil || len(back.Data) != len(long.Data) {
		t.Errorf("re-parsing the WAV: %v, %d bytes of samples, want %d", err, len(back.Data), len(long.Data))
	}
}

func TestEveryVoiceSpeaks(t *testing.T) {
	for _, v := range append(append([]string{}, Voices...), "en") {
		t.Run(v, func(t *testing.T) {
			e := mustEspeak(t, Voice{Name: v})
			lang := "vi"
			if v == "en" {
				lang = "en"
			}
			w, err := e.Synthesize(context.Background(), "một hai ba", lang)
			if err != nil {
				t.Fatal(err)
			}
			if w.RMS() < 0.01 {
				t.Errorf("voice %s is silent", v)
			}
		})
	}
}

func TestVolumeChangesLoudness(t *testing.T) {
	quiet := mustEspeak(t, Voice{Name: "vi", Volume: 30})
	loud := mustEspeak(t, Voice{Name: "vi", Volume: 150})
	q, err := quiet.Synthesize(context.Background(), "Thử loa", "vi")
	if err != nil {
		t.Fatal(err)
	}
	l, err := loud.Synthesize(context.Background(), "Thử loa", "vi")
	if err != nil {
		t.Fatal(err)
	}
	if l.RMS() < 2*q.RMS() {
		t.Errorf("volume 150 RMS %.4f, volume 30 RMS %.4f: volume does not change loudness", l.RMS(), q.RMS())
	}
}

func TestTextIsNeverTakenForAnOption(t *testing.T) {
	e := mustEspeak(t, Voice{Name: "vi"})
	out := filepath.Join(t.TempDir(), "x.wav")
	if _, err := e.Synthesize(context.Background(), "-w "+out, "vi"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("text starting with -w made espeak-ng write a file")
	}
}

func TestVirtualSpeakerSavesEachUtterance(t *testing.T) {
	dir := t.TempDir()
	v := &Virtual{Dir: dir, Engine: mustEspeak(t, Voice{Name: "vi"}), NoWait: true}
	if err := v.Speak(context.Background(), "Nộp tại UBND phường.", "vi"); err != nil {
		t.Fatal(err)
	}
	if err := v.Speak(context.Background(), "Counter 5.", "en"); err != nil {
		t.Fatal(err)
	}
	wavs, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	txts, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(wavs) != 2 || len(txts) != 2 {
		t.Fatalf("%d WAV and %d text files, want 2 of each", len(wavs), len(txts))
	}
	b, _ := os.ReadFile(strings.TrimSuffix(wavs[0], ".wav") + ".txt")
	if got := strings.TrimSpace(string(b)); got != "Nộp tại Ủy ban nhân dân phường." {
		t.Errorf("first text file says %q", got)
	}
	wb, _ := os.ReadFile(wavs[0])
	w, err := ParseWAV(wb)
	if err != nil || w.RMS() < 0.01 {
		t.Errorf("first WAV: %v, RMS %.4f", err, w.RMS())
	}
	b, _ = os.ReadFile(strings.TrimSuffix(wavs[1], ".wav") + ".txt")
	if got := strings.TrimSpace(string(b)); got != "Counter five." {
		t.Errorf("second text file says %q", got)
	}
}

// waitFiles waits until dir holds n WAV files.
func waitFiles(t *testing.T, dir string, n int) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if m, _ := filepath.Glob(filepath.Join(dir, "*.wav")); len(m) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %d WAV files in %s", n, dir)
}

func TestOnlyOneUtteranceAtATime(t *testing.T) {
	dir := t.TempDir()
	v := &Virtual{Dir: dir, Engine: mustEspeak(t, Voice{Name: "vi"})}
	long := strings.Repeat("Đây là một câu dài để thử. ", 10)

	first := make(chan error, 1)
	go func() { first <- v.Speak(context.Background(), long, "vi") }()
	waitFiles(t, dir, 1)
	second := make(chan error, 1)
	go func() { second <- v.Speak(context.Background(), long, "vi") }()
	if err := <-first; !errors.Is(err, ErrStopped) {
		t.Errorf("a new utterance: the first one returned %v, want ErrStopped", err)
	}
	waitFiles(t, dir, 2)
	v.Stop()
	if err := <-second; !errors.Is(err, ErrStopped) {
		t.Errorf("Stop: the utterance returned %v, want ErrStopped", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	third := make(chan error, 1)
	go func() { third <- v.Speak(ctx, long, "vi") }()
	waitFiles(t, dir, 3)
	cancel()
	if err := <-third; !errors.Is(err, context.Canceled) {
		t.Errorf("the caller's context cancelled: %v, want context.Canceled", err)
	}
}

func TestHasOutput(t *testing.T) {
	mk := func(files map[string]string) string {
		root := t.TempDir()
		for p, body := range files {
			full := filepath.Join(root, p)
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return root
	}
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"no sound card at all", nil, false},
		{"a card with a playback stream", map[string]string{
			"proc/asound/pcm": "00-00: ALC887-VD Analog : ALC887-VD Analog : playback 1 : capture 1\n"}, true},
		{"a card that only records", map[string]string{
			"proc/asound/pcm": "00-00: USB Audio : USB Audio : capture 1\n", "dev/snd/pcmC0D0c": ""}, false},
		{"a playback device node", map[string]string{"dev/snd/pcmC1D0p": ""}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HasOutput(mk(tc.files)); got != tc.want {
				t.Errorf("HasOutput = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLocalSpeaker(t *testing.T) {
	e := mustEspeak(t, Voice{Name: "vi"})
	t.Run("without an audio device it says so at once", func(t *testing.T) {
		l := &Local{Engine: e, Root: t.TempDir()}
		if l.Available() {
			t.Error("Available with no device")
		}
		if err := l.Speak(context.Background(), "Xin chào", "vi"); !errors.Is(err, ErrNoDevice) {
			t.Errorf("Speak = %v, want ErrNoDevice", err)
		}
	})
	t.Run("it plays the WAV through aplay and Stop cuts it", func(t *testing.T) {
		if _, err := exec.LookPath("sh"); err != nil {
			t.Skip("no sh")
		}
		root := t.TempDir()
		if err := os.MkdirAll(filepath.Join(root, "dev", "snd"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(root, "dev", "snd", "pcmC0D0p"), nil, 0o644)
		got := filepath.Join(root, "played.wav")
		// A stand-in for aplay: keeps what it is given and plays for a long time.
		fake := filepath.Join(root, "aplay")
		os.WriteFile(fake, []byte("#!/bin/sh\ncat > "+got+"\nexec sleep 30\n"), 0o755)
		l := &Local{Engine: e, Aplay: fake, Root: root}
		done := make(chan error, 1)
		go func() { done <- l.Speak(context.Background(), "Xin chào", "vi") }()
		for i := 0; i < 500; i++ {
			if st, err := os.Stat(got); err == nil && st.Size() > 44 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		l.Stop()
		select {
		case err := <-done:
			if !errors.Is(err, ErrStopped) {
				t.Errorf("Speak after Stop = %v, want ErrStopped", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Stop did not end the playback")
		}
		b, _ := os.ReadFile(got)
		if w, err := ParseWAV(b); err != nil || w.RMS() < 0.01 {
			t.Errorf("aplay got %d bytes: %v", len(b), err)
		}
	})
}

// TestVirtualSpeakerFolderIsBounded: like the virtual printer's, the
// speaker's folder keeps only the newest Keep utterances (it used to grow
// by a WAV file on every Listen tap, for as long as a demo kiosk ran), and
// a file the speaker did not name is left alone.
func TestVirtualSpeakerFolderIsBounded(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := &Virtual{Dir: dir, Engine: mustEspeak(t, Voice{Name: "vi"}), NoWait: true, Keep: 2}
	for _, text := range []string{"Một.", "Hai.", "Ba."} {
		if err := v.Speak(context.Background(), text, "vi"); err != nil {
			t.Fatal(err)
		}
	}
	wavs, _ := filepath.Glob(filepath.Join(dir, "speech-*.wav"))
	txts, _ := filepath.Glob(filepath.Join(dir, "speech-*.txt"))
	if len(wavs) != 2 || len(txts) != 2 {
		t.Fatalf("%d WAV and %d text files after 3 utterances with Keep 2, want 2 of each", len(wavs), len(txts))
	}
	for _, w := range wavs {
		b, _ := os.ReadFile(strings.TrimSuffix(w, ".wav") + ".txt")
		if strings.TrimSpace(string(b)) == "Một." {
			t.Errorf("the oldest utterance %s was kept", filepath.Base(w))
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file the speaker did not write was removed: %v", err)
	}
}
