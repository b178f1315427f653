package e2e

// runHelperProcess runs the child "kiosk" when the test binary was started
// as one; it reports whether it did.
func runHelperProcess() bool { return false }
