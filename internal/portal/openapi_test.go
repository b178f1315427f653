package portal_test

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

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
		"TicketRequest": portal.TicketRequest{}, "Ticket": portal.Ticket{}, "Rating": portal.Rating{},
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
