package e2e

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The real-window monkey plays the citizen who taps everything: the look and
// language toggles of the start screen, then random taps and swipes all over
// the 1080×1920 kiosk window, the odd scan (good, noisy, nonsense) on the
// serial scanner and the odd keyboard shortcut, for
// -monkey (ten minutes in `make e2e`; 90 s in the CI form). Every round ends
// with nobody touching the screen: the idle timer must bring back the very
// start screen the kiosk opened with. Between rounds the test samples the
// process's resident size, the Go heap and goroutines, so growth shows as a
// trend across rounds taken at the same quiet moment (after an idle reset),
// not as the noise of a screen in the middle of drawing.

var monkeyFor = flag.Duration("monkey", 0, "tap the real kiosk window at random for this long (e.g. 10m); also KIOSK_MONKEY")

// monkeyRound is how long one round of tapping lasts before the test lets
// the idle timer reset the kiosk and takes its samples: a quarter of the run,
// at least 45 s and at most two and a half minutes.
func monkeyRound(total time.Duration) time.Duration {
	return min(max(total/4, 45*time.Second), 150*time.Second)
}

// monkeyWarmUp is the tapping after which the caches are warm: every screen
// drawn in both languages, large text and high contrast, at least once.
// Growth is measured from the first sample taken after it.
const monkeyWarmUp = 90 * time.Second

// monkeyPlan is how long the monkey taps: -monkey, $KIOSK_MONKEY, or three
// minutes in the CI form (four rounds: 90 s to warm up, 90 s to measure).
func monkeyPlan(t *testing.T) time.Duration {
	d := *monkeyFor
	if env := os.Getenv("KIOSK_MONKEY"); d == 0 && env != "" {
		v, err := time.ParseDuration(env)
		if err != nil {
			t.Fatalf("KIOSK_MONKEY=%q: %v", env, err)
		}
		d = v
	}
	if d == 0 {
		d = 3 * time.Minute
	}
	return d
}

// escapeKeys are shortcuts that close, switch or open things on desktops
// and in toolkits; none may take the kiosk off the screen or open a dialog.
// (Ctrl+Alt+Backspace and Ctrl+Alt+Fn belong to the X server and the
// session, not the app, and would end this test's Xvfb.)
var escapeKeys = []string{
	"alt+F4", "ctrl+q", "ctrl+w", "Escape", "F11", "alt+Tab", "super", "ctrl+o", "ctrl+p",
	"ctrl+s", "ctrl+a", "ctrl+c", "ctrl+v", "F1", "alt+F2", "ctrl+shift+i", "ctrl+plus", "Menu",
}

type monkeySample struct {
	at                time.Duration // tapping time so far
	taps, scans, keys int
	rss, heap         float64 // bytes
	goHeld            float64 // bytes the Go runtime holds from the OS (sys less released)
	goroutines        float64
}

func TestMonkeyOnTheRealWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("the real-window monkey starts Xvfb and the kiosk binary; skipped with -short")
	}
	if _, err := exec.LookPath("import"); err != nil {
		t.Skipf("the real-window monkey compares screens with ImageMagick's import: %v", err)
	}
	total := monkeyPlan(t)
	roundLen := monkeyRound(total)
	rig := startWindowRig(t, true)
	ds, sim, scn, k, x, shots := rig.ds, rig.sim, rig.scn, rig.k, rig.x, rig.shots
	x.settle()
	start := x.raw()
	x.shot("monkey-0-start")
	t.Cleanup(func() {
		if t.Failed() {
			x.shot("monkey-failed")
			t.Logf("screenshots in %s", shots)
		}
	})

	// Shortcuts first, on the start screen: the kiosk stays, full size, on
	// the same screen, with no dialog or other window opened.
	for _, key := range escapeKeys {
		x.run("xdotool", "key", "--clearmodifiers", key)
	}
	time.Sleep(time.Second)
	x.settle()
	if !k.alive() {
		t.Fatalf("the kiosk exited after the shortcuts %v:\n%s", escapeKeys, k.logs.String())
	}
	x.findWindow() // fails unless the one window is still there at 1080×1920
	if wins := x.visibleWindows(); wins != 1 {
		t.Errorf("after the shortcuts %d windows are visible, want the kiosk's one", wins)
	}
	if d := screenDiff(start, x.raw()); d > 0.01 {
		x.shot("monkey-after-shortcuts")
		t.Errorf("the shortcuts changed %.1f%% of the start screen; want it untouched", 100*d)
	}
	record("a citizen presses desktop shortcuts (Alt+F4, Ctrl+Q/W, Escape, F11, Alt+Tab, Super, Ctrl+O/P/S, F1, Alt+F2, …) on a real window",
		"the kiosk kept running, its one window stayed 1080×1920, the start screen was unchanged, no dialog or other window opened", "nothing")

	qr := ""
	for _, d := range ds.Dossiers {
		if d.Code == demoDossier {
			qr = "https://dichvucong.hochiminhcity.gov.vn/tra-cuu-ho-so?code=" + d.Code + "&secretKey=" + d.Secret
		}
	}
	scans := []string{qr, demoDossier, "000.00.15.H29-261015-9999", "hello world", "\x00\x1b\x7f\xff garbage", strings.Repeat("9", 300)}

	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	t.Logf("monkey: %s of tapping in rounds of %s", total, roundLen)
	var samples []monkeySample
	var tapped time.Duration
	var taps, nscans, nkeys int
	takeSample := func() {
		samples = append(samples, monkeySample{
			at: tapped, taps: taps, scans: nscans, keys: nkeys,
			rss: float64(processRSS(t, k.pid)), heap: k.metric("go_memstats_heap_inuse_bytes"),
			goHeld:     k.metric("go_memstats_sys_bytes") - k.metric("go_memstats_heap_released_bytes"),
			goroutines: k.metric("go_goroutines"),
		})
	}
	takeSample()
	resets := k.metric("kiosk_idle_resets_total")
	for round := 1; tapped < total; round++ {
		// Each round starts on the start screen with what citizens often do
		// first, and what has leaked before: high contrast, the other
		// language, large text (each tap must change the screen).
		for _, b := range []string{"start: high contrast", "start: english", "start: large text"} {
			x.tapTo(b)
			taps++
		}
		d := min(roundLen, total-tapped)
		end := time.Now().Add(d)
		for time.Now().Before(end) {
			if !k.alive() {
				t.Fatalf("the kiosk exited after %s of tapping (%d taps):\n%s", tapped+d-time.Until(end), taps, k.logs.String())
			}
			px, py := strconv.Itoa(x.x0+rng.Intn(1080)), strconv.Itoa(x.y0+rng.Intn(1920))
			switch r := rng.Intn(100); {
			case r < 84: // a tap
				x.run("xdotool", "mousemove", px, py, "click", "1")
				taps++
			case r < 92: // a swipe, as when scrolling a list by finger
				qx, qy := strconv.Itoa(x.x0+rng.Intn(1080)), strconv.Itoa(x.y0+rng.Intn(1920))
				x.run("xdotool", "mousemove", px, py, "mousedown", "1", "mousemove", qx, qy, "mouseup", "1")
				taps++
			case r < 96: // a double tap
				x.run("xdotool", "mousemove", px, py, "click", "--repeat", "2", "--delay", "60", "1")
				taps += 2
			case r < 99: // something on the scanner
				scn.write([]byte(scans[rng.Intn(len(scans))] + "\r"))
				nscans++
			default: // a key
				x.run("xdotool", "key", "--clearmodifiers", escapeKeys[rng.Intn(len(escapeKeys))])
				nkeys++
			}
			time.Sleep(time.Duration(10+rng.Intn(50)) * time.Millisecond)
		}
		tapped += d

		// Hands off: the idle timer (20 s + 5 s countdown) must bring back
		// the start screen, whatever the monkey left open.
		for deadline := time.Now().Add(90 * time.Second); k.metric("kiosk_idle_resets_total") <= resets; time.Sleep(50 * time.Millisecond) {
			if !k.alive() {
				t.Fatalf("the kiosk exited while idle after round %d:\n%s", round, k.logs.String())
			}
			if time.Now().After(deadline) {
				// Issue 19, item 1 (a kiosk that draws but no longer
				// answers, seen under load): keep what is needed to find
				// out why — the screen, the health report's input probe,
				// and every goroutine's stack (SIGQUIT) in the kiosk log.
				x.shot(fmt.Sprintf("monkey-%d-no-idle-reset", round))
				status := k.status()
				_ = k.proc.Signal(syscall.SIGQUIT)
				time.Sleep(2 * time.Second)
				t.Fatalf("timed out after 90s waiting for the idle reset after round %d (shot monkey-%d-no-idle-reset.png); /status: %s", round, round, status)
			}
		}
		resets = k.metric("kiosk_idle_resets_total")
		time.Sleep(2 * time.Second) // the last frame of the reset
		x.settle()
		if diff := screenDiff(start, x.raw()); diff > 0.01 {
			x.shot(fmt.Sprintf("monkey-%d-after-idle", round))
			t.Fatalf("after round %d and the idle reset %.1f%% of the screen differs from the start screen (shot monkey-%d-after-idle.png)", round, 100*diff, round)
		}
		x.findWindow()
		takeSample()
		s := samples[len(samples)-1]
		t.Logf("round %d: %s tapped, %d taps, %d scans, %d keys; rss %.0f MB, Go heap %.0f MB, %v goroutines",
			round, tapped, taps, nscans, nkeys, s.rss/(1<<20), s.heap/(1<<20), s.goroutines)
	}
	x.shot("monkey-end")

	// What a staff member would notice afterwards: every rating the monkey
	// gave reached the portal, none twice.
	saved := 0.0
	for lvl := 1; lvl <= 5; lvl++ {
		saved += k.metric(fmt.Sprintf(`kiosk_ratings_total{level="%d"}`, lvl))
	}
	poll(t, 60*time.Second, "the monkey's ratings to leave the outbox", func() bool { return k.metric("kiosk_outbox_depth") == 0 })
	st := sim.Stats()
	if float64(st.Ratings) != saved {
		t.Errorf("the kiosk saved %v ratings and the portal holds %d", saved, st.Ratings)
	}

	first, last := samples[0], samples[len(samples)-1]
	if g := last.goroutines - first.goroutines; g > 8 {
		t.Errorf("goroutines grew from %v to %v over %s of tapping", first.goroutines, last.goroutines, tapped)
	}
	rest := trend(samples, func(m monkeySample) float64 { return m.rss - m.goHeld })
	resident := trend(samples, func(m monkeySample) float64 { return m.rss })
	report := monkeyReport(samples, resident, rest)
	t.Log("real-window monkey:\n" + report)
	if out := os.Getenv("KIOSK_E2E_MONKEY_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}
	// Flat means: after the warm-up has filled the caches (fonts, icons,
	// every screen drawn once), memory does not keep climbing with use. The
	// leaks found so far were outside Go's heap (text textures left in the
	// GL driver at every look change, fixed in c734b3a and 03a6538: the
	// binary before 03a6538 grows 65–76 MB a minute here), so the check is
	// on the resident memory Go does not hold; the Go heap's own swings
	// (±20 MB between samples) would drown a 90-second measurement. The
	// current kiosk is still settling in the CI form's short rounds (about
	// 19 MB a minute there, slowing round by round) and flat over ten
	// minutes (+0.3 MB a minute; docs/reliability.md), so the bound sits
	// between that and the old leak. Go-side growth shows in goroutines and
	// in the 768 MB ceiling below.
	if rest.measured && rest.perMin > monkeyRestPerMinute {
		t.Errorf("resident memory outside the Go heap grows %.1f MB per minute of tapping after warm-up (%+.0f MB); want at most %.0f",
			rest.perMin, rest.growth/(1<<20), monkeyRestPerMinute)
	}
	if last.rss > 768<<20 {
		t.Errorf("resident size reached %.0f MB, past the 768 MB at which a supervised kiosk restarts itself", last.rss/(1<<20))
	}
	record(fmt.Sprintf("a citizen taps everything at random on a real window (%s: %d taps and swipes, %d scans, %d keys)", tapped.Round(time.Second), taps, nscans, nkeys),
		fmt.Sprintf("no crash, no stuck screen: after each of %d rounds the idle reset brought back the start screen; after warm-up resident %.0f → %.0f MB (%+.1f MB/min, outside Go's heap %+.1f MB/min), goroutines %v → %v",
			len(samples)-1, resident.from/(1<<20), last.rss/(1<<20), resident.perMin, rest.perMin, first.goroutines, last.goroutines),
		fmt.Sprintf("nothing: %d ratings given, each reached the portal once; %d tickets issued", st.Ratings, st.Tickets))
}

