package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func init() {
	register(command{
		Name:    "reset",
		Usage:   "reset [-yes]",
		Summary: "clear the local cache, outbox and remembered lookups (keeps the config); asks first",
		Run:     runReset,
	})
}

// resetInput is where reset reads its confirmation; tests replace it.
var resetInput io.Reader = os.Stdin

func runReset(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("reset", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
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
	st, err := cache.Stats()
	if err != nil {
		return err
	}
	if !*yes {
		fmt.Fprintf(g.Stderr, "This clears %s: %d procedures, %d agencies, %d fields, remembered lookups", cache.Path(), st.Procedures, st.Agencies, st.Fields)
		if st.OutboxDepth > 0 {
			fmt.Fprintf(g.Stderr, ", and %d ratings/heartbeats NOT YET DELIVERED to the portal (they will be lost)", st.OutboxDepth)
		}
		fmt.Fprintf(g.Stderr, ".\nThe configuration %s is kept. Type \"yes\" to continue: ", cfg.Path)
		answer, _ := bufio.NewReader(resetInput).ReadString('\n')
		if strings.ToLower(strings.TrimSpace(answer)) != "yes" {
			return &exitError{Code: 1, Msg: "reset cancelled; nothing was changed"}
		}
	}
	if err := cache.Reset(); err != nil {
		return fmt.Errorf("clearing the cache: %w", err)
	}
	fmt.Fprintf(g.Stdout, "cache %s cleared (%d procedures, %d outbox items removed); the next sync is a full one\n",
		cache.Path(), st.Procedures, st.OutboxDepth)
	return nil
}
