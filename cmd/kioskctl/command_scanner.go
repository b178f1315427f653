package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"kiosk/internal/portal"
	"kiosk/internal/scanner"
)

func init() {
	register(command{
		Name:    "scanner",
		Usage:   "scanner listen [-port P] [-usb VID:PID] [-baud B] [-suffix CR] [-count N] [-raw]",
		Summary: "print what the scanner reads, parsed (dossier codes, masked ID numbers), until Ctrl+C",
		Run:     runScanner,
	})
}

// stdin is where "-port -" (and a keyboard-wedge scanner) is read from;
// a variable so tests can feed it.
var stdin io.Reader = os.Stdin

func runScanner(ctx context.Context, g *globals, args []string) error {
	if len(args) == 0 || args[0] != "listen" {
		return &exitError{Code: 2, Msg: "usage: kioskctl scanner listen [-port P] [-usb VID:PID] [-baud B] [-suffix CR|LF|CRLF|ETX] [-count N] [-raw]"}
	}
	fs := flag.NewFlagSet("scanner listen", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	port := fs.String("port", "", "serial `PORT` (default from the config; \"-\" or \"keyboard\" reads lines from stdin)")
	usb := fs.String("usb", "", "find the port by USB `VID:PID`")
	baud := fs.Int("baud", 0, "line speed (default from the config, else 9600)")
	suffix := fs.String("suffix", "", "frame suffix CR, LF, CRLF or ETX (default from the config, else CR)")
	count := fs.Int("count", 0, "stop after `N` scans (0: until Ctrl+C)")
	raw := fs.Bool("raw", false, "also print the raw text of rejected scans (may contain personal data)")
	if err := fs.Parse(args[1:]); err != nil {
		return &exitError{Code: 2}
	}
	if *port == "" && *usb == "" {
		if cfg, err := g.loadConfig(); err == nil {
			*port, *usb = cfg.Scanner.Port, cfg.Scanner.USB
			if *baud == 0 {
				*baud = cfg.Scanner.Baud
			}
			if *suffix == "" {
				*suffix = cfg.Scanner.Suffix
			}
		} else {
			fmt.Fprintf(g.Stderr, "kioskctl: config not read (%v); give -port or -usb\n", err)
		}
	}

	var s *scanner.Scanner
	var err error
	where := *port
	switch {
	case *usb == "" && (*port == "-" || *port == "keyboard"):
		where = "stdin"
		sfx := *suffix
		if sfx == "" || strings.EqualFold(sfx, "CR") {
			sfx = "LF" // a terminal delivers lines
		}
		s, err = scanner.New(stdin, scanner.Options{Suffix: sfx})
	case *port == "" && *usb == "":
		return &exitError{Code: 2, Msg: "no scanner configured: give -port PATH, -usb VID:PID or -port - for stdin"}
	default:
		if *usb != "" {
			where = "USB " + *usb
		}
		s, err = scanner.Open(scanner.OpenSerial(*port, *usb, *baud), scanner.Options{
			Suffix: *suffix,
			OnState: func(up bool, err error) {
				if up {
					fmt.Fprintf(g.Stderr, "đã kết nối / connected: %s\n", where)
				} else if err != nil {
					fmt.Fprintf(g.Stderr, "mất kết nối / not connected: %v (retrying)\n", err)
				}
			},
		})
	}
	if err != nil {
		return &exitError{Code: 2, Msg: err.Error()}
	}
	defer s.Close()
	fmt.Fprintf(g.Stderr, "Đang chờ quét… / Waiting for scans from %s; Ctrl+C to stop.\n", where)

	n := 0
	for {
		select {
		case <-ctx.Done():
			return nil
		case sc, ok := <-s.Scans():
			if !ok {
				return nil
			}
			printScan(g.Stdout, sc, *raw)
			n++
			if *count > 0 && n >= *count {
				return nil
			}
		}
	}
}

// printScan writes one line per scan. ID numbers are masked and secrets
// shortened: the terminal may be shared or recorded.
func printScan(w io.Writer, sc scanner.Scan, raw bool) {
	at := sc.At.Format("15:04:05")
	if sc.Err != nil {
		line := fmt.Sprintf("%s  rejected    %v", at, sc.Err)
		if raw && sc.Raw != "" {
			r := sc.Raw
			if len(r) > 120 {
				r = r[:120] + "…"
			}
			line += fmt.Sprintf("  raw=%q", r)
		}
		fmt.Fprintln(w, line)
		return
	}
	p := sc.Payload
	switch p.Kind {
	case scanner.Dossier:
		line := fmt.Sprintf("%s  dossier     %s", at, p.DossierCode)
		if p.Secret != "" {
			line += "  secret=" + maskSecret(p.Secret)
		}
		fmt.Fprintln(w, line)
	case scanner.CitizenID:
		fmt.Fprintf(w, "%s  citizen-id  %s\n", at, portal.MaskID(p.IDNumber))
	}
}

func maskSecret(s string) string {
	r := []rune(s)
	if len(r) <= 2 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:2]) + strings.Repeat("*", len(r)-2)
}
