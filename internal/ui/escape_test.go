package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// escapeRoutes are Fyne calls and types through which a citizen could leave
// the kiosk or reach the PC: file pickers and dialogs, links that open a
// browser, text entries (with their copy/paste/select-all shortcuts and
// context menus), markdown that turns portal text into links, and new
// processes.
var escapeRoutes = map[string]string{
	"OpenURL":                 "opens a browser",
	"NewHyperlink":            "opens a browser",
	"NewHyperlinkWithStyle":   "opens a browser",
	"Hyperlink":               "opens a browser",
	"HyperlinkSegment":        "opens a browser",
	"NewRichTextFromMarkdown": "turns portal text into markup and links",
	"ParseMarkdown":           "turns portal text into markup and links",
	"AppendMarkdown":          "turns portal text into markup and links",
	"NewEntry":                "an entry has editing shortcuts and a context menu",
	"NewMultiLineEntry":       "an entry has editing shortcuts and a context menu",
	"NewPasswordEntry":        "an entry has editing shortcuts and a context menu",
	"NewSelectEntry":          "an entry has editing shortcuts and a context menu",
	"Entry":                   "an entry has editing shortcuts and a context menu",
	"NewFileOpen":             "a file picker shows the PC's files",
	"NewFileSave":             "a file picker shows the PC's files",
	"NewFolderOpen":           "a file picker shows the PC's files",
	"ShowFileOpen":            "a file picker shows the PC's files",
	"ShowFileSave":            "a file picker shows the PC's files",
	"ShowFolderOpen":          "a file picker shows the PC's files",
	"NewPopUpMenu":            "a menu the screens do not expect",
	"SetMainMenu":             "a menu bar",
	"SetSystemTrayMenu":       "a tray menu outside the kiosk window",
}

// escapeImports are packages the kiosk's screens must not use at all.
var escapeImports = map[string]string{
	"fyne.io/fyne/v2/dialog":             "dialogs include file pickers and can be dismissed in ways the kiosk does not see",
	"os/exec":                            "the screens never start programs",
	"fyne.io/fyne/v2/storage/repository": "file access from the screens",
}

// TestTheScreensOfferNoWayOut reads the UI's and the kiosk binary's source
// and fails on any route out of the kiosk: a dialog or file picker, a link
// that opens a browser, a text entry, markdown, a menu, a new process.
func TestTheScreensOfferNoWayOut(t *testing.T) {
	for _, dir := range []string{".", filepath.Join("..", "..", "cmd", "kiosk")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, where := range escapesIn(t, path, src) {
				t.Error(where)
			}
		}
	}
}

func TestTheNoWayOutCheckFindsRoutes(t *testing.T) {
	src := `package x
import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)
func f(a app) {
	e := widget.NewEntry()
	_ = e
	a.OpenURL(nil)
	_ = widget.NewRichTextFromMarkdown("[x](https://example.org)")
	var h *widget.Hyperlink
	_ = h
	dialog.ShowFileOpen(nil, nil)
}`
	got := escapesIn(t, "x.go", []byte(src))
	for _, want := range []string{"dialog", "NewEntry", "OpenURL", "NewRichTextFromMarkdown", "Hyperlink", "ShowFileOpen"} {
		found := false
		for _, g := range got {
			found = found || strings.Contains(g, want)
		}
		if !found {
			t.Errorf("the check missed %s; it found %q", want, got)
		}
	}
}

// escapesIn lists "file:line: what" for every escape route in one file.
func escapesIn(t *testing.T, path string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	var out []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if why, bad := escapeImports[p]; bad {
			out = append(out, fset.Position(imp.Pos()).String()+": imports "+p+": "+why)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if why, bad := escapeRoutes[sel.Sel.Name]; bad {
				out = append(out, fset.Position(sel.Pos()).String()+": uses "+sel.Sel.Name+": "+why)
			}
		}
		return true
	})
	return out
}

// markup is portal text as a hostile or careless portal might send it:
// markdown, a link, HTML with a script, a template and a terminal escape.
const markup = "**Đăng ký** [bấm vào đây](https://evil.example) <b>khai</b><script>alert(1)</script> {{.Secret}} \x1b[2J"

// TestPortalTextIsShownAsText puts markup into every portal field the
// procedure and dossier screens show, and checks it appears as plain text:
// no link, no entry, no segment other than text, and the literal characters
// on screen.
func TestPortalTextIsShownAsText(t *testing.T) {
	h := newHarness(t)
	p := &h.f.procs[0]
	p.Name = "Đăng ký khai sinh " + markup
	p.AgencyName, p.FieldName, p.Applicants, p.Result, p.SubmitPlace = markup, markup, markup, markup, markup
	p.Documents[0].Name = markup
	p.Steps = []string{markup}
	p.LegalBasis = []string{markup}
	d := h.addDossier()
	d.Note, d.CurrentStep, d.PickupPlace, d.ProcedureName = markup, markup, markup, markup
	h.f.dossiers[testCode] = d

	checkScreen := func(t *testing.T, where string) {
		t.Helper()
		shown := 0
		for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
			switch x := o.(type) {
			case *widget.Hyperlink, *widget.Entry:
				t.Errorf("%s shows a %T", where, o)
			case *widget.RichText:
				for _, seg := range x.Segments {
					if _, ok := seg.(*widget.TextSegment); !ok {
						t.Errorf("%s shows portal text as a %T segment", where, seg)
					}
				}
				if strings.Contains(x.String(), "[bấm vào đây](https://evil.example)") &&
					strings.Contains(x.String(), "<script>alert(1)</script>") {
					shown++
				}
			}
		}
		if shown == 0 {
			t.Errorf("%s does not show the portal's text literally; it shows:\n%s", where, h.screenText())
		}
	}

	h.tap("Tra cứu thủ tục")
	h.typeKeys("khai")
	checkScreen(t, "the result list")
	s := h.k.cur.(*findScreen)
	s.open(h.k.env, s.results[0].Code, s.results[0].Procedure)
	h.settle()
	checkScreen(t, "the procedure page")

	h.k.home()
	h.settle()
	h.tap("Tra cứu hồ sơ")
	h.scans <- Scan{Raw: testCode + "|s3cr3t", Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
	h.k.drainScans()
	h.settle()
	checkScreen(t, "the dossier page")
}
