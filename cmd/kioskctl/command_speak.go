package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/speech"
)

func init() {
	register(command{
		Name:    "speak",
		Usage:   "speak [-voice V] [-lang vi|en] [-rate N] [-volume N] [-out FILE.wav] TEXT",
		Summary: "say TEXT on the speakers with the site's voice, or save it as a WAV file with -out",
		Run:     runSpeak,
	})
}

// speakOutput plays on the speakers; tests replace it.
var speakOutput = func(v speech.Voice, device string) (speech.Speaker, error) {
	l, err := speech.NewLocal(v)
	if err != nil {
		return nil, err
	}
	l.Device = device
	return l, nil
}

// runSpeak is how a technician checks the voice and the speakers: the text
// goes through the same preparation as the screens' (abbreviations, dates,
// amounts, codes), with the voice, rate and volume of [voice] unless the
// flags say otherwise.
func runSpeak(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("speak", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	voice := fs.String("voice", "", "espeak-ng `VOICE`: vi, vi-vn-x-central or vi-vn-x-south (default: voice.voice of the config)")
	lang := fs.String("lang", "vi", "language of the text: vi or en")
	rate := fs.Int("rate", 0, "speed in words per minute, 80..450 (default: voice.rate)")
	volume := fs.Int("volume", 0, "loudness in percent of normal, 10..200 (default: voice.volume)")
	out := fs.String("out", "", "save the speech to `FILE.wav` instead of playing it")
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" {
		return &exitError{Code: 2, Msg: "usage: kioskctl speak [-voice V] [-out FILE.wav] TEXT"}
	}
	if *lang != "vi" && *lang != "en" {
		return &exitError{Code: 2, Msg: fmt.Sprintf("-lang %q: use vi or en", *lang)}
	}

	// The site's voice settings, when there is a readable config.
	vc := config.Default().Voice
	if c, err := g.loadConfig(); err == nil {
		vc = c.Voice
	} else if !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(g.Stderr, "note: config not usable (%v); using the default voice settings\n", err)
	}
	if *voice != "" {
		vc.Voice = *voice
	}
	if *rate != 0 {
		vc.Rate = *rate
	}
	if *volume != 0 {
		vc.Volume = *volume
	}
	if !contains(speech.Voices, vc.Voice) {
		return &exitError{Code: 2, Msg: fmt.Sprintf("-voice %q: use one of %s", vc.Voice, strings.Join(speech.Voices, ", "))}
	}
	if vc.Rate < 80 || vc.Rate > 450 {
		return &exitError{Code: 2, Msg: fmt.Sprintf("-rate %d: use 80..450 words per minute", vc.Rate)}
	}
	if vc.Volume < 10 || vc.Volume > 200 {
		return &exitError{Code: 2, Msg: fmt.Sprintf("-volume %d: use 10..200 percent", vc.Volume)}
	}
	v := speech.Voice{Name: vc.Voice, Rate: vc.Rate, Volume: vc.Volume}

	if *out != "" {
		e, err := speech.NewEspeak(v)
		if err != nil {
			return err
		}
		said := e.Prepared(text, *lang)
		start := time.Now()
		w, err := e.Synthesize(ctx, said, *lang)
		if err != nil {
			return err
		}
		took := time.Since(start)
		if err := os.WriteFile(*out, w.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(g.Stdout, "%s: %.1f s of speech, voice %s, %d wpm, volume %d%%, synthesised in %d ms\nspoken: %s\n",
			*out, w.Duration().Seconds(), v.Name, v.Rate, v.Volume, took.Milliseconds(), said)
		return nil
	}

	sp, err := speakOutput(v, vc.Device)
	if err != nil {
		return err
	}
	if a, ok := sp.(interface{ Available() bool }); ok && !a.Available() {
		return &exitError{Code: 1, Msg: "no audio output device: /proc/asound/pcm lists no playback stream and /dev/snd has no pcm…p node (is a sound card or USB speaker plugged in? `aplay -l` lists them)"}
	}
	if err := sp.Speak(ctx, text, *lang); err != nil {
		return fmt.Errorf("speaking: %w", err)
	}
	fmt.Fprintf(g.Stdout, "said with voice %s, %d wpm, volume %d%%\n", v.Name, v.Rate, v.Volume)
	return nil
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
