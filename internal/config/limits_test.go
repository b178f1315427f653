package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const goodDoc = "[kiosk]\nid = \"t\"\nsite_name = \"S\"\n[portal]\nbase_url = \"http://127.0.0.1:1\"\n[printer]\nport = \"virtual\"\n"

func TestADeeplyNestedConfigIsRefusedQuickly(t *testing.T) {
	deep := goodDoc + "x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
	_, err := Parse("deep.toml", []byte(deep), Known{})
	var ps Problems
	if !errors.As(err, &ps) || !strings.Contains(ps.Error(), "nested more than") {
		t.Fatalf("got %v, want a nesting problem", err)
	}
	if ps[0].Line != 8 {
		t.Errorf("problem on line %d, want 8", ps[0].Line)
	}
	// Brackets inside strings and comments are not nesting.
	ok := goodDoc + "# " + strings.Repeat("[", 100) + "\n" + "[staff]\n" + "pin_hash = \"" + strings.Repeat("[", 50) + "\"\n"
	if _, err := Parse("ok.toml", []byte(ok), Known{}); err != nil && strings.Contains(err.Error(), "nested") {
		t.Errorf("brackets in a comment or string counted as nesting: %v", err)
	}
}

func TestAnOversizedConfigIsRefused(t *testing.T) {
	big := goodDoc + "# " + strings.Repeat("x", MaxFileBytes) + "\n"
	if _, err := Parse("big.toml", []byte(big), Known{}); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("Parse of %d bytes: %v, want a size problem", len(big), err)
	}
	path := filepath.Join(t.TempDir(), "big.toml")
	if err := os.WriteFile(path, []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, Known{}); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Errorf("Load of %d bytes: %v, want a size error", len(big), err)
	}
}

func TestAFIFOAsConfigIsRefusedWithoutBlocking(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "kiosk.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(fifo, Known{}); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("got %v, want a 'not a regular file' error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a FIFO") // the old code waits for a writer forever
	}
	if _, err := Load(t.TempDir(), Known{}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a directory: %v", err)
	}
}

func TestControlCharactersInTextAreRefused(t *testing.T) {
	for _, tt := range []struct{ name, value string }{
		{"an ESC", `Trung t\u001b[2Jâm`},
		{"a right-to-left override", "Trung t\u202eâm"},
		{"a NUL", `A\u0000B`},
	} {
		t.Run(tt.name+" in site_name is refused", func(t *testing.T) {
			doc := strings.Replace(goodDoc, `site_name = "S"`, `site_name = "`+tt.value+`"`, 1)
			_, err := Parse("t.toml", []byte(doc), Known{})
			var ps Problems
			if !errors.As(err, &ps) || !strings.Contains(ps.Error(), "kiosk.site_name: contains the control character") {
				t.Fatalf("got %v, want a control-character problem on kiosk.site_name", err)
			}
		})
	}
}

func TestArgon2ParametersThatMakeEveryTrySlowAreRefused(t *testing.T) {
	const salt, key = "MDEyMzQ1Njc4OWFiY2RlZg", "3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w"
	for _, tt := range []struct {
		params string
		ok     bool
	}{
		{"m=65536,t=3,p=1", true},
		{"m=262144,t=10,p=1", false}, // 256 MiB, 6 s per try
		{"m=131072,t=4,p=1", false},  // each bound alone, but too slow together
		{"m=131072,t=3,p=1", true},
	} {
		doc := goodDoc + "[staff]\npin_hash = \"$argon2id$v=19$" + tt.params + "$" + salt + "$" + key + "\"\n"
		_, err := Parse("t.toml", []byte(doc), Known{})
		if (err == nil) != tt.ok {
			t.Errorf("%s: accepted %v, want %v (%v)", tt.params, err == nil, tt.ok, err)
		}
	}
}
