package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"kiosk/internal/printer"
	"kiosk/internal/receipt"
)

func init() {
	register(command{
		Name:    "printer",
		Usage:   "printer test|status [-port P] [-usb VID:PID] [-baud B] [-profile NAME]",
		Summary: "print the test page, or show whether the printer is online and has paper",
		Run:     runPrinter,
	})
}

// receiptPrinter is what the printer command needs from a real or virtual
// printer.
type receiptPrinter interface {
	Print(ctx context.Context, job []byte) error
	Status(ctx context.Context) (printer.Status, error)
}

type printerFlags struct {
	port, usb, profile, out string
	baud                    int
	timeout                 time.Duration
}

func runPrinter(ctx context.Context, g *globals, args []string) error {
	if len(args) == 0 || (args[0] != "test" && args[0] != "status") {
		return &exitError{Code: 2, Msg: "usage: kioskctl printer test|status [-port P] [-usb VID:PID] [-baud B] [-profile NAME] [-out DIR] [-timeout D]"}
	}
	verb := args[0]
	fs := flag.NewFlagSet("printer "+verb, flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	var f printerFlags
	fs.StringVar(&f.port, "port", "", "serial `PORT`, or \"virtual\" (default from the config)")
	fs.StringVar(&f.usb, "usb", "", "find the port by USB `VID:PID`")
	fs.IntVar(&f.baud, "baud", 0, "line speed (default from the config, else 9600)")
	fs.StringVar(&f.profile, "profile", "", "printer profile `NAME` from assets/profiles (default from the config)")
	fs.StringVar(&f.out, "out", "", "`DIR` for the virtual printer's PNGs (default the config's receipt_dir)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "give up after `D`")
	if err := fs.Parse(args[1:]); err != nil {
		return &exitError{Code: 2}
	}

	site := receipt.Site{Now: time.Now()}
	cfg, cfgErr := g.loadConfig()
	if cfgErr == nil {
		site.Name, site.Hotline, site.Lang = cfg.Kiosk.SiteName, cfg.Kiosk.Hotline, cfg.Kiosk.Language
		if f.port == "" && f.usb == "" {
			f.port, f.usb = cfg.Printer.Port, cfg.Printer.USB
		}
		if f.baud == 0 {
			f.baud = cfg.Printer.Baud
		}
		if f.profile == "" {
			f.profile = cfg.Printer.Profile
		}
		if f.out == "" {
			f.out = cfg.Kiosk.ReceiptDir
		}
	}
	if f.port == "" && f.usb == "" {
		msg := "no printer configured: give -port PATH, -usb VID:PID or -port virtual"
		if cfgErr != nil {
			msg += fmt.Sprintf(" (config not read: %v)", cfgErr)
		}
		return &exitError{Code: 2, Msg: msg}
	}
	if f.profile == "" {
		f.profile = "generic-80"
	}
	prof, err := receipt.LoadProfile(f.profile)
	if err != nil {
		return &exitError{Code: 2, Msg: err.Error()}
	}

	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	var p receiptPrinter
	var virtual *printer.Virtual
	if f.port == "virtual" && f.usb == "" {
		if f.out == "" {
			f.out = "receipts"
		}
		virtual = printer.NewVirtual(f.out, prof.WidthDots)
		p = virtual
	} else {
		sp, err := printer.Open(printer.Config{
			Port:            f.port,
			USB:             f.usb,
			Baud:            f.baud,
			StatusSupported: prof.Status == "dle-eot",
			PollInterval:    -1,
			RetryMin:        time.Hour, // one attempt: a CLI reports, it does not wait
		})
		if err != nil {
			return &exitError{Code: 2, Msg: err.Error()}
		}
		defer sp.Close()
		p = sp
	}

	if verb == "status" {
		st, err := p.Status(ctx)
		if err != nil {
			return err
		}
		printPrinterStatus(g.Stdout, st, prof)
		if !st.Online || st.Paper == printer.PaperOut {
			return &exitError{Code: 1}
		}
		return nil
	}

	job, err := receipt.Encode(receipt.TestPage(site, prof), prof)
	if err != nil {
		return fmt.Errorf("building the test page: %w", err)
	}
	err = p.Print(ctx, job)
	switch {
	case errors.Is(err, printer.ErrPaperOut):
		return &exitError{Code: 1, Msg: fmt.Sprintf("Máy in hết giấy / The printer is out of paper: %v", err)}
	case errors.Is(err, printer.ErrOffline):
		return &exitError{Code: 1, Msg: fmt.Sprintf("Máy in không phản hồi / The printer is offline: %v", err)}
	case errors.Is(err, printer.ErrPaperLow):
		fmt.Fprintln(g.Stderr, "Cảnh báo: sắp hết giấy / Warning: the paper roll is nearly finished; change it soon.")
	case err != nil:
		return err
	}
	baud := f.baud
	if baud <= 0 {
		baud = 9600
	}
	fmt.Fprintf(g.Stdout, "Đã in trang thử / Test page printed: %d bytes, profile %s (about %.1f s on the wire at %d baud)\n",
		len(job), prof.Name, float64(len(job))*10/float64(baud), baud)
	if virtual != nil {
		fmt.Fprintf(g.Stdout, "saved %s\n", virtual.LastPath())
	}
	return nil
}

func printPrinterStatus(w io.Writer, st printer.Status, prof receipt.Profile) {
	online := "no / không"
	if st.Online {
		online = "yes / có"
	}
	paper := map[string]string{
		printer.PaperOK:      "ok / còn giấy",
		printer.PaperLow:     "low / sắp hết giấy",
		printer.PaperOut:     "out / hết giấy",
		printer.PaperUnknown: "unknown / không rõ",
	}[st.Paper]
	if st.Paper == printer.PaperUnknown && prof.Status != "dle-eot" {
		paper += " (profile " + prof.Name + " does not answer status)"
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "port\t%s\n", dash(st.Port))
	fmt.Fprintf(tw, "online\t%s\n", online)
	fmt.Fprintf(tw, "paper\t%s\n", paper)
	fmt.Fprintf(tw, "profile\t%s (%s, %d dots)\n", prof.Name, prof.Model, prof.WidthDots)
	if st.LastError != "" {
		fmt.Fprintf(tw, "last error\t%s\n", st.LastError)
	}
	tw.Flush()
}
