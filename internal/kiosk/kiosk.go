// Package kiosk assembles the kiosk's non-screen parts from a site config —
// portal client, cache, sync and outbox loops, printer, scanner, health,
// metrics — into Services (Build), and holds the use cases the screens call,
// one job each: Catalogue (search and browse), Lookups (dossier status, the
// ready list, the last known status), Tickets (queue numbers), Ratings (the
// outbox) and Receipts (printing). It knows no toolkit: cmd/kiosk hands the
// use cases to internal/ui, and tests drive them without a window.
package kiosk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/metrics"
	"kiosk/internal/portal"
	"kiosk/internal/printer"
	"kiosk/internal/receipt"
	"kiosk/internal/scanner"
	"kiosk/internal/search"
	"kiosk/internal/speech"
	ksync "kiosk/internal/sync"
)

// Options say how to build the services.
type Options struct {
	Version   string
	Logger    *slog.Logger
	Errors    *health.ErrorRing
	StartedAt time.Time
	Now       func() time.Time
	// NoStatusSocket skips the Unix status socket (tests that run many kiosks).
	NoStatusSocket bool
	// IndexStamp names the code a stored search index was made by; "" is
	// this binary's build ID (buildStamp). Tests set it to act as another
	// version.
	IndexStamp string
	// RequestRestart asks for a restart at the next moment nobody uses the
	// kiosk (process.RequestRestart), saying whether one will happen; nil
	// asks for none. The kiosk asks when its cache fails the consistency
	// check it finishes in the background after start.
	RequestRestart func() (bool, error)
}

// Services is a running kiosk minus its screens: the shared parts, the use
// cases built on them, and the staff actions and health that span them.
type Services struct {
	Cfg     *config.Config
	Log     *slog.Logger
	Portal  *portal.Client
	Cache   *catalog.Cache
	Syncer  *ksync.Syncer
	Deliver *ksync.Deliverer
	Metrics *metrics.Metrics
	Monitor *health.Monitor
	Profile receipt.Profile
	// Scans delivers serial scanner reads; nil when the scanner is the
	// keyboard wedge (the screens read it) or disabled.
	Scans <-chan scanner.Scan
	// ReceiptDir is where the virtual printer saves receipts ("" for a real printer).
	ReceiptDir string
	// PortalURL is the portal the services talk to.
	PortalURL string
	// Speaker reads screens aloud (voice.go); nil without voice guidance.
	Speaker speech.Speaker
	// SpeechDir is where the virtual speaker saves WAVs ("" for speakers).
	SpeechDir string

	// The use cases the screens call.
	Catalogue *Catalogue
	Lookups   *Lookups
	Tickets   *Tickets
	Ratings   *Ratings
	Receipts  *Receipts

	opts    Options
	now     func() time.Time
	printer devicePrinter
	scanner *scanner.Scanner

	speakerLocal *speech.Local
	speakerState string
	speakerErr   string

	mu             sync.Mutex
	printerState   printer.Status
	cacheHealthVal health.CacheHealth
	cacheHealthAt  time.Time
	// cacheHealthOf is the sync state the counts were taken at: a sync
	// that committed anything since makes them stale at once.
	cacheHealthOf catalog.SyncState
	scannerUp     bool
	portalUp      atomic.Bool
	portalSeen    atomic.Bool

	closers []func()
}

