package kiosk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"kiosk/internal/metrics"
	"kiosk/internal/portal"
)

// dossierPortal is what Lookups needs of the portal.
type dossierPortal interface {
	Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error)
	ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error)
}

// ratePermitter is the portal's answer to "may the citizen who gives this
// dossier number and ID number rate it" (portal.Client.MayRate).
type ratePermitter interface {
	MayRate(ctx context.Context, dossierCode, idNumber string) (bool, error)
}

// Lookups answers a citizen's questions about dossiers — one dossier's
// status, the list of results ready to collect — within the lookup timeout,
// and remembers each successful answer's public summary so that the kiosk
// can show the last known status while the portal is down. It is the one
// owner of recent lookups: each lookup is stored once, here.
type Lookups struct {
	portal  dossierPortal
	timeout time.Duration // 0: only the caller's context bounds a lookup
	metrics *metrics.Metrics
	recent  *recentLookups
	// wipeLegacy drops the lookups that older versions kept in the cache
	// file (nil: nothing to wipe).
	wipeLegacy func() error
}

func newLookups(p dossierPortal, timeout, ttl time.Duration, now func() time.Time, m *metrics.Metrics, wipeLegacy func() error) *Lookups {
	return &Lookups{portal: p, timeout: timeout, metrics: m, recent: newRecentLookups(ttl, now), wipeLegacy: wipeLegacy}
}

func (l *Lookups) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if l.timeout > 0 {
		return context.WithTimeout(ctx, l.timeout)
	}
	return ctx, func() {}
}

// Dossier looks a dossier up on the portal. A portal that does not answer
// within the lookup timeout is offline (portal.ErrOffline); a successful
// answer is remembered, masked, for RecentLookup.
//
// A lookup by ID number also asks the portal whether this citizen may rate
// the dossier, now, while the ID number is in hand (OpenCPS's kiosk asks
// /votings/checkpermission with the dossier number and ID number before a
// guest's vote): the ID number is forgotten when the lookup returns, and
// only the answer stays with the dossier (Dossier.RatingRefused), gone with
// the screen's state at the idle reset. No answer (offline, an error)
// refuses nothing: the rating is anonymous and the outbox keeps it.
func (l *Lookups) Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error) {
	ctx, cancel := l.bound(ctx)
	defer cancel()
	d, err := l.portal.Dossier(ctx, code, q)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("looking up the dossier took too long: %w", portal.ErrOffline)
	}
	l.metrics.Lookup("dossier", errKind(err))
	if err != nil {
		return d, err
	}
	if rp, ok := l.portal.(ratePermitter); ok && q.IDNumber != "" {
		may, err := rp.MayRate(ctx, code, q.IDNumber)
		l.metrics.Lookup("rate_permission", errKind(err))
		d.RatingRefused = err == nil && !may
	}
	l.recent.put(d)
	return d, nil
}

// ReadyDossiers is the public list of dossiers with results ready.
func (l *Lookups) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	ctx, cancel := l.bound(ctx)
	defer cancel()
	list, err := l.portal.ReadyDossiers(ctx, agency, q)
	l.metrics.Lookup("ready", errKind(err))
	return list, err
}

// RecentLookup is the last known status of a code, if looked up less than
// maxAge ago (0: the configured recent_lookup_ttl).
func (l *Lookups) RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	return l.recent.get(code, maxAge)
}

// ForgetLookups drops every remembered lookup (idle reset, staff reset). It
// also wipes lookups an older version kept in the cache file.
func (l *Lookups) ForgetLookups() error {
	l.recent.forget()
	if l.wipeLegacy != nil {
		return l.wipeLegacy()
	}
	return nil
}

// recentLookups remembers, in memory only, the public summary of dossiers
// looked up recently. It is deliberately not in the cache file: bbolt never
// overwrites freed pages, so anything written there would outlive the idle
// reset on disk. A restart forgets everything too.
type recentLookups struct {
	mu      sync.Mutex
	entries map[string]lookupEntry
	ttl     time.Duration
	now     func() time.Time
}

type lookupEntry struct {
	d  portal.Dossier
	at time.Time
}

// newRecentLookups keeps lookups for ttl. A ttl of 0 ("0s" in the config,
// which documents it as "keeps none") keeps nothing at all; the config's
// default is 15 minutes.
func newRecentLookups(ttl time.Duration, now func() time.Time) *recentLookups {
	if now == nil {
		now = time.Now
	}
	// A ttl of 0 ("0s" in the config) keeps no recent lookups at all.
	return &recentLookups{entries: map[string]lookupEntry{}, ttl: max(ttl, 0), now: now}
}

// put keeps the public part of d: status, dates, step, place, masked name.
func (r *recentLookups) put(d portal.Dossier) {
	if r.ttl == 0 {
		return // recent_lookup_ttl = "0s": nothing is remembered
	}
	d.Applicant = portal.MaskName(d.Applicant)
	d.ApplicantID, d.Steps, d.Note, d.Fee, d.Detailed = "", nil, "", 0, false
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for code, e := range r.entries {
		if now.Sub(e.at) > r.ttl {
			delete(r.entries, code)
		}
	}
	r.entries[lookupKey(d.Code)] = lookupEntry{d: d, at: now}
}

// get returns the summary of code if it was stored less than maxAge ago (and
// within the configured TTL).
func (r *recentLookups) get(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	if maxAge <= 0 || maxAge > r.ttl {
		maxAge = r.ttl
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.entries[lookupKey(code)]
	if !ok || r.now().Sub(e.at) > maxAge {
		return portal.Dossier{}, time.Time{}, false
	}
	return e.d, e.at, true
}

func (r *recentLookups) forget() {
	r.mu.Lock()
	r.entries = map[string]lookupEntry{}
	r.mu.Unlock()
}

func lookupKey(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
