package config_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kiosk/internal/config"
	"kiosk/internal/pin"
)

// config cannot import internal/pin, so it repeats the hash's shape; this
// test keeps the two in step.
func TestPINHashesFromPinPackageAreAccepted(t *testing.T) {
	h, err := pin.Hash("4826")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		hash string
		ok   bool
	}{
		{"a fresh hash from pin.Hash is accepted", h, true},
		{"a hash with a truncated key is refused", h[:len(h)-30], false},
		{"a hash with absurd memory is refused", strings.Replace(h, "m=65536", "m=999999", 1), false},
		{"a hash with zero passes is refused", strings.Replace(h, "t=3", "t=0", 1), false},
		{"a hash too slow per try is refused", strings.Replace(strings.Replace(h, "t=3", "t=4", 1), "m=65536", "m=131072", 1), false},
		{"a hash with more passes within the cost is accepted", strings.Replace(h, "t=3", "t=4", 1), true},
		{"a hash with a key too long is refused", h + strings.Repeat("A", 80), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if pin.Looks(tc.hash) != tc.ok {
				t.Fatalf("pin.Looks(%q) = %v, want %v", tc.hash, !tc.ok, tc.ok)
			}
			doc := fmt.Sprintf("[kiosk]\nid = \"t\"\nsite_name = \"S\"\n[portal]\nbase_url = \"http://127.0.0.1:1\"\n"+
				"[printer]\nport = \"virtual\"\n[staff]\npin_hash = %q\n", tc.hash)
			_, err := config.Parse("t.toml", []byte(doc), config.Known{})
			var ps config.Problems
			if got := !errors.As(err, &ps); got != tc.ok {
				t.Errorf("config accepted=%v, want %v (err: %v)", got, tc.ok, err)
			}
		})
	}
}