// Build constructs every service from cfg, which it reads but never changes.
// Nothing here waits on the network or on a device: a portal that is down or
// a printer that is unplugged is a state the kiosk shows, not a reason not to
// start.
func Build(ctx context.Context, cfg *config.Config, o Options) (s *Services, err error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.StartedAt.IsZero() {
		o.StartedAt = o.Now()
	}
	s = &Services{Cfg: cfg, Log: o.Logger, opts: o, now: o.Now, PortalURL: cfg.Portal.BaseURL}
	// The error returns below set the named s to nil, so the cleanup must
	// hold its own pointer to what was started.
	started := s
	defer func() {
		if err != nil {
			started.Close()
		}
	}()

	if err := os.MkdirAll(filepath.Dir(cfg.Cache.Path), 0o750); err != nil {
		return nil, fmt.Errorf("creating the cache folder: %w", err)
	}
	// Half of the cache's check (bbolt's own) runs while the first screen
	// is drawn; a cache that fails it is replaced at the next start.
	s.Cache, err = catalog.Open(cfg.Cache.Path, catalog.Options{Now: o.Now, Logger: o.Logger, DeferCheck: true})
	if err != nil {
		return nil, err
	}
	watched := make(chan struct{})
	s.closers = append(s.closers, func() { s.Cache.Close(); <-watched })
	go func() { defer close(watched); s.watchCacheCheck() }()
	if moved := s.Cache.Recovered(); moved != "" {
		o.Logger.Warn("the cache file was unreadable; it was moved aside and a fresh one created", "moved_to", moved)
	}

	s.Metrics = metrics.New(o.Version, cfg.Kiosk.ID, s.cacheAgeSeconds, s.outboxDepth)
	popts := portal.FromConfig(cfg, s.PortalURL)
	popts.Logger, popts.WrapTransport = o.Logger, s.Metrics.InstrumentTransport
	s.Portal, err = portal.New(popts)
	if err != nil {
		return nil, err
	}
	s.Syncer = ksync.New(s.Portal, s.Cache, ksync.Options{
		PageSize: cfg.Sync.PageSize, Interval: cfg.Sync.Interval.Duration, Logger: o.Logger, Now: o.Now,
		OnProgress: func(p ksync.Progress) {
			if p.Done && p.Items > 0 {
				inBackground(s.Catalogue.RebuildIndex) // a citizen may be tapping meanwhile
			}
		},
	})
	s.Deliver = ksync.NewDeliverer(s.Portal, s.Cache, ksync.DeliverOptions{Logger: o.Logger, Now: o.Now})

	if o.IndexStamp == "" {
		o.IndexStamp = buildStamp()
	}
	s.Catalogue = &Catalogue{cache: s.Cache, metrics: s.Metrics, log: o.Logger, indexed: make(chan struct{}), stamp: o.IndexStamp}
	if s.Catalogue.dict, err = search.LoadDictionary(); err != nil {
		return nil, err
	}
	// The start screen needs no index: load or build it in the background,
	// at a lower priority than the screens, so the kiosk is interactive
	// sooner (the find screen says it is preparing for the fraction of a
	// second before it is ready).
	inBackground(s.Catalogue.LoadIndex)

	lookupTimeout := cfg.Portal.LookupTimeout.Duration
	s.Lookups = newLookups(s.Portal, lookupTimeout, cfg.Cache.RecentLookupTTL.Duration, o.Now, s.Metrics, s.Cache.ForgetLookups)
	s.Tickets = &Tickets{portal: s.Portal, kioskID: cfg.Kiosk.ID, queue: cfg.Queue, timeout: lookupTimeout, metrics: s.Metrics}
	s.Ratings = &Ratings{outbox: s.Cache, kioskID: cfg.Kiosk.ID, now: o.Now, metrics: s.Metrics, notify: s.Deliver.Notify}

	if err := s.openPrinter(); err != nil {
		return nil, err
	}
	s.Receipts = &Receipts{printer: s.printer, profile: s.Profile, siteName: cfg.Kiosk.SiteName, hotline: cfg.Kiosk.Hotline, lookupURL: cfg.Portal.LookupURL,
		now: o.Now, metrics: s.Metrics, log: o.Logger, onStatus: s.setPrinterState}
	s.openScanner()
	s.openSpeaker()

	s.Monitor = &health.Monitor{
		KioskID: cfg.Kiosk.ID, SiteName: cfg.Kiosk.SiteName, Version: o.Version, DiskPath: filepath.Dir(cfg.Cache.Path),
		StartedAt: o.StartedAt, Now: o.Now, Errors: o.Errors, StaleAfter: 24 * time.Hour, BuiltAt: health.BuildTime(),
		Input: &health.InputProbe{Now: o.Now},
		Src: health.Sources{
			Portal: s.checkPortal, Cache: s.cacheHealth, Outbox: func() health.OutboxHealth {
				n, _ := s.Cache.OutboxDepth()
				return health.OutboxHealth{Depth: n}
			},
			Printer: s.printerHealth, Scanner: s.scannerHealth, Speaker: s.speakerHealth,
		},
	}
	return s, nil
}

