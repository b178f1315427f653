package kiosk

import (
	"context"
	"errors"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portal"
)

func TestATicketIsTakenAsThisKioskWithTheCentresNameForTheService(t *testing.T) {
	queue := []config.QueueService{{Code: "ho-tich", NameVI: "Hộ tịch, chứng thực", Counter: "1"}}
	tests := []struct {
		name     string
		portal   string // the service name the portal answers
		service  string
		wantName string
	}{
		{"a portal that echoes the code gets the centre's name", "ho-tich", "ho-tich", "Hộ tịch, chứng thực"},
		{"a portal that names nothing gets the centre's name", "", "ho-tich", "Hộ tịch, chứng thực"},
		{"a portal's own name is kept", "Tư pháp - Hộ tịch", "ho-tich", "Tư pháp - Hộ tịch"},
		{"a service the centre does not list keeps the code", "dat-dai", "dat-dai", "dat-dai"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &fakePortal{ticket: portal.Ticket{Number: "A-042", ServiceName: tt.portal}}
			tk := &Tickets{portal: p, kioskID: "test-01", queue: queue, timeout: time.Minute}
			got, err := tk.TakeTicket(context.Background(), portal.TicketRequest{KioskID: "someone-else", ServiceCode: tt.service, Counter: "1"})
			if err != nil {
				t.Fatal(err)
			}
			if got.ServiceName != tt.wantName {
				t.Errorf("service name %q, want %q", got.ServiceName, tt.wantName)
			}
			if r := p.requests[0]; r.KioskID != "test-01" || r.ServiceCode != tt.service || !p.deadline {
				t.Errorf("request %+v (deadline %v), want this kiosk's, bounded by the lookup timeout", r, p.deadline)
			}
		})
	}
}

func TestARefusedTicketIsAnError(t *testing.T) {
	p := &fakePortal{err: portal.ErrOffline}
	tk := &Tickets{portal: p, kioskID: "test-01"}
	if _, err := tk.TakeTicket(context.Background(), portal.TicketRequest{ServiceCode: "ho-tich"}); !errors.Is(err, portal.ErrOffline) {
		t.Errorf("err = %v, want ErrOffline", err)
	}
}
