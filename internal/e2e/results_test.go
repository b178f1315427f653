package e2e

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The suite prints a table — fault, what the kiosk did, what was lost — at
// the end of a run (and writes it to $KIOSK_E2E_REPORT when set), the
// raw material of docs/reliability.md.
var results struct {
	mu   sync.Mutex
	rows map[string][2]string
}

// record notes the outcome of one fault; a later record of the same fault
// replaces the earlier one.
func record(fault, did, lost string) {
	results.mu.Lock()
	defer results.mu.Unlock()
	if results.rows == nil {
		results.rows = map[string][2]string{}
	}
	results.rows[fault] = [2]string{did, lost}
}

func TestMain(m *testing.M) {
	if runHelperProcess() {
		return
	}
	code := m.Run()
	results.mu.Lock()
	var b strings.Builder
	if len(results.rows) > 0 {
		faults := make([]string, 0, len(results.rows))
		for f := range results.rows {
			faults = append(faults, f)
		}
		sort.Strings(faults)
		b.WriteString("| fault | what the kiosk did | what was lost |\n|---|---|---|\n")
		for _, f := range faults {
			r := results.rows[f]
			fmt.Fprintf(&b, "| %s | %s | %s |\n", f, r[0], r[1])
		}
	}
	results.mu.Unlock()
	if b.Len() > 0 && testing.Verbose() {
		fmt.Print(b.String())
	}
	if path := os.Getenv("KIOSK_E2E_REPORT"); path != "" && b.Len() > 0 {
		_ = os.WriteFile(path, []byte(b.String()), 0o644)
	}
	os.Exit(code)
}
