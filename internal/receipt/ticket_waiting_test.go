package receipt

import (
	"strings"
	"testing"
)

// A portal that gives no queue length (OpenCPS) must not have the ticket say
// "0 people ahead of you".
func TestATicketWithoutAQueueLengthPrintsNone(t *testing.T) {
	for _, tc := range []struct {
		name    string
		unknown bool
		want    bool
	}{{"a known count is printed", false, true}, {"an unknown count is left out", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			tk := sampleTicket()
			tk.WaitingUnknown = tc.unknown
			got := false
			for _, b := range QueueTicket(tk, sampleSite("vi")).Blocks {
				got = got || strings.Contains(b.Text, "Số người chờ trước bạn")
			}
			if got != tc.want {
				t.Errorf("the ticket prints the people ahead: %v, want %v", got, tc.want)
			}
		})
	}
}
