package ui

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"kiosk/assets"
)

// Languages the kiosk speaks, in the order the switch offers them.
var Languages = []string{"vi", "en"}

var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	bundleErr  error
)

// loadBundle reads every translation file in assets/i18n once.
func loadBundle() (*i18n.Bundle, error) {
	bundleOnce.Do(func() {
		b := i18n.NewBundle(language.Vietnamese)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		files, err := fs.Glob(assets.I18n, "i18n/*.toml")
		if err != nil {
			bundleErr = fmt.Errorf("listing translations: %w", err)
			return
		}
		for _, f := range files {
			if _, err := b.LoadMessageFileFS(assets.I18n, f); err != nil {
				bundleErr = fmt.Errorf("loading translations %s: %w", f, err)
				return
			}
		}
		bundle = b
	})
	return bundle, bundleErr
}

// translator gives the current language's strings.
type translator struct {
	lang string
	loc  *i18n.Localizer
}

func newTranslator(lang string) (*translator, error) {
	b, err := loadBundle()
	if err != nil {
		return nil, err
	}
	if lang != "en" {
		lang = "vi"
	}
	return &translator{lang: lang, loc: i18n.NewLocalizer(b, lang)}, nil
}

// T returns the message id with the key/value pairs as template data
// (T("ticket.waiting", "N", 3)). A missing message returns the id itself so
// that a gap is visible but never fatal; a test checks there are none.
func (t *translator) T(id string, kv ...any) string {
	var data map[string]any
	if len(kv) > 0 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	s, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil || s == "" {
		return id
	}
	return s
}

// Tn is T for a message that counts something: n picks the plural form
// (English "1 original", "2 originals"; Vietnamese has one form) and is also
// given to the template as N.
func (t *translator) Tn(id string, n int, kv ...any) string {
	data := map[string]any{"N": n}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n}
	if t.lang == "vi" {
		// Vietnamese has a single form, and go-i18n's Vietnamese rule does
		// not find it for n = 1; ask for the message as it is.
		cfg.PluralCount = nil
	}
	s, err := t.loc.Localize(cfg)
	if err != nil || s == "" {
		return id
	}
	return s
}
