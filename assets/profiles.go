package assets

import "embed"

// Profiles holds the printer profiles (profiles/<name>.toml): paper width,
// resolution, how the printer prints Vietnamese, native QR, cutter and
// status support. internal/receipt loads them by name.
//
//go:embed profiles/*.toml
var Profiles embed.FS
