package ui

// AtRest reports whether the kiosk is on the start screen with nothing of a
// citizen's to clear (no screen stacked, default language and look), so that
// restarting now interrupts nobody. Call it on the UI goroutine. The package's
// upgrade path uses it to restart into a new version only when idle.
func (k *Kiosk) AtRest() bool { return k.atRest() }
