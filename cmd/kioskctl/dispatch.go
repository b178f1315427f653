package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// globals are the flags that come before the command.
type globals struct {
	ConfigPath string
	PortalURL  string
	CachePath  string
	Stdout     io.Writer
	Stderr     io.Writer
}

// command is one kioskctl verb. Run returns an error for failure; an
// exitError carries a specific exit code without extra output.
type command struct {
	Name    string
	Usage   string // e.g. "sync [-full]"
	Summary string
	Run     func(ctx context.Context, g *globals, args []string) error
}

// exitError makes run exit with Code; Msg (if any) is printed to stderr.
type exitError struct {
	Code int
	Msg  string
}

func (e *exitError) Error() string { return e.Msg }

var commands = map[string]command{}

// register adds a command; called from init in each command_<verb>.go.
func register(c command) {
	if _, dup := commands[c.Name]; dup {
		panic("kioskctl: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

func run(args []string, stdout, stderr io.Writer) int {
	g := &globals{Stdout: stdout, Stderr: stderr}
	fs := flag.NewFlagSet("kioskctl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&g.ConfigPath, "config", defaultConfigPath(), "site config `FILE`")
	fs.StringVar(&g.PortalURL, "portal", "", "portal base `URL` (overrides the config)")
	fs.StringVar(&g.CachePath, "cache", "", "cache `PATH` (overrides the config)")
	fs.Usage = func() { usage(fs, stderr) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		usage(fs, stderr)
		return 2
	}
	name := fs.Arg(0)
	if name == "help" {
		usage(fs, stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "kioskctl: unknown command %q (try \"kioskctl help\")\n", name)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := c.Run(ctx, g, fs.Args()[1:]); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.Msg != "" {
				fmt.Fprintln(stderr, "kioskctl:", termSafe(ee.Msg))
			}
			return ee.Code
		}
		fmt.Fprintf(stderr, "kioskctl %s: %s\n", name, termSafe(err.Error()))
		return 1
	}
	return 0
}

// defaultConfigPath is the installed location, or the demo config when
// running from a checkout.
func defaultConfigPath() string {
	if _, err := os.Stat("/etc/kiosk/kiosk.toml"); err == nil {
		return "/etc/kiosk/kiosk.toml"
	}
	return "kiosk-config/demo.toml"
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintln(w, "usage: kioskctl [-config FILE] [-portal URL] [-cache PATH] COMMAND [ARGS]")
	fmt.Fprintln(w, "\nglobal flags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-34s %s\n", c.Usage, c.Summary)
	}
}
