package ui

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"kiosk/assets"
)

func TestOutOfServiceHints(t *testing.T) {
	keys := map[string]map[string]any{}
	for _, lang := range Languages {
		b, err := assets.I18n.ReadFile("i18n/hostile." + lang + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := toml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		keys[lang] = m
	}
	for id := range keys["vi"] {
		if _, ok := keys["en"][id]; !ok {
			t.Errorf("message %q is in Vietnamese but not in English", id)
		}
	}
	for id := range keys["en"] {
		if _, ok := keys["vi"][id]; !ok {
			t.Errorf("message %q is in English but not in Vietnamese", id)
		}
	}
	for _, tc := range []struct {
		name, kind string
		kv         []any
		want       []string
	}{
		{"a cache of another account's names the file, the account and the fix", "cacheowner",
			[]any{"Path", "/var/lib/kiosk/cache.db", "User", "kiosk", "SudoUser", "kiosk"},
			[]string{"tệp dữ liệu /var/lib/kiosk/cache.db", "chown kiosk: /var/lib/kiosk/cache.db", "sudo -u kiosk kioskctl", "cannot open its data file"}},
		{"a full disk names the folder", "diskfull", []any{"Dir", "/var/lib/kiosk"},
			[]string{"Ổ đĩa chứa /var/lib/kiosk đã đầy", "The disk holding /var/lib/kiosk is full"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := OutOfServiceHint(tc.kind, tc.kv...)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("hint %q lacks %q", got, w)
				}
			}
		})
	}
	if got := OutOfServiceHint("nosuchkind"); got != "" {
		t.Errorf("an unknown kind gave %q", got)
	}
}
