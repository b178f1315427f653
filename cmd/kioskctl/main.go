// Command kioskctl is the technicians' and staff CLI: config check, ports,
// printer and scanner tests, sync, search, status, reset and diagnostics.
//
//	kioskctl [-config FILE] [-portal URL] [-cache PATH] COMMAND [ARGS]
//
// Each command lives in its own command_<verb>.go file and registers itself.
package main

import "os"

// version is set at build time (make build: -X main.version=...).
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
