package kiosk

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/search"
)

func TestTheCatalogueFindsNothingUntilItsIndexIsBuiltFromTheCache(t *testing.T) {
	cache, err := catalog.Open(filepath.Join(t.TempDir(), "cache.db"), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cache.Close()
	dict, err := search.LoadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	c := &Catalogue{cache: cache, dict: dict, log: slog.New(slog.DiscardHandler)}
	if res := c.Search(search.Query{Text: "khai sinh"}); res != nil || c.FieldCounts() != nil {
		t.Fatalf("before any index: %v, %v; want nothing", res, c.FieldCounts())
	}
	procs := []portal.Procedure{
		{Code: "1.001193.000.00.00.H12", Name: "Đăng ký khai sinh", AgencyCode: "000.20.31.H12", FieldCode: "HOTICH", Level: 3, UpdatedAt: time.Now()},
		{Code: "1.000894.000.00.00.H12", Name: "Đăng ký kết hôn", AgencyCode: "000.20.31.H12", FieldCode: "HOTICH", Level: 3, UpdatedAt: time.Now()},
	}
	if err := cache.ApplyPage(procs, catalog.SyncState{Cursor: time.Now()}); err != nil {
		t.Fatal(err)
	}
	c.RebuildIndex()
	res := c.Search(search.Query{Text: "khai sinh"})
	if len(res) == 0 || res[0].Code != "1.001193.000.00.00.H12" {
		t.Errorf("search after the index: %+v, want Đăng ký khai sinh first", res)
	}
	if n := c.FieldCounts()["HOTICH"]; n != 2 {
		t.Errorf("field count %d, want 2", n)
	}
	if p, err := c.Procedure("1.000894.000.00.00.H12"); err != nil || p.Name != "Đăng ký kết hôn" {
		t.Errorf("Procedure = %+v, %v", p, err)
	}
}
