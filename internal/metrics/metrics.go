// Package metrics owns the kiosk's Prometheus metrics: what citizens did
// (lookups, prints, most-opened procedures, as anonymous counts), how the
// devices and the portal behave, and how fresh the data is. Everything is
// registered on the kiosk's own registry so tests can gather it.
package metrics

import (
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds every collector. The zero value is not usable; use New.
// All methods are safe on a nil *Metrics, so code paths without metrics (tests,
// kioskctl) need no checks.
type Metrics struct {
	Registry *prometheus.Registry

	lookups        *prometheus.CounterVec
	prints         *prometheus.CounterVec
	paper          *prometheus.GaugeVec
	scanner        prometheus.Gauge
	portalLatency  *prometheus.HistogramVec
	portalErrors   *prometheus.CounterVec
	portalUp       prometheus.Gauge
	idleResets     prometheus.Counter
	startup        prometheus.Gauge
	procedureViews prometheus.Counter
	scans          *prometheus.CounterVec
	ratings        *prometheus.CounterVec
	tickets        *prometheus.CounterVec
}

// PaperStates are the values of the kiosk_printer_paper_state label.
var PaperStates = []string{"ok", "low", "out", "offline", "unknown"}

// New creates and registers the collectors. cacheAge and outboxDepth are read
// at scrape time.
func New(version, kioskID string, cacheAge func() float64, outboxDepth func() float64) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		lookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_lookups_total", Help: "Citizen lookups by kind (dossier, ready, procedure, search) and result.",
		}, []string{"kind", "result"}),
		prints: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_prints_total", Help: "Receipts printed by kind (procedure, dossier, ticket, test) and result.",
		}, []string{"kind", "result"}),
		paper: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "kiosk_printer_paper_state", Help: "1 for the printer's current paper state (ok, low, out, offline, unknown), 0 for the others.",
		}, []string{"state"}),
		scanner: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kiosk_scanner_connected", Help: "1 when the barcode scanner is connected.",
		}),
		portalLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kiosk_portal_request_duration_seconds", Help: "Portal HTTP request latency by method and status code.",
			Buckets: []float64{.025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "code"}),
		portalErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_portal_errors_total", Help: "Portal requests that failed, by kind (network, http_5xx, http_4xx, rate_limited).",
		}, []string{"kind"}),
		portalUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kiosk_portal_up", Help: "1 when the last portal health check succeeded.",
		}),
		idleResets: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kiosk_idle_resets_total", Help: "Times the idle timer returned the kiosk to the start screen.",
		}),
		startup: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kiosk_startup_seconds", Help: "Time from process start to the start screen being shown.",
		}),
		// One series in all, not one per procedure code: 2,000 codes (or
		// whatever a portal invents) would be 2,000 series per kiosk.
		procedureViews: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kiosk_procedure_views_total", Help: "Procedure detail pages opened.",
		}),
		scans: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_scans_total", Help: "Scanner reads by result (ok, rejected).",
		}, []string{"result"}),
		ratings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_ratings_total", Help: "Satisfaction ratings saved, by overall level 1..5.",
		}, []string{"level"}),
		tickets: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kiosk_queue_tickets_total", Help: "Queue tickets taken, by service code and result.",
		}, []string{"service", "result"}),
	}
	info := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "kiosk_build_info", Help: "Kiosk version and id.", ConstLabels: prometheus.Labels{"version": version, "kiosk_id": kioskID},
	})
	info.Set(1)
	reg.MustRegister(m.lookups, m.prints, m.paper, m.scanner, m.portalLatency, m.portalErrors, m.portalUp,
		m.idleResets, m.startup, m.procedureViews, m.scans, m.ratings, m.tickets, info,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if cacheAge != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kiosk_cache_age_seconds", Help: "Seconds since the last successful catalogue sync (-1 if never).",
		}, cacheAge))
	}
	if outboxDepth != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kiosk_outbox_depth", Help: "Ratings and heartbeats waiting to be delivered to the portal.",
		}, outboxDepth))
	}
	m.SetPaper("unknown")
	return m
}

// Lookup counts a citizen lookup.
func (m *Metrics) Lookup(kind, result string) {
	if m != nil {
		m.lookups.WithLabelValues(LabelValue(kind), LabelValue(result)).Inc()
	}
}

// Print counts a receipt.
func (m *Metrics) Print(kind, result string) {
	if m != nil {
		m.prints.WithLabelValues(LabelValue(kind), LabelValue(result)).Inc()
	}
}

// SetPaper records the printer's paper state.
func (m *Metrics) SetPaper(state string) {
	if m == nil {
		return
	}
	for _, s := range PaperStates {
		v := 0.0
		if s == state {
			v = 1
		}
		m.paper.WithLabelValues(s).Set(v)
	}
}

// SetScanner records whether the scanner is connected.
func (m *Metrics) SetScanner(connected bool) {
	if m != nil {
		m.scanner.Set(b2f(connected))
	}
}

// SetPortalUp records the last portal health check.
func (m *Metrics) SetPortalUp(up bool) {
	if m != nil {
		m.portalUp.Set(b2f(up))
	}
}

// IdleReset counts an idle reset.
func (m *Metrics) IdleReset() {
	if m != nil {
		m.idleResets.Inc()
	}
}

// Startup records the start-up time.
func (m *Metrics) Startup(d time.Duration) {
	if m != nil {
		m.startup.Set(d.Seconds())
	}
}

// ProcedureView counts an opened procedure. The code is not a label (see
// New); it is taken so callers keep one call per view.
func (m *Metrics) ProcedureView(code string) {
	if m != nil {
		m.procedureViews.Inc()
	}
}

// Scan counts a scanner read.
func (m *Metrics) Scan(ok bool) {
	if m != nil {
		r := "rejected"
		if ok {
			r = "ok"
		}
		m.scans.WithLabelValues(r).Inc()
	}
}

// Rating counts a saved rating.
func (m *Metrics) Rating(level int) {
	if m != nil && level >= 1 && level <= 5 {
		m.ratings.WithLabelValues(string(rune('0' + level))).Inc()
	}
}

// Ticket counts a queue ticket.
func (m *Metrics) Ticket(service, result string) {
	if m != nil {
		m.tickets.WithLabelValues(LabelValue(service), LabelValue(result)).Inc()
	}
}

// InstrumentTransport wraps an HTTP transport so every portal request is
// timed and every failure counted.
func (m *Metrics) InstrumentTransport(next http.RoundTripper) http.RoundTripper {
	if m == nil {
		return next
	}
	if next == nil {
		next = http.DefaultTransport
	}
	timed := promhttp.InstrumentRoundTripperDuration(m.portalLatency, next)
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := timed.RoundTrip(r)
		switch {
		case err != nil:
			m.portalErrors.WithLabelValues("network").Inc()
		case resp.StatusCode == http.StatusTooManyRequests:
			m.portalErrors.WithLabelValues("rate_limited").Inc()
		case resp.StatusCode >= 500:
			m.portalErrors.WithLabelValues("http_5xx").Inc()
		case resp.StatusCode >= 400:
			m.portalErrors.WithLabelValues("http_4xx").Inc()
		}
		return resp, err
	})
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// maxLabelRunes caps a label value; values come from the config (queue
// service codes) or from code, never from citizens or the portal.
const maxLabelRunes = 64

// LabelValue makes s safe as a label value: control characters (NUL, ESC,
// newlines, bidi overrides) become "_", invalid UTF-8 is dropped and the
// length is capped, so a scrape never carries bytes that rewrite a terminal
// or break a text exposition parser.
func LabelValue(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "") {
		if n == maxLabelRunes {
			break
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			r = '_'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
