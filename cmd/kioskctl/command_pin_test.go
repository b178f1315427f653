package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/creack/pty"

	"kiosk/internal/pin"
)

// pinRun runs kioskctl with in as the PIN input.
func pinRun(t *testing.T, in io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	old := pinInput
	pinInput = in
	t.Cleanup(func() { pinInput = old })
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// pinFromLine decodes the `pin_hash = "..."` line kioskctl prints.
func pinFromLine(t *testing.T, line string) string {
	t.Helper()
	var v struct {
		PINHash string `toml:"pin_hash"`
	}
	if _, err := toml.Decode(line, &v); err != nil {
		t.Fatalf("output %q is not a TOML line: %v", line, err)
	}
	return v.PINHash
}

func TestPinHashFromAPipe(t *testing.T) {
	code, out, errb := pinRun(t, strings.NewReader("4826\n"), "pin", "hash")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb)
	}
	if !regexp.MustCompile(`^pin_hash = "\$argon2id\$[^"]+"\n$`).MatchString(out) {
		t.Fatalf("output %q is not one pin_hash line", out)
	}
	h := pinFromLine(t, out)
	for _, tc := range []struct {
		pin  string
		want bool
	}{{"4826", true}, {"4827", false}} {
		if ok, err := pin.Verify(h, tc.pin); err != nil || ok != tc.want {
			t.Errorf("Verify(printed hash, %s) = %v, %v; want %v", tc.pin, ok, err, tc.want)
		}
	}
	if strings.Contains(out+errb, "4826") {
		t.Error("the PIN digits were printed")
	}
}

func TestPinHashRefusesBadPINs(t *testing.T) {
	for _, tc := range []struct{ name, input string }{
		{"a PIN with letters is refused", "12a4\n"},
		{"a three-digit PIN is refused", "123\n"},
		{"a nine-digit PIN is refused", "123456789\n"},
		{"no input at all is refused", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := pinRun(t, strings.NewReader(tc.input), "pin", "hash")
			if code != 1 || out != "" {
				t.Errorf("exit %d, stdout %q; want 1 and nothing printed", code, out)
			}
		})
	}
	t.Run("a PIN without a final newline is accepted", func(t *testing.T) {
		if code, out, _ := pinRun(t, strings.NewReader("90817"), "pin", "hash"); code != 0 || !strings.HasPrefix(out, "pin_hash") {
			t.Errorf("exit %d, stdout %q", code, out)
		}
	})
	t.Run("an easy PIN is hashed with a warning", func(t *testing.T) {
		code, out, errb := pinRun(t, strings.NewReader("111111\r\n"), "pin", "hash")
		if code != 0 || !strings.HasPrefix(out, "pin_hash") || !strings.Contains(errb, "easy to guess") {
			t.Errorf("exit %d, stdout %q, stderr %q; want a hash and a warning", code, out, errb)
		}
	})
}

func TestPinHashFromATerminal(t *testing.T) {
	for _, tc := range []struct {
		name  string
		typed string
		code  int
		msg   string
	}{
		{"the same PIN twice gives a hash", "5937\n5937\n", 0, ""},
		{"two different PINs are refused", "5937\n5938\n", 1, "the two PINs differ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Skipf("no pty here: %v", err)
			}
			defer ptmx.Close()
			defer tty.Close()
			go io.Copy(io.Discard, ptmx) // drain anything echoed
			if _, err := ptmx.Write([]byte(tc.typed)); err != nil {
				t.Fatal(err)
			}
			code, out, errb := pinRun(t, tty, "pin", "hash")
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, errb)
			}
			if strings.Count(errb, "PIN (4–8 digits)") != 1 || strings.Count(errb, "Repeat") != 1 {
				t.Errorf("stderr %q does not hold both prompts", errb)
			}
			if strings.Contains(out+errb, "5937") {
				t.Errorf("the PIN was echoed: %q %q", out, errb)
			}
			if tc.code == 0 {
				if ok, _ := pin.Verify(pinFromLine(t, out), "5937"); !ok {
					t.Error("printed hash does not verify the typed PIN")
				}
			} else if !strings.Contains(errb, tc.msg) {
				t.Errorf("stderr %q, want %q", errb, tc.msg)
			}
		})
	}
}

func TestPinCheck(t *testing.T) {
	// The demo config's hash is for PIN 123456 (said in its comment).
	cfg := configTestFile(t, configDemoText(t), 0o600)
	for _, tc := range []struct {
		name, input string
		code        int
		out         string
	}{
		{"the demo PIN matches the demo config", "123456\n", 0, "PIN matches / mã PIN đúng\n"},
		{"another PIN does not", "123457\n", 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := pinRun(t, strings.NewReader(tc.input), "-config", cfg, "pin", "check")
			if code != tc.code || out != tc.out {
				t.Errorf("exit %d stdout %q; want %d %q", code, out, tc.code, tc.out)
			}
		})
	}
	t.Run("a config without a PIN hash says so", func(t *testing.T) {
		body := strings.Replace(configDemoText(t), "pin_hash =", "# pin_hash =", 1)
		code, _, errb := pinRun(t, strings.NewReader("123456\n"), "-config", configTestFile(t, body, 0o600), "pin", "check")
		if code != 1 || !strings.Contains(errb, "staff.pin_hash is not set") {
			t.Errorf("exit %d stderr %q", code, errb)
		}
	})
	t.Run("usage errors exit 2", func(t *testing.T) {
		if code, _, _ := pinRun(t, strings.NewReader(""), "pin", "frob"); code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
}
