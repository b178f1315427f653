package kiosk

import (
	"context"
	"sync"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/printer"
)

// fakePortal answers lookups and tickets from fields; block makes a call
// wait until its context ends (a portal that does not answer).
type fakePortal struct {
	mu       sync.Mutex
	dossier  portal.Dossier
	ready    []portal.ReadyDossier
	ticket   portal.Ticket
	err      error
	block    bool
	calls    int
	requests []portal.TicketRequest
	deadline bool // the last call's context had a deadline
}

func (f *fakePortal) wait(ctx context.Context) error {
	f.mu.Lock()
	f.calls++
	_, f.deadline = ctx.Deadline()
	block, err := f.block, f.err
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		return ctx.Err()
	}
	return err
}

func (f *fakePortal) Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error) {
	if err := f.wait(ctx); err != nil {
		return portal.Dossier{}, err
	}
	d := f.dossier
	d.Code = code
	return d, nil
}

func (f *fakePortal) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.ready, nil
}

func (f *fakePortal) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.mu.Unlock()
	if err := f.wait(ctx); err != nil {
		return portal.Ticket{}, err
	}
	return f.ticket, nil
}

// testClock is a clock tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fakeDevice is a printer that keeps the jobs it is sent.
type fakeDevice struct {
	jobs   [][]byte
	err    error
	status printer.Status
}

func (d *fakeDevice) Print(ctx context.Context, job []byte) error {
	d.jobs = append(d.jobs, job)
	return d.err
}

func (d *fakeDevice) Status(ctx context.Context) (printer.Status, error) { return d.status, nil }
