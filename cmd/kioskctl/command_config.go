package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/BurntSushi/toml"

	"kiosk/internal/config"
)

func init() {
	register(command{
		Name:    "config",
		Usage:   "config check [FILE] | config show",
		Summary: "check a site config for problems, or print the effective config without secrets",
		Run:     runConfig,
	})
}

func runConfig(ctx context.Context, g *globals, args []string) error {
	if len(args) == 0 {
		return &exitError{Code: 2, Msg: "usage: kioskctl config check [FILE] | config show"}
	}
	switch args[0] {
	case "check":
		if len(args) > 2 {
			return &exitError{Code: 2, Msg: "usage: kioskctl config check [FILE]"}
		}
		path := g.ConfigPath
		if len(args) == 2 {
			path = args[1]
		}
		return configCheck(g, path)
	case "show":
		if len(args) > 1 {
			return &exitError{Code: 2, Msg: "usage: kioskctl config show"}
		}
		return configShow(g)
	default:
		return &exitError{Code: 2, Msg: fmt.Sprintf("unknown config command %q (want check or show)", args[0])}
	}
}

// configCheck prints every problem and warning in path, each in English and
// then in Vietnamese, then "path: OK" if the kiosk can use it; any error
// problem exits 1.
func configCheck(g *globals, path string) error {
	var problems config.Problems
	c, err := config.Load(path, known())
	switch {
	case errors.As(err, &problems):
	case err != nil:
		return err
	default:
		problems = c.Warnings
	}
	if perm, err := config.CheckPermissions(path); err == nil {
		problems = append(problems, perm...)
	}
	for _, p := range problems {
		fmt.Fprintln(g.Stdout, p)
		fmt.Fprintln(g.Stdout, p.Vietnamese())
	}
	errs := 0
	for _, p := range problems {
		if p.Severity == config.Error {
			errs++
		}
	}
	switch warns := len(problems) - errs; {
	case errs > 0:
		return &exitError{Code: 1, Msg: fmt.Sprintf("%s: %s, %s / %d lỗi, %d cảnh báo",
			path, configCount(errs, "error"), configCount(warns, "warning"), errs, warns)}
	case warns > 0:
		fmt.Fprintf(g.Stdout, "%s: OK (%s / %d cảnh báo)\n", path, configCount(warns, "warning"), warns)
	default:
		fmt.Fprintf(g.Stdout, "%s: OK\n", path)
	}
	return nil
}

// configShow prints the effective config (file, defaults and command-line
// overrides) as TOML with secrets redacted.
func configShow(g *globals) error {
	c, err := g.loadConfig()
	if err != nil {
		return err
	}
	fmt.Fprintf(g.Stdout, "# Effective config from %s, with defaults and overrides; secrets redacted.\n", c.Path)
	if err := toml.NewEncoder(g.Stdout).Encode(config.Redacted(c)); err != nil {
		return fmt.Errorf("writing config: %w", err)
	}
	return nil
}

func configCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
