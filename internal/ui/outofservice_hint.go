package ui

// OutOfServiceHint is the out-of-service explanation for a fault a
// technician fixes on the PC, in Vietnamese then English, to put above the
// technical detail: "cacheowner" (the cache file belongs to another
// account; data "Path", "User" for chown and "SudoUser"
// for sudo -u) or "diskfull" (data "Dir"). It returns ""
// for an unknown kind or when the translations cannot be loaded.
func OutOfServiceHint(kind string, kv ...any) string {
	id := "hostile.oos." + kind
	vi, err := newTranslator("vi")
	if err != nil {
		return ""
	}
	en, err := newTranslator("en")
	if err != nil {
		return ""
	}
	v, e := vi.T(id, kv...), en.T(id, kv...)
	if v == id || e == id {
		return ""
	}
	return v + "\n" + e
}
