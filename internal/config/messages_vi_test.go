package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryProblemIsTranslated reads this package's source and checks that
// every format string given to decoder.add or vi has a Vietnamese
// translation, including problems no other test triggers.
func TestEveryProblemIsTranslated(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	formats := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		consts := map[string]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			// const format = "..." inside functions
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 {
				if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					consts[vs.Names[0].Name] = s
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var arg ast.Expr
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if fn.Sel.Name == "add" && len(call.Args) >= 3 {
					arg = call.Args[2]
				}
			case *ast.Ident:
				if fn.Name == "vi" && len(call.Args) >= 1 {
					arg = call.Args[0]
				}
			}
			var format string
			switch a := arg.(type) {
			case *ast.BasicLit:
				format, _ = strconv.Unquote(a.Value)
			case *ast.Ident:
				var ok bool
				if format, ok = consts[a.Name]; !ok {
					return true // a parameter passed through, like add's own format
				}
			default:
				return true
			}
			formats++
			if _, ok := messagesVI[format]; !ok {
				t.Errorf("%s: %q has no Vietnamese translation", fset.Position(call.Pos()), format)
			}
			return true
		})
	}
	if formats < 50 {
		t.Errorf("found only %d problem formats; the source scan is broken", formats)
	}
}
