// Package speech owns the kiosk's voice: a small Speaker interface the
// screens use, the espeak-ng engine that synthesises Vietnamese (Northern,
// Central, Southern) and English offline, playback through ALSA's aplay, a
// virtual speaker that saves each utterance as a WAV file for demos and
// tests, the check for an audio device, and the preparation of screen text
// for the voice (abbreviations, dates, amounts, codes). It knows no screen.
package speech

import (
	"context"
	"errors"
	"sync"
)

// Speaker reads text aloud. Speak blocks until the utterance has been
// heard, or was cut short; a new Speak or a Stop cuts the current one, so
// there is only ever one voice. Implementations prepare the text
// themselves (Preparer), so callers pass what the screen shows.
type Speaker interface {
	Speak(ctx context.Context, text, lang string) error
	Stop()
}

// Errors a Speaker returns.
var (
	// ErrStopped means the utterance was cut by Stop or by a newer Speak.
	ErrStopped = errors.New("speech: stopped")
	// ErrNoEngine means espeak-ng (or aplay) is not installed.
	ErrNoEngine = errors.New("speech: speech engine not installed")
	// ErrNoDevice means the machine has no audio playback device.
	ErrNoDevice = errors.New("speech: no audio output device")
)

// Voice is how the kiosk speaks.
type Voice struct {
	// Name is the espeak-ng voice for Vietnamese: "vi" (Northern),
	// "vi-vn-x-central" or "vi-vn-x-south". English always uses "en".
	Name string
	// Rate is the speed in words per minute (espeak-ng -s, 80..450; 0 =
	// DefaultRate).
	Rate int
	// Volume is the loudness in percent of espeak-ng's normal (-a 100),
	// 1..200 (0 = DefaultVolume).
	Volume int
}

// Default voice settings: Northern Vietnamese a little slower than
// espeak-ng's 175 words per minute, for older citizens.
const (
	DefaultVoice  = "vi"
	DefaultRate   = 150
	DefaultVolume = 100
)

// Voices are the espeak-ng voices a site may choose for Vietnamese.
var Voices = []string{"vi", "vi-vn-x-central", "vi-vn-x-south"}

// turns keeps one utterance at a time: begin cancels the one before.
type turns struct {
	mu     sync.Mutex
	cancel context.CancelCauseFunc
	gen    uint64
}

// begin starts an utterance; end must be called when it is over.
func (t *turns) begin(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel(ErrStopped)
	}
	t.gen++
	gen := t.gen
	t.cancel = cancel
	t.mu.Unlock()
	return ctx, func() {
		t.mu.Lock()
		if t.gen == gen {
			t.cancel = nil
		}
		t.mu.Unlock()
		cancel(nil)
	}
}

func (t *turns) stop() {
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel(ErrStopped)
		t.cancel = nil
	}
	t.mu.Unlock()
}

// cut turns a context error into what Speak returns: ErrStopped when this
// package cut the utterance, the caller's error otherwise.
func cut(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	if c := context.Cause(ctx); errors.Is(c, ErrStopped) {
		return ErrStopped
	}
	return ctx.Err()
}
