package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/health"
)

func init() {
	register(command{
		Name:    "status",
		Usage:   "status [-json] [-addr HOST:PORT]",
		Summary: "show the running kiosk's health (portal, cache, outbox, printer, scanner, disk, errors)",
		Run:     runStatus,
	})
}

func runStatus(ctx context.Context, g *globals, args []string) error {
	g = g.withSafeStdout() // what it prints comes from the portal or the cache
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	asJSON := fs.Bool("json", false, "print the raw JSON report")
	addr := fs.String("addr", "", "read over loopback HTTP from `HOST:PORT` (the metrics address) instead of the Unix socket")
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	sock := health.SocketPath(cfg.Cache.Path)
	rep, raw, err := fetchStatus(ctx, sock, *addr)
	if err != nil {
		where := sock
		if *addr != "" {
			where = *addr
		}
		msg := fmt.Sprintf("cannot read the kiosk's status from %s: %v (is the kiosk running? are you in the kiosk group?)", where, err)
		if why := catalog.OwnerProblem(cfg.Cache.Path); why != "" {
			msg += "\nthe kiosk is probably out of service: " + why
		}
		return &exitError{Code: 1, Msg: msg}
	}
	if *asJSON {
		_, err := g.Stdout.Write(raw)
		return err
	}
	printStatus(g.Stdout, rep)
	if len(rep.Problems) > 0 {
		return &exitError{Code: 1}
	}
	return nil
}

// fetchStatus reads /status from the Unix socket, or from addr over HTTP.
func fetchStatus(ctx context.Context, sock, addr string) (health.Report, []byte, error) {
	tr := &http.Transport{}
	url := "http://" + addr + "/status"
	if addr == "" {
		url = "http://kiosk/status"
		tr.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		}
	}
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return health.Report{}, nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return health.Report{}, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return health.Report{}, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return health.Report{}, nil, fmt.Errorf("status endpoint answered %s", resp.Status)
	}
	var rep health.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		return health.Report{}, nil, fmt.Errorf("status endpoint sent something that is not a report: %w", err)
	}
	return rep, raw, nil
}

func printStatus(w io.Writer, r health.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "NO"
	}
	fmt.Fprintf(tw, "kiosk\t%s (%s), version %s, up %s\n", r.KioskID, r.SiteName, r.Version, r.Uptime)
	fmt.Fprintf(tw, "portal\treachable %s, %d ms, %s\n", yes(r.Portal.Reachable), r.Portal.LatencyMS, r.Portal.BaseURL)
	age := "never synced"
	if r.Cache.AgeSeconds >= 0 {
		age = (time.Duration(r.Cache.AgeSeconds) * time.Second).String() + " old"
	}
	fmt.Fprintf(tw, "cache\t%d procedures, %d agencies, %d fields, %.1f MB, %s\n",
		r.Cache.Procedures, r.Cache.Agencies, r.Cache.Fields, float64(r.Cache.SizeBytes)/(1<<20), age)
	if r.Cache.LastSyncError != "" {
		fmt.Fprintf(tw, "last sync error\t%s\n", r.Cache.LastSyncError)
	}
	fmt.Fprintf(tw, "outbox\t%d waiting\n", r.Outbox.Depth)
	fmt.Fprintf(tw, "printer\t%s, %s\n", r.Printer.Port, r.Printer.State)
	fmt.Fprintf(tw, "scanner\t%s, %s\n", r.Scanner.Port, r.Scanner.State)
	fmt.Fprintf(tw, "speaker\t%s, %s\n", r.Speaker.Port, r.Speaker.State)
	if r.Disk.TotalBytes > 0 {
		fmt.Fprintf(tw, "disk\t%.1f GB free of %.1f GB\n", float64(r.Disk.FreeBytes)/(1<<30), float64(r.Disk.TotalBytes)/(1<<30))
	}
	tw.Flush()
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "\nneeds attention:\n  %s\n", strings.Join(r.Problems, "\n  "))
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(w, "\nrecent errors:")
		for i, e := range r.Errors {
			if i == 10 {
				break
			}
			fmt.Fprintf(w, "  %s %s %s %s\n", e.Time.Format("2006-01-02 15:04:05"), e.Level, e.Message, e.Detail)
		}
	}
}