// monkeyRestPerMinute is the largest growth of resident memory outside the
// Go heap, per minute of tapping between idle resets after the first round,
// that still counts as flat.
const monkeyRestPerMinute = 40.0

// growth is how one measure moved from the first sample after the warm-up
// to the last: in bytes and in MB per minute of tapping.
type growth struct {
	measured       bool // there were samples after the warm-up to compare
	from           float64
	growth, perMin float64
}

func trend(s []monkeySample, of func(monkeySample) float64) growth {
	warm := -1
	for i, m := range s {
		if m.at >= monkeyWarmUp {
			warm = i
			break
		}
	}
	if warm < 0 || warm == len(s)-1 {
		return growth{}
	}
	a, b := s[warm], s[len(s)-1]
	g := growth{measured: true, from: of(a), growth: of(b) - of(a)}
	if mins := (b.at - a.at).Minutes(); mins > 0 {
		g.perMin = g.growth / (1 << 20) / mins
	}
	return g
}

func monkeyReport(s []monkeySample, total, rest growth) string {
	var b strings.Builder
	b.WriteString("| tapping | taps | scans | keys | resident | Go heap in use | held by Go | rest (C heap, GL) | goroutines |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range s {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %.0f MB | %.0f MB | %.0f MB | %.0f MB | %v |\n", m.at.Round(time.Second), m.taps, m.scans, m.keys,
			m.rss/(1<<20), m.heap/(1<<20), m.goHeld/(1<<20), (m.rss-m.goHeld)/(1<<20), m.goroutines)
	}
	if total.measured {
		fmt.Fprintf(&b, "\nafter warm-up: resident %+.0f MB (%+.1f MB per minute of tapping), outside Go's heap %+.0f MB (%+.1f MB per minute)\n",
			total.growth/(1<<20), total.perMin, rest.growth/(1<<20), rest.perMin)
	}
	return b.String()
}

// processRSS reads a process's resident size from /proc.
func processRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("reading the kiosk's memory: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// raw returns the whole screen as 8-bit RGB (1080×1920×3 bytes).
func (x *xSession) raw() []byte {
	x.t.Helper()
	cmd := exec.Command("import", "-window", "root", "-depth", "8", "rgb:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.Output()
	if err != nil {
		x.t.Fatalf("reading the screen: %v", err)
	}
	return out
}

// visibleWindows counts the mapped windows with a name (the kiosk's, and
// any dialog or browser a shortcut might have opened).
func (x *xSession) visibleWindows() int {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", ".")
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, _ := cmd.Output() // exit 1 when nothing matches
	return len(strings.Fields(string(out)))
}

// screenDiff is the share of pixels that differ noticeably between two
// screens of the same size (1 when the sizes differ).
func screenDiff(a, b []byte) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 1
	}
	differ := 0
	for i := 0; i+2 < len(a); i += 3 {
		for c := 0; c < 3; c++ {
			d := int(a[i+c]) - int(b[i+c])
			if d > 24 || d < -24 {
				differ++
				break
			}
		}
	}
	return float64(differ) / float64(len(a)/3)
}
