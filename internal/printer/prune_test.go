package printer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/internal/escpos"
)

// receiptsIn lists the stems of the receipts Print saved in dir, sorted,
// and checks that none was half removed.
func receiptsIn(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]string{}
	for _, e := range ents {
		if m := receiptName.FindStringSubmatch(e.Name()); m != nil {
			files[m[1]] = append(files[m[1]], m[2])
		}
	}
	var stems []string
	for stem, exts := range files {
		if len(exts) != 2 {
			t.Errorf("%s has only %v: a receipt was half removed", stem, exts)
		}
		stems = append(stems, stem)
	}
	slices.Sort(stems)
	return stems
}

// printAt prints one job and dates its files at, as if it had been printed
// then (file times are what the folder is pruned by).
func printAt(t *testing.T, v *Virtual, at time.Time) string {
	t.Helper()
	job := escpos.NewBuilder().Init().Line("Biên nhận").FeedLines(2).Bytes()
	if err := v.Print(context.Background(), job); err != nil {
		t.Fatal(err)
	}
	stem := strings.TrimSuffix(v.LastPath(), ".png")
	for _, f := range []string{stem + ".png", stem + ".bin"} {
		if err := os.Chtimes(f, at, at); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Base(stem)
}

func TestVirtualPrinterFolderIsBounded(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	t.Run("only the newest Keep receipts stay", func(t *testing.T) {
		dir := t.TempDir()
		v := NewVirtual(dir, 384)
		v.Now, v.Keep = func() time.Time { return now }, 3
		var printed []string
		for i := range 6 {
			printed = append(printed, printAt(t, v, now.Add(time.Duration(i-6)*time.Minute)))
		}
		want := slices.Clone(printed[3:])
		slices.Sort(want)
		if got := receiptsIn(t, dir); !slices.Equal(got, want) {
			t.Errorf("folder holds %v, want the last three printed %v", got, want)
		}
	})
	t.Run("receipts older than MaxAge go, the one just printed stays", func(t *testing.T) {
		dir := t.TempDir()
		v := NewVirtual(dir, 384)
		v.Now, v.MaxAge = func() time.Time { return now }, 7*24*time.Hour
		old := printAt(t, v, now.Add(-10*24*time.Hour))
		recent := printAt(t, v, now.Add(-24*time.Hour))
		if got := receiptsIn(t, dir); !slices.Contains(got, recent) || slices.Contains(got, old) {
			t.Errorf("folder holds %v: want %s (1 day old) kept and %s (10 days old) removed", got, recent, old)
		}
		// A clock that reads years ahead makes every receipt "old": the
		// one just printed must still be there to be collected.
		v.Now = func() time.Time { return now.AddDate(14, 0, 0) }
		last := printAt(t, v, now)
		if got := receiptsIn(t, dir); !slices.Equal(got, []string{last}) {
			t.Errorf("with the clock 14 years ahead the folder holds %v, want only the receipt just printed %s", got, last)
		}
	})
	t.Run("files the printer did not write are left alone", func(t *testing.T) {
		dir := t.TempDir()
		others := []string{"notes.txt", "receipt-old.png", "receipt-20260101-000000-1.png.bak"}
		for _, name := range others {
			if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			old := now.AddDate(-1, 0, 0)
			_ = os.Chtimes(filepath.Join(dir, name), old, old)
		}
		v := NewVirtual(dir, 384)
		v.Now, v.Keep, v.MaxAge = func() time.Time { return now }, 1, time.Hour
		printAt(t, v, now)
		printAt(t, v, now)
		for _, name := range others {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("%s was removed: %v", name, err)
			}
		}
		if got := receiptsIn(t, dir); len(got) != 1 {
			t.Errorf("Keep 1 left %v", got)
		}
	})
	t.Run("with neither limit set every receipt stays", func(t *testing.T) {
		dir := t.TempDir()
		v := NewVirtual(dir, 384)
		v.Now = func() time.Time { return now }
		for i := range 4 {
			printAt(t, v, now.AddDate(0, 0, -30*i))
		}
		if got := receiptsIn(t, dir); len(got) != 4 {
			t.Errorf("folder holds %d receipts, want all 4", len(got))
		}
	})
}
