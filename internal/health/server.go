package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Handler serves /status (the Report as JSON), /healthz (200 while the process
// answers) and, when metrics is not nil, /metrics.
func Handler(m *Monitor, metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(m.Report())
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}

// TCPHandler is what the metrics TCP address serves. /metrics and /healthz
// hold nothing a local user should not see; /status (recent errors, outbox,
// devices) is served there only when the listener is on loopback, the
// default. On any other address (the management network) /status stays on
// the Unix socket, which is 0660 for the kiosk group, and the TCP port
// answers 404 with a pointer to it.
func TCPHandler(m *Monitor, metrics http.Handler, l net.Listener) http.Handler {
	if ListenerIsLoopback(l) {
		return Handler(m, metrics)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "/status is served only on loopback and on the kiosk's Unix socket (kioskctl status)", http.StatusNotFound)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}

// ListenerIsLoopback reports whether l accepts only loopback connections.
func ListenerIsLoopback(l net.Listener) bool {
	a, ok := l.Addr().(*net.TCPAddr)
	return ok && a.IP.IsLoopback()
}

// ListenUnix listens on a Unix socket readable by the kiosk group (mode 0660),
// replacing a stale socket file left by a crash.
func ListenUnix(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
		_ = os.Remove(path)
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o660); err != nil {
		l.Close()
		return nil, fmt.Errorf("setting permissions on %s: %w", path, err)
	}
	return l, nil
}

// Serve serves h on l until ctx ends.
func Serve(ctx context.Context, l net.Listener, h http.Handler, log *slog.Logger) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) && log != nil {
		log.Warn("status server stopped", "addr", l.Addr().String(), "err", err)
	}
}

// SocketPath is where the kiosk serves its status: next to the cache, in the
// state directory the kiosk user owns (/var/lib/kiosk/kiosk.sock when
// installed), so kioskctl finds it from the same config.
func SocketPath(cachePath string) string {
	return filepath.Join(filepath.Dir(cachePath), "kiosk.sock")
}
