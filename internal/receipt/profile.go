package receipt

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"kiosk/assets"
	"kiosk/internal/escpos"
)

// Text modes: how a printer gets Vietnamese text.
const (
	TextCP1258 = "cp1258" // native text in Windows-1258 (ESC t 52)
	TextTCVN3  = "tcvn3"  // native text in TCVN-3 (ESC t 30/31)
	TextRaster = "raster" // text drawn with the bundled font and sent as an image
)

// ErrUnknownProfile is returned by LoadProfile for a name no profile has.
var ErrUnknownProfile = errors.New("unknown printer profile")

// Profile describes one printer model (assets/profiles/<name>.toml).
type Profile struct {
	Name          string `toml:"name"`
	Model         string `toml:"model"`
	WidthDots     int    `toml:"width_dots"` // 384, 512 or 576
	DPI           int    `toml:"dpi"`
	Columns       int    `toml:"columns"`   // font A characters per line
	TextMode      string `toml:"text_mode"` // TextCP1258, TextTCVN3 or TextRaster
	CodepageN     int    `toml:"codepage_n"`
	NativeQR      bool   `toml:"native_qr"`
	NativeBarcode bool   `toml:"native_barcode"`
	Cut           string `toml:"cut"`    // "full", "partial" or "none"
	Status        string `toml:"status"` // "dle-eot" or "none"
	// MaxRasterBandRows bounds each GS v 0 band so that printers with a
	// small receive buffer do not drop data.
	MaxRasterBandRows int `toml:"max_raster_band_rows"`
}

// TextModeNative reports whether text goes as characters in a code page.
func (p Profile) TextModeNative() bool { return p.TextMode == TextCP1258 || p.TextMode == TextTCVN3 }

// Validate checks that a profile is usable and consistent.
func (p Profile) Validate() error {
	var probs []string
	if p.Name == "" {
		probs = append(probs, "name is empty")
	}
	if p.WidthDots < 192 || p.WidthDots > 1024 || p.WidthDots%8 != 0 {
		probs = append(probs, fmt.Sprintf("width_dots %d: want a multiple of 8 between 192 and 1024 (384, 512, 576)", p.WidthDots))
	}
	if p.Columns <= 0 || p.Columns*escpos.CellW > p.WidthDots {
		probs = append(probs, fmt.Sprintf("columns %d do not fit %d dots of 12-dot characters", p.Columns, p.WidthDots))
	}
	switch p.TextMode {
	case TextCP1258:
		if p.CodepageN != int(escpos.CP1258) {
			probs = append(probs, fmt.Sprintf("text_mode cp1258 needs codepage_n 52, not %d", p.CodepageN))
		}
	case TextTCVN3:
		if p.CodepageN != int(escpos.TCVN3) {
			probs = append(probs, fmt.Sprintf("text_mode tcvn3 needs codepage_n 30, not %d", p.CodepageN))
		}
	case TextRaster:
	default:
		probs = append(probs, fmt.Sprintf("text_mode %q: want cp1258, tcvn3 or raster", p.TextMode))
	}
	switch p.Cut {
	case "full", "partial", "none":
	default:
		probs = append(probs, fmt.Sprintf("cut %q: want full, partial or none", p.Cut))
	}
	switch p.Status {
	case "dle-eot", "none":
	default:
		probs = append(probs, fmt.Sprintf("status %q: want dle-eot or none", p.Status))
	}
	if p.MaxRasterBandRows < 0 || p.MaxRasterBandRows > 4095 {
		probs = append(probs, fmt.Sprintf("max_raster_band_rows %d: want 1..4095", p.MaxRasterBandRows))
	}
	if len(probs) > 0 {
		return fmt.Errorf("printer profile %q: %s", p.Name, strings.Join(probs, "; "))
	}
	return nil
}

// LoadProfile returns the bundled profile with that name.
func LoadProfile(name string) (Profile, error) {
	b, err := fs.ReadFile(assets.Profiles, path.Join("profiles", name+".toml"))
	if err != nil || strings.ContainsAny(name, "/\\") {
		names := make([]string, 0)
		for _, p := range Profiles() {
			names = append(names, p.Name)
		}
		return Profile{}, fmt.Errorf("%w %q (have: %s)", ErrUnknownProfile, name, strings.Join(names, ", "))
	}
	return parseProfile(name, b)
}

func parseProfile(name string, b []byte) (Profile, error) {
	var p Profile
	md, err := toml.Decode(string(b), &p)
	if err != nil {
		return Profile{}, fmt.Errorf("printer profile %s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return Profile{}, fmt.Errorf("printer profile %s: unknown key %q", name, und[0].String())
	}
	if p.Name != name {
		return Profile{}, fmt.Errorf("printer profile %s: name %q does not match the file name", name, p.Name)
	}
	if p.MaxRasterBandRows == 0 {
		p.MaxRasterBandRows = 255
	}
	return p, p.Validate()
}

// Profiles returns every bundled profile that loads, sorted by name.
func Profiles() []Profile {
	entries, _ := fs.ReadDir(assets.Profiles, "profiles")
	var out []Profile
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			continue
		}
		b, err := fs.ReadFile(assets.Profiles, path.Join("profiles", e.Name()))
		if err != nil {
			continue
		}
		if p, err := parseProfile(name, b); err == nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ProfileNames are the names of Profiles, what a site config's
// printer.profile may say: the kiosk and kioskctl hand them to config.Load
// (config.Known) so both accept and refuse the same configs.
func ProfileNames() []string {
	var names []string
	for _, p := range Profiles() {
		names = append(names, p.Name)
	}
	return names
}
