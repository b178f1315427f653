package ui

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"kiosk/assets"
)

// TestTheCardIsCalledCanCuoc reads every translation a citizen sees or
// hears: since Luật Căn cước 2023 (in force 1 July 2024) the card is the
// thẻ căn cước; the old căn cước công dân card is named only where the
// kiosk explains how it differs, and English says "ID card (căn cước)"
// rather than "citizen ID card".
func TestTheCardIsCalledCanCuoc(t *testing.T) {
	old := regexp.MustCompile(`(?i)citizen id|citizen identity|căn cước công dân|\bcccd\b|chứng minh nhân dân|\bcmnd\b`)
	explains := map[string]bool{"dossier.id.help": true} // where the QR is on either card
	files, err := fs.Glob(assets.I18n, "i18n/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := assets.I18n.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := toml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, v := range m {
			s, _ := v.(string)
			if strings.HasPrefix(id, "staff.") || explains[id] {
				continue // the staff panel is not read by citizens
			}
			if w := old.FindString(s); w != "" {
				t.Errorf("%s %s says %q: the card is the thẻ căn cước (\"ID card (căn cước)\" in English)", f, id, w)
			}
		}
	}
}

func TestTheIDStepSaysCanCuocOnScreenAndAloud(t *testing.T) {
	for _, tt := range []struct{ lang, screen, voice string }{
		{"vi", "quét mã QR trên thẻ căn cước", "mặt sau thẻ căn cước"},
		{"en", "ID card (căn cước)", "on the back of the card"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			h := newHarness(t, func(d *Deps, o *Options) { o.Language = tt.lang })
			h.addDossier()
			h.tapID("start.check")
			h.tapID("dossier.type")
			h.typeKeys(testCode)
			h.tapID("dossier.lookup")
			h.mustSee(tt.screen)
			s, ok := h.k.cur.(*dossierScreen)
			if !ok || s.step != stepNeedID {
				t.Fatalf("not at the ID step")
			}
			if got := s.speech(h.k.env); !strings.Contains(got, tt.screen) || !strings.Contains(got, tt.voice) {
				t.Errorf("the ID step reads %q; want it to say %q and %q", got, tt.screen, tt.voice)
			}
		})
	}
}
