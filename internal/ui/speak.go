package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/speech"
)

// Speaker reads text aloud (internal/speech). Speak blocks until the
// utterance is over; a new Speak or Stop cuts the current one. A speaker
// that also has Available() bool is asked before every screen is built:
// without an audio device the "Listen" buttons are not shown at all.
type Speaker = speech.Speaker

// speakable screens have something to read aloud: the text for their
// current state, or "" (no button).
type speakable interface {
	speech(k *env) string
}

// voiceState is the utterance in progress, if any.
type voiceState struct {
	id       int
	speaking bool
	cancel   context.CancelFunc
	// btn holds the Listen button of the screen on show; the button is
	// rebuilt in it when the state changes (a tile draws its title once).
	btn *fyne.Container
}

// voiceReady reports whether the kiosk can speak now.
func (k *env) voiceReady() bool {
	sp := k.deps.Speaker
	if sp == nil {
		return false
	}
	if a, ok := sp.(interface{ Available() bool }); ok {
		return a.Available()
	}
	return true
}

// listenTile is the "Nghe đọc / Listen" button for the current screen, or
// nil when there is no voice or nothing to read. It stands at the right of
// the screen's header, where it changes no other button's place.
func (k *env) listenTile() fyne.CanvasObject {
	k.voice.btn = nil
	s, ok := k.current().(speakable)
	if !ok || !k.voiceReady() || s.speech(k) == "" {
		return nil
	}
	k.voice.btn = container.NewStack()
	k.paintListen()
	return k.voice.btn
}

// paintListen shows "Listen" or "Stop reading" on the button.
func (k *env) paintListen() {
	box := k.voice.btn
	if box == nil {
		return
	}
	t := k.tile(k.t("speak.listen"), tileSurface, k.toggleSpeech)
	t.Icon = theme.VolumeUpIcon()
	if k.voice.speaking {
		t.Title, t.Icon, t.Style = k.t("speak.stop"), theme.MediaStopIcon(), tileSelected
	}
	// As tall as the header's two lines, so the header keeps its height.
	t.MinHeight = 72
	box.Objects = []fyne.CanvasObject{t}
	box.Refresh()
}

// toggleSpeech reads the screen aloud, or stops on a second tap.
func (k *env) toggleSpeech() {
	if k.voice.speaking {
		k.stopSpeech()
		return
	}
	s, ok := k.current().(speakable)
	if !ok {
		return
	}
	k.say(s.speech(k))
}

// say starts reading text in the current language, cutting anything said
// before. Speech runs off the UI goroutine; the button turns back to
// "Listen" when it ends. Errors are logged for staff, never shown: a
// citizen must not meet a sound problem.
func (k *env) say(text string) {
	if text == "" || !k.voiceReady() {
		return
	}
	k.stopSpeech()
	sp := k.deps.Speaker
	k.voice.id++
	id := k.voice.id
	ctx, cancel := context.WithCancel(k.session())
	k.voice.cancel, k.voice.speaking = cancel, true
	k.paintListen()
	lang := k.lang
	go func() {
		err := sp.Speak(ctx, text, lang)
		cancel()
		if err != nil && ctx.Err() == nil && !errors.Is(err, speech.ErrStopped) {
			k.log.Warn("speaking failed", "err", err)
		}
		fyne.Do(func() {
			if k.voice.id == id {
				k.voice.speaking, k.voice.cancel = false, nil
				k.paintListen()
			}
		})
	}()
}

// stopSpeech cuts the current utterance: on navigation, on the second tap
// and at the idle reset.
func (k *env) stopSpeech() {
	if !k.voice.speaking {
		return
	}
	k.voice.id++
	if k.voice.cancel != nil {
		k.voice.cancel()
	}
	k.voice.speaking, k.voice.cancel = false, nil
	if k.deps.Speaker != nil {
		k.deps.Speaker.Stop()
	}
	k.paintListen()
}

// confirmScan says briefly that a scan was read (or could not be), when the
// site wants it.
func (k *env) confirmScan(err error) {
	if !k.opt.ScanConfirmation {
		return
	}
	if err != nil {
		k.say(k.t("speak.scan.bad"))
		return
	}
	k.say(k.t("speak.scan.ok"))
}

// What each screen reads.

func (s *startScreen) speech(k *env) string { return startSpeech(k.t) }

func (s *detailScreen) speech(k *env) string {
	if s.proc.AnyCentre {
		return sentences(procedureSpeech(k.t, s.proc), anyCentreText(k.t, s.unit)+".")
	}
	return procedureSpeech(k.t, s.proc)
}

func (s *dossierScreen) speech(k *env) string {
	switch {
	case s.readyTab:
		return "" // the public list is not read aloud
	case s.msg != "" && (s.msgSev == sevBad || s.msgSev == sevWarn):
		return errorSpeech(s.msg)
	case s.step == stepResult && s.result != nil:
		return dossierSpeech(k.t, *s.result, !s.cachedAt.IsZero())
	case s.step == stepPrompt:
		return k.t("speak.dossier.prompt", "Scan", k.t("dossier.scan"), "Help", k.t("dossier.scan.help"))
	case s.step == stepNeedID: // where the căn cước's QR is; nothing personal
		return k.t("speak.dossier.prompt", "Scan", k.t("dossier.id.ask"), "Help", k.t("dossier.id.help"))
	}
	return ""
}

func (s *ticketScreen) speech(k *env) string {
	switch {
	case s.ticket != nil:
		return ticketSpeech(k.t, *s.ticket)
	case s.msg != "":
		return errorSpeech(s.msg)
	case s.svc != nil:
		return sentences(k.t("ticket.confirm.q"), k.serviceName(*s.svc)+".")
	case s.svc == nil && len(k.opt.QueueServices) > 0 && k.deps.Tickets != nil:
		var names, counters []string
		for _, q := range k.opt.QueueServices {
			names = append(names, k.serviceName(q))
			counters = append(counters, q.Counter)
		}
		return servicesSpeech(k.t, names, counters)
	}
	return ""
}

// testSpeaker plays the staff's speaker test at the configured voice and
// volume, and says on the panel whether it played.
func (s *staffPanelScreen) testSpeaker(k *env) {
	sp := k.deps.Speaker
	if sp == nil || !k.voiceReady() {
		s.say(k, sevWarn, k.t("staff.speakertest.none"))
		return
	}
	k.stopSpeech()
	text, lang := k.t("staff.speakertest.say"), k.lang
	k.async(k.session(), func(ctx context.Context) func() {
		err := sp.Speak(ctx, text, lang)
		return func() {
			switch {
			case err == nil:
				s.say(k, sevOK, k.t("staff.speakertest.done"))
			case errors.Is(err, speech.ErrStopped), errors.Is(err, context.Canceled):
			default:
				k.log.Warn("speaker test failed", "err", err)
				s.say(k, sevBad, k.t("staff.speakertest.failed", "Err", err.Error()))
			}
		}
	})
}
