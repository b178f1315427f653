package portalsim

// Fault injection: going offline, added latency, and the share of requests
// answered with errors or garbage, switchable at run time.

import (
	"crypto/subtle"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Faults are the switches that can change at run time (POST /admin/faults).
type Faults struct {
	LatencyMS   int64   `json:"latency_ms"`
	FailRate    float64 `json:"fail_rate"`
	GarbageRate float64 `json:"garbage_rate"`
	// RefuseRatings makes the OpenCPS dialect's /votings/checkpermission
	// answer false for every dossier, as a site that does not let guests
	// rate does: the kiosk's "may not rate" screen can be seen and tested.
	RefuseRatings bool `json:"refuse_ratings"`
}

// SetOffline makes every API request's connection close without an answer, as
// when the portal or the network is down.
func (s *Server) SetOffline(off bool) { s.offline.Store(off) }

// SetFaults changes latency and failure shares at run time.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	s.faults = f
	s.mu.Unlock()
}

// api wraps an API handler with offline, auth, latency and fault injection.
func (s *Server) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.offline.Load() {
			hangUp(w)
			return
		}
		s.mu.Lock()
		s.stats.Requests++
		f := s.faults
		roll, kind := s.rng.Float64(), s.rng.Intn(4)
		s.mu.Unlock()
		if f.LatencyMS > 0 {
			select {
			case <-time.After(time.Duration(f.LatencyMS) * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
		if s.opts.KioskKey != "" && s.openCPS == nil {
			key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if r.Header.Get("X-Kiosk-ID") == "" || subtle.ConstantTimeCompare([]byte(key), []byte(s.opts.KioskKey)) != 1 {
				writeError(w, http.StatusUnauthorized, "unauthorized", "unknown kiosk or wrong key")
				return
			}
		}
		switch {
		case roll < f.FailRate:
			s.count(func(st *Stats) { st.Failed++ })
			if kind%2 == 0 {
				w.Header().Set("Retry-After", "1")
				writeError(w, http.StatusTooManyRequests, "rate_limited", "too many requests")
			} else {
				writeError(w, http.StatusInternalServerError, "internal", "simulated failure")
			}
			return
		case roll < f.FailRate+f.GarbageRate:
			s.count(func(st *Stats) { st.Garbage++ })
			writeGarbage(w, r, kind)
			return
		}
		h(w, r)
	}
}

func (s *Server) count(f func(*Stats)) {
	s.mu.Lock()
	f(&s.stats)
	s.mu.Unlock()
}

// hangUp closes the connection without an HTTP answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// writeGarbage answers with one of the ways real servers and proxies break.
func writeGarbage(w http.ResponseWriter, r *http.Request, kind int) {
	switch kind {
	case 0: // truncated JSON
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `{"items":[{"code":"1.0012`)
	case 1: // a proxy's HTML error page with 200
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>")
	case 2: // valid JSON of the wrong shape
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `[1,2,3,"không phải dữ liệu"]`)
	default: // a 50 MB body, streamed so the simulator does not hold it
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(garbageBodySize))
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat(`{"x":"rác rác rác"},`, 3276)) // ~64 KiB
		for n := 0; n < garbageBodySize; {
			m := len(chunk)
			if garbageBodySize-n < m {
				m = garbageBodySize - n
			}
			if _, err := w.Write(chunk[:m]); err != nil || r.Context().Err() != nil {
				return
			}
			n += m
		}
	}
}
