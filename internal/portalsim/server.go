package portalsim

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kiosk/internal/portal"
)

// Options configure a Server. Zero values mean: accept any kiosk key, no
// faults, real time.
type Options struct {
	KioskKey    string // "" accepts any key
	Latency     time.Duration
	FailRate    float64 // share of API requests answered 500 or 429
	GarbageRate float64 // share answered with garbage
	Seed        int64
	Now         func() time.Time
	// PublicURL is the portal's public site, used in queue follow links.
	PublicURL string
	Logger    *slog.Logger
}

// Faults are the switches that can change at run time (POST /admin/faults).
type Faults struct {
	LatencyMS   int64   `json:"latency_ms"`
	FailRate    float64 `json:"fail_rate"`
	GarbageRate float64 `json:"garbage_rate"`
}

// Stats count what the server has seen (GET /admin/stats).
type Stats struct {
	Requests   int64 `json:"requests"`
	Ratings    int   `json:"ratings"`
	Replays    int64 `json:"rating_replays"`
	Tickets    int64 `json:"tickets"`
	Heartbeats int64 `json:"heartbeats"`
	Procedures int   `json:"procedures"`
	Failed     int64 `json:"failed"`
	Garbage    int64 `json:"garbage"`
}

const (
	defaultPageSize = 200
	maxPageSize     = 1000
	garbageBodySize = 50 << 20
)

// Server serves the kiosk/v1 API. It is safe for concurrent use.
type Server struct {
	opts    Options
	now     func() time.Time
	offline atomic.Bool
	mux     *http.ServeMux

	mu         sync.Mutex
	rng        *rand.Rand
	faults     Faults
	fields     []portal.Field
	agencies   []portal.Agency
	procs      map[string]portal.Procedure // includes tombstones
	sorted     []string                    // codes by (UpdatedAt, Code)
	dossiers   map[string]DossierRecord
	shift      time.Duration
	ratings    map[string]ratingEntry
	queues     map[string]*queue
	heartbeats map[string]portal.Heartbeat
	touchNext  int
	stats      Stats
}

type ratingEntry struct {
	bodyHash [32]byte
	receipt  portal.RatingReceipt
}

type queue struct {
	issued  int
	started time.Time
}

// New builds a server over a copy of ds.
func New(ds *Dataset, o Options) *Server {
	s := &Server{
		opts:       o,
		now:        o.Now,
		rng:        rand.New(rand.NewSource(o.Seed)),
		faults:     Faults{LatencyMS: o.Latency.Milliseconds(), FailRate: o.FailRate, GarbageRate: o.GarbageRate},
		fields:     append([]portal.Field(nil), ds.Fields...),
		agencies:   append([]portal.Agency(nil), ds.Agencies...),
		procs:      make(map[string]portal.Procedure, len(ds.Procedures)),
		dossiers:   make(map[string]DossierRecord, len(ds.Dossiers)),
		ratings:    map[string]ratingEntry{},
		queues:     map[string]*queue{},
		heartbeats: map[string]portal.Heartbeat{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.opts.PublicURL == "" {
		s.opts.PublicURL = "https://dichvucong.hochiminhcity.gov.vn"
	}
	for _, p := range ds.Procedures {
		s.procs[p.Code] = p
	}
	for _, d := range ds.Dossiers {
		s.dossiers[strings.ToUpper(d.Code)] = d
	}
	if !ds.Reference.IsZero() {
		s.shift = s.now().Sub(ds.Reference).Truncate(24 * time.Hour)
	}
	s.resort()
	s.routes()
	return s
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /api/v1/health", s.api(s.health))
	m.HandleFunc("GET /api/v1/procedures", s.api(s.listProcedures))
	m.HandleFunc("GET /api/v1/procedures/{code}", s.api(s.getProcedure))
	m.HandleFunc("GET /api/v1/agencies", s.api(s.listAgencies))
	m.HandleFunc("GET /api/v1/fields", s.api(s.listFields))
	m.HandleFunc("GET /api/v1/dossiers/{code}", s.api(s.getDossier))
	m.HandleFunc("GET /api/v1/dossiers", s.api(s.listReady))
	m.HandleFunc("POST /api/v1/queue/tickets", s.api(s.takeTicket))
	m.HandleFunc("POST /api/v1/ratings", s.api(s.postRating))
	m.HandleFunc("POST /api/v1/kiosks/{id}/heartbeat", s.api(s.heartbeat))
	m.HandleFunc("/api/", s.api(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint")
	}))
	m.HandleFunc("POST /admin/offline", func(w http.ResponseWriter, r *http.Request) { s.SetOffline(true) })
	m.HandleFunc("POST /admin/online", func(w http.ResponseWriter, r *http.Request) { s.SetOffline(false) })
	m.HandleFunc("POST /admin/faults", s.adminFaults)
	m.HandleFunc("POST /admin/touch", s.adminTouch)
	m.HandleFunc("POST /admin/delete", s.adminDelete)
	m.HandleFunc("GET /admin/stats", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, s.Stats()) })
	s.mux = m
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// SetOffline makes every API request's connection close without an answer, as
// when the portal or the network is down.
func (s *Server) SetOffline(off bool) { s.offline.Store(off) }

