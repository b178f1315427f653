package arch

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// goList runs `go list` with args in the module root and returns stdout.
func goList(t *testing.T, args ...string) []byte {
	t.Helper()
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("finding the module root: %v", err)
	}
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = strings.TrimSpace(string(root))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// modulePackages is the package graph of every package in the module.
func modulePackages(t *testing.T) []Package {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(goList(t, "-deps", "-json", "./...")))
	var pkgs []Package
	for {
		var p Package
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestTheModuleKeepsItsIntendedShape(t *testing.T) {
	pkgs := modulePackages(t)
	n := 0
	for _, p := range pkgs {
		if ours(p.ImportPath) {
			n++
		}
	}
	if n < 10 {
		t.Fatalf("go list found %d of our packages; the graph was not read", n)
	}
	for _, v := range Check(pkgs, Rules) {
		t.Error(v)
	}
}

func TestTheKioskBinaryLinksNoSimulator(t *testing.T) {
	deps := strings.Fields(string(goList(t, "-deps", "./cmd/kiosk")))
	if len(deps) < 10 {
		t.Fatalf("go list -deps ./cmd/kiosk gave %d packages", len(deps))
	}
	found := false
	for _, d := range deps {
		if strings.Contains(d, "portalsim") {
			t.Errorf("the production kiosk binary links %s", d)
		}
		found = found || d == "kiosk/internal/kiosk"
	}
	if !found {
		t.Error("kiosk/internal/kiosk is not among the kiosk's dependencies: the list is not the kiosk's")
	}
}

// The checker itself must catch what the rules forbid; a rule that can never
// fire would let the test above pass whatever the code does.
func TestTheCheckerCatchesEachKindOfViolation(t *testing.T) {
	tests := []struct {
		name string
		pkg  Package
		want string // the forbidden import reported; "" for none
	}{
		{"search importing Fyne", Package{ImportPath: "kiosk/internal/search", Imports: []string{"fyne.io/fyne/v2/widget"}}, "fyne.io/fyne/v2/widget"},
		{"a screen importing Fyne is fine", Package{ImportPath: "kiosk/internal/ui", Imports: []string{"fyne.io/fyne/v2/widget"}}, ""},
		{"main importing GLFW is fine", Package{ImportPath: "kiosk/cmd/kiosk", Imports: []string{"github.com/go-gl/glfw/v3.3/glfw"}}, ""},
		{"a sync test opening bbolt itself", Package{ImportPath: "kiosk/internal/sync", TestImports: []string{"go.etcd.io/bbolt"}}, "go.etcd.io/bbolt"},
		{"the catalog opening bbolt is fine", Package{ImportPath: "kiosk/internal/catalog", Imports: []string{"go.etcd.io/bbolt"}}, ""},
		{"the scanner reaching the portal through a dependency", Package{ImportPath: "kiosk/internal/scanner", Deps: []string{"kiosk/internal/portal"}}, "kiosk/internal/portal"},
		{"the printer laying out receipts", Package{ImportPath: "kiosk/internal/printer", Deps: []string{"kiosk/internal/receipt"}}, "kiosk/internal/receipt"},
		{"config importing one of ours", Package{ImportPath: "kiosk/internal/config", Deps: []string{"kiosk/internal/portal"}}, "kiosk/internal/portal"},
		{"config importing the standard library is fine", Package{ImportPath: "kiosk/internal/config", Deps: []string{"time", "github.com/BurntSushi/toml"}}, ""},
		{"the kiosk binary linking the simulator", Package{ImportPath: "kiosk/cmd/kiosk", Deps: []string{"kiosk/internal/portalsim"}}, "kiosk/internal/portalsim"},
		{"kioskctl linking the simulator is fine", Package{ImportPath: "kiosk/cmd/kioskctl", Deps: []string{"kiosk/internal/portalsim"}}, ""},
		{"search reading the cache", Package{ImportPath: "kiosk/internal/search", Deps: []string{"kiosk/internal/catalog"}}, "kiosk/internal/catalog"},
		{"the portal reading the cache", Package{ImportPath: "kiosk/internal/portal", Deps: []string{"kiosk/internal/catalog"}}, "kiosk/internal/catalog"},
		{"the encoder opening a serial port", Package{ImportPath: "kiosk/internal/escpos", Deps: []string{"go.bug.st/serial"}}, "go.bug.st/serial"},
		{"someone else's package is not ours to check", Package{ImportPath: "example.com/x", Imports: []string{"fyne.io/fyne/v2"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]Package{tt.pkg}, Rules)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("reported %v, want nothing", got)
			case tt.want != "" && (len(got) == 0 || got[0].Import != tt.want):
				t.Errorf("reported %v, want %s", got, tt.want)
			}
		})
	}
}
