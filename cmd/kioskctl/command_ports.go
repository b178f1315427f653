package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"go.bug.st/serial/enumerator"
)

func init() {
	register(command{
		Name:    "ports",
		Usage:   "ports",
		Summary: "list serial ports with USB VID:PID, product and serial number (to find the printer and scanner)",
		Run:     runPorts,
	})
}

// listPorts and byIDDir are variables so tests can stand in for the
// machine's hardware.
var (
	listPorts = enumerator.GetDetailedPortsList
	byIDDir   = "/dev/serial/by-id"
)

func runPorts(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("ports", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	ports, err := listPorts()
	if err != nil {
		return fmt.Errorf("listing serial ports: %w", err)
	}
	var named []*enumerator.PortDetails
	for _, p := range ports {
		if p != nil && p.Name != "" {
			named = append(named, p)
		}
	}
	if len(named) == 0 {
		fmt.Fprintln(g.Stdout, "Không tìm thấy cổng nối tiếp nào. / No serial ports found.")
		fmt.Fprintln(g.Stdout, "Check the cable and power, then `dmesg | tail` for a USB device; a USB printer without a serial interface needs a USB-serial model.")
		return &exitError{Code: 1}
	}
	sort.Slice(named, func(i, j int) bool { return named[i].Name < named[j].Name })
	ids := stableNames()
	tw := tabwriter.NewWriter(g.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PORT\tUSB ID\tMANUFACTURER\tPRODUCT\tSERIAL\tSTABLE NAME")
	for _, p := range named {
		usb := "-"
		if p.IsUSB {
			usb = strings.ToLower(p.VID + ":" + p.PID)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, usb, dash(p.Manufacturer), dash(p.Product), dash(p.SerialNumber), dash(ids[p.Name]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(g.Stdout, "\nUse the USB ID in the config ([printer] usb = \"VID:PID\") or a stable name as the port; ttyUSB numbers change between boots.")
	return nil
}

// stableNames maps device nodes to their /dev/serial/by-id names.
func stableNames() map[string]string {
	out := map[string]string{}
	entries, err := os.ReadDir(byIDDir)
	if err != nil {
		return out
	}
	for _, e := range entries {
		link := filepath.Join(byIDDir, e.Name())
		target, err := os.Readlink(link) // udev writes ../../ttyUSB0
		if err != nil {
			continue
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(byIDDir, target)
		}
		out[filepath.Clean(target)] = link
	}
	return out
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
