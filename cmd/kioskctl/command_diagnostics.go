package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"time"

	"github.com/BurntSushi/toml"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/health"
)

func init() {
	register(command{
		Name:    "diagnostics",
		Usage:   "diagnostics -out FILE.tar.gz",
		Summary: "collect versions, redacted config, recent logs, devices and cache stats for support (no personal data, no secrets)",
		Run:     runDiagnostics,
	})
}

// journal reads the kiosk's recent log lines; a variable so tests can stand in.
var journal = func(ctx context.Context) ([]byte, error) {
	if _, err := exec.LookPath("journalctl"); err != nil {
		return nil, errors.New("journalctl not found: logs are not in the bundle")
	}
	return exec.CommandContext(ctx, "journalctl", "-u", "kiosk", "-n", "3000", "--no-pager", "-o", "short-iso").Output()
}

// scrubbers are a last line of defence: the kiosk never logs personal data,
// but a bundle leaves the building, so anything that looks like an ID or a
// phone number is masked again on the way out.
var scrubbers = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`\b\d{9}(\d{3})\b`), "*********$1"},        // 12-digit CCCD
	{regexp.MustCompile(`\b\d{6}(\d{3})\b`), "******$1"},           // 9-digit CMND
	{regexp.MustCompile(`\b(0\d)\d{6}(\d{2})\b`), "$1******$2"},    // phone numbers
	{regexp.MustCompile(`(?i)(secret[a-z_]*[=:]\s*)\S+`), "$1***"}, // secret=..., secretKey: ...
}

func scrub(b []byte) []byte {
	for _, s := range scrubbers {
		b = s.re.ReplaceAll(b, []byte(s.repl))
	}
	return b
}

func runDiagnostics(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("diagnostics", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	out := fs.String("out", "", "write the bundle to `FILE.tar.gz`")
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	if *out == "" {
		return &exitError{Code: 2, Msg: "diagnostics: -out FILE.tar.gz is required"}
	}
	files := map[string][]byte{}
	var order []string
	add := func(name string, b []byte) {
		order = append(order, name)
		files[name] = scrub(b)
	}

	host, _ := os.Hostname()
	add("versions.txt", fmt.Appendf(nil, "kioskctl %s\ngo %s %s/%s\nhost %s\ntime %s\n%s",
		version, runtime.Version(), runtime.GOOS, runtime.GOARCH, host, time.Now().Format(time.RFC3339), readOr("/etc/os-release")))

	cfg, cfgErr := g.loadConfig()
	var problems config.Problems
	switch {
	case errors.As(cfgErr, &problems):
		add("config-check.txt", []byte(problems.Error()+"\n"))
	case cfgErr != nil:
		add("config-check.txt", []byte(cfgErr.Error()+"\n"))
	default:
		add("config-check.txt", []byte(g.ConfigPath+": OK\n"))
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(config.Redacted(cfg)); err != nil {
			return fmt.Errorf("writing the redacted config: %w", err)
		}
		add("config.redacted.toml", buf.Bytes())
	}

	if cfg != nil {
		if rep, _, err := fetchStatus(ctx, health.SocketPath(cfg.Cache.Path), ""); err == nil {
			b, _ := json.MarshalIndent(rep, "", "  ")
			add("status.json", b)
		} else {
			add("status.json", fmt.Appendf(nil, `{"error": %q}`+"\n", "kiosk not answering: "+err.Error()))
		}
		add("cache-stats.json", bundleCacheStats(cfg))
	}

	var ports bytes.Buffer
	_ = runPorts(ctx, &globals{Stdout: &ports, Stderr: &ports}, nil)
	add("devices.txt", ports.Bytes())

	if logs, err := journal(ctx); err != nil {
		add("logs.txt", []byte(err.Error()+"\n"))
	} else {
		add("logs.txt", logs)
	}

	if err := writeTarGz(*out, order, files); err != nil {
		return err
	}
	fmt.Fprintf(g.Stdout, "wrote %s (%d files)\n", *out, len(order))
	return nil
}

// bundleCacheStats opens the cache read-only-ish with a short lock timeout; when the
// kiosk holds it, the status report above already has the numbers.
func bundleCacheStats(cfg *config.Config) []byte {
	if _, err := os.Stat(cfg.Cache.Path); err != nil {
		return fmt.Appendf(nil, `{"error": %q}`+"\n", "no cache file: "+err.Error())
	}
	c, err := catalog.Open(cfg.Cache.Path, catalog.Options{LockTimeout: 300 * time.Millisecond, SkipCheck: true})
	if err != nil {
		return fmt.Appendf(nil, `{"error": %q}`+"\n", err.Error())
	}
	defer c.Close()
	st, err := c.Stats()
	if err != nil {
		return fmt.Appendf(nil, `{"error": %q}`+"\n", err.Error())
	}
	b, _ := json.MarshalIndent(st, "", "  ")
	return b
}

func readOr(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}

func writeTarGz(path string, order []string, files map[string][]byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	now := time.Now()
	for _, name := range order {
		b := files[name]
		if err := tw.WriteHeader(&tar.Header{Name: "kiosk-diagnostics/" + name, Mode: 0o600, Size: int64(len(b)), ModTime: now}); err != nil {
			f.Close()
			return err
		}
		if _, err := tw.Write(b); err != nil {
			f.Close()
			return err
		}
	}
	if err := tw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
