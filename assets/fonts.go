// Package assets embeds the kiosk's data files: fonts, translations, printer
// profiles, the search dictionary and the demo dataset. Each kind lives in its
// own folder with its own embed variable, so the binary carries everything it
// needs and a deployment is one file plus a config.
package assets

import _ "embed"

// NotoSansRegular and NotoSansBold are Noto Sans (SIL OFL 1.1, see
// fonts/LICENSE.txt); they cover every Vietnamese letter and are used by the
// UI theme and by raster receipts.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	NotoSansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	NotoSansBold []byte
)
