package assets

import "embed"

// I18n holds the kiosk's translation files (go-i18n TOML, one per language:
// i18n/active.vi.toml, i18n/active.en.toml). Every string a citizen sees comes
// from here.
//
//go:embed i18n/*.toml
var I18n embed.FS
