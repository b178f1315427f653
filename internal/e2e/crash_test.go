package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/kiosk"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	ksync "kiosk/internal/sync"
)

// Child processes: the test binary re-executes itself with E2E_CHILD set to
// "sync" or "deliver" and plays a kiosk that the parent kills with SIGKILL.
// The child prints one line per committed step so the parent can aim its
// kills: "page N" after each catalogue page, "sent ID" when the portal has
// acknowledged a rating but before the outbox forgets it.
const (
	envChild  = "E2E_CHILD"
	envPortal = "E2E_PORTAL"
	envCache  = "E2E_CACHE"
)

// runHelperProcess runs the child kiosk when the test binary was started as
// one; it reports whether it did (and then the process has exited).
func runHelperProcess() bool {
	mode := os.Getenv(envChild)
	if mode == "" {
		return false
	}
	if err := child(mode, os.Getenv(envPortal), os.Getenv(envCache)); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	os.Exit(0)
	return true
}

func child(mode, url, cachePath string) error {
	dir := filepath.Dir(cachePath)
	cfg := siteConfig(dir, url)
	cfg.Cache.Path = cachePath
	cfg.Sync.PageSize = 500
	cfg.Portal.Timeout = config.Duration{Duration: time.Minute}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := kiosk.Build(ctx, cfg, kiosk.Options{Version: "e2e-child", Logger: log, NoStatusSocket: true})
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Printf("recovered %q\n", s.Cache.Recovered())
	switch mode {
	case "sync":
		pages := 0
		for run := 0; run < 2; run++ { // the listing, then one incremental run as the loop would do
			if _, err := s.Syncer.Run(ctx, false, func(p ksync.Progress) {
				if p.Pages > 0 {
					pages++
					fmt.Printf("page %d\n", pages)
				}
			}); err != nil {
				return err
			}
		}
	case "deliver":
		d := ksync.NewDeliverer(announcer{s.Portal}, s.Cache, ksync.DeliverOptions{BackoffBase: 10 * time.Millisecond, BackoffMax: 50 * time.Millisecond})
		for {
			if _, err := d.DeliverOnce(ctx); err != nil {
				fmt.Fprintln(os.Stderr, "delivery paused:", err)
				time.Sleep(60 * time.Millisecond)
			}
			if n, err := s.Cache.OutboxDepth(); err != nil || n == 0 {
				break
			}
		}
	default:
		return fmt.Errorf("unknown child mode %q", mode)
	}
	fmt.Println("done")
	return nil
}

// announcer prints "sent ID" once the portal acknowledged a rating, before
// the Deliverer removes it from the outbox: a kill right after that line
// lands in the window where a naive kiosk would send it twice.
type announcer struct{ *portal.Client }

func (a announcer) SubmitRating(ctx context.Context, r portal.Rating) (portal.RatingReceipt, error) {
	rc, err := a.Client.SubmitRating(ctx, r)
	if err == nil {
		fmt.Printf("sent %s\n", r.ID)
	}
	return rc, err
}

// childRun is one child kiosk process.
type childRun struct {
	cmd   *exec.Cmd
	lines chan string
	errb  *strings.Builder
}

func startChild(t *testing.T, mode, url, cachePath string) *childRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envPortal+"="+url, envCache+"="+cachePath)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &childRun{cmd: cmd, lines: make(chan string, 1024), errb: &strings.Builder{}}
	cmd.Stderr = c.errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
		close(c.lines)
	}()
	return c
}

// killAfter waits for n progress lines with the given prefix (or the end of
// the child), waits jitter, and kills the child with SIGKILL. It returns the
// number of such lines seen and whether the child finished on its own.
func (c *childRun) killAfter(t *testing.T, prefix string, n int, jitter time.Duration) (seen int, finished bool) {
	t.Helper()
	timeout := time.After(3 * time.Minute)
	for seen < n {
		select {
		case l, ok := <-c.lines:
			if !ok {
				err := c.cmd.Wait()
				if err != nil {
					t.Fatalf("child failed: %v\n%s", err, c.errb.String())
				}
				return seen, true
			}
			if strings.HasPrefix(l, "recovered ") && l != `recovered ""` {
				t.Errorf("child found the cache corrupt after a kill: %s", l)
			}
			if strings.HasPrefix(l, prefix) {
				seen++
			}
			if l == "done" {
				c.cmd.Wait()
				return seen, true
			}
		case <-timeout:
			c.cmd.Process.Kill()
			t.Fatalf("child made no progress: %s", c.errb.String())
		}
	}
	time.Sleep(jitter)
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	err := c.cmd.Wait()
	for l := range c.lines { // count lines printed before the kill landed
		if strings.HasPrefix(l, prefix) {
			seen++
		}
		if l == "done" {
			return seen, true
		}
	}
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Logf("child ended before the kill: %v", err)
	}
	return seen, false
}

// assertCacheIntact opens the cache file the way the kiosk does (with its
// page check) and fails if it had to be moved aside as corrupt.
func assertCacheIntact(t *testing.T, path string) {
	t.Helper()
	c, err := catalog.Open(path, catalog.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("opening the cache after a kill: %v", err)
	}
	defer c.Close()
	if moved := c.Recovered(); moved != "" {
		t.Fatalf("the cache was corrupt after a kill (moved to %s)", moved)
	}
}

