package e2e

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

// syncedCacheFile returns the bytes of a cache file that holds the demo
// catalogue, written by a kiosk that then shut down.
func syncedCacheFile(t *testing.T, url string) []byte {
	t.Helper()
	k := buildKiosk(t, url, nil)
	k.syncUntilDone(t, 1)
	k.S.Close()
	b, err := os.ReadFile(k.S.Cfg.Cache.Path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zeroRootPages zeroes the pages both bbolt meta pages name as the root
// bucket, as a failing disk sector or a torn write might.
func zeroRootPages(b []byte) []byte {
	b = bytes.Clone(b)
	pageSize := int(binary.LittleEndian.Uint32(b[16+8:]))
	for meta := 0; meta < 2; meta++ {
		root := int(binary.LittleEndian.Uint64(b[meta*pageSize+32:]))
		if off := root * pageSize; root > 1 && off+pageSize <= len(b) {
			clear(b[off : off+pageSize])
		}
	}
	return b
}

func TestCorruptCacheFile(t *testing.T) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	good := syncedCacheFile(t, p.URL)
	want := portalCodes(t, p.URL)
	garbage := make([]byte, 256<<10)
	rand.New(rand.NewSource(1)).Read(garbage)

	cases := []struct {
		name, fault string
		file        []byte
	}{
		{"a cache file of random bytes is moved aside and the kiosk starts with a fresh one", "random bytes", garbage},
		{"a cache file cut in half is moved aside and the kiosk starts with a fresh one", "truncated to half", good[:len(good)/2]},
		{"a cache file with its root page zeroed is moved aside and the kiosk starts with a fresh one", "root page zeroed", zeroRootPages(good)},
		{"an empty cache file (power cut right after creating it) is initialised and filled", "empty (0 bytes)", []byte{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := siteConfig(dir, p.URL)
			if err := os.WriteFile(cfg.Cache.Path, tc.file, 0o600); err != nil {
				t.Fatal(err)
			}
			k := buildKioskFrom(t, dir, cfg)
			moved := k.S.Cache.Recovered()
			if len(tc.file) > 0 {
				if moved == "" {
					t.Fatal("Recovered() is empty: the damaged file was not noticed")
				}
				kept, err := os.ReadFile(moved)
				if err != nil || !bytes.Equal(kept, tc.file) {
					t.Errorf("the damaged file was not kept intact at %s (%v)", moved, err)
				}
				r := k.S.Report()
				if r.Cache.Recovered != moved || !strings.Contains(strings.Join(r.Problems, "\n"), moved) {
					t.Errorf("health does not tell staff about %s: recovered %q, problems %q", moved, r.Cache.Recovered, r.Problems)
				}
			}
			if res, err := k.S.Syncer.Run(k.Ctx, false, nil); err != nil || !res.Full {
				t.Fatalf("first sync after recovery: %+v, %v; want a full sync", res, err)
			}
			k.S.Catalogue.RebuildIndex()
			if d := diffSets(cachedCodes(t, k), want); d != "" {
				t.Errorf("after the refill: %s", d)
			}
			if res := k.S.Catalogue.Search(search.Query{Text: "dang ky ket hon"}); len(res) == 0 {
				t.Error("search empty after the refill")
			}
			did := "kiosk started; file moved aside to cache.db.corrupt-<UTC time> and named in health problems; a fresh cache was refilled by a full sync"
			lost := "only the catalogue copy (refetched); undelivered ratings in a corrupt file stay in the moved file"
			if moved == "" {
				did, lost = "kiosk started; bbolt initialised the empty file in place; the first (full) sync filled it", "nothing (it held nothing)"
			}
			record("corrupt cache file: "+tc.fault, did, lost)
		})
	}
}

// mountTmpfs mounts a small tmpfs at a new directory, or skips the test.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("disk-full test needs root to mount a small tmpfs")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); disk-full behaviour not checked", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fillDisk writes a filler file until about leave bytes remain free.
func fillDisk(t *testing.T, dir, name string, leave uint64) string {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	free := st.Bavail * uint64(st.Bsize)
	path := filepath.Join(dir, name)
	if free > leave {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		chunk := make([]byte, 64<<10)
		for n := uint64(0); n+leave < free; n += uint64(len(chunk)) {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		f.Close()
	}
	return path
}

func TestDiskFullWhileWritingTheCache(t *testing.T) {
	mnt := mountTmpfs(t, "24m")
	small := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	big := portalsim.New(dataset(t, 4000), portalsim.Options{KioskKey: kioskKey})
	cfgDir := filepath.Join(mnt, "kiosk")
	cfg := siteConfig(cfgDir, small.URL)
	cfg.Sync.PageSize = 200
	k := buildKioskFrom(t, cfgDir, cfg)
	k.syncUntilDone(t, 1)
	before := cachedCodes(t, k)

	// The province publishes many more procedures; the disk fills up.
	small.setMiddleware(func(w http.ResponseWriter, r *http.Request, _ http.Handler) { big.ServeHTTP(w, r) })
	filler := fillDisk(t, mnt, "filler", 384<<10)

	var syncErr error
	t.Run("a full sync that fills the disk fails with an error staff can see", func(t *testing.T) {
		_, syncErr = k.S.Syncer.Run(k.Ctx, true, nil)
		if syncErr == nil {
			t.Fatal("the sync succeeded on a full disk")
		}
		if !errors.Is(syncErr, syscall.ENOSPC) {
			t.Logf("sync error does not wrap ENOSPC: %v", syncErr)
		}
		if st := k.S.Syncer.Status(); st.LastError == "" || st.Failures == 0 {
			t.Errorf("sync status %+v does not show the failure", st)
		}
		r := k.S.Report()
		if !strings.Contains(strings.Join(r.Problems, "\n"), "disk") {
			t.Errorf("health problems %q do not mention the disk", r.Problems)
		}
		t.Logf("sync error: %v; report cache error %q", syncErr, r.Cache.LastSyncError)
	})
	t.Run("the kiosk keeps serving search and procedures from what it has", func(t *testing.T) {
		k.S.Catalogue.RebuildIndex()
		if res := k.S.Catalogue.Search(search.Query{Text: "dang ky khai sinh"}); len(res) == 0 {
			t.Error("search found nothing on a full disk")
		}
		for code := range before {
			if _, err := k.S.Catalogue.Procedure(code); err != nil {
				t.Errorf("procedure %s unreadable on a full disk: %v", code, err)
			}
			break
		}
		got := cachedCodes(t, k)
		for code := range before {
			if _, ok := got[code]; !ok {
				t.Errorf("procedure %s lost when the disk filled", code)
			}
		}
	})
	var ratingErr error
	t.Run("a rating given on a full disk is either kept or refused with an error, never silently dropped", func(t *testing.T) {
		ratingErr = k.S.Ratings.SaveRating(portal.Rating{ID: "e2e-diskfull-1", Overall: 5})
		n, _ := k.S.Cache.OutboxDepth()
		if ratingErr == nil && n == 0 {
			t.Error("SaveRating said nil but the outbox is empty")
		}
	})
	var kept, refused int
	var refusal error
	t.Run("with the disk at zero every rating is either queued or refused with an error", func(t *testing.T) {
		// Take the last bytes too, then keep rating until bbolt's own free
		// pages are used up and a commit has to grow the file.
		zero := fillDisk(t, mnt, "filler-zero", 0)
		defer os.Remove(zero)
		depth0, err := k.S.Cache.OutboxDepth()
		if err != nil {
			t.Fatal(err)
		}
		comment := strings.Repeat("Cán bộ hướng dẫn tận tình. ", 40) // ~1 KB a rating
		for i := 0; i < 4000 && refused < 3; i++ {
			err := k.S.Ratings.SaveRating(portal.Rating{ID: fmt.Sprintf("e2e-disk-zero-%04d", i), Overall: 4, Comment: comment})
			if err != nil {
				refused++
				refusal = err
				continue
			}
			kept++
		}
		if refused == 0 {
			t.Fatalf("%d ratings of 1 KB were all saved on a disk with no space left", kept)
		}
		depth, err := k.S.Cache.OutboxDepth()
		if err != nil {
			t.Fatalf("the outbox cannot be read after a refused rating: %v", err)
		}
		if depth-depth0 != kept {
			t.Errorf("%d ratings were saved without error but the outbox grew by %d", kept, depth-depth0)
		}
		t.Logf("disk at zero: %d ratings queued, then refused with %v", kept, refusal)
	})
	t.Run("after space is freed the next sync completes and the cache equals the portal", func(t *testing.T) {
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		// Staff press "sync now (full)" again: the failed full listing never
		// committed a page, so nothing remembers that one was asked for.
		if _, err := k.S.Syncer.Run(k.Ctx, true, nil); err != nil {
			t.Fatalf("full sync after freeing space: %v", err)
		}
		k.S.Catalogue.RebuildIndex()
		if d := diffSets(cachedCodes(t, k), portalCodes(t, small.URL)); d != "" {
			t.Errorf("after freeing space: %s", d)
		}
		if r := k.S.Report(); r.Cache.LastSyncError != "" {
			t.Errorf("health still shows the old sync error %q", r.Cache.LastSyncError)
		}
		// Every rating queued on the full disk reaches the portal.
		for i := 0; i < 20; i++ {
			if n, _ := k.S.Cache.OutboxDepth(); n == 0 {
				break
			}
			if _, err := k.S.Deliver.DeliverOnce(k.Ctx); err != nil {
				t.Fatalf("delivering the ratings queued on the full disk: %v", err)
			}
		}
		if n, _ := k.S.Cache.OutboxDepth(); n != 0 {
			t.Errorf("%d items still in the outbox after delivery", n)
		}
		if got, want := big.Stats().Ratings, kept+1; ratingErr == nil && got != want {
			t.Errorf("the portal holds %d ratings, want the %d queued while the disk was full", got, want)
		}
		did := "sync failed (" + strings.ReplaceAll(shortErr(syncErr), filepath.Dir(cfg.Cache.Path)+"/", "") + "), shown in sync status and health (disk low); search and procedures served from the cache; after freeing space a full sync completed (a full sync that fails before its first page is not remembered as owed: staff or the next full trigger must ask again)"
		lost := "nothing in the catalogue"
		if ratingErr != nil {
			lost += fmt.Sprintf("; a rating given while the disk was full was refused (%s) — the screen must say so", shortErr(ratingErr))
		} else {
			lost += "; a rating given while full was still queued"
		}
		record("disk full while writing the cache (24 MB tmpfs, 4,000-procedure full sync)", did, lost)
		if refused > 0 {
			record("disk at zero (no free bytes, bbolt's free pages used up) while citizens rate",
				fmt.Sprintf("%d ratings were queued while bbolt had free pages; then SaveRating returned an error (%s) and the screen says \"Chưa lưu được đánh giá\" (ui test TestARatingThatCannotBeSavedIsNotThanked); the cache stayed readable, the later full sync worked and the queued ratings were all delivered once space was freed", kept, strings.ReplaceAll(shortErr(refusal), filepath.Dir(cfg.Cache.Path)+"/", "")),
				"nothing silently: every rating is either in the outbox or its citizen was told it was not saved")
		}
	})
}

func shortErr(err error) string {
	if err == nil {
		return "no error"
	}
	s := err.Error()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
