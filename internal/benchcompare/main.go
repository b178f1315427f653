// Command benchcompare takes the side-by-side figures of docs/performance.md
// in one run on one machine (make bench-compare): search latency and judged
// top-3 against bleve, the kiosk's start-up, CPU and memory against an empty
// Fyne window built from the same module (under Xvfb), and full syncs from
// the simulator on loopback, on both synthetic corpora. It prints a Markdown
// table. It is a measuring tool, not part of the product.
//
//	go run ./internal/benchcompare [-bin bin] [-display :99] [-n 60000] [-runs 5] [-out FILE]
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	bin, display, out, goCmd string
	n, runs, searchCount     int
	corpora                  []string
	steady                   time.Duration
	skipSearch, skipStart    bool
}

func main() {
	var o options
	corpora := flag.String("corpora", "recombined,realistic", "synthetic `MODES` (portalsim -synthetic-mode), comma-separated")
	flag.StringVar(&o.bin, "bin", "bin", "`DIR` with kiosk, kioskctl, portalsim and emptywindow")
	flag.StringVar(&o.display, "display", ":99", "X `DISPLAY` to start Xvfb on (or use, if one is running there)")
	flag.StringVar(&o.out, "out", "", "also write the table to `FILE`")
	flag.StringVar(&o.goCmd, "go", "go", "the go `COMMAND` (for the search benchmarks)")
	flag.IntVar(&o.n, "n", 60000, "synthetic procedures")
	flag.IntVar(&o.runs, "runs", 5, "start-ups and syncs per corpus (medians are reported)")
	flag.IntVar(&o.searchCount, "search-count", 1, "runs of the search benchmark (-count; medians are reported)")
	flag.DurationVar(&o.steady, "steady", 15*time.Second, "how long after start the steady resident memory is read")
	flag.BoolVar(&o.skipSearch, "skip-search", false, "leave out the search comparison")
	flag.BoolVar(&o.skipStart, "skip-startup", false, "leave out start-up and memory")
	flag.Parse()
	o.corpora = strings.Split(*corpora, ",")
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(1)
	}
}

// row is one line of the table.
type row struct{ what, corpus, ours, ref, ratio, goal, stands string }

