package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"kiosk/internal/pin"
)

func init() {
	register(command{
		Name:    "pin",
		Usage:   "pin hash | pin check",
		Summary: "make a staff PIN hash for the config, or test a PIN against the config's hash",
		Run:     runPIN,
	})
}

// pinInput is where PINs are read from; tests replace it.
var pinInput io.Reader = os.Stdin

func runPIN(ctx context.Context, g *globals, args []string) error {
	if len(args) != 1 || (args[0] != "hash" && args[0] != "check") {
		return &exitError{Code: 2, Msg: "usage: kioskctl pin hash | pin check"}
	}
	if args[0] == "check" {
		return pinCheck(g)
	}
	p, err := readPIN(g, pinInput, true)
	if err != nil {
		return err
	}
	if pinIsWeak(p) {
		fmt.Fprintln(g.Stderr, "warning: this PIN is easy to guess / cảnh báo: mã PIN này dễ đoán")
	}
	h, err := pin.Hash(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.Stdout, "pin_hash = %q\n", h)
	return nil
}

// pinCheck reads a PIN and says whether it opens the staff panel of the
// configured kiosk. It does not count towards the kiosk's lockout.
func pinCheck(g *globals) error {
	c, err := g.loadConfig()
	if err != nil {
		return err
	}
	if c.Staff.PINHash == "" {
		return &exitError{Code: 1, Msg: c.Path + ": staff.pin_hash is not set"}
	}
	p, err := readPIN(g, pinInput, false)
	if err != nil {
		return err
	}
	ok, err := pin.Verify(c.Staff.PINHash, p)
	if err != nil {
		return fmt.Errorf("%s: staff.pin_hash: %w", c.Path, err)
	}
	if !ok {
		return &exitError{Code: 1, Msg: "PIN does not match / mã PIN không khớp"}
	}
	fmt.Fprintln(g.Stdout, "PIN matches / mã PIN đúng")
	return nil
}

// readPIN reads a PIN without echo from a terminal (twice when confirm is
// set), or one line from a pipe, and checks it is 4 to 8 digits.
func readPIN(g *globals, in io.Reader, confirm bool) (string, error) {
	var p string
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fd := int(f.Fd())
		prompt := func(msg string) (string, error) {
			fmt.Fprint(g.Stderr, msg)
			b, err := term.ReadPassword(fd)
			fmt.Fprintln(g.Stderr)
			if err != nil {
				return "", fmt.Errorf("reading PIN: %w", err)
			}
			return string(b), nil
		}
		var err error
		if p, err = prompt("Mã PIN (4–8 chữ số) / PIN (4–8 digits): "); err != nil {
			return "", err
		}
		if confirm {
			again, err := prompt("Nhập lại / Repeat: ")
			if err != nil {
				return "", err
			}
			if again != p {
				return "", &exitError{Code: 1, Msg: "the two PINs differ / hai mã PIN không giống nhau"}
			}
		}
	} else {
		line, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			return "", fmt.Errorf("reading PIN from standard input: %w", err)
		}
		p = strings.TrimRight(line, "\r\n")
	}
	if !pin.Valid(p) {
		return "", &exitError{Code: 1, Msg: "a PIN is 4 to 8 digits / mã PIN gồm 4 đến 8 chữ số"}
	}
	return p, nil
}

// pinIsWeak reports PINs anyone would try first: one digit repeated, or a run
// up or down ("123456", "987654").
func pinIsWeak(p string) bool {
	same, up, down := true, true, true
	for i := 1; i < len(p); i++ {
		same = same && p[i] == p[0]
		up = up && p[i] == p[i-1]+1
		down = down && p[i] == p[i-1]-1
	}
	return same || up || down
}
