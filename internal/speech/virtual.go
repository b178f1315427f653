package speech

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"time"

	"kiosk/internal/prune"
)

// utteranceName matches the files Speak saves: stem, then .wav or .txt.
var utteranceName = regexp.MustCompile(`^(speech-[0-9]{8}-[0-9]{6}-[0-9]+-[a-z]+)\.(wav|txt)$`)

// Virtual is the demo's speaker, like the virtual printer: each utterance
// is saved in Dir as a WAV file and a .txt file with the text as spoken, and
// Speak takes as long as the sound would play, so the screens behave as with
// real speakers (the button reads "Stop" meanwhile, navigation cuts it).
type Virtual struct {
	Dir    string
	Engine *Espeak
	Now    func() time.Time
	// NoWait returns as soon as the files are written (tests).
	NoWait bool
	// Keep and MaxAge bound the folder as the virtual printer's are bounded
	// (prune.Limits): the newest Keep utterances stay, older than MaxAge go.
	// Both zero keep everything.
	Keep   int
	MaxAge time.Duration

	n atomic.Int64
	turns
}

// NewVirtual makes the folder and checks for espeak-ng.
func NewVirtual(dir string, v Voice) (*Virtual, error) {
	e, err := NewEspeak(v)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("creating the speech folder: %w", err)
	}
	return &Virtual{Dir: dir, Engine: e, Now: time.Now}, nil
}

// Available is always true: the folder is the device.
func (v *Virtual) Available() bool { return true }

// Speak saves the utterance and waits as long as it plays.
func (v *Virtual) Speak(ctx context.Context, text, lang string) error {
	ctx, end := v.begin(ctx)
	defer end()
	said := v.Engine.Prepared(text, lang)
	w, err := v.Engine.Synthesize(ctx, said, lang)
	if err != nil {
		return cut(ctx, err)
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	stem := fmt.Sprintf("speech-%s-%03d-%s", now().Format("20060102-150405"), v.n.Add(1), lang)
	base := filepath.Join(v.Dir, stem)
	if err := os.WriteFile(base+".wav", w.Bytes(), 0o640); err != nil {
		return fmt.Errorf("virtual speaker: %w", err)
	}
	if err := os.WriteFile(base+".txt", []byte(said+"\n"), 0o640); err != nil {
		return fmt.Errorf("virtual speaker: %w", err)
	}
	prune.Folder(v.Dir, utteranceName, stem, prune.Limits{Keep: v.Keep, MaxAge: v.MaxAge}, now())
	if v.NoWait {
		return nil
	}
	t := time.NewTimer(w.Duration())
	defer t.Stop()
	select {
	case <-ctx.Done():
		return cut(ctx, ctx.Err())
	case <-t.C:
		return nil
	}
}

// Stop cuts the current utterance.
func (v *Virtual) Stop() { v.stop() }
