package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portalsim"
	"kiosk/internal/receipt"
)

// The real-window test runs the kiosk binary as a lobby PC does — a site
// config, a serial printer and a serial scanner (pseudo-terminals played by
// the test), the portal over HTTP — on a virtual 1080×1920 X screen (Xvfb),
// and drives it with synthetic taps (xdotool). It checks what a citizen and
// the centre would notice: the portal is asked, receipts come out of the
// printer, the rating reaches the portal, the idle timer clears the session.
//
// Tap positions are in screen pixels of the portrait 1080×1920 layout
// (docs/screens holds the same screens at half size). The kiosk window opens
// at the top-left corner of a screen without a window manager; the test
// reads the window's position anyway and adds it.

// demoDossier is a dossier of the bundled demo dataset with its result ready.
const demoDossier = "000.00.15.H29-261015-0012"

// ticketNumber is a queue number on a line of its own, as the ticket
// prints it ("H-004").
var ticketNumber = regexp.MustCompile(`(?m)^[A-Z0-9]{1,3}-\d{3,4}$`)

// windowTaps are the centres of the buttons the test taps, in window pixels.
var windowTaps = map[string][2]int{
	"dossier: print":        {190, 1722},
	"bar: home":             {540, 1856},
	"start: take a number":  {540, 960},
	"ticket: first service": {280, 400},
	"ticket: confirm":       {540, 1592},
	"start: rate":           {540, 1220},
	"rating: satisfied":     {540, 590},
	"rating: send":          {540, 1722},
	"start: my application": {540, 700},
	"start: english":        {198, 1534},
	"start: large text":     {541, 1534},
	"start: high contrast":  {884, 1534},
}

func TestCitizenFlowsThroughTheRealWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("the real-window test starts Xvfb and the kiosk binary; skipped with -short")
	}
	rig := startWindowRig(t, false)
	ds, sim, prn, scn, k, x, shots := rig.ds, rig.sim, rig.prn, rig.scn, rig.k, rig.x, rig.shots
	t.Cleanup(func() {
		if t.Failed() {
			x.shot("failed")
			var kiosk []string
			for _, line := range strings.Split(k.scrape(), "\n") {
				if strings.HasPrefix(line, "kiosk_") && !strings.Contains(line, "_bucket") {
					kiosk = append(kiosk, line)
				}
			}
			t.Logf("screenshots in %s; kiosk metrics:\n%s\nprinter received:\n%s", shots, strings.Join(kiosk, "\n"), receiptText(prn.received()))
		}
	})
	x.shot("1-start")

	type row struct{ flow, did, lost string }
	var table []row
	note := func(flow, did, lost string) { table = append(table, row{flow, did, lost}) }

	// (a) A citizen scans the QR code on their receipt (the code and its
	// secret, as the one-stop desk prints them).
	secret := ""
	for _, d := range ds.Dossiers {
		if d.Code == demoDossier {
			secret = d.Secret
		}
	}
	if secret == "" {
		t.Fatalf("the demo dataset has no dossier %s with a secret", demoDossier)
	}
	qr := "https://dichvucong.hochiminhcity.gov.vn/tra-cuu-ho-so?code=" + demoDossier + "&secretKey=" + secret
	lookupsBefore := k.metric(`kiosk_lookups_total{kind="dossier",result="ok"}`)
	reqBefore := sim.Stats().Requests
	scn.write([]byte(qr + "\r"))
	poll(t, 20*time.Second, "the scanned dossier to be looked up on the portal", func() bool {
		return k.metric(`kiosk_lookups_total{kind="dossier",result="ok"}`) > lookupsBefore
	})
	if sim.Stats().Requests <= reqBefore {
		t.Error("the kiosk counted a dossier lookup but the portal saw no request")
	}
	x.settle()
	x.shot("2-dossier")
	note("scan a receipt QR on the serial scanner", "opened the dossier screen and asked the portal (lookup counted ok)", "nothing")

	// (b) They tap "print" on the result.
	x.tap("dossier: print")
	poll(t, 20*time.Second, "the status slip to reach the printer", func() bool {
		return strings.Contains(receiptText(prn.received()), demoDossier)
	})
	slip := len(prn.received())
	x.shot("3-dossier-printed")
	note("tap \"In phiếu\" on the dossier", fmt.Sprintf("printed a status slip (%d bytes ESC/POS) naming the dossier code", slip), "nothing")

	// (c) Home, then a queue ticket.
	x.tapTo("bar: home")
	ticketsBefore := sim.Stats().Tickets
	x.tapTo("start: take a number")
	x.shot("4-services")
	x.tapTo("ticket: first service")
	x.tap("ticket: confirm")
	poll(t, 20*time.Second, "the queue ticket to reach the printer", func() bool {
		return ticketNumber.MatchString(receiptText(prn.received()[slip:]))
	})
	if got := sim.Stats().Tickets; got != ticketsBefore+1 {
		t.Errorf("the portal issued %d tickets for one tap, want 1", got-ticketsBefore)
	}
	x.shot("5-ticket")
	note("take a number by taps", "the portal issued one ticket and it printed", "nothing")

	// (d) Home, then rate the service.
	x.tapTo("bar: home")
	x.tapTo("start: rate")
	x.shot("6-rating")
	x.tapTo("rating: satisfied")
	x.shot("7-rating-details")
	x.tap("rating: send")
	poll(t, 20*time.Second, "the rating to reach the portal", func() bool { return sim.Stats().Ratings == 1 })
	x.shot("8-thanks")
	note("rate the service by taps", "the rating reached the portal once (outbox delivery)", "nothing")

	// (e) The citizen walks away from an open screen.
	x.tapTo("bar: home")
	x.tapTo("start: my application")
	x.shot("9-left-open")
	resetsBefore := k.metric("kiosk_idle_resets_total")
	poll(t, 60*time.Second, "the idle timer to return the kiosk to the start screen", func() bool {
		return k.metric("kiosk_idle_resets_total") > resetsBefore
	})
	if got := k.metric("kiosk_idle_resets_total"); got != 1 {
		t.Errorf("kiosk_idle_resets_total = %v after one abandoned session, want 1", got)
	}
	x.settle()
	x.shot("10-after-idle")
	note("walk away from an open screen", "after idle_timeout + idle_countdown went back to the start screen (kiosk_idle_resets_total 1)", "the abandoned session, on purpose")

	// Nothing was sent twice while all this went on.
	if st := sim.Stats(); st.Ratings != 1 || st.Replays != 0 || st.Tickets != ticketsBefore+1 {
		t.Errorf("the portal ends with %d ratings (%d replays) and %d tickets; want 1, 0 and %d", st.Ratings, st.Replays, st.Tickets, ticketsBefore+1)
	}

	var b strings.Builder
	b.WriteString("| flow | what the kiosk did | what was lost |\n|---|---|---|\n")
	for _, r := range table {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r.flow, r.did, r.lost)
	}
	t.Log("real window results:\n" + b.String())
	if out := os.Getenv("KIOSK_E2E_WINDOW_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// windowRig is the kiosk binary running as a lobby PC runs it, in a window
// on its own Xvfb screen: the demo dataset served by the portal simulator on
// loopback, a printer (answering "paper OK") and a scanner on
// pseudo-terminals, the cache and receipts in a temporary folder.
type windowRig struct {
	ds       *portalsim.Dataset
	sim      *portalsim.Server
	prn, scn *ptyDevice
	k        *windowKiosk
	x        *xSession
	dir      string
	shots    string // screenshots go here ($KIOSK_E2E_SHOTS or a temporary folder)
}

// startWindowRig starts the rig and waits for the start screen; it skips
// the test when Xvfb or xdotool is missing. discardPrints keeps only a byte
// count of what is printed (long runs).
func startWindowRig(t *testing.T, discardPrints bool) *windowRig {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the real-window tests need %s (Debian packages xvfb and xdotool): %v", tool, err)
		}
	}
	r := &windowRig{shots: os.Getenv("KIOSK_E2E_SHOTS"), dir: t.TempDir()}
	if r.shots == "" {
		r.shots = t.TempDir()
	} else if err := os.MkdirAll(r.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	display := startXvfb(t)
	bin := buildKioskBinary(t)
	var err error
	if r.ds, err = portalsim.Demo(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sim, portalURL, stopSim, err := portalsim.StartServer(ctx, "127.0.0.1:0", r.ds, portalsim.Options{KioskKey: "demo-key"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopSim)
	r.sim = sim
	r.prn = newPtyDevice(t, "kiosk-printer", true)
	r.prn.discard = discardPrints
	r.prn.setStatus(func() []byte { return paperOK })
	r.scn = newPtyDevice(t, "kiosk-scanner", false)
	cfgPath := writeWindowConfig(t, r.dir, portalURL, r.prn.Link, r.scn.Link)
	r.k = startKioskWindow(t, bin, cfgPath, display, r.dir)
	r.x = &xSession{t: t, display: display, shots: r.shots}
	r.x.findWindow()
	return r
}

// startXvfb starts a virtual portrait screen on a free display number
// (Xvfb picks it and tells through -displayfd) and returns ":N".
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1080x1920x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Skipf("Xvfb does not start here: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb gave no display number (%q): %s", n, stderr.String())
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatalf("Xvfb did not start: %s", stderr.String())
	}
	return ""
}

