package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portal"
	"kiosk/internal/scanner"
)

func init() {
	register(command{
		Name:    "dossier",
		Usage:   "dossier CODE [-secret S | -id NUMBER]",
		Summary: "look a dossier up on the portal as the kiosk does (status, dates, step, masked applicant)",
		Run:     runDossier,
	})
}

// runDossier is a technician's check that status lookups work against the
// configured portal, in either dialect. It prints what the citizen's screen
// would show, personal data masked; the secret and the ID number are never
// printed, not even in error messages.
func runDossier(ctx context.Context, g *globals, args []string) error {
	g = g.withSafeStdout() // what it prints comes from the portal
	fs := flag.NewFlagSet("dossier", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	secret := fs.String("secret", "", "the secret from the receipt's QR code (secretKey)")
	idNumber := fs.String("id", "", "the applicant's ID `NUMBER` (CCCD/CMND)")
	// The code may come before or after the flags.
	var code string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		code, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	if code == "" && fs.NArg() > 0 {
		code = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return &exitError{Code: 2, Msg: fmt.Sprintf("dossier: unexpected %q after the code", fs.Arg(0))}
	}
	code = strings.TrimSpace(code)
	switch {
	case code == "":
		return &exitError{Code: 2, Msg: "usage: kioskctl dossier CODE [-secret S | -id NUMBER]"}
	case *secret != "" && *idNumber != "":
		return &exitError{Code: 2, Msg: "dossier: give -secret or -id, not both"}
	case !scanner.ValidDossierCode(code):
		return &exitError{Code: 2, Msg: fmt.Sprintf("dossier: %q cannot be a dossier code (too short or too long, or it holds characters no code has)", code)}
	}
	code = strings.ToUpper(code)

	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	client, err := newPortalClient(cfg)
	if err != nil {
		return &exitError{Code: 1, Msg: err.Error()}
	}
	timeout := cfg.Portal.LookupTimeout.Duration
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	lctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d, err := client.Dossier(lctx, code, portal.DossierQuery{Secret: *secret, IDNumber: *idNumber})
	if err != nil {
		return &exitError{Code: 1, Msg: dossierFailure(err, code, config.RedactURL(cfg.Portal.BaseURL), cfg.Portal.Dialect)}
	}
	printDossier(g.Stdout, d)
	return nil
}

// newPortalClient builds the portal client the kiosk would build from cfg.
func newPortalClient(cfg *config.Config) (*portal.Client, error) {
	return portal.New(portal.FromConfig(cfg, cfg.Portal.BaseURL))
}

// dossierFailure says in one line why the lookup failed and what to try.
// ErrSecretRequired is tested before ErrWrongSecret, which it also matches.
func dossierFailure(err error, code, baseURL, dialect string) string {
	switch {
	case errors.Is(err, portal.ErrNotFound):
		return fmt.Sprintf("dossier %s: not found — the portal at %s does not know this code", code, baseURL)
	case errors.Is(err, portal.ErrSecretRequired):
		return fmt.Sprintf("dossier %s: the portal (%s) shows this dossier only with the receipt's secret (-secret) or the applicant's ID number (-id)", code, dialect)
	case errors.Is(err, portal.ErrWrongSecret):
		return fmt.Sprintf("dossier %s: wrong secret or ID number — the portal refused it (the dossier exists)", code)
	case errors.Is(err, portal.ErrServer):
		return fmt.Sprintf("dossier %s: the portal at %s answers with server errors: %v", code, baseURL, err)
	case errors.Is(err, portal.ErrOffline):
		return fmt.Sprintf("dossier %s: offline — the portal at %s cannot be reached: %v", code, baseURL, err)
	case errors.Is(err, portal.ErrBadResponse):
		return fmt.Sprintf("dossier %s: the portal at %s sent an answer the kiosk cannot read (is portal.dialect = %q right?): %v", code, baseURL, dialect, err)
	}
	return fmt.Sprintf("dossier %s: %v", code, err)
}

// printDossier prints the dossier as the status screen shows it. The
// applicant is masked again here although the client already masked it:
// masking is idempotent, and this output may be pasted into a ticket.
func printDossier(w io.Writer, d portal.Dossier) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	at := func(t time.Time) string { return t.In(portal.Vietnam).Format("2006-01-02 15:04") }
	row := func(k, v string) {
		if strings.TrimSpace(v) != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	row("dossier", d.Code)
	row("procedure", d.ProcedureName)
	row("agency", d.AgencyName)
	label := d.StatusLabel
	if label == "" {
		label = portal.StatusLabel(d.Status, "vi")
	}
	row("status", fmt.Sprintf("%d %s", d.Status, label))
	if !d.ReceivedAt.IsZero() {
		row("received", at(d.ReceivedAt))
	}
	if !d.DueAt.IsZero() {
		due := at(d.DueAt)
		if d.Overdue {
			due += " (overdue)"
		}
		row("due", due)
	}
	if d.FinishedAt != nil {
		row("finished", at(*d.FinishedAt))
	}
	if d.ReturnedAt != nil {
		row("returned", at(*d.ReturnedAt))
	}
	row("current step", d.CurrentStep)
	row("applicant", portal.MaskName(d.Applicant))
	row("applicant id", portal.MaskID(d.ApplicantID))
	row("collect at", d.PickupPlace)
	if d.Detailed && d.Fee > 0 {
		row("fee", fmt.Sprintf("%d đồng", d.Fee))
	}
	row("note", d.Note)
	if d.Detailed {
		row("details", "unlocked by the secret or ID number")
	} else {
		row("details", "public summary only (give -secret or -id for the steps)")
	}
	tw.Flush()
	if len(d.Steps) > 0 {
		fmt.Fprintln(w, "\nsteps:")
		for _, s := range d.Steps {
			mark, when := "[ ]", ""
			if s.Done {
				mark = "[x]"
			}
			if s.At != nil {
				when = "  " + at(*s.At)
			}
			fmt.Fprintf(w, "  %s %s%s\n", mark, s.Name, when)
		}
	}
}
