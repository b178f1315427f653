package sync

import (
	"context"
	"fmt"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"kiosk/internal/portal"
)

// fakePortal is an in-memory portal listing with the kiosk/v1 paging rules:
// items ordered by (updated_at, code), tombstones only in incremental
// listings, server_time fixed when a listing starts.
type fakePortal struct {
	mu    gosync.Mutex
	now   time.Time
	procs map[string]portal.Procedure // includes tombstones (Deleted)

	calls      []string // "since|token" of each Procedures call
	failAfter  int      // fail Procedures calls after this many succeeded (0 = never)
	failErr    error
	served     int
	offline    bool
	badTokens  bool // refuse any non-empty token with ErrBadRequest
	listingsAt map[string]time.Time
}

func newFakePortal(n int, now time.Time) *fakePortal {
	f := &fakePortal{now: now, procs: map[string]portal.Procedure{}, listingsAt: map[string]time.Time{}}
	for i := 0; i < n; i++ {
		code := fmt.Sprintf("1.%06d.000.00.00.H48", i)
		f.procs[code] = portal.Procedure{Code: code, Name: fmt.Sprintf("Thủ tục số %d", i), UpdatedAt: now.Add(-time.Hour)}
	}
	return f
}

func (f *fakePortal) Agencies(ctx context.Context) ([]portal.Agency, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.offline {
		return nil, fmt.Errorf("GET /agencies: %w", portal.ErrOffline)
	}
	return []portal.Agency{{Code: "STP", Name: "Sở Tư pháp"}}, nil
}

func (f *fakePortal) Fields(ctx context.Context) ([]portal.Field, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.offline {
		return nil, fmt.Errorf("GET /fields: %w", portal.ErrOffline)
	}
	return []portal.Field{{Code: "HT", Name: "Hộ tịch"}}, nil
}

func (f *fakePortal) Procedures(ctx context.Context, since time.Time, token string, size int) (portal.ProcedurePage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, since.Format(time.RFC3339)+"|"+token)
	if f.offline {
		return portal.ProcedurePage{}, fmt.Errorf("GET /procedures: %w", portal.ErrOffline)
	}
	if f.failAfter > 0 && f.served >= f.failAfter {
		return portal.ProcedurePage{}, f.failErr
	}
	if token != "" && f.badTokens {
		return portal.ProcedurePage{}, fmt.Errorf("GET /procedures: %w", portal.ErrBadRequest)
	}
	f.served++
	var list []portal.Procedure
	for _, p := range f.procs {
		if since.IsZero() {
			if !p.Deleted {
				list = append(list, p)
			}
		} else if !p.UpdatedAt.Before(since) {
			list = append(list, p)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].UpdatedAt.Equal(list[j].UpdatedAt) {
			return list[i].UpdatedAt.Before(list[j].UpdatedAt)
		}
		return list[i].Code < list[j].Code
	})
	// Keyset paging: the token is the (updated_at, code) of the last item
	// served, so deletions and updates during a listing shift nothing.
	off := 0
	listingKey := since.String()
	started := f.now
	if token != "" {
		at, code, _ := strings.Cut(token, "|")
		ts, _ := time.Parse(time.RFC3339Nano, at)
		for off < len(list) && (list[off].UpdatedAt.Before(ts) || (list[off].UpdatedAt.Equal(ts) && list[off].Code <= code)) {
			off++
		}
		started = f.listingsAt[listingKey]
	} else {
		f.listingsAt[listingKey] = f.now
	}
	end := min(off+size, len(list))
	page := portal.ProcedurePage{Items: append([]portal.Procedure(nil), list[off:end]...), ServerTime: started, Total: len(list)}
	if end < len(list) {
		lastItem := list[end-1]
		page.NextPageToken = lastItem.UpdatedAt.Format(time.RFC3339Nano) + "|" + lastItem.Code
	}
	return page, nil
}

// change updates n procedures and tombstones the given codes at f.now.
func (f *fakePortal) change(update []string, del []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range update {
		p := f.procs[c]
		p.Code = c
		p.Name += " (sửa đổi)"
		p.UpdatedAt = f.now
		f.procs[c] = p
	}
	for _, c := range del {
		f.procs[c] = portal.Procedure{Code: c, UpdatedAt: f.now, Deleted: true}
	}
}

// live is the set of codes the portal currently publishes, with names.
func (f *fakePortal) live() map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]string{}
	for c, p := range f.procs {
		if !p.Deleted {
			out[c] = p.Name
		}
	}
	return out
}
