package config

import (
	"fmt"
	"os"

	"github.com/BurntSushi/toml"
)

// KioskGroup is the system group the packaged kiosk runs as; a config that
// only this group can read (root:kiosk 0640) is the intended installation.
const KioskGroup = "kiosk"

// CheckPermissions returns a Warning when the file at path holds secrets
// (portal.kiosk_key, portal.opencps.token or staff.pin_hash) and can be read by users other than
// its owner and the kiosk group. It returns nil problems for a file without
// secrets or with safe permissions, and an error when the file cannot be read.
func CheckPermissions(path string) (Problems, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("checking permissions: %w", err)
	}
	var raw struct {
		Portal struct {
			KioskKey string `toml:"kiosk_key"`
			OpenCPS  struct {
				Token string `toml:"token"`
			} `toml:"opencps"`
		} `toml:"portal"`
		Staff struct {
			PINHash string `toml:"pin_hash"`
		} `toml:"staff"`
	}
	if _, err := toml.DecodeFile(path, &raw); err != nil {
		return nil, nil // syntax problems are Parse's to report
	}
	var secret string
	switch {
	case raw.Portal.KioskKey != "":
		secret = "portal.kiosk_key"
	case raw.Portal.OpenCPS.Token != "":
		secret = "portal.opencps.token" // Liferay's auth token: lets anyone post as this kiosk
	case raw.Staff.PINHash != "":
		secret = "staff.pin_hash"
	default:
		return nil, nil
	}
	mode := st.Mode().Perm()
	var who, whoVI string
	switch {
	case mode&0o004 != 0:
		who, whoVI = "every user", "mọi người dùng"
	case mode&0o040 != 0:
		group := groupName(st)
		if group == KioskGroup {
			return nil, nil
		}
		who, whoVI = fmt.Sprintf("group %q", group), fmt.Sprintf("nhóm %q", group)
	default:
		return nil, nil
	}
	const format = "the file is readable by %s (mode %04o) and holds this secret; run `chmod 600 %s` or `chown root:%s %s && chmod 640 %s`"
	return Problems{{
		File: path, Key: secret, Severity: Warning,
		Msg:   fmt.Sprintf(format, who, mode, path, KioskGroup, path, path),
		MsgVI: vi(format, whoVI, mode, path, KioskGroup, path, path),
	}}, nil
}
