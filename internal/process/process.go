// Package process owns the kiosk process's own life, apart from its screens:
// telling systemd it is ready and alive, replacing itself with a fresh copy,
// quitting while idle when it has grown too large, and starting the portal
// simulator as a second process for the demo. It knows no toolkit: callers
// pass in how to run a function on the UI goroutine and how to quit.
package process
