package portal_test

import (
	"context"
	"net/http"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"kiosk/internal/portal"
)

// openAPIDoc is the part of docs/portal-api.yaml the tests look at.
type openAPIDoc struct {
	OpenAPI string                               `yaml:"openapi"`
	Paths   map[string]map[string]map[string]any `yaml:"paths"`
	Comps   struct {
		Schemas map[string]struct {
			Required   []string       `yaml:"required"`
			Properties map[string]any `yaml:"properties"`
		} `yaml:"schemas"`
	} `yaml:"components"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	b, err := os.ReadFile("../../docs/portal-api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("docs/portal-api.yaml is not valid YAML: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	return doc
}

func TestOpenAPIDocumentsEveryCallTheClientMakes(t *testing.T) {
	doc := loadOpenAPI(t)
	calls := []struct{ method, path string }{
		{"get", "/api/v1/health"},
		{"get", "/api/v1/procedures"},
		{"get", "/api/v1/procedures/{code}"},
		{"get", "/api/v1/agencies"},
		{"get", "/api/v1/fields"},
		{"get", "/api/v1/dossiers/{code}"},
		{"get", "/api/v1/dossiers"},
		{"post", "/api/v1/queue/tickets"},
		{"get", "/api/v1/queue"},
		{"post", "/api/v1/ratings"},
		{"post", "/api/v1/kiosks/{id}/heartbeat"},
		{"post", "/admin/offline"},
		{"post", "/admin/online"},
		{"post", "/admin/faults"},
		{"post", "/admin/touch"},
		{"post", "/admin/delete"},
		{"get", "/admin/stats"},
	}
	for _, c := range calls {
		t.Run(strings.ToUpper(c.method)+" "+c.path+" is documented", func(t *testing.T) {
			op, ok := doc.Paths[c.path][c.method]
			if !ok {
				t.Fatalf("missing")
			}
			if _, ok := op["responses"]; !ok {
				t.Errorf("no responses")
			}
		})
	}
	t.Run("the contract headers are documented", func(t *testing.T) {
		b, _ := os.ReadFile("../../docs/portal-api.yaml")
		for _, h := range []string{"X-Kiosk-ID", "Authorization: Bearer", "X-Dossier-Secret", "X-Applicant-Id",
			"Idempotency-Key", "Retry-After", "wrong_secret", "rate_limited", "deleted: true"} {
			if !strings.Contains(string(b), h) {
				t.Errorf("%q not mentioned", h)
			}
		}
	})
}

// TestOpenAPISchemasMatchTheDataModel keeps the document honest: every
// schema has exactly the JSON fields of its Go type, and lists as required
// the fields the Go type always sends.
func TestOpenAPISchemasMatchTheDataModel(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Procedure": portal.Procedure{}, "Channel": portal.Channel{}, "Duration": portal.Duration{},
		"Fee": portal.Fee{}, "Document": portal.Document{}, "Form": portal.Form{}, "Agency": portal.Agency{},
		"Field": portal.Field{}, "ProcedurePage": portal.ProcedurePage{}, "Dossier": portal.Dossier{},
		"DossierStep": portal.DossierStep{}, "ReadyDossier": portal.ReadyDossier{},
		"TicketRequest": portal.TicketRequest{}, "Ticket": portal.Ticket{}, "QueueLength": portal.QueueLength{}, "Rating": portal.Rating{},
		"RatingReceipt": portal.RatingReceipt{}, "Heartbeat": portal.Heartbeat{}, "Error": portal.APIError{},
	}
	for name, v := range types {
		t.Run(name+" matches its Go type", func(t *testing.T) {
			s, ok := doc.Comps.Schemas[name]
			if !ok {
				t.Fatal("schema missing")
			}
			var goFields, always []string
			rt := reflect.TypeOf(v)
			for i := range rt.NumField() {
				tag := rt.Field(i).Tag.Get("json")
				n, opts, _ := strings.Cut(tag, ",")
				if n == "" || n == "-" {
					continue
				}
				goFields = append(goFields, n)
				if !strings.Contains(opts, "omitempty") && rt.Field(i).Type.Kind() != reflect.Pointer {
					always = append(always, n)
				}
			}
			var docFields []string
			for n := range s.Properties {
				docFields = append(docFields, n)
			}
			sort.Strings(goFields)
			sort.Strings(docFields)
			if strings.Join(goFields, ",") != strings.Join(docFields, ",") {
				t.Errorf("properties %v, Go fields %v", docFields, goFields)
			}
			for _, r := range s.Required {
				if _, ok := s.Properties[r]; !ok {
					t.Errorf("required %q is not a property", r)
				}
			}
			// Tombstones carry only code and updated_at, so Procedure is exempt.
			if name == "Procedure" {
				return
			}
			req := map[string]bool{}
			for _, r := range s.Required {
				req[r] = true
			}
			for _, a := range always {
				if !req[a] {
					t.Errorf("%q is always sent but not required", a)
				}
			}
		})
	}
}

// TestOpenAPICoversWhatTheClientActuallySends drives every kiosk/v1 method
// against a recording server and checks each request it made matches a
// documented path and method.
func TestOpenAPICoversWhatTheClientActuallySends(t *testing.T) {
	doc := loadOpenAPI(t)
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) })
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL, Retries: -1})
	ctx := context.Background()
	_, _ = c.Health(ctx)
	_, _ = c.Procedures(ctx, time.Now(), "t", 10)
	_, _ = c.Procedure(ctx, "1.001612.000.00.00.H48")
	_, _ = c.Agencies(ctx)
	_, _ = c.Fields(ctx)
	_, _ = c.Dossier(ctx, "000.00.53.H48-220921-0099", portal.DossierQuery{Secret: "s"})
	_, _ = c.ReadyDossiers(ctx, "A", "0")
	_, _ = c.TakeTicket(ctx, portal.TicketRequest{ServiceCode: "HT"})
	_, _ = c.QueueLengths(ctx, []string{"HT", "DD"})
	_, _ = c.SubmitRating(ctx, portal.Rating{ID: "r", Overall: 5})
	_ = c.Heartbeat(ctx, portal.Heartbeat{})
	if got := int(f.calls.Load()); got != 11 {
		t.Fatalf("the client made %d requests, want 11", got)
	}
	matches := func(tmpl, path string) bool {
		ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
		if len(ts) != len(ps) {
			return false
		}
		for i := range ts {
			if ts[i] != ps[i] && !(strings.HasPrefix(ts[i], "{") && ps[i] != "") {
				return false
			}
		}
		return true
	}
	for i := range int(f.calls.Load()) {
		r := f.request(i)
		found := false
		for tmpl, ops := range doc.Paths {
			if _, ok := ops[strings.ToLower(r.Method)]; ok && matches(tmpl, r.URL.Path) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s is not documented in docs/portal-api.yaml", r.Method, r.URL.Path)
		}
	}
}
