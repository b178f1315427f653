package kiosk

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// permittingPortal answers /votings/checkpermission as told and records
// what it was asked.
type permittingPortal struct {
	fakePortal
	may    bool
	mayErr error
	asked  []string // "code|id"
}

func (p *permittingPortal) MayRate(ctx context.Context, code, id string) (bool, error) {
	p.asked = append(p.asked, code+"|"+id)
	return p.may, p.mayErr
}

func TestALookupByIDNumberKeepsOnlyThePortalsAnswerOnRating(t *testing.T) {
	for _, tc := range []struct {
		name        string
		may         bool
		err         error
		wantRefused bool
	}{
		{"permitted", true, nil, false},
		{"refused", false, nil, true},
		{"no answer refuses nothing", false, fmt.Errorf("checkpermission: %w", portal.ErrOffline), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &permittingPortal{fakePortal: fakePortal{dossier: detailedDossier()}, may: tc.may, mayErr: tc.err}
			l := newLookups(p, 0, 15*time.Minute, nil, nil, nil)
			d, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{IDNumber: "048090012345"})
			if err != nil {
				t.Fatal(err)
			}
			if d.RatingRefused != tc.wantRefused {
				t.Errorf("RatingRefused = %v, want %v", d.RatingRefused, tc.wantRefused)
			}
			if len(p.asked) != 1 || p.asked[0] != lookupCode+"|048090012345" {
				t.Errorf("asked %q, want the code and ID number once", p.asked)
			}
			if r, _, ok := l.RecentLookup(lookupCode, 0); !ok || r.RatingRefused != tc.wantRefused {
				t.Errorf("the remembered lookup lost the answer: %+v", r)
			}
			if err := l.ForgetLookups(); err != nil {
				t.Fatal(err)
			}
			if _, _, ok := l.RecentLookup(lookupCode, 0); ok {
				t.Error("the idle reset kept the lookup and its answer")
			}
		})
	}
	t.Run("a lookup by secret asks nothing", func(t *testing.T) {
		p := &permittingPortal{fakePortal: fakePortal{dossier: detailedDossier()}}
		l := newLookups(p, 0, 15*time.Minute, nil, nil, nil)
		d, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{Secret: "ABCD1234"})
		if err != nil || d.RatingRefused || len(p.asked) != 0 {
			t.Errorf("got %v, refused %v, asked %q", err, d.RatingRefused, p.asked)
		}
	})
}

// Against the simulator in OpenCPS shapes: the lookup by ID number asks
// /votings/checkpermission with the number and ID number, as OpenCPS's kiosk
// does before a guest's vote, and a lookup by secret does not.
func TestAnOpenCPSLookupByIDNumberAsksCheckpermission(t *testing.T) {
	ds := testDataset()
	sim := portalsim.New(ds, portalsim.Options{Dialect: portalsim.DialectOpenCPS})
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/votings/checkpermission") {
			mu.Lock()
			asked = append(asked, r.URL.Query().Get("dossierNo")+"|"+r.URL.Query().Get("applicantIdNo"))
			mu.Unlock()
		}
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := portal.New(portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: srv.URL, Retries: -1, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	l := newLookups(c, 0, 15*time.Minute, nil, nil, nil)
	rec := ds.Dossiers[0]
	d, err := l.Dossier(context.Background(), rec.Code, portal.DossierQuery{IDNumber: rec.ApplicantIDNumber})
	if err != nil || d.RatingRefused {
		t.Fatalf("lookup by ID number: %v, refused %v", err, d.RatingRefused)
	}
	if _, err := l.Dossier(context.Background(), rec.Code, portal.DossierQuery{Secret: rec.Secret}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(asked) != 1 || asked[0] != rec.Code+"|"+rec.ApplicantIDNumber {
		t.Errorf("checkpermission asked %q, want once, for the ID number lookup", asked)
	}
	mu.Unlock()
	if may, err := c.MayRate(context.Background(), rec.Code, "001090099999"); err != nil || may {
		t.Errorf("another ID number: %v, %v; want refused", may, err)
	}
}