func TestKilledDuringSync(t *testing.T) {
	n, kills := 60000, 5
	if testing.Short() {
		n = 20000
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	p := startPortal(t, dataset(t, n), portalsim.Options{KioskKey: kioskKey})
	cachePath := filepath.Join(t.TempDir(), "cache.db")
	pagesTotal := (n + 499) / 500
	var killedAt []int
	started := time.Now()
	for i := 0; i < kills; i++ {
		c := startChild(t, "sync", p.URL, cachePath)
		target := 1 + rng.Intn(pagesTotal/kills)
		seen, finished := c.killAfter(t, "page ", target, time.Duration(rng.Intn(40))*time.Millisecond)
		if finished {
			break
		}
		killedAt = append(killedAt, seen)
		assertCacheIntact(t, cachePath)
		// The province keeps editing while the kiosk is down.
		changed := p.Sim.Touch(30)
		p.Sim.Delete(changed[0])
	}
	c := startChild(t, "sync", p.URL, cachePath)
	if _, finished := c.killAfter(t, "page ", 1<<30, 0); !finished {
		t.Fatal("the last child did not finish")
	}
	took := time.Since(started)

	t.Run("after every kill the next kiosk resumed and the cache equals the portal", func(t *testing.T) {
		cache, err := catalog.Open(cachePath, catalog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer cache.Close()
		if moved := cache.Recovered(); moved != "" {
			t.Fatalf("cache corrupt at the end (moved to %s)", moved)
		}
		procs, err := cache.Procedures()
		if err != nil {
			t.Fatal(err)
		}
		got := make(map[string]string, len(procs))
		for _, pr := range procs {
			got[pr.Code] = pr.Name + "|" + pr.UpdatedAt.UTC().Format(time.RFC3339Nano)
		}
		want := portalCodes(t, p.URL)
		if d := diffSets(got, want); d != "" {
			t.Errorf("cache differs from the portal: %s", d)
		}
		if len(got) != p.Sim.Stats().Procedures {
			t.Errorf("cache holds %d procedures, portal publishes %d", len(got), p.Sim.Stats().Procedures)
		}
		record(fmt.Sprintf("kill -9 during a %d-procedure sync (%d kills)", n, len(killedAt)),
			fmt.Sprintf("killed after %v of %d pages (plus 0-40 ms); each restart found the cache intact and resumed; edits and deletions made while down arrived; %.0f s in all",
				killedAt, pagesTotal, took.Seconds()),
			"nothing (cache equals portal, codes, names and update times)")
	})
}

func TestKilledDuringRatingDelivery(t *testing.T) {
	const n, kills = 200, 6
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	cachePath := filepath.Join(t.TempDir(), "cache.db")
	cache, err := catalog.Open(cachePath, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("e2e-01-rating-%03d", i)
		if err := ksync.EnqueueRating(cache, portal.Rating{ID: ids[i], KioskID: "e2e-01", Overall: 1 + i%5,
			CreatedAt: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
	}
	cache.Close()

	var killedAt []int
	sent := 0
	for i := 0; i < kills; i++ {
		c := startChild(t, "deliver", p.URL, cachePath)
		target := 1 + rng.Intn(n/kills)
		jitter := time.Duration(0)
		if i%2 == 1 {
			jitter = time.Duration(rng.Intn(5000)) * time.Microsecond
		}
		seen, finished := c.killAfter(t, "sent ", target, jitter)
		sent += seen
		if finished {
			break
		}
		killedAt = append(killedAt, seen)
		assertCacheIntact(t, cachePath)
	}
	c := startChild(t, "deliver", p.URL, cachePath)
	seen, finished := c.killAfter(t, "sent ", 1<<30, 0)
	sent += seen
	if !finished {
		t.Fatal("the last child did not finish")
	}

	t.Run("every rating reached the portal exactly once", func(t *testing.T) {
		assertRatingsExactlyOnce(t, p, ids)
		if got := len(p.Sim.Ratings()); got != n {
			t.Errorf("portal holds %d ratings, want %d", got, n)
		}
		assertCacheIntact(t, cachePath)
		c, err := catalog.Open(cachePath, catalog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if d, _ := c.OutboxDepth(); d != 0 {
			t.Errorf("outbox still holds %d items", d)
		}
		if dl, _ := c.DeadLetters(); len(dl) != 0 {
			t.Errorf("%d ratings went to dead letters", len(dl))
		}
		replays := p.Sim.Stats().Replays
		if replays > int64(len(killedAt)) {
			t.Errorf("%d replays after %d kills: ratings were re-sent beyond the one in flight at each kill", replays, len(killedAt))
		}
		record(fmt.Sprintf("kill -9 during delivery of %d ratings (%d kills)", n, len(killedAt)),
			fmt.Sprintf("killed after %v acknowledged sends (some right between the portal's answer and the outbox commit); %d sends in all, %d answered as replays of an already stored key", killedAt, sent, replays),
			fmt.Sprintf("nothing: portal holds each of the %d ratings once", n))
	})
}