// SetFaults changes latency and failure shares at run time.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	s.faults = f
	s.mu.Unlock()
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Ratings = len(s.ratings)
	st.Procedures = 0
	for _, p := range s.procs {
		if !p.Deleted {
			st.Procedures++
		}
	}
	return st
}

// Start serves ds on addr ("127.0.0.1:0" picks a free port) until ctx ends or
// stop is called. It returns the base URL.
func Start(ctx context.Context, addr string, ds *Dataset, o Options) (baseURL string, stop func(), err error) {
	srv, baseURL, stop, err := StartServer(ctx, addr, ds, o)
	_ = srv
	return baseURL, stop, err
}

// StartServer is Start that also returns the Server, for tests and the demo's
// fault switches.
func StartServer(ctx context.Context, addr string, ds *Dataset, o Options) (*Server, string, func(), error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", nil, fmt.Errorf("portal simulator: %w", err)
	}
	s := New(ds, o)
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		<-ctx.Done()
		sctx, c2 := context.WithTimeout(context.Background(), 2*time.Second)
		defer c2()
		_ = hs.Shutdown(sctx)
		close(done)
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			<-done
		})
	}
	return s, "http://" + l.Addr().String(), stop, nil
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
		if s.opts.KioskKey != "" {
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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, portal.APIError{Code: code, Message: msg})
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "server_time": s.now().UTC()})
}

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

func (s *Server) getProcedure(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	p, ok := s.procs[r.PathValue("code")]
	s.mu.Unlock()
	if !ok || p.Deleted {
		writeError(w, http.StatusNotFound, "not_found", "no procedure with this code")
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) listAgencies(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": s.agencies})
}

func (s *Server) listFields(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": s.fields})
}

func (s *Server) getDossier(w http.ResponseWriter, r *http.Request) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	if !dossierCodeRE.MatchString(code) {
		writeError(w, http.StatusBadRequest, "bad_request", "a dossier code looks like 000.00.15.H29-261015-0012")
		return
	}
	s.mu.Lock()
	rec, ok := s.dossiers[code]
	shift := s.shift
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "no dossier with this code")
		return
	}
	secret, idNo := r.Header.Get("X-Dossier-Secret"), r.Header.Get("X-Applicant-Id")
	detailed := false
	switch {
	case secret != "":
		detailed = subtle.ConstantTimeCompare([]byte(secret), []byte(rec.Secret)) == 1
	case idNo != "":
		detailed = subtle.ConstantTimeCompare([]byte(strings.TrimSpace(idNo)), []byte(rec.ApplicantIDNumber)) == 1
	}
	if (secret != "" || idNo != "") && !detailed {
		writeError(w, http.StatusForbidden, "wrong_secret", "the secret or ID number does not match this dossier")
		return
	}
	writeJSON(w, http.StatusOK, publicDossier(rec, shift, detailed))
}

// publicDossier is what leaves the portal: personal data masked, details only
// when unlocked, dates shifted to look current.
func publicDossier(rec DossierRecord, shift time.Duration, detailed bool) portal.Dossier {
	d := rec.Dossier
	d.Applicant = portal.MaskName(rec.ApplicantName)
	d.ApplicantID = ""
	d.ReceivedAt = shiftTime(d.ReceivedAt, shift)
	d.DueAt = shiftTime(d.DueAt, shift)
	d.FinishedAt = shiftPtr(d.FinishedAt, shift)
	d.ReturnedAt = shiftPtr(d.ReturnedAt, shift)
	d.Detailed = detailed
	if !detailed {
		d.Steps, d.Note, d.Fee = nil, "", 0
		return d
	}
	d.ApplicantID = portal.MaskID(rec.ApplicantIDNumber)
	steps := make([]portal.DossierStep, len(d.Steps))
	for i, st := range d.Steps {
		st.At = shiftPtr(st.At, shift)
		steps[i] = st
	}
	d.Steps = steps
	return d
}

func shiftTime(t time.Time, d time.Duration) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(d)
}

func shiftPtr(t *time.Time, d time.Duration) *time.Time {
	if t == nil {
		return nil
	}
	v := t.Add(d)
	return &v
}

