package sync

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// startSim serves the demo dataset grown to n procedures (n <= 0: demo only)
// on loopback and returns the server and a kiosk/v1 client for it.
func startSim(tb testing.TB, n int) (*portalsim.Server, *portal.Client) {
	tb.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		tb.Fatal(err)
	}
	if extra := n - len(ds.Procedures); n > 0 && extra > 0 {
		ds.AddSynthetic(extra, 42)
	}
	srv, url, stop, err := portalsim.StartServer(context.Background(), "127.0.0.1:0", ds, portalsim.Options{KioskKey: "k"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(stop)
	cl, err := portal.New(portal.Options{BaseURL: url, KioskID: "bench-01", KioskKey: "k", Retries: -1, Timeout: 30 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return srv, cl
}

// portalCodes lists what the portal currently publishes, with names, via a
// fresh full listing.
func portalCodes(t *testing.T, cl *portal.Client) map[string]string {
	t.Helper()
	out := map[string]string{}
	token := ""
	for {
		page, err := cl.Procedures(context.Background(), time.Time{}, token, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Items {
			out[p.Code] = p.Name
		}
		if page.NextPageToken == "" {
			return out
		}
		token = page.NextPageToken
	}
}

// crashAfter is a Source that fails like a dropped connection after k pages.
type crashAfter struct {
	Source
	k, served int
}

func (c *crashAfter) Procedures(ctx context.Context, since time.Time, token string, size int) (portal.ProcedurePage, error) {
	if c.served >= c.k {
		return portal.ProcedurePage{}, fmt.Errorf("killed: %w", portal.ErrOffline)
	}
	c.served++
	return c.Source.Procedures(ctx, since, token, size)
}

func TestAgainstTheSimulator(t *testing.T) {
	ctx := context.Background()
	srv, cl := startSim(t, 300)
	path := filepath.Join(t.TempDir(), "cache.db")

	t.Run("a sync killed after two pages resumes and ends equal to the portal", func(t *testing.T) {
		c := mustOpenCache(t, path)
		if _, err := New(&crashAfter{Source: cl, k: 2}, c, Options{PageSize: 50}).Run(ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("interrupted run: %v", err)
		}
		c.Close()
		c = mustOpenCache(t, path)
		res, err := New(cl, c, Options{PageSize: 50}).Run(ctx, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Resumed || res.Pages != 4 {
			t.Errorf("resumed run = %+v, want the 4 remaining pages", res)
		}
		if d := sameSet(cached(t, c), portalCodes(t, cl)); d != "" {
			t.Errorf("after resume: %s", d)
		}
		c.Close()
	})

	t.Run("an incremental sync brings edits and tombstones", func(t *testing.T) {
		c := mustOpenCache(t, path)
		changed := srv.Touch(5)
		if !srv.Delete(changed[0]) {
			t.Fatal("simulator refused the delete")
		}
		res, err := New(cl, c, Options{PageSize: 50}).Run(ctx, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Full || res.Items != 4 || res.Deleted != 1 {
			t.Errorf("incremental run = %+v, want 4 edits and 1 deletion", res)
		}
		if d := sameSet(cached(t, c), portalCodes(t, cl)); d != "" {
			t.Errorf("after incremental sync: %s", d)
		}
		c.Close()
	})

	t.Run("an offline portal fails the run with ErrOffline and keeps the cache", func(t *testing.T) {
		c := mustOpenCache(t, path)
		before := len(cached(t, c))
		srv.SetOffline(true)
		defer srv.SetOffline(false)
		if _, err := New(cl, c, Options{}).Run(ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
			t.Errorf("offline run error = %v, want ErrOffline", err)
		}
		if after := len(cached(t, c)); after != before {
			t.Errorf("offline run changed the cache from %d to %d procedures", before, after)
		}
		c.Close()
	})

	t.Run("ratings reach the portal once each, in order, across a lost acknowledgement", func(t *testing.T) {
		c := mustOpenCache(t, path)
		for i := 1; i <= 3; i++ {
			EnqueueRating(c, portal.Rating{ID: fmt.Sprintf("sim-r%d", i), KioskID: "bench-01", Overall: i + 2, CreatedAt: t0})
		}
		// The first one reached the portal but the kiosk died before Ack.
		items, _ := c.Pending(1)
		if _, err := cl.SubmitRating(ctx, portal.Rating{ID: items[0].Key, KioskID: "bench-01", Overall: 3, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		n, err := newDeliverer(cl, c, &now).DeliverOnce(ctx)
		if n != 3 || err != nil {
			t.Fatalf("DeliverOnce = %d, %v", n, err)
		}
		if got := fmt.Sprint(srv.Ratings()); got != "[sim-r1 sim-r2 sim-r3]" {
			t.Errorf("simulator holds ratings %s, want each once in order", got)
		}
		c.Close()
	})
}

// cpuTime is this process's user+system CPU time. The benchmarks report it
// per operation next to wall time, because on a shared machine wall time
// mostly measures the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}

func benchCache(b *testing.B) (*catalog.Cache, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "cache.db")
	c, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return c, path
}

// BenchmarkFullSync measures a first sync from the simulator on loopback
// with the default page size, as kioskctl sync does it.
func BenchmarkFullSync(b *testing.B) {
	for _, n := range []int{2000, 60000} {
		b.Run(fmt.Sprintf("%d procedures", n), func(b *testing.B) {
			_, cl := startSim(b, n)
			var size int64
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				c, path := benchCache(b)
				b.StartTimer()
				start := cpuTime()
				res, err := New(cl, c, Options{PageSize: 500}).Run(context.Background(), false, nil)
				if err != nil || res.Items < n {
					b.Fatalf("full sync = %+v, %v", res, err)
				}
				cpu += cpuTime() - start
				b.StopTimer()
				c.Close()
				if info, err := os.Stat(path); err == nil {
					size = info.Size()
				}
				os.Remove(path)
				b.StartTimer()
			}
			b.ReportMetric(float64(size)/(1<<20), "MB-cache")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkIncrementalSync measures syncing 100 edited procedures into a
// 60,000-procedure cache.
func BenchmarkIncrementalSync(b *testing.B) {
	srv, cl := startSim(b, 60000)
	c, _ := benchCache(b)
	defer c.Close()
	s := New(cl, c, Options{PageSize: 500})
	if _, err := s.Run(context.Background(), false, nil); err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		time.Sleep(1100 * time.Millisecond) // the cursor has one-second precision on the wire
		srv.Touch(100)
		b.StartTimer()
		start := cpuTime()
		res, err := s.Run(context.Background(), false, nil)
		if err != nil || res.Full || res.Items < 100 {
			b.Fatalf("incremental sync = %+v, %v", res, err)
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkOpenAndLoad measures what start-up pays for the catalogue: opening
// a 60,000-procedure cache (lock, page structure check, bbolt check) and
// reading every procedure for the search index.
func BenchmarkOpenAndLoad(b *testing.B) {
	_, cl := startSim(b, 60000)
	c, path := benchCache(b)
	if _, err := New(cl, c, Options{PageSize: 1000}).Run(context.Background(), false, nil); err != nil {
		b.Fatal(err)
	}
	c.Close()
	b.Run("open with checks", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			c, err := catalog.Open(path, catalog.Options{})
			if err != nil {
				b.Fatal(err)
			}
			c.Close()
		}
		reportCPU(b, start)
	})
	b.Run("open without checks", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			c, err := catalog.Open(path, catalog.Options{SkipCheck: true})
			if err != nil {
				b.Fatal(err)
			}
			c.Close()
		}
		reportCPU(b, start)
	})
	b.Run("load all procedures", func(b *testing.B) {
		c, err := catalog.Open(path, catalog.Options{SkipCheck: true})
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		start := cpuTime()
		for b.Loop() {
			ps, err := c.Procedures()
			if err != nil || len(ps) < 60000 {
				b.Fatalf("%d procedures, %v", len(ps), err)
			}
		}
		reportCPU(b, start)
	})
}
