package kiosk

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
)

const lookupCode = "000.20.31.H12-261115-0001"

func detailedDossier() portal.Dossier {
	return portal.Dossier{Status: 4, StatusLabel: "Đang xử lý", Applicant: "Phạm Minh Tuấn", ApplicantID: "074090001111",
		Note: "Bổ sung bản sao", Fee: 50000, Detailed: true, Steps: []portal.DossierStep{{Name: "Tiếp nhận", Done: true}}}
}

func TestALookupIsRememberedOnceAndOnlyItsPublicSummary(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	p := &fakePortal{dossier: detailedDossier()}
	l := newLookups(p, time.Minute, 15*time.Minute, clk.Now, nil, nil)
	d, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{Secret: "ABCD1234"})
	if err != nil || !d.Detailed {
		t.Fatalf("got %+v, %v; want the detailed answer for the screen", d, err)
	}
	if n := len(l.recent.entries); n != 1 {
		t.Fatalf("%d remembered lookups, want 1", n)
	}
	got, at, ok := l.RecentLookup(" "+strings.ToLower(lookupCode)+" ", 0)
	if !ok || !at.Equal(clk.Now()) || got.Status != 4 {
		t.Fatalf("recent lookup %+v at %v (%v), want the status as of now", got, at, ok)
	}
	if got.Applicant != "Phạm M** T" || got.ApplicantID != "" || got.Note != "" || got.Fee != 0 || got.Steps != nil || got.Detailed {
		t.Errorf("the remembered lookup keeps more than the public summary: %+v", got)
	}
}

func TestAFailedLookupLeavesTheLastKnownStatus(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	p := &fakePortal{dossier: detailedDossier()}
	l := newLookups(p, time.Minute, 15*time.Minute, clk.Now, nil, nil)
	if _, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{}); err != nil {
		t.Fatal(err)
	}
	clk.Add(5 * time.Minute)
	p.err = portal.ErrOffline
	if _, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{}); !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("err = %v, want ErrOffline", err)
	}
	if _, at, ok := l.RecentLookup(lookupCode, 0); !ok || !at.Equal(clk.Now().Add(-5*time.Minute)) {
		t.Errorf("last known status at %v (%v), want the one from five minutes ago", at, ok)
	}
	if _, _, ok := l.RecentLookup("000.20.31.H12-261115-9999", 0); ok {
		t.Error("a code never looked up has a last known status")
	}
}

func TestTheLastKnownStatusExpires(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	l := newLookups(&fakePortal{dossier: detailedDossier()}, 0, 15*time.Minute, clk.Now, nil, nil)
	if _, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{}); err != nil {
		t.Fatal(err)
	}
	clk.Add(10 * time.Minute)
	if _, _, ok := l.RecentLookup(lookupCode, 5*time.Minute); ok {
		t.Error("a status older than the screen's maxAge is shown")
	}
	if _, _, ok := l.RecentLookup(lookupCode, time.Hour); !ok {
		t.Error("a ten-minute-old status is not shown within the 15-minute TTL")
	}
	clk.Add(10 * time.Minute)
	if _, _, ok := l.RecentLookup(lookupCode, time.Hour); ok {
		t.Error("a status older than the TTL is shown, whatever maxAge asks")
	}
}

func TestAPortalThatDoesNotAnswerInTimeIsOffline(t *testing.T) {
	p := &fakePortal{block: true}
	l := newLookups(p, 20*time.Millisecond, 0, nil, nil, nil)
	_, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{})
	if !errors.Is(err, portal.ErrOffline) {
		t.Errorf("dossier: err = %v, want ErrOffline", err)
	}
	if _, err := l.ReadyDossiers(context.Background(), "", ""); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ready list: err = %v, want the lookup timeout", err)
	}
}

func TestForgettingLookupsAlsoWipesTheOldCacheCopies(t *testing.T) {
	wiped := 0
	wipeErr := error(nil)
	l := newLookups(&fakePortal{dossier: detailedDossier()}, 0, 0, nil, nil, func() error { wiped++; return wipeErr })
	if _, err := l.Dossier(context.Background(), lookupCode, portal.DossierQuery{}); err != nil {
		t.Fatal(err)
	}
	if err := l.ForgetLookups(); err != nil || wiped != 1 {
		t.Fatalf("ForgetLookups = %v, legacy wiped %d times; want nil, 1", err, wiped)
	}
	if _, _, ok := l.RecentLookup(lookupCode, 0); ok {
		t.Error("lookup still remembered after ForgetLookups")
	}
	wipeErr = errors.New("disk full")
	if err := l.ForgetLookups(); !errors.Is(err, wipeErr) {
		t.Errorf("err = %v, want the cache's error", err)
	}
}
