package metrics

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestMetricsAreExposedWithTheDocumentedNames(t *testing.T) {
	m := New("1.2.3", "demo-01", func() float64 { return 42 }, func() float64 { return 3 })
	m.Lookup("dossier", "ok")
	m.Print("ticket", "paper_out")
	m.SetPaper("out")
	m.SetScanner(true)
	m.SetPortalUp(false)
	m.IdleReset()
	m.ProcedureView("1.001193.000.00.00.H29")
	m.Rating(5)
	m.Ticket("HT", "ok")
	m.Scan(false)

	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer portal.Close()
	c := &http.Client{Transport: m.InstrumentTransport(nil)}
	resp, err := c.Get(portal.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`kiosk_lookups_total{kind="dossier",result="ok"} 1`,
		`kiosk_prints_total{kind="ticket",result="paper_out"} 1`,
		`kiosk_printer_paper_state{state="out"} 1`,
		`kiosk_printer_paper_state{state="ok"} 0`,
		`kiosk_scanner_connected 1`,
		`kiosk_portal_up 0`,
		`kiosk_idle_resets_total 1`,
		`kiosk_procedure_views_total 1`,
		`kiosk_cache_age_seconds 42`,
		`kiosk_outbox_depth 3`,
		`kiosk_portal_errors_total{kind="http_5xx"} 1`,
		`kiosk_portal_request_duration_seconds_count{code="503",method="get"} 1`,
		`kiosk_build_info{kiosk_id="demo-01",version="1.2.3"} 1`,
		`kiosk_startup_seconds`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics output lacks %q", want)
		}
	}
}

func TestNilMetricsAreSafe(t *testing.T) {
	var m *Metrics
	m.Lookup("dossier", "ok")
	m.SetPaper("out")
	if got := testutil.CollectAndCount(New("v", "k", nil, nil).Registry, "kiosk_outbox_depth"); got != 0 {
		t.Errorf("outbox gauge registered without a source: %d", got)
	}
}

func TestLabelsAreBoundedAndCarryNoControlCharacters(t *testing.T) {
	m := New("v", "k", nil, nil)
	for i := 0; i < 500; i++ {
		m.ProcedureView(strings.Repeat("9", i%50) + ".H48")
	}
	m.Ticket("HT\x00\x1b[2J\u202e", "ok")
	m.Ticket(strings.Repeat("x", 500), "ok")
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	if n := testutil.CollectAndCount(m.Registry, "kiosk_procedure_views_total"); n != 1 {
		t.Errorf("%d procedure view series, want 1 whatever the codes", n)
	}
	if !strings.Contains(body, "kiosk_procedure_views_total 500") {
		t.Errorf("views not all counted")
	}
	if strings.ContainsAny(body, "\x00\x1b\u202e") || strings.Contains(body, `\x00`) {
		t.Errorf("a label value carries control characters")
	}
	if !strings.Contains(body, `service="HT__[2J_"`) {
		t.Errorf("sanitised service label missing from %s", body)
	}
	if strings.Contains(body, strings.Repeat("x", 65)) {
		t.Errorf("a label value longer than %d runes", maxLabelRunes)
	}
}