func run(o options) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	work, err := os.MkdirTemp("", "benchcompare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	loadBefore := loadAvg()
	start := time.Now()
	var rows []row
	var notes []string

	if !o.skipSearch {
		logf("search: ours vs bleve (go test -bench Compare -cpu 1 -count %d)", o.searchCount)
		r, err := searchRows(ctx, o)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	var stopX func()
	if !o.skipStart {
		if stopX, err = ensureX(o.display); err != nil {
			return err
		}
		defer stopX()
	}
	var empty procStats
	if !o.skipStart {
		logf("start-up: empty Fyne window, %d runs", o.runs)
		if empty, err = startups(ctx, o, filepath.Join(o.bin, "emptywindow"), nil); err != nil {
			return fmt.Errorf("empty window: %w", err)
		}
	}
	for _, mode := range o.corpora {
		logf("corpus %s: simulator with %d procedures", mode, o.n)
		sim, err := startSim(ctx, o, mode, work)
		if err != nil {
			return err
		}
		logf("corpus %s: %d full syncs", mode, o.runs)
		sy, cache, err := syncs(ctx, o, sim, mode, work)
		if err != nil {
			sim.stop()
			return err
		}
		rows = append(rows, row{what: "full sync of the catalogue from the simulator on loopback (wall; CPU kioskctl + simulator)", corpus: mode,
			ours: fmt.Sprintf("%s (CPU %s + %s), %.0f MB cache", secs(sy.wall), secs(sy.cpu), secs(sy.simCPU), sy.cacheMB),
			ref:  "—", ratio: "—", goal: "≤ 10 s", stands: verdict(sy.wall <= 10*time.Second)})
		if !o.skipStart {
			cfg, err := kioskConfig(work, mode, cache, sim.url)
			if err != nil {
				sim.stop()
				return err
			}
			// The kiosk stores its search index after building it, and every
			// later start loads it: one full run first, as a kiosk that has
			// been running since its last sync would have done.
			logf("corpus %s: a first kiosk start that builds and stores the search index", mode)
			if err := primeIndex(ctx, o, filepath.Join(o.bin, "kiosk"), []string{"-config", cfg}); err != nil {
				sim.stop()
				return fmt.Errorf("kiosk: %w", err)
			}
			logf("corpus %s: %d kiosk start-ups", mode, o.runs)
			k, err := startups(ctx, o, filepath.Join(o.bin, "kiosk"), []string{"-config", cfg})
			if err != nil {
				sim.stop()
				return fmt.Errorf("kiosk: %w", err)
			}
			rows = append(rows,
				row{"start-up to the first screen, `-exit-after-ready`, whole process: wall", mode, secs(k.wall), secs(empty.wall),
					fmt.Sprintf("+%s", secs(k.wall-empty.wall)), "≤ empty + 0.25 s", verdict(k.wall-empty.wall <= 250*time.Millisecond)},
				row{"… CPU (user + system)", mode, secs(k.cpu), secs(empty.cpu), fmt.Sprintf("+%s", secs(k.cpu-empty.cpu)), "—", "—"},
				row{"… `ready startup_ms` logged", mode, fmt.Sprintf("%d ms", k.readyMS), fmt.Sprintf("%d ms", empty.readyMS), "—", "—", "—"},
				row{fmt.Sprintf("resident memory %s after start (VmRSS)", o.steady), mode, mb(k.steadyRSS), mb(empty.steadyRSS),
					fmt.Sprintf("+%s", mb(k.steadyRSS-empty.steadyRSS)), "≤ empty + 40 MB", verdict(k.steadyRSS-empty.steadyRSS <= 40<<20)},
				row{"peak resident memory during start-up (VmHWM)", mode, mb(k.peakRSS), mb(empty.peakRSS),
					fmt.Sprintf("+%s", mb(k.peakRSS-empty.peakRSS)), "≤ empty + 120 MB", verdict(k.peakRSS-empty.peakRSS <= 120<<20)},
			)
		}
		sim.stop()
	}
	loadAfter := loadAvg()
	notes = append(notes,
		fmt.Sprintf("Machine: %s, %d CPUs; load average (1, 5, 15 min) %s before and %s after; %s in all.",
			cpuModel(), runtime.NumCPU(), loadBefore, loadAfter, time.Since(start).Round(time.Second)),
		fmt.Sprintf("Search: 281 queries × 3 per run, limit 20, thread CPU time, median of %d runs (`-cpu 1`). Start-up and memory: median of %d runs under Xvfb %s (1080×1920); sync: median of %d runs, page size 500, one fsynced commit per five pages.",
			o.searchCount, o.runs, o.display, o.runs))
	if crashes > 0 {
		notes = append(notes, fmt.Sprintf("%d start-up run(s) crashed on the way out and were repeated (see the log).", crashes))
	}
	table := render(rows, notes)
	fmt.Print(table)
	if o.out != "" {
		if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(o.out, []byte(table), 0o644)
	}
	return nil
}

// crashes counts start-up runs that failed and were repeated.
var crashes int

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "benchcompare: "+format+"\n", a...)
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "**not met**"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(b int64) string           { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func render(rows []row, notes []string) string {
	var b strings.Builder
	b.WriteString("| what | corpus | ours | reference, same run | ratio / difference | goal | stands |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.what, r.corpus, r.ours, r.ref, r.ratio, r.goal, r.stands)
	}
	b.WriteString("\n")
	for _, n := range notes {
		b.WriteString(n + "\n\n")
	}
	return b.String()
}

// --- search ---------------------------------------------------------------

var benchLine = regexp.MustCompile(`^BenchmarkCompare/corpus=(\w+)/procedures=(\d+)/engine=([\w-]+)\S*\s+\d+\s+(.*)$`)

func searchRows(ctx context.Context, o options) ([]row, error) {
	out, err := goTest(ctx, o, "-run", "^$", "-bench", "Compare", "-benchtime", "843x", "-cpu", "1",
		"-count", strconv.Itoa(o.searchCount), "./internal/search/blevecmp")
	if err != nil {
		return nil, err
	}
	// metric values per corpus/size/engine/metric, one per run
	vals := map[string][]float64{}
	var keys []string
	for _, l := range strings.Split(out, "\n") {
		m := benchLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		f := strings.Fields(m[4])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			k := strings.Join([]string{m[1], m[2], m[3], f[i+1]}, "|")
			if _, ok := vals[k]; !ok {
				keys = append(keys, k)
			}
			vals[k] = append(vals[k], v)
		}
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("no BenchmarkCompare results in:\n%s", out)
	}
	get := func(corpus, n, engine, metric string) float64 {
		return median(vals[strings.Join([]string{corpus, n, engine, metric}, "|")])
	}
	var rows []row
	seen := map[string]bool{}
	for _, k := range keys {
		p := strings.Split(k, "|")
		ck := p[0] + "|" + p[1]
		if seen[ck] {
			continue
		}
		seen[ck] = true
		corpus, n := p[0], p[1]
		oursP50, oursP99 := get(corpus, n, "ours", "cpu-p50-µs"), get(corpus, n, "ours", "cpu-p99-µs")
		blP50, blP99 := get(corpus, n, "bleve", "cpu-p50-µs"), get(corpus, n, "bleve", "cpu-p99-µs")
		goal, stands := "—", "—"
		if n == "60000" {
			goal = "p99 ≤ 1 ms; ≥ 40× bleve at p50 and p99"
			stands = verdict(oursP99 <= 1000 && blP50/oursP50 >= 40 && blP99/oursP99 >= 40)
		}
		rows = append(rows, row{
			what:   fmt.Sprintf("search, %s procedures, CPU p50 / p99", thousands(n)),
			corpus: corpus,
			ours:   fmt.Sprintf("%s / %s", us(oursP50), us(oursP99)),
			ref:    fmt.Sprintf("bleve %s / %s", us(blP50), us(blP99)),
			ratio:  fmt.Sprintf("%.0f× / %.0f×", blP50/oursP50, blP99/oursP99),
			goal:   goal, stands: stands,
		}, row{
			what:   fmt.Sprintf("… wall p50 / p99 (includes waiting for a core)"),
			corpus: corpus,
			ours:   fmt.Sprintf("%s / %s", us(get(corpus, n, "ours", "wall-p50-µs")), us(get(corpus, n, "ours", "wall-p99-µs"))),
			ref:    fmt.Sprintf("bleve %s / %s", us(get(corpus, n, "bleve", "wall-p50-µs")), us(get(corpus, n, "bleve", "wall-p99-µs"))),
			ratio:  "—", goal: "—", stands: "—",
		})
	}
	out, err = goTest(ctx, o, "-count", "1", "-run", "TestJudgedTop3", "-v", "./internal/search/blevecmp")
	if err != nil {
		return nil, err
	}
	top3 := map[string]string{}
	re := regexp.MustCompile(`(\S+): top-3 accuracy (\d+)/(\d+) = ([\d.]+)%`)
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		top3[m[1]] = fmt.Sprintf("%s/%s = %s %%", m[2], m[3], m[4])
	}
	rows = append(rows, row{what: "judged queries, intended procedure in the top 3 (demo dataset)", corpus: "demo",
		ours: top3["ours"] + " (without the dictionary " + top3["ours-nodict"] + ")", ref: "bleve " + top3["bleve"],
		ratio: "—", goal: "no judged top-3 lost (79/79)", stands: verdict(strings.HasPrefix(top3["ours"], "79/79"))})
	return rows, nil
}

