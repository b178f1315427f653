package kiosk

import (
	"errors"
	"path/filepath"

	"kiosk/internal/health"
	"kiosk/internal/speech"
)

// openSpeaker sets up the voice guidance from [voice]. Sound is never a
// reason not to start: without espeak-ng, aplay or a sound card the kiosk
// runs silently, the screens hide their Listen buttons and the health
// report says why.
func (s *Services) openSpeaker() {
	v := s.Cfg.Voice
	if !v.Enabled {
		s.speakerState = "off"
		return
	}
	voice := speech.Voice{Name: v.Voice, Rate: v.Rate, Volume: v.Volume}
	if v.Output == "virtual" {
		dir := v.Dir
		if dir == "" {
			dir = filepath.Join(filepath.Dir(s.Cfg.Cache.Path), "speech")
		}
		dir, _ = filepath.Abs(dir)
		vs, err := speech.NewVirtual(dir, voice)
		if err != nil {
			s.speakerFailed(err)
			return
		}
		// The same bounds as the virtual printer's folder: a demo kiosk
		// left running must not fill its disk with WAV files either.
		vs.Keep, vs.MaxAge = s.Cfg.Kiosk.ReceiptKeep, s.Cfg.Kiosk.ReceiptMaxAge.Duration
		s.Speaker, s.SpeechDir, s.speakerState = vs, dir, "ok"
		return
	}
	l, err := speech.NewLocal(voice)
	if err != nil {
		s.speakerFailed(err)
		return
	}
	l.Device = v.Device
	s.Speaker, s.speakerLocal, s.speakerState = l, l, "ok"
	if !l.Available() {
		s.Log.Warn("voice guidance: no audio output device; the Listen buttons are hidden")
	}
}

func (s *Services) speakerFailed(err error) {
	s.speakerState, s.speakerErr = "no_engine", err.Error()
	if !errors.Is(err, speech.ErrNoEngine) {
		s.speakerState = "error"
	}
	s.Log.Warn("voice guidance unavailable", "err", err)
}

// speakerHealth is the speaker's line in the health report. The device is
// looked for at every report, so unplugged USB speakers show at once.
func (s *Services) speakerHealth() health.DeviceHealth {
	h := health.DeviceHealth{Port: s.Cfg.Voice.Output, State: s.speakerState, LastError: s.speakerErr}
	if s.Cfg.Voice.Device != "" && s.Cfg.Voice.Output == "speakers" {
		h.Port = s.Cfg.Voice.Device
	}
	if s.speakerLocal != nil && !s.speakerLocal.Available() {
		h.State = "no_device"
	}
	h.Online = h.State == "ok"
	return h
}