// watchCacheCheck waits for the cache's deferred check. A cache that fails
// it stays in use (its pages were walked before the kiosk started, so
// nothing read from it can crash the kiosk) until the restart it asks for,
// when Open moves it aside, keeps its undelivered ratings and a full sync
// refills the catalogue.
func (s *Services) watchCacheCheck() {
	<-s.Cache.Checked()
	err := s.Cache.CheckErr()
	if err == nil {
		return
	}
	restart := false
	var rerr error
	if s.opts.RequestRestart != nil {
		restart, rerr = s.opts.RequestRestart()
	}
	switch {
	case rerr != nil:
		s.Log.Error("the cache failed its consistency check; it is replaced at the next start, but no restart could be asked for", "err", err, "restart_err", rerr)
	case restart:
		s.Log.Error("the cache failed its consistency check; the kiosk restarts when nobody is using it and replaces it", "err", err)
	default:
		s.Log.Error("the cache failed its consistency check; it is replaced at the next start", "err", err)
	}
}

func (s *Services) setPrinterState(st printer.Status) {
	s.mu.Lock()
	s.printerState = st
	s.mu.Unlock()
	s.Metrics.SetPaper(paperState(st))
}

func (s *Services) openPrinter() error {
	p, err := receipt.LoadProfile(s.Cfg.Printer.Profile)
	if err != nil {
		return err
	}
	s.Profile = p
	if s.Cfg.Printer.Port == "virtual" {
		dir := s.Cfg.Kiosk.ReceiptDir
		if dir == "" {
			dir = filepath.Join(filepath.Dir(s.Cfg.Cache.Path), "receipts")
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("creating the receipt folder: %w", err)
		}
		s.ReceiptDir, _ = filepath.Abs(dir)
		vp := printer.NewVirtual(s.ReceiptDir, p.WidthDots)
		// Ages are measured against the files' own times, so the printer
		// keeps the wall clock rather than the kiosk's injected one.
		vp.Keep, vp.MaxAge = s.Cfg.Kiosk.ReceiptKeep, s.Cfg.Kiosk.ReceiptMaxAge.Duration
		s.printer = vp
		s.setPrinterState(printer.Status{Online: true, Paper: printer.PaperOK, Port: "virtual"})
		return nil
	}
	if s.Cfg.Printer.Port == "" && s.Cfg.Printer.USB == "" {
		s.printer = nil
		return nil
	}
	sp, err := printer.Open(printer.Config{
		Port: s.Cfg.Printer.Port, USB: s.Cfg.Printer.USB, Baud: s.Cfg.Printer.Baud,
		StatusSupported: p.Status == "dle-eot", OnChange: s.setPrinterState, Logger: s.Log,
	})
	if err != nil {
		return err
	}
	s.printer = sp
	s.closers = append(s.closers, func() { sp.Close() })
	return nil
}

func (s *Services) openScanner() {
	port := s.Cfg.Scanner.Port
	if port == "keyboard" {
		// A keyboard wedge has no link to watch: report it connected, as the
		// health report does, so KioskScannerDisconnected stays quiet.
		s.Metrics.SetScanner(true)
	}
	if port == "" && s.Cfg.Scanner.USB == "" || port == "keyboard" {
		return
	}
	sc, err := scanner.Open(scanner.OpenSerial(port, s.Cfg.Scanner.USB, s.Cfg.Scanner.Baud), scanner.Options{
		Suffix: s.Cfg.Scanner.Suffix, Logger: s.Log,
		OnState: func(up bool, err error) {
			s.mu.Lock()
			s.scannerUp = up
			s.mu.Unlock()
			s.Metrics.SetScanner(up)
		},
	})
	if err != nil {
		s.Log.Warn("scanner not started", "err", err)
		return
	}
	s.scanner = sc
	s.Scans = sc.Scans()
	s.closers = append(s.closers, func() { sc.Close() })
}