func goTest(ctx context.Context, o options, args ...string) (string, error) {
	// No test timeout: bleve at national scale takes minutes per run.
	cmd := exec.CommandContext(ctx, o.goCmd, append([]string{"test", "-timeout", "0"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go test %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), nil
}

func us(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%.2f ms", v/1000)
	}
	return fmt.Sprintf("%.0f µs", v)
}

func thousands(n string) string {
	if len(n) > 3 {
		return n[:len(n)-3] + "," + n[len(n)-3:]
	}
	return n
}

func median[T int64 | float64 | time.Duration](v []T) T {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// --- processes ------------------------------------------------------------

type procStats struct {
	wall, cpu          time.Duration
	peakRSS, steadyRSS int64
	readyMS            int64
}

var readyRE = regexp.MustCompile(`msg=ready startup_ms=(\d+)`)

// startups runs bin -exit-after-ready o.runs times (wall, CPU, VmHWM), then
// once more without it to read VmRSS after o.steady.
func startups(ctx context.Context, o options, bin string, args []string) (procStats, error) {
	var walls, cpus []time.Duration
	var peaks, readys []int64
	failures := 0
	for len(walls) < o.runs {
		cmd := exec.CommandContext(ctx, bin, append(slices.Clone(args), "-exit-after-ready")...)
		cmd.Env = append(os.Environ(), "DISPLAY="+o.display)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			// A crash on the way out (seen: GLFW delivering a mouse event
			// to a window being destroyed) is noted and the run repeated;
			// three in a row stop the measurement.
			if failures++; failures > 3 {
				return procStats{}, fmt.Errorf("%s: %w\n%s", bin, err, tail(errb.String()))
			}
			logf("%s failed (%v), repeating the run:\n%s", bin, err, tail(errb.String()))
			crashes++
			continue
		}
		failures = 0
		walls = append(walls, time.Since(t0))
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpus = append(cpus, time.Duration(ru.Utime.Nano()+ru.Stime.Nano()))
		peaks = append(peaks, ru.Maxrss<<10)
		m := readyRE.FindStringSubmatch(errb.String())
		if m == nil {
			return procStats{}, fmt.Errorf("%s logged no ready line:\n%s", bin, tail(errb.String()))
		}
		ms, _ := strconv.ParseInt(m[1], 10, 64)
		readys = append(readys, ms)
	}
	st := procStats{wall: median(walls), cpu: median(cpus), peakRSS: median(peaks), readyMS: median(readys)}
	var steady []int64
	for range max(1, o.runs/2) {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+o.display)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			return st, err
		}
		time.Sleep(o.steady)
		rss, err := vmRSS(cmd.Process.Pid)
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if err != nil {
			return st, fmt.Errorf("reading %s's memory: %w\n%s", bin, err, tail(errb.String()))
		}
		steady = append(steady, rss)
	}
	st.steadyRSS = median(steady)
	return st, nil
}