// buildKioskBinary builds cmd/kiosk into a temporary folder, or uses the
// binary $KIOSK_E2E_KIOSK_BIN names (a packaged build, say).
func buildKioskBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("KIOSK_E2E_KIOSK_BIN"); bin != "" {
		return bin
	}
	root := moduleRoot(t)
	bin := filepath.Join(t.TempDir(), "kiosk")
	cmd := exec.Command(goTool(), "build", "-o", bin, "./cmd/kiosk")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the kiosk: %v\n%s", err, out)
	}
	return bin
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(goTool(), "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("finding the module root: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// writeWindowConfig writes kiosk-config/demo.toml with the test's portal,
// devices, cache and short idle timer.
func writeWindowConfig(t *testing.T, dir, portalURL, printerPort, scannerPort string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(moduleRoot(t), "kiosk-config", "demo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	set := func(section, key, value string) {
		t.Helper()
		var out []string
		cur, done := "", false
		for _, line := range strings.Split(text, "\n") {
			trim := strings.TrimSpace(line)
			if strings.HasPrefix(trim, "[") {
				cur = strings.Trim(trim, "[]")
			}
			if cur == section && !done && strings.HasPrefix(trim, key+" ") && strings.Contains(trim, "=") {
				line, done = key+" = "+strconv.Quote(value), true
			}
			out = append(out, line)
		}
		if !done {
			t.Fatalf("demo.toml has no %s.%s", section, key)
		}
		text = strings.Join(out, "\n")
	}
	set("kiosk", "idle_timeout", "20s")
	set("kiosk", "idle_countdown", "5s")
	set("kiosk", "receipt_dir", filepath.Join(dir, "receipts"))
	set("voice", "dir", filepath.Join(dir, "speech"))
	set("portal", "base_url", portalURL)
	set("printer", "port", printerPort)
	set("printer", "profile", "epson-tm-t20iii")
	set("scanner", "port", scannerPort)
	set("scanner", "suffix", "CR")
	set("cache", "path", filepath.Join(dir, "cache.db"))
	// The config wants a real port: take a free one from the system.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	set("metrics", "listen", l.Addr().String())
	l.Close()
	if !strings.Contains(text, "fullscreen = false") {
		t.Fatal("demo.toml is expected to open a window, not go fullscreen")
	}
	path := filepath.Join(dir, "kiosk.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(path, config.Known{Profiles: receipt.ProfileNames()}); err != nil {
		t.Fatalf("the test's site config does not load: %v", err)
	}
	return path
}

// windowKiosk is the running kiosk process.
type windowKiosk struct {
	t       *testing.T
	logs    *syncBuffer
	metrics string // http://addr/metrics
	pid     int
	exited  chan struct{} // closed when the process has ended
	proc    *os.Process
}

// kill ends the kiosk with SIGKILL, as a power cut or the OOM killer does,
// and waits until it is gone.
func (k *windowKiosk) kill() {
	_ = k.proc.Signal(syscall.SIGKILL)
	<-k.exited
}

// stop ends the kiosk as systemd does (SIGTERM) and waits until it is gone.
func (k *windowKiosk) stop() {
	_ = k.proc.Signal(syscall.SIGTERM)
	select {
	case <-k.exited:
	case <-time.After(10 * time.Second):
		k.kill()
	}
}

// alive reports whether the kiosk process is still running.
func (k *windowKiosk) alive() bool {
	select {
	case <-k.exited:
		return false
	default:
		return true
	}
}

var metricsAddr = regexp.MustCompile(`msg="metrics served" addr=(\S+)`)

// startKioskWindow runs the kiosk binary on display and waits until its
// start screen is up (msg=ready).
func startKioskWindow(t *testing.T, bin, cfgPath, display, dir string) *windowKiosk {
	t.Helper()
	logs := &syncBuffer{}
	cmd := exec.Command(bin, "-config", cfgPath)
	cmd.Dir = dir
	env := []string{"DISPLAY=" + display, "HOME=" + dir, "XDG_CONFIG_HOME=" + filepath.Join(dir, ".config"),
		"XDG_RUNTIME_DIR=" + dir, "LIBGL_ALWAYS_SOFTWARE=1"}
	for _, e := range os.Environ() {
		switch strings.SplitN(e, "=", 2)[0] {
		case "DISPLAY", "HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "WAYLAND_DISPLAY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "INVOCATION_ID":
		default:
			env = append(env, e)
		}
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("kiosk log:\n%s", logs.String())
		}
	})
	k := &windowKiosk{t: t, logs: logs, pid: cmd.Process.Pid, exited: exited, proc: cmd.Process}
	poll(t, 60*time.Second, "the kiosk to show its start screen (msg=ready)", func() bool {
		select {
		case <-exited:
			t.Fatalf("the kiosk exited before it was ready:\n%s", logs.String())
		default:
		}
		return strings.Contains(logs.String(), "msg=ready")
	})
	m := metricsAddr.FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("the kiosk serves no metrics:\n%s", logs.String())
	}
	k.metrics = "http://" + m[1] + "/metrics"
	return k
}

