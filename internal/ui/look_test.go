package ui

import (
	"log/slog"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestTheLookChangesTheThemeInPlaceAndResetsToTheSitesDefault(t *testing.T) {
	a := test.NewTempApp(t)
	l := newLook(a, "vi", slog.Default())
	th := l.th
	if !l.atDefault() || l.t("nav.home") == "" {
		t.Fatalf("a new look is not the default: lang %q", l.lang)
	}
	vi := l.t("nav.home")
	l.applySettings(l.otherLanguage(), true, true)
	if l.lang != "en" || l.t("nav.home") == vi {
		t.Errorf("language %q, home %q: the switch did not translate", l.lang, l.t("nav.home"))
	}
	if l.th != th || a.Settings().Theme() != th {
		t.Error("the theme was replaced, not changed in place (leaks text textures under software GL)")
	}
	if !th.large || !th.contrast || l.atDefault() {
		t.Errorf("large %v contrast %v atDefault %v", th.large, th.contrast, l.atDefault())
	}
	l.resetLook()
	if !l.atDefault() || l.lang != "vi" || th.large || th.contrast {
		t.Errorf("after reset: lang %q large %v contrast %v", l.lang, th.large, th.contrast)
	}
}
