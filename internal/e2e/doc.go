// Package e2e holds the kiosk's end-to-end fault, crash, soak and privacy
// suite below the screens. It has no code of its own: every check lives in a
// _test.go file and drives the real pieces — kiosk.Services, the portal
// simulator over loopback HTTP, bbolt cache files, printers and scanners on
// pseudo-terminals, and child processes killed with SIGKILL — the way a kiosk
// in a lobby would meet them. docs/reliability.md reports what it found.
//
// `go test ./internal/e2e` runs the short form that CI runs; `-soak=1h` (or
// KIOSK_SOAK=1h) runs the long soak.
package e2e
