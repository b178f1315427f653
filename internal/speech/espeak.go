package speech

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Espeak synthesises speech with the espeak-ng program into WAV bytes. It
// runs one short process per utterance (a sentence takes a few
// milliseconds, docs/voice.md), with the text on stdin so that nothing a
// screen shows can be taken for an option.
type Espeak struct {
	// Path is the espeak-ng binary ("" = "espeak-ng" from PATH).
	Path  string
	Voice Voice
	// Prep prepares the text; nil reads it as given.
	Prep *Preparer
}

// NewEspeak checks that espeak-ng is installed and returns an engine with
// the text preparation for v's dialect.
func NewEspeak(v Voice) (*Espeak, error) {
	path, err := exec.LookPath("espeak-ng")
	if err != nil {
		return nil, fmt.Errorf("%w: espeak-ng not found (apt-get install espeak-ng)", ErrNoEngine)
	}
	p, err := LoadPreparer(DialectOf(v.Name))
	if err != nil {
		return nil, err
	}
	return &Espeak{Path: path, Voice: v, Prep: p}, nil
}

// args are espeak-ng's options for lang.
func (e *Espeak) args(lang string) []string {
	v := e.Voice
	name := v.Name
	if name == "" {
		name = DefaultVoice
	}
	if lang == "en" {
		name = "en"
	}
	rate, vol := v.Rate, v.Volume
	if rate <= 0 {
		rate = DefaultRate
	}
	if vol <= 0 {
		vol = DefaultVolume
	}
	// -b 1: the input is UTF-8; --stdout: a WAV on stdout, no audio.
	return []string{"-v", name, "-s", strconv.Itoa(rate), "-a", strconv.Itoa(vol), "-b", "1", "--stdout"}
}

// Prepared is the text as it will be spoken in lang.
func (e *Espeak) Prepared(text, lang string) string {
	if e.Prep == nil {
		return strings.TrimSpace(text)
	}
	return e.Prep.Prepare(text, lang)
}

// Synthesize returns the utterance of text (already prepared) as a WAV.
func (e *Espeak) Synthesize(ctx context.Context, text, lang string) (WAV, error) {
	path := e.Path
	if path == "" {
		path = "espeak-ng"
	}
	if strings.TrimSpace(text) == "" {
		return WAV{}, errors.New("nothing to say")
	}
	cmd := exec.CommandContext(ctx, path, e.args(lang)...)
	cmd.Stdin = strings.NewReader(text)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return WAV{}, cut(ctx, ctx.Err())
		}
		return WAV{}, fmt.Errorf("espeak-ng: %w: %s", err, strings.TrimSpace(errb.String()))
	}
	w, err := ParseWAV(out.Bytes())
	if err != nil {
		return WAV{}, fmt.Errorf("espeak-ng output: %w", err)
	}
	return w, nil
}

// Local speaks through the kiosk PC's own speakers: espeak-ng synthesises
// the whole utterance, then aplay (alsa-utils) plays it on the default ALSA
// device. Synthesising first costs a few milliseconds and gives one code
// path for the speakers, the virtual speaker and `kioskctl speak -out`;
// aplay is a separate process that Stop simply kills.
type Local struct {
	Engine *Espeak
	// Aplay is the aplay binary ("" = from PATH); Device is its -D ("" =
	// ALSA's default).
	Aplay  string
	Device string
	// Root is where /proc and /dev are ("" = "/"), for tests.
	Root string
	turns
}

// NewLocal checks for espeak-ng and aplay.
func NewLocal(v Voice) (*Local, error) {
	e, err := NewEspeak(v)
	if err != nil {
		return nil, err
	}
	ap, err := exec.LookPath("aplay")
	if err != nil {
		return nil, fmt.Errorf("%w: aplay not found (apt-get install alsa-utils)", ErrNoEngine)
	}
	return &Local{Engine: e, Aplay: ap}, nil
}

// Available reports whether there is a playback device to speak on; the
// screens hide their "Listen" buttons when there is none. It is checked on
// every call, so USB speakers plugged in later are found.
func (l *Local) Available() bool { return HasOutput(l.Root) }

// Speak reads text aloud and returns when it has been played.
func (l *Local) Speak(ctx context.Context, text, lang string) error {
	ctx, end := l.begin(ctx)
	defer end()
	if !l.Available() {
		return ErrNoDevice
	}
	w, err := l.Engine.Synthesize(ctx, l.Engine.Prepared(text, lang), lang)
	if err != nil {
		return cut(ctx, err)
	}
	return cut(ctx, l.Play(ctx, w))
}

// Stop cuts the current utterance.
func (l *Local) Stop() { l.stop() }

// Play plays a WAV with aplay. A device that blocks (held by another
// program) cannot hang the kiosk: playback is bounded by the sound's own
// length plus a few seconds.
func (l *Local) Play(ctx context.Context, w WAV) error {
	ap := l.Aplay
	if ap == "" {
		ap = "aplay"
	}
	ctx, cancel := context.WithTimeout(ctx, w.Duration()+5*time.Second)
	defer cancel()
	args := []string{"-q", "-t", "wav"}
	if l.Device != "" {
		args = append(args, "-D", l.Device)
	}
	cmd := exec.CommandContext(ctx, ap, append(args, "-")...)
	cmd.Stdin = bytes.NewReader(w.Bytes())
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("aplay: %w: %s", err, strings.TrimSpace(errb.String()))
	}
	return nil
}