// Run starts the background loops and status endpoints; it returns at once.
func (s *Services) Run(ctx context.Context) {
	go s.Syncer.Loop(ctx)
	go s.Deliver.Loop(ctx)
	go s.Monitor.Loop(ctx, 30*time.Second)
	go s.heartbeatLoop(ctx)
	h := health.Handler(s.Monitor, nil)
	if !s.opts.NoStatusSocket {
		if l, err := health.ListenUnix(health.SocketPath(s.Cfg.Cache.Path)); err != nil {
			s.Log.Warn("status socket not available", "err", err)
		} else {
			go health.Serve(ctx, l, h, s.Log)
		}
	}
	if addr := s.Cfg.Metrics.Listen; addr != "" {
		if l, err := net.Listen("tcp", addr); err != nil {
			s.Log.Warn("metrics endpoint not available", "addr", addr, "err", err)
		} else {
			go health.Serve(ctx, l, health.TCPHandler(s.Monitor, s.Metrics.Handler(), l), s.Log)
			s.Log.Info("metrics served", "addr", l.Addr().String(), "status_too", health.ListenerIsLoopback(l))
		}
	}
}

// Close stops everything Build started.
func (s *Services) Close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.closers = nil
}

func (s *Services) heartbeatLoop(ctx context.Context) {
	every := s.Cfg.Sync.HeartbeatInterval.Duration
	if every <= 0 {
		every = 5 * time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.enqueueHeartbeat()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Services) enqueueHeartbeat() {
	r := s.Monitor.Report()
	hb := portal.Heartbeat{
		KioskID: s.Cfg.Kiosk.ID, Version: s.opts.Version, SentAt: s.now().UTC(), CacheAgeSeconds: r.Cache.AgeSeconds,
		OutboxDepth: r.Outbox.Depth, Devices: map[string]string{"printer": r.Printer.State, "scanner": r.Scanner.State},
	}
	if err := ksync.EnqueueHeartbeat(s.Cache, hb); err != nil {
		s.Log.Warn("heartbeat not queued", "err", err)
		return
	}
	s.Deliver.Notify()
}

func (s *Services) checkPortal(ctx context.Context) health.PortalHealth {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ph := health.PortalHealth{BaseURL: config.RedactURL(s.PortalURL), Dialect: s.Cfg.Portal.Dialect, CheckedAt: s.now()}
	lat, err := s.Portal.Health(ctx)
	ph.LatencyMS = lat.Milliseconds()
	ph.Reachable = err == nil
	if err != nil {
		ph.LastError = err.Error()
		ph.CertTimeError = portal.IsCertTimeError(err)
		ph.ServerError = errors.Is(err, portal.ErrServer)
	}
	ph.ServerDate, ph.DateSeenAt = s.Portal.ServerDate()
	ph.Suspect = s.Syncer.Status().Suspect
	s.portalUp.Store(ph.Reachable)
	s.portalSeen.Store(true)
	s.Metrics.SetPortalUp(ph.Reachable)
	return ph
}

// cacheHealth counts the cache's entries. Counting walks every page of the
// file, so the result is kept for a minute and the pages are released after
// — but only while the sync state is the one it was counted at: the first
// sync (or any page a sync commits, a sweep, a reset) shows in the next
// report, not a minute later.
func (s *Services) cacheHealth() health.CacheHealth {
	st, stErr := s.Cache.SyncState()
	s.mu.Lock()
	if !s.cacheHealthAt.IsZero() && s.now().Sub(s.cacheHealthAt) < time.Minute && stErr == nil && sameSyncState(st, s.cacheHealthOf) {
		ch := s.cacheHealthVal
		s.mu.Unlock()
		ch.LastSync, ch.LastSyncError = st.LastSuccess, st.LastError
		return ch
	}
	s.mu.Unlock()
	// The state is read before counting: a page committed in between
	// leaves an older state next to newer counts, so the next report counts
	// again rather than keeping stale numbers.
	ch := s.countCache()
	_ = s.Cache.ReleaseMemory()
	s.mu.Lock()
	s.cacheHealthVal, s.cacheHealthAt, s.cacheHealthOf = ch, s.now(), st
	s.mu.Unlock()
	return ch
}

// sameSyncState reports whether nothing was synced between a and b: the
// counts taken at a still hold at b. Times are compared with Equal, since
// they come back from JSON with fresh locations.
func sameSyncState(a, b catalog.SyncState) bool {
	return a.Cursor.Equal(b.Cursor) && a.LastSuccess.Equal(b.LastSuccess) && a.InProgressSince.Equal(b.InProgressSince) &&
		a.PageToken == b.PageToken && a.PagesDone == b.PagesDone && a.ItemsDone == b.ItemsDone &&
		a.Generation == b.Generation && a.SweepGeneration == b.SweepGeneration &&
		a.NeedsFull == b.NeedsFull && a.LastError == b.LastError
}

func (s *Services) countCache() health.CacheHealth {
	st, err := s.Cache.Stats()
	ch := health.CacheHealth{Path: s.Cfg.Cache.Path, Recovered: s.Cache.Recovered()}
	if err != nil {
		ch.LastSyncError = err.Error()
		return ch
	}
	ch.Procedures, ch.Agencies, ch.Fields = st.Procedures, st.Agencies, st.Fields
	ch.SizeBytes, ch.LastSync, ch.LastSyncError = st.SizeBytes, st.LastSync, st.LastError
	return ch
}

func (s *Services) cacheAgeSeconds() float64 {
	st, err := s.Cache.SyncState()
	if err != nil || st.LastSuccess.IsZero() {
		return -1
	}
	return s.now().Sub(st.LastSuccess).Seconds()
}

func (s *Services) outboxDepth() float64 {
	n, _ := s.Cache.OutboxDepth()
	return float64(n)
}

func (s *Services) printerHealth() health.DeviceHealth {
	if s.printer == nil {
		return health.DeviceHealth{State: "none"}
	}
	s.mu.Lock()
	st := s.printerState
	s.mu.Unlock()
	return health.DeviceHealth{Port: st.Port, Online: st.Online, State: paperState(st), LastError: st.LastError}
}

func (s *Services) scannerHealth() health.DeviceHealth {
	port := s.Cfg.Scanner.Port
	switch {
	case port == "keyboard":
		return health.DeviceHealth{Port: "keyboard", Online: true, State: "keyboard"}
	case s.scanner == nil:
		return health.DeviceHealth{Port: port, State: "none"}
	}
	s.mu.Lock()
	up := s.scannerUp
	s.mu.Unlock()
	st := "disconnected"
	if up {
		st = "connected"
	}
	return health.DeviceHealth{Port: port, Online: up, State: st}
}

func paperState(st printer.Status) string {
	if !st.Online {
		return "offline"
	}
	switch st.Paper {
	case printer.PaperOK, printer.PaperLow, printer.PaperOut:
		return st.Paper
	}
	return "unknown"
}

// errKind names an error for metrics labels.
func errKind(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, portal.ErrNotFound):
		return "not_found"
	case errors.Is(err, portal.ErrWrongSecret):
		return "wrong_secret"
	case errors.Is(err, portal.ErrOffline), errors.Is(err, context.DeadlineExceeded):
		return "offline"
	case errors.Is(err, printer.ErrPaperOut):
		return "paper_out"
	case errors.Is(err, printer.ErrOffline):
		return "printer_offline"
	}
	return "error"
}
