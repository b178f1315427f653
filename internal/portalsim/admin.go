package portalsim

// Test and demo controls: statistics, received ratings, and the /admin
// endpoints that change the catalogue while a kiosk syncs.

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"

	"kiosk/internal/portal"
)

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Ratings = len(s.ratings)
	if s.openCPS != nil {
		st.Votes = len(s.openCPS.results)
	}
	st.Procedures = 0
	for _, p := range s.procs {
		if !p.Deleted {
			st.Procedures++
		}
	}
	return st
}

// Ratings returns the keys of the ratings received, for tests.
func (s *Server) Ratings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.ratings))
	for k := range s.ratings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Touch changes n procedures now (round robin over the catalogue), as when the
// province edits them, and returns their codes.
func (s *Server) Touch(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	codes := make([]string, 0, len(s.procs))
	for c, p := range s.procs {
		if !p.Deleted {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	if len(codes) == 0 {
		return nil
	}
	now := s.now()
	var changed []string
	for i := 0; i < n && i < len(codes); i++ {
		c := codes[(s.touchNext+i)%len(codes)]
		p := s.procs[c]
		p.UpdatedAt = now
		if len(p.Channels) > 0 {
			chs := append([]portal.Channel(nil), p.Channels...)
			chs[0].Time.Note = "Cập nhật ngày " + now.Format("02/01/2006 15:04:05")
			p.Channels = chs
		}
		s.procs[c] = p
		changed = append(changed, c)
	}
	s.touchNext = (s.touchNext + n) % len(codes)
	s.resort()
	return changed
}

// Delete replaces a procedure by a tombstone.
func (s *Server) Delete(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.procs[code]
	if !ok || p.Deleted {
		return false
	}
	s.procs[code] = portal.Procedure{Code: code, UpdatedAt: s.now(), Deleted: true}
	s.resort()
	return true
}

func (s *Server) adminFaults(w http.ResponseWriter, r *http.Request) {
	var f Faults
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&f); err != nil ||
		f.FailRate < 0 || f.GarbageRate < 0 || f.FailRate+f.GarbageRate > 1 || f.LatencyMS < 0 {
		writeError(w, http.StatusBadRequest, "bad_request", `want {"latency_ms":N,"fail_rate":0..1,"garbage_rate":0..1,"refuse_ratings":bool}`)
		return
	}
	s.SetFaults(f)
	writeJSON(w, http.StatusOK, f)
}

func (s *Server) adminTouch(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 1 {
		writeError(w, http.StatusBadRequest, "bad_request", "want ?n=N")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"touched": s.Touch(n)})
}

func (s *Server) adminDelete(w http.ResponseWriter, r *http.Request) {
	if !s.Delete(r.URL.Query().Get("code")) {
		writeError(w, http.StatusNotFound, "not_found", "no such procedure")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
