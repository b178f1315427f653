// Package arch states the intended shape of the module as import rules and
// checks a package graph (from `go list -deps -json`) against them, so that a
// change that breaks the shape fails a test instead of waiting for a review.
// docs/architecture.md draws the same picture.
package arch

import (
	"fmt"
	"sort"
	"strings"
)

// Module is this module's path; rules speak of our packages relative to it.
const Module = "kiosk"

// Package is what the rules need of one `go list -json` record.
type Package struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	// Deps is every package the package's build (not its tests) depends on,
	// directly or not.
	Deps []string
}

// Rule forbids some packages to some others.
type Rule struct {
	// Name says the rule as the docs say it.
	Name string
	// Applies picks the packages the rule constrains.
	Applies func(pkg string) bool
	// Forbidden picks the imports those packages may not have.
	Forbidden func(dep string) bool
	// Transitive checks every dependency of the build, not only the
	// package's own imports (tests excluded: a test may use a simulator).
	// A direct rule checks the package's own imports, its tests' included.
	Transitive bool
}

// Violation is one forbidden import.
type Violation struct {
	Rule, Package, Import string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s imports %s", v.Rule, v.Package, v.Import)
}

// ours reports whether p is one of this module's packages.
func ours(p string) bool { return p == Module || strings.HasPrefix(p, Module+"/") }

// under reports whether p is dir or below it (dir relative to the module).
func under(p, dir string) bool {
	full := Module + "/" + dir
	return p == full || strings.HasPrefix(p, full+"/")
}

// thirdParty reports whether p is the module path or below it.
func thirdParty(p, module string) bool { return p == module || strings.HasPrefix(p, module+"/") }

// Rules is the intended structure (STYLE.md, "Which way imports run").
var Rules = []Rule{
	{
		Name:      "the core is UI-free: only internal/ui and cmd/kiosk import Fyne",
		Applies:   func(p string) bool { return ours(p) && !under(p, "internal/ui") && !under(p, "cmd/kiosk") },
		Forbidden: func(d string) bool { return thirdParty(d, "fyne.io/fyne/v2") || thirdParty(d, "github.com/go-gl/glfw") },
	},
	{
		Name:      "only internal/catalog touches bbolt",
		Applies:   func(p string) bool { return ours(p) && !under(p, "internal/catalog") },
		Forbidden: func(d string) bool { return thirdParty(d, "go.etcd.io/bbolt") },
	},
	{
		Name: "devices (printer, scanner, escpos) know no screen and no portal",
		Applies: func(p string) bool {
			return under(p, "internal/printer") || under(p, "internal/scanner") || under(p, "internal/escpos")
		},
		Forbidden: func(d string) bool {
			return thirdParty(d, "fyne.io/fyne/v2") || under(d, "internal/ui") || under(d, "internal/portal") || under(d, "internal/kiosk")
		},
		Transitive: true,
	},
	{
		Name:       "the printer moves bytes and lays out no receipts",
		Applies:    func(p string) bool { return under(p, "internal/printer") },
		Forbidden:  func(d string) bool { return under(d, "internal/receipt") },
		Transitive: true,
	},
	{
		Name:       "the ESC/POS encoder never opens a port",
		Applies:    func(p string) bool { return under(p, "internal/escpos") },
		Forbidden:  func(d string) bool { return under(d, "internal/printer") || thirdParty(d, "go.bug.st/serial") },
		Transitive: true,
	},
	{
		Name:       "config imports nothing of ours",
		Applies:    func(p string) bool { return under(p, "internal/config") },
		Forbidden:  ours,
		Transitive: true,
	},
	{
		Name:    "search knows no storage and no screen",
		Applies: func(p string) bool { return under(p, "internal/search") },
		Forbidden: func(d string) bool {
			return under(d, "internal/catalog") || under(d, "internal/ui") || thirdParty(d, "go.etcd.io/bbolt")
		},
		Transitive: true,
	},
	{
		Name:       "the portal client knows no cache",
		Applies:    func(p string) bool { return under(p, "internal/portal") },
		Forbidden:  func(d string) bool { return under(d, "internal/catalog") || under(d, "internal/sync") },
		Transitive: true,
	},
	{
		Name:       "the production kiosk links no portal simulator",
		Applies:    func(p string) bool { return under(p, "cmd/kiosk") || under(p, "internal/kiosk") },
		Forbidden:  func(d string) bool { return under(d, "internal/portalsim") },
		Transitive: true,
	},
}

// Check returns every violation of rules in pkgs, sorted. Only our own
// packages are checked; the standard library and third parties are not.
func Check(pkgs []Package, rules []Rule) []Violation {
	var out []Violation
	seen := map[Violation]bool{}
	for _, p := range pkgs {
		if !ours(p.ImportPath) {
			continue
		}
		for _, r := range rules {
			if !r.Applies(p.ImportPath) {
				continue
			}
			deps := p.Deps
			if !r.Transitive {
				deps = append(append(append([]string(nil), p.Imports...), p.TestImports...), p.XTestImports...)
			}
			for _, d := range deps {
				v := Violation{Rule: r.Name, Package: p.ImportPath, Import: d}
				if r.Forbidden(d) && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Package != out[j].Package {
			return out[i].Package < out[j].Package
		}
		return out[i].Import < out[j].Import
	})
	return out
}