// scrape returns the kiosk's /metrics text ("" when it cannot be read).
func (k *windowKiosk) scrape() string {
	resp, err := http.Get(k.metrics)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// status returns the kiosk's /status health report, or why it could not be
// read.
func (k *windowKiosk) status() string {
	resp, err := http.Get(strings.TrimSuffix(k.metrics, "/metrics") + "/status")
	if err != nil {
		return "unreadable: " + err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	return string(body)
}

// metric reads one sample from the kiosk's /metrics (0 when absent).
func (k *windowKiosk) metric(series string) float64 {
	k.t.Helper()
	resp, err := http.Get(k.metrics)
	if err != nil {
		k.t.Fatalf("reading the kiosk's metrics: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				k.t.Fatalf("metric %s: %v", line, err)
			}
			return f
		}
	}
	return 0
}

// xSession taps on and photographs the virtual screen.
type xSession struct {
	t       *testing.T
	display string
	shots   string
	x0, y0  int // the kiosk window's top-left corner on the screen
}

func (x *xSession) run(name string, args ...string) string {
	x.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		x.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// findWindow finds the kiosk's window and its position.
func (x *xSession) findWindow() {
	x.t.Helper()
	var id string
	poll(x.t, 20*time.Second, "the kiosk window to be mapped", func() bool {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", ".")
		cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
		out, _ := cmd.Output()
		f := strings.Fields(string(out))
		if len(f) > 0 {
			id = f[0]
		}
		return id != ""
	})
	geo := x.run("xdotool", "getwindowgeometry", "--shell", id)
	vals := map[string]int{}
	for _, line := range strings.Split(geo, "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			vals[k], _ = strconv.Atoi(v)
		}
	}
	x.x0, x.y0 = vals["X"], vals["Y"]
	if vals["WIDTH"] != 1080 || vals["HEIGHT"] != 1920 {
		x.t.Fatalf("the kiosk window is %dx%d at %d,%d; the tap positions are for the 1080x1920 portrait layout", vals["WIDTH"], vals["HEIGHT"], x.x0, x.y0)
	}
}

// tap clicks the named button.
func (x *xSession) tap(name string) {
	x.t.Helper()
	p, ok := windowTaps[name]
	if !ok {
		x.t.Fatalf("no tap position for %q", name)
	}
	sx, sy := strconv.Itoa(x.x0+p[0]), strconv.Itoa(x.y0+p[1])
	x.run("xdotool", "mousemove", "--sync", sx, sy)
	x.run("xdotool", "click", "1")
}

// screen is a fingerprint of what the screen shows ("" without ImageMagick).
func (x *xSession) screen() string {
	if _, err := exec.LookPath("import"); err != nil {
		return ""
	}
	cmd := exec.Command("import", "-window", "root", "rgb:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(out)
	return string(sum[:])
}

// tapTo taps the named button and waits until the screen has changed and
// then stopped changing (the next screen is drawn), so the next tap lands on
// it even on a slow machine. Screens with an animation never stop
// changing; the wait for stillness gives up after a few seconds.
func (x *xSession) tapTo(name string) {
	x.t.Helper()
	before := x.screen()
	x.tap(name)
	if before == "" {
		time.Sleep(time.Second)
		return
	}
	poll(x.t, 20*time.Second, "the screen to change after tapping "+name, func() bool { return x.screen() != before })
	x.settle()
}

// settle waits until two looks at the screen, a moment apart, agree.
func (x *xSession) settle() {
	last := x.screen()
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); {
		time.Sleep(150 * time.Millisecond)
		now := x.screen()
		if now == last {
			return
		}
		last = now
	}
}

// shot saves a screenshot of the whole screen when ImageMagick is there.
func (x *xSession) shot(name string) {
	x.t.Helper()
	if _, err := exec.LookPath("import"); err != nil {
		return
	}
	path := filepath.Join(x.shots, name+".png")
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		x.t.Logf("screenshot %s: %v %s", name, err, bytes.TrimSpace(out))
	}
}

// poll waits until cond holds, failing the test after limit.
func poll(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