// primeIndex runs bin until it logs that its search index is stored (or
// loaded: stored by an earlier run), then stops it.
func primeIndex(ctx context.Context, o options, bin string, args []string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+o.display)
	errs, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { io.Copy(io.Discard, errs); cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	sc := bufio.NewScanner(errs)
	var seen []string
	for sc.Scan() {
		l := sc.Text()
		if strings.Contains(l, "msg=\"search index stored\"") || strings.Contains(l, "msg=\"search index loaded\"") {
			return nil
		}
		seen = append(seen, l)
	}
	return fmt.Errorf("%s never stored its search index:\n%s", bin, tail(strings.Join(seen, "\n")))
}

func vmRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			f := strings.Fields(l)
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// procCPU is a running process's user+system CPU from /proc (clock ticks).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100 on Linux
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

type sim struct {
	url  string
	cmd  *exec.Cmd
	stop func()
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func startSim(ctx context.Context, o options, mode, work string) (*sim, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, filepath.Join(o.bin, "portalsim"), "-listen", addr,
		"-synthetic", strconv.Itoa(o.n), "-synthetic-mode", mode)
	logFile, err := os.Create(filepath.Join(work, "portalsim-"+mode+".log"))
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &sim{url: "http://" + addr, cmd: cmd, stop: func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		logFile.Close()
	}}
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return s, nil
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			s.stop()
			return nil, fmt.Errorf("the simulator did not start on %s", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type syncStats struct {
	wall, cpu, simCPU time.Duration
	cacheMB           float64
}

// syncs runs o.runs full syncs into fresh caches and keeps the last cache
// for the start-up runs.
func syncs(ctx context.Context, o options, s *sim, mode, work string) (syncStats, string, error) {
	var walls, cpus, sims []time.Duration
	var cache string
	var size float64
	for i := range o.runs {
		cache = filepath.Join(work, fmt.Sprintf("cache-%s-%d.db", mode, i))
		simBefore := procCPU(s.cmd.Process.Pid)
		cmd := exec.CommandContext(ctx, filepath.Join(o.bin, "kioskctl"), "-config", "kiosk-config/demo.toml",
			"-portal", s.url, "-cache", cache, "sync", "-full")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		t0 := time.Now()
		if err := cmd.Run(); err != nil {
			return syncStats{}, "", fmt.Errorf("kioskctl sync: %w\n%s", err, tail(out.String()))
		}
		walls = append(walls, time.Since(t0))
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpus = append(cpus, time.Duration(ru.Utime.Nano()+ru.Stime.Nano()))
		sims = append(sims, procCPU(s.cmd.Process.Pid)-simBefore)
		if info, err := os.Stat(cache); err == nil {
			size = float64(info.Size()) / (1 << 20)
		}
		if i < o.runs-1 {
			os.Remove(cache)
		}
	}
	return syncStats{wall: median(walls), cpu: median(cpus), simCPU: median(sims), cacheMB: size}, cache, nil
}

// kioskConfig writes a copy of the demo config that uses cache, talks to the
// simulator at url, serves no metrics port (other kiosks may hold 9310) and
// keeps receipts and speech in work.
func kioskConfig(work, mode, cache, url string) (string, error) {
	b, err := os.ReadFile("kiosk-config/demo.toml")
	if err != nil {
		return "", err
	}
	set := map[string]map[string]string{
		"portal":  {"base_url": strconv.Quote(url)},
		"cache":   {"path": strconv.Quote(cache)},
		"metrics": {"listen": `""`},
		"kiosk":   {"receipt_dir": strconv.Quote(filepath.Join(work, "receipts"))},
		"voice":   {"dir": strconv.Quote(filepath.Join(work, "speech"))},
	}
	var out strings.Builder
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := sc.Text()
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			section = strings.Trim(t, "[] ")
		}
		if k, _, ok := strings.Cut(t, "="); ok && !strings.HasPrefix(t, "#") {
			if v, ok := set[section][strings.TrimSpace(k)]; ok {
				l = strings.TrimSpace(k) + " = " + v
			}
		}
		out.WriteString(l + "\n")
	}
	path := filepath.Join(work, "kiosk-"+mode+".toml")
	return path, os.WriteFile(path, []byte(out.String()), 0o644)
}

// ensureX starts Xvfb on display unless an X server already answers there.
func ensureX(display string) (stop func(), err error) {
	sock := "/tmp/.X11-unix/X" + strings.TrimPrefix(display, ":")
	answers := func() bool {
		c, err := net.Dial("unix", sock)
		if err == nil {
			c.Close()
		}
		return err == nil
	}
	if answers() {
		return func() {}, nil
	}
	cmd := exec.Command("Xvfb", display, "-screen", "0", "1080x1920x24", "-nolisten", "tcp")
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting Xvfb: %w", err)
	}
	for i := 0; i < 100; i++ {
		if answers() {
			// SIGTERM, so that Xvfb removes its socket.
			return func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return nil, errors.New("Xvfb did not start")
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], ", ")
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			_, v, _ := strings.Cut(l, ":")
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
