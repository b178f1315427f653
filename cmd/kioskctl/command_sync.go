package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/portal"
	"kiosk/internal/sync"
)

func init() {
	register(command{
		Name:    "sync",
		Usage:   "sync [-full]",
		Summary: "update the local catalogue from the portal (resumes an interrupted sync; -full lists everything)",
		Run:     runSync,
	})
}

func runSync(ctx context.Context, g *globals, args []string) error {
	g = g.withSafeStdout() // what it prints comes from the portal or the cache
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	full := fs.Bool("full", false, "list every procedure again instead of only the changes")
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	cache, err := openCatalogCache(cfg, g.Stderr)
	if err != nil {
		return err
	}
	defer cache.Close()

	client, err := newPortalClient(cfg)
	if err != nil {
		return &exitError{Code: 1, Msg: err.Error()}
	}
	s := sync.New(client, cache, sync.Options{PageSize: cfg.Sync.PageSize, Logger: slog.New(slog.DiscardHandler)})
	bar := newProgressBar(g.Stderr, isTerminal(g.Stderr))
	res, err := s.Run(ctx, *full, bar.update)
	bar.finish()
	if err != nil {
		return &exitError{Code: 1, Msg: syncFailure(err, config.RedactURL(cfg.Portal.BaseURL), cache)}
	}
	st, err := cache.Stats()
	if err != nil {
		return err
	}
	kind := "incremental"
	if res.Full {
		kind = "full"
	}
	if res.Resumed {
		kind += ", resumed"
	}
	fmt.Fprintf(g.Stdout, "synced (%s): %d pages, %d procedures updated, %d removed in %s\n",
		kind, res.Pages, res.Items, res.Deleted, res.Took.Round(time.Millisecond))
	fmt.Fprintf(g.Stdout, "cache %s: %d procedures, %d agencies, %d fields, %.1f MB\n",
		cache.Path(), st.Procedures, st.Agencies, st.Fields, float64(st.SizeBytes)/(1<<20))
	return nil
}

// openCatalogCache opens the cache named in the config, telling the
// technician about a recovered corrupt file.
func openCatalogCache(cfg *config.Config, stderr io.Writer) (*catalog.Cache, error) {
	cache, err := catalog.Open(cfg.Cache.Path, catalog.Options{
		LockTimeout: 2 * time.Second,
		Logger:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		if errors.Is(err, catalog.ErrLocked) {
			return nil, &exitError{Code: 1, Msg: err.Error()}
		}
		return nil, fmt.Errorf("opening the cache: %w", err)
	}
	if moved := cache.Recovered(); moved != "" {
		fmt.Fprintf(stderr, "kioskctl: the cache file was unreadable; kept it as %s and started a fresh one (a full sync follows)\n", moved)
	}
	return cache, nil
}

// syncFailure explains a failed sync, saying what the kiosk still has.
func syncFailure(err error, baseURL string, cache *catalog.Cache) string {
	have := "the cache is empty"
	if st, serr := cache.Stats(); serr == nil && st.Procedures > 0 {
		from := "an unfinished sync"
		if !st.LastSync.IsZero() {
			from = st.LastSync.Local().Format("2006-01-02 15:04")
		}
		have = fmt.Sprintf("the cache still has %d procedures from %s", st.Procedures, from)
	}
	switch {
	case errors.Is(err, portal.ErrServer):
		return fmt.Sprintf("the portal at %s answers with server errors (%v); %s (an interrupted sync resumes next time)", baseURL, err, have)
	case errors.Is(err, portal.ErrOffline):
		return fmt.Sprintf("portal unreachable at %s; %s (an interrupted sync resumes next time)", baseURL, have)
	case errors.Is(err, portal.ErrUnauthorized):
		return fmt.Sprintf("the portal at %s refused this kiosk's id or key (check [kiosk] id and [portal] kiosk_key); %s", baseURL, have)
	case errors.Is(err, context.Canceled):
		return fmt.Sprintf("sync interrupted; %s (it resumes next time)", have)
	default:
		return fmt.Sprintf("sync failed: %v; %s", err, have)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar draws "[#####.....] 42% 12 pages 6000/60000": redrawn in place
// on a terminal, one line per 10% step otherwise (logs, pipes).
type progressBar struct {
	w        io.Writer
	tty      bool
	lastStep int
	drawn    bool
}

func newProgressBar(w io.Writer, tty bool) *progressBar {
	return &progressBar{w: w, tty: tty, lastStep: -1}
}

const barWidth = 20

func (b *progressBar) line(p sync.Progress) string {
	if p.Total <= 0 && !p.Done {
		return fmt.Sprintf("[%s] %d pages %d", strings.Repeat("?", barWidth), p.Pages, p.Items)
	}
	pct := p.Percent
	filled := min(barWidth, int(pct/100*barWidth))
	total := p.Total
	if total <= 0 {
		total = p.Items
	}
	return fmt.Sprintf("[%s%s] %3.0f%% %d pages %d/%d",
		strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), pct, p.Pages, p.Items, total)
}

func (b *progressBar) update(p sync.Progress) {
	if b.tty {
		fmt.Fprintf(b.w, "\r%-60s", b.line(p))
		b.drawn = true
		return
	}
	step := int(p.Percent / 10)
	if p.Done {
		step = 10
	}
	if step <= b.lastStep || (p.Pages == 0 && !p.Done) {
		return
	}
	b.lastStep = step
	fmt.Fprintln(b.w, b.line(p))
}

func (b *progressBar) finish() {
	if b.tty && b.drawn {
		fmt.Fprintln(b.w)
	}
}
