package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/search"
)

func init() {
	register(command{
		Name:    "search",
		Usage:   "search [-json] [-limit N] QUERY",
		Summary: "search the local catalogue as the kiosk does (works with the portal down)",
		Run:     runSearch,
	})
}

// searchHit is one line of `search -json`.
type searchHit struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Score   float64  `json:"score"`
	Matched []string `json:"matched"`
}

func runSearch(ctx context.Context, g *globals, args []string) error {
	g = g.withSafeStdout() // what it prints comes from the portal or the cache
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	asJSON := fs.Bool("json", false, `print [{"code","name","score","matched":[...]}]`)
	limit := fs.Int("limit", 10, "at most `N` results")
	field := fs.String("field", "", "only procedures of field `CODE` (lĩnh vực)")
	agency := fs.String("agency", "", "only procedures of agency `CODE`")
	level := fs.Int("level", 0, "only service level `N` (2 information, 3 partly online, 4 fully online)")
	fs.Usage = func() {
		fmt.Fprintln(g.Stderr, "usage: kioskctl search [-json] [-limit N] [-field CODE] [-agency CODE] [-level N] QUERY")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" && *field == "" && *agency == "" && *level == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	if *limit <= 0 {
		return &exitError{Code: 2, Msg: "search: -limit must be at least 1"}
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	// Search only reads: skip the page check that makes opening a large
	// cache slow (the kiosk checks it at start-up).
	cache, err := catalog.Open(cfg.Cache.Path, catalog.Options{
		LockTimeout: 2 * time.Second,
		SkipCheck:   true,
		Logger:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		if errors.Is(err, catalog.ErrLocked) {
			return &exitError{Code: 1, Msg: err.Error() + " (stop the kiosk, or search while it is not running)"}
		}
		return fmt.Errorf("opening the cache: %w", err)
	}
	defer cache.Close()
	procs, err := cache.Procedures()
	if err != nil {
		return fmt.Errorf("reading procedures from the cache: %w", err)
	}
	if len(procs) == 0 {
		return &exitError{Code: 1, Msg: fmt.Sprintf("the cache %s has no procedures yet; run \"kioskctl sync\" first", cache.Path())}
	}
	agencies, err := cache.Agencies()
	if err != nil {
		return fmt.Errorf("reading agencies from the cache: %w", err)
	}
	fields, err := cache.Fields()
	if err != nil {
		return fmt.Errorf("reading fields from the cache: %w", err)
	}
	dict, err := search.LoadDictionary()
	if err != nil {
		return err
	}
	ix := search.Build(procs, agencies, fields, dict)
	// A trailing space: the last word typed on the command line is complete.
	rs := ix.Search(search.Query{Text: text + " ", FieldCode: *field, AgencyCode: *agency, Level: *level, Limit: *limit})

	if *asJSON {
		hits := make([]searchHit, 0, len(rs))
		for _, r := range rs {
			m := r.Matched
			if m == nil {
				m = []string{}
			}
			hits = append(hits, searchHit{Code: r.Code, Name: r.Name, Score: round1(r.Score), Matched: m})
		}
		enc := json.NewEncoder(g.Stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(hits); err != nil {
			return err
		}
	} else {
		for i, r := range rs {
			fmt.Fprintf(g.Stdout, "%2d. %s\n    %s", i+1, r.Name, r.Code)
			if p := r.Procedure; p != nil && p.FieldName != "" {
				fmt.Fprintf(g.Stdout, " · %s", p.FieldName)
			}
			if p := r.Procedure; p != nil && p.AgencyName != "" {
				fmt.Fprintf(g.Stdout, " · %s", p.AgencyName)
			}
			fmt.Fprintf(g.Stdout, " · score %.1f\n", r.Score)
			if len(r.Matched) > 0 {
				fmt.Fprintf(g.Stdout, "    matched: %s\n", strings.Join(r.Matched, " "))
			}
		}
	}
	if len(rs) == 0 {
		return &exitError{Code: 1, Msg: fmt.Sprintf("no procedure matches %q among %d in the cache", strings.TrimSpace(text), len(procs))}
	}
	return nil
}

func round1(f float64) float64 {
	return float64(int64(f*10+0.5)) / 10
}
