package health

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// ErrorRecord is one recent warning or error, as staff see it.
type ErrorRecord struct {
	Time    time.Time `json:"time"`
	Level   string    `json:"level"`
	Message string    `json:"message"`
	Detail  string    `json:"detail,omitempty"` // the "err" attribute, if any
}

// ErrorRing keeps the last N warnings and errors logged through a Handler.
// Log lines never carry personal data (callers mask before logging), so the
// ring is safe to show on the staff panel and to put in diagnostics.
type ErrorRing struct {
	mu   sync.Mutex
	buf  []ErrorRecord
	next int
	full bool
}

// NewErrorRing keeps the last n records.
func NewErrorRing(n int) *ErrorRing { return &ErrorRing{buf: make([]ErrorRecord, n)} }

func (r *ErrorRing) add(e ErrorRecord) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf[r.next] = e
	r.next = (r.next + 1) % len(r.buf)
	if r.next == 0 {
		r.full = true
	}
}

// Recent returns the records, newest first.
func (r *ErrorRing) Recent() []ErrorRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.next
	if r.full {
		n = len(r.buf)
	}
	out := make([]ErrorRecord, 0, n)
	for i := 1; i <= n; i++ {
		out = append(out, r.buf[(r.next-i+len(r.buf))%len(r.buf)])
	}
	return out
}

// Handler wraps next so that every record at Warn or above is also kept in
// the ring.
func (r *ErrorRing) Handler(next slog.Handler) slog.Handler { return &ringHandler{next: next, ring: r} }

type ringHandler struct {
	next  slog.Handler
	ring  *ErrorRing
	attrs []slog.Attr
}

func (h *ringHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn || h.next.Enabled(ctx, l)
}

func (h *ringHandler) Handle(ctx context.Context, rec slog.Record) error {
	if rec.Level >= slog.LevelWarn {
		e := ErrorRecord{Time: rec.Time, Level: rec.Level.String(), Message: rec.Message}
		find := func(a slog.Attr) bool {
			if a.Key == "err" || a.Key == "error" {
				e.Detail = a.Value.String()
				return false
			}
			return true
		}
		for _, a := range h.attrs {
			find(a)
		}
		rec.Attrs(find)
		h.ring.add(e)
	}
	if h.next.Enabled(ctx, rec.Level) {
		return h.next.Handle(ctx, rec)
	}
	return nil
}

func (h *ringHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &ringHandler{next: h.next.WithAttrs(as), ring: h.ring, attrs: append(append([]slog.Attr{}, h.attrs...), as...)}
}

func (h *ringHandler) WithGroup(name string) slog.Handler {
	return &ringHandler{next: h.next.WithGroup(name), ring: h.ring, attrs: h.attrs}
}
