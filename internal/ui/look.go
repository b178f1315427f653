package ui

import (
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
)

// look is how the kiosk looks and speaks right now: the language, the text
// size and contrast (the theme) and whether the window is portrait. Screens
// read it when they build; whoever changes it re-renders the screen. It
// knows no screen and no navigation.
type look struct {
	app fyne.App
	log *slog.Logger

	th   *kioskTheme
	tr   *translator
	lang string
	// defaultLang is the site's language, the one a new session starts in.
	defaultLang string
	portrait    bool
}

// newLook sets the app theme and loads the default language.
func newLook(app fyne.App, defaultLang string, log *slog.Logger) *look {
	l := &look{app: app, log: log, defaultLang: defaultLang, portrait: true}
	l.applySettings(defaultLang, false, false)
	return l
}

// t translates a message id for the current language.
func (l *look) t(id string, kv ...any) string { return l.tr.T(id, kv...) }

// applySettings sets the language, text size and contrast.
func (l *look) applySettings(lang string, large, contrast bool) {
	tr, err := newTranslator(lang)
	if err != nil {
		l.log.Error("translations unusable", "err", err)
		panic(fmt.Sprintf("ui: %v", err)) // embedded files: a build defect
	}
	l.tr, l.lang = tr, tr.lang
	if l.th != nil {
		// The app theme is set once and then changed in place, and the
		// screens are rebuilt with the new look. Setting a new theme makes
		// Fyne 2.7.1 drop every text texture outside the GL context
		// (RescaleContext from the settings listener), so the driver never
		// frees them: under Mesa's software GL every large-text or contrast
		// toggle leaked the memory of all the text on screen (~50 MB).
		// Changed in place, old textures simply expire and are freed by
		// the painter inside the context. Icons carry the look in their
		// name (lookIcon) so Fyne's SVG cache does not serve a stale colour.
		l.th.large, l.th.contrast = large, contrast
		return
	}
	l.th = &kioskTheme{large: large, contrast: contrast}
	l.app.Settings().SetTheme(l.th)
}

// atDefault is true when the look is the one a new session starts with: a
// citizen changed nothing.
func (l *look) atDefault() bool {
	return l.lang == l.defaultLang && !l.th.large && !l.th.contrast
}

// resetLook returns to the site's language, normal text and contrast.
func (l *look) resetLook() { l.applySettings(l.defaultLang, false, false) }

// otherLanguage is the language the switch offers.
func (l *look) otherLanguage() string {
	if l.lang == "vi" {
		return "en"
	}
	return "vi"
}

// setLanguage switches the language at any moment, keeping the screen's
// state.
func (k *env) setLanguage(lang string) {
	k.stopSpeech()
	k.applySettings(lang, k.th.large, k.th.contrast)
	k.render()
}

func (k *env) toggleLanguage() { k.setLanguage(k.otherLanguage()) }

func (k *env) toggleLarge() {
	k.applySettings(k.lang, !k.th.large, k.th.contrast)
	k.render()
}

func (k *env) toggleContrast() {
	k.applySettings(k.lang, k.th.large, !k.th.contrast)
	k.render()
}
