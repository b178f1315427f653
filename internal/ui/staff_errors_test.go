package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// loggedProblem finds a warning or error log call's message in Go source:
// slog's Warn/Error (and their Context forms) on any logger.
var loggedProblem = regexp.MustCompile(`\.(?:Warn|Error)(?:Context)?\((?:ctx, )?"([^"]+)"`)

// Every warning or error the kiosk process logs reaches the staff panel's
// "Recent errors" list, which must show it in plain Vietnamese or English,
// not as the log's English (issue 19): each has an entry in logKinds, and
// each entry's sentence exists in both languages.
func TestEveryLoggedProblemHasAPlainMessage(t *testing.T) {
	var found int
	for _, root := range []string{"../../internal", "../../cmd/kiosk"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "portalsim" {
				return filepath.SkipDir // the simulator logs to its own process
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range loggedProblem.FindAllSubmatch(src, -1) {
				msg := string(m[1])
				found++
				if _, ok := logKinds[msg]; !ok {
					t.Errorf("%s logs %q, which the staff panel has no plain message for: add it to logKinds (staff_errors.go)", path, msg)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 40 {
		t.Fatalf("found only %d logged problems in the source; the pattern no longer matches the log calls", found)
	}
	for _, lang := range Languages {
		h := newHarness(t, func(d *Deps, o *Options) { o.Language = lang })
		for msg, id := range logKinds {
			if got := h.k.plainLogMessage(msg); got == id || got == "" {
				t.Errorf("%s: %q has no %s message %q", lang, msg, lang, id)
			}
		}
	}
}