func (s *Server) listReady(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("ready") != "true" {
		writeError(w, http.StatusBadRequest, "bad_request", "only the public list of ready dossiers (ready=true) is served")
		return
	}
	agency, prefix := q.Get("agency"), strings.ToUpper(strings.TrimSpace(q.Get("q")))
	s.mu.Lock()
	var items []portal.ReadyDossier
	for _, rec := range s.dossiers {
		if rec.Status != portal.StatusDone || (agency != "" && rec.AgencyCode != agency) ||
			(prefix != "" && !strings.Contains(strings.ToUpper(rec.Code), prefix)) {
			continue
		}
		fin := rec.DueAt
		if rec.FinishedAt != nil {
			fin = *rec.FinishedAt
		}
		items = append(items, portal.ReadyDossier{
			Code: rec.Code, ProcedureName: rec.ProcedureName, AgencyCode: rec.AgencyCode, AgencyName: rec.AgencyName,
			Applicant: portal.MaskName(rec.ApplicantName), FinishedAt: shiftTime(fin, s.shift), PickupPlace: rec.PickupPlace,
		})
	}
	s.mu.Unlock()
	sort.Slice(items, func(i, j int) bool {
		if !items[i].FinishedAt.Equal(items[j].FinishedAt) {
			return items[i].FinishedAt.After(items[j].FinishedAt)
		}
		return items[i].Code < items[j].Code
	})
	if len(items) > 500 {
		items = items[:500]
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// serveEvery is how often a simulated counter calls the next number.
const serveEvery = 4 * time.Minute

func (s *Server) takeTicket(w http.ResponseWriter, r *http.Request) {
	var req portal.TicketRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || strings.TrimSpace(req.ServiceCode) == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "a ticket needs a service_code")
		return
	}
	now := s.now()
	s.mu.Lock()
	q := s.queues[req.ServiceCode]
	if q == nil {
		q = &queue{started: now, issued: 3 + s.rng.Intn(12)} // people already queueing when the demo starts
		s.queues[req.ServiceCode] = q
	}
	served := int(now.Sub(q.started) / serveEvery)
	waiting := max(0, q.issued-served)
	q.issued++
	num := q.issued
	name := req.ServiceCode
	for _, f := range s.fields {
		if f.Code == req.ServiceCode {
			name = f.Name
		}
	}
	s.stats.Tickets++
	s.mu.Unlock()
	prefix := strings.ToUpper(req.ServiceCode[:1])
	counter := req.Counter
	if counter == "" {
		counter = strconv.Itoa(1 + num%4)
	}
	t := portal.Ticket{
		Number: fmt.Sprintf("%s-%03d", prefix, num%1000), ServiceCode: req.ServiceCode, ServiceName: name,
		Counter: counter, Waiting: waiting, IssuedAt: now.UTC(),
	}
	t.FollowURL = s.opts.PublicURL + "/hang-doi?so=" + t.Number + "&dv=" + req.ServiceCode
	writeJSON(w, http.StatusCreated, t)
}

func (s *Server) postRating(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if key == "" || len(key) > 128 {
		writeError(w, http.StatusBadRequest, "bad_request", "ratings need an Idempotency-Key header")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "unreadable body")
		return
	}
	var rt portal.Rating
	if err := json.Unmarshal(body, &rt); err != nil || rt.Overall < 1 || rt.Overall > 5 {
		writeError(w, http.StatusBadRequest, "bad_request", "a rating needs overall between 1 and 5")
		return
	}
	for _, v := range rt.Criteria {
		if v < 1 || v > 5 {
			writeError(w, http.StatusBadRequest, "bad_request", "criteria ratings must be between 1 and 5")
			return
		}
	}
	h := sha256.Sum256(body)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.ratings[key]; ok {
		if prev.bodyHash != h {
			writeError(w, http.StatusConflict, "conflict", "this Idempotency-Key was used for a different rating")
			return
		}
		s.stats.Replays++
		rc := prev.receipt
		rc.Duplicate = true
		writeJSON(w, http.StatusOK, rc)
		return
	}
	rc := portal.RatingReceipt{ID: key, ReceivedAt: s.now().UTC()}
	s.ratings[key] = ratingEntry{bodyHash: h, receipt: rc}
	writeJSON(w, http.StatusCreated, rc)
}

func (s *Server) heartbeat(w http.ResponseWriter, r *http.Request) {
	var hb portal.Heartbeat
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&hb); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "unreadable heartbeat")
		return
	}
	s.mu.Lock()
	s.heartbeats[r.PathValue("id")] = hb
	s.stats.Heartbeats++
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
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
		writeError(w, http.StatusBadRequest, "bad_request", `want {"latency_ms":N,"fail_rate":0..1,"garbage_rate":0..1}`)
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
