package portalsim

// Paging of the kiosk/v1 procedure listing: the (UpdatedAt, Code) order,
// opaque page tokens and the incremental window.

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"time"

	"kiosk/internal/portal"
)

// resort orders procedure codes by (UpdatedAt, Code); call with mu held.
func (s *Server) resort() {
	s.sorted = s.sorted[:0]
	for c := range s.procs {
		s.sorted = append(s.sorted, c)
	}
	sort.Slice(s.sorted, func(i, j int) bool { return s.less(s.sorted[i], s.sorted[j]) })
}

func (s *Server) less(a, b string) bool {
	pa, pb := s.procs[a], s.procs[b]
	if !pa.UpdatedAt.Equal(pb.UpdatedAt) {
		return pa.UpdatedAt.Before(pb.UpdatedAt)
	}
	return a < b
}

// pageToken is the opaque paging state: the listing's bounds, fixed when it
// started, and the last key returned. Items changed after the listing started
// are left to the next sync (its cursor is the listing's start), so paging
// stays consistent while data changes.
type pageToken struct {
	Since    int64  `json:"s"` // unix nanos, 0 = full listing
	Start    int64  `json:"t"`
	LastTime int64  `json:"u"`
	LastCode string `json:"c"`
	Total    int    `json:"n"`
}

func encodeToken(t pageToken) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s string) (pageToken, error) {
	var t pageToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) > 512 {
		return t, errors.New("invalid page token")
	}
	if err := json.Unmarshal(b, &t); err != nil || t.Start <= 0 || t.Since < 0 || t.Since > t.Start {
		return pageToken{}, errors.New("invalid page token")
	}
	return t, nil
}

func (s *Server) listProcedures(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size := defaultPageSize
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "bad_request", "page_size must be a positive number")
			return
		}
		size = min(n, maxPageSize)
	}
	var tok pageToken
	if v := q.Get("page_token"); v != "" {
		t, err := decodeToken(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", err.Error())
			return
		}
		tok = t
	} else {
		tok.Start = s.now().UnixNano()
		if v := q.Get("updated_since"); v != "" {
			since, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				writeError(w, http.StatusBadRequest, "bad_request", "updated_since must be RFC 3339")
				return
			}
			tok.Since = since.UnixNano()
			if tok.Since > tok.Start {
				tok.Since = tok.Start
			}
		}
		tok.LastTime = tok.Since
		tok.Total = -1
	}

	s.mu.Lock()
	full := tok.Since == 0
	match := func(p portal.Procedure) bool {
		u := p.UpdatedAt.UnixNano()
		return u > tok.Since && u <= tok.Start && !(full && p.Deleted)
	}
	// First index whose key is after (LastTime, LastCode).
	i := sort.Search(len(s.sorted), func(i int) bool {
		p := s.procs[s.sorted[i]]
		u := p.UpdatedAt.UnixNano()
		return u > tok.LastTime || (u == tok.LastTime && p.Code > tok.LastCode)
	})
	if tok.Total < 0 {
		tok.Total = 0
		for _, c := range s.sorted[i:] {
			if match(s.procs[c]) {
				tok.Total++
			}
		}
	}
	items := make([]portal.Procedure, 0, min(size, tok.Total))
	more := false
	for ; i < len(s.sorted); i++ {
		p := s.procs[s.sorted[i]]
		if p.UpdatedAt.UnixNano() > tok.Start {
			break
		}
		if !match(p) {
			continue
		}
		if len(items) == size {
			more = true
			break
		}
		if p.Deleted {
			p = portal.Procedure{Code: p.Code, UpdatedAt: p.UpdatedAt, Deleted: true}
		}
		items = append(items, p)
	}
	s.mu.Unlock()

	page := portal.ProcedurePage{Items: items, ServerTime: time.Unix(0, tok.Start).UTC(), Total: tok.Total}
	if more && len(items) > 0 {
		last := items[len(items)-1]
		tok.LastTime, tok.LastCode = last.UpdatedAt.UnixNano(), last.Code
		page.NextPageToken = encodeToken(tok)
	}
	writeJSON(w, http.StatusOK, page)
}
