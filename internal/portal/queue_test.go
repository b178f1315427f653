package portal_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"kiosk/internal/portal"
)

// Against the simulator: the counts before a ticket are the ones the ticket
// then reports as people ahead, and the next count has the new ticket in it.
func TestQueueLengthsFromTheSimulatorAgreeWithTheTickets(t *testing.T) {
	_, base := simPortal(t)
	c := simClient(t, base, "demo-key")
	ctx := context.Background()
	before, err := c.QueueLengths(ctx, []string{"ho-tich", "dat-dai"})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 2 {
		t.Fatalf("got %v, want both services", before)
	}
	tk, err := c.TakeTicket(ctx, portal.TicketRequest{ServiceCode: "ho-tich"})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Waiting != before["ho-tich"] {
		t.Errorf("the queue said %d waiting, the ticket %d ahead", before["ho-tich"], tk.Waiting)
	}
	after, err := c.QueueLengths(ctx, []string{"ho-tich", "dat-dai"})
	if err != nil {
		t.Fatal(err)
	}
	if after["ho-tich"] != before["ho-tich"]+1 || after["dat-dai"] != before["dat-dai"] {
		t.Errorf("after one ticket for ho-tich: %v, before %v", after, before)
	}
}

func TestQueueLengthsDropWhatCannotBeTrue(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/queue" || len(r.URL.Query()["service"]) != 3 {
			apiError(w, 400, "bad_request")
			return
		}
		writeJSON(w, 200, map[string]any{"items": []portal.QueueLength{
			{ServiceCode: "HT", Waiting: 4}, {ServiceCode: "DD", Waiting: -3}, {ServiceCode: " ", Waiting: 9},
		}})
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	got, err := c.QueueLengths(context.Background(), []string{"HT", "DD", "KD", " "})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["HT"] != 4 {
		t.Errorf("got %v, want only HT: 4 (a negative count and an empty code dropped, KD not answered)", got)
	}
	if _, err := c.QueueLengths(context.Background(), nil); !errors.Is(err, portal.ErrBadRequest) {
		t.Errorf("no services: got %v, want a bad request", err)
	}
}

func TestQueueLengthsRefuseAnAnswerTooLargeToBeACentre(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		items := make([]portal.QueueLength, 201)
		for i := range items {
			items[i] = portal.QueueLength{ServiceCode: "S", Waiting: i}
		}
		writeJSON(w, 200, map[string]any{"items": items})
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	if _, err := c.QueueLengths(context.Background(), []string{"S"}); !errors.Is(err, portal.ErrBadResponse) {
		t.Errorf("got %v, want a bad response", err)
	}
}

func TestOpenCPSGivesNoQueueLengths(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 500, "internal") })
	c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417"})
	if _, err := c.QueueLengths(context.Background(), []string{"HT"}); !errors.Is(err, portal.ErrUnsupported) {
		t.Errorf("got %v, want ErrUnsupported", err)
	}
	if f.calls.Load() != 0 {
		t.Errorf("the client asked the portal %d times", f.calls.Load())
	}
}
