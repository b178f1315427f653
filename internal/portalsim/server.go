package portalsim

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand"
	"net"
	"net/http"
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
	// Dialect is DialectKioskV1 ("" too) or DialectOpenCPS; OpenCPS
	// configures the latter.
	Dialect string
	OpenCPS OpenCPSOptions
}

// Dialects the simulator serves.
const (
	DialectKioskV1 = "kiosk/v1"
	DialectOpenCPS = "opencps"
)

// Stats count what the server has seen (GET /admin/stats).
type Stats struct {
	Requests   int64 `json:"requests"`
	Ratings    int   `json:"ratings"`
	Votes      int   `json:"votes"` // OpenCPS voting results (one per question answered)
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
	openCPS    *ocState // nil unless Options.Dialect is DialectOpenCPS
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
	if o.Dialect == DialectOpenCPS || o.Dialect == "opencps/v2" {
		s.openCPS = newOCState(o.OpenCPS, ds)
	}
	s.routes()
	return s
}

func (s *Server) routes() {
	m := http.NewServeMux()
	if s.openCPS != nil {
		s.openCPSRoutes(m)
	} else {
		s.kioskV1Routes(m)
	}
	m.HandleFunc("POST /admin/offline", func(w http.ResponseWriter, r *http.Request) { s.SetOffline(true) })
	m.HandleFunc("POST /admin/online", func(w http.ResponseWriter, r *http.Request) { s.SetOffline(false) })
	m.HandleFunc("POST /admin/faults", s.adminFaults)
	m.HandleFunc("POST /admin/touch", s.adminTouch)
	m.HandleFunc("POST /admin/delete", s.adminDelete)
	m.HandleFunc("GET /admin/stats", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, s.Stats()) })
	s.mux = m
}

func (s *Server) kioskV1Routes(m *http.ServeMux) {
	m.HandleFunc("GET /api/v1/health", s.api(s.health))
	m.HandleFunc("GET /api/v1/procedures", s.api(s.listProcedures))
	m.HandleFunc("GET /api/v1/procedures/{code}", s.api(s.getProcedure))
	m.HandleFunc("GET /api/v1/agencies", s.api(s.listAgencies))
	m.HandleFunc("GET /api/v1/fields", s.api(s.listFields))
	m.HandleFunc("GET /api/v1/dossiers/{code}", s.api(s.getDossier))
	m.HandleFunc("GET /api/v1/dossiers", s.api(s.listReady))
	m.HandleFunc("POST /api/v1/queue/tickets", s.api(s.takeTicket))
	m.HandleFunc("GET /api/v1/queue", s.api(s.queueLengths))
	m.HandleFunc("POST /api/v1/ratings", s.api(s.postRating))
	m.HandleFunc("POST /api/v1/kiosks/{id}/heartbeat", s.api(s.heartbeat))
	m.HandleFunc("/api/", s.api(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint")
	}))
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

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
