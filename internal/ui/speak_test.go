package ui

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"kiosk/assets"
	"kiosk/internal/portal"
	"kiosk/internal/speech"
)

var updateSpeech = flag.Bool("update-speech", false, "rewrite the speech golden files in testdata/speech/")

// fakeSpeaker records what it is asked to say and "speaks" until it is
// stopped or its context ends, like a long sentence on real speakers.
type fakeSpeaker struct {
	mu        sync.Mutex
	available bool
	said      []string // "lang: text"
	stops     int
	started   chan struct{}
	ended     chan error
	stop      chan struct{}
	// quick makes every utterance end by itself at once, as a short
	// sentence does.
	quick bool
}

func newFakeSpeaker() *fakeSpeaker {
	return &fakeSpeaker{available: true, started: make(chan struct{}, 8), ended: make(chan error, 8)}
}

func (f *fakeSpeaker) Available() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.available }

func (f *fakeSpeaker) Speak(ctx context.Context, text, lang string) error {
	f.mu.Lock()
	f.said = append(f.said, lang+": "+text)
	stop := make(chan struct{})
	f.stop = stop
	quick := f.quick
	f.mu.Unlock()
	f.started <- struct{}{}
	var err error
	if quick {
		f.ended <- nil
		return nil
	}
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case <-stop:
		err = speech.ErrStopped
	case <-time.After(10 * time.Second):
	}
	f.ended <- err
	return err
}

func (f *fakeSpeaker) Stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stops++
	if f.stop != nil {
		close(f.stop)
		f.stop = nil
	}
}

func (f *fakeSpeaker) lastSaid() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.said) == 0 {
		return ""
	}
	return f.said[len(f.said)-1]
}

// waitStarted waits for an utterance to begin; waitEnded for one to end.
func (f *fakeSpeaker) waitStarted(t *testing.T) {
	t.Helper()
	select {
	case <-f.started:
	case <-time.After(5 * time.Second):
		t.Fatal("nothing was said")
	}
}

func (f *fakeSpeaker) waitEnded(t *testing.T) error {
	t.Helper()
	select {
	case err := <-f.ended:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("the utterance did not stop")
	}
	return nil
}

func newVoiceHarness(t *testing.T, sp *fakeSpeaker, mutate ...func(*Deps, *Options)) *harness {
	return newHarness(t, append([]func(*Deps, *Options){func(d *Deps, o *Options) { d.Speaker = sp }}, mutate...)...)
}

func TestListenButtonsAreHiddenWithoutAnAudioDevice(t *testing.T) {
	screens := []struct {
		name string
		open func(h *harness)
	}{
		{"start", func(h *harness) {}},
		{"procedure", func(h *harness) { h.k.show(&detailScreen{proc: h.f.procs[0]}) }},
		{"ticket", func(h *harness) { h.tap("Lấy số thứ tự") }},
		{"dossier", func(h *harness) { h.tap("Tra cứu hồ sơ") }},
	}
	for _, sc := range screens {
		t.Run(sc.name+" shows Listen with speakers", func(t *testing.T) {
			h := newVoiceHarness(t, newFakeSpeaker())
			sc.open(h)
			if len(h.tiles("Nghe đọc")) != 1 {
				t.Errorf("no Listen button; screen shows:\n%s", h.screenText())
			}
		})
		t.Run(sc.name+" hides Listen without an audio device", func(t *testing.T) {
			sp := newFakeSpeaker()
			sp.available = false
			h := newVoiceHarness(t, sp)
			sc.open(h)
			h.mustNotSee("[Nghe đọc]")
		})
		t.Run(sc.name+" hides Listen without voice guidance", func(t *testing.T) {
			h := newHarness(t)
			sc.open(h)
			h.mustNotSee("[Nghe đọc]")
		})
	}
	t.Run("speakers unplugged while the kiosk runs hide the button at the next screen", func(t *testing.T) {
		sp := newFakeSpeaker()
		h := newVoiceHarness(t, sp)
		h.mustSee("[Nghe đọc]")
		sp.mu.Lock()
		sp.available = false
		sp.mu.Unlock()
		h.tap("Lấy số thứ tự")
		h.mustNotSee("[Nghe đọc]")
		h.tapID("nav.home")
		h.mustNotSee("[Nghe đọc]")
	})
}

func TestListenReadsTheScreenAndASecondTapStops(t *testing.T) {
	sp := newFakeSpeaker()
	h := newVoiceHarness(t, sp)
	h.tap("Nghe đọc")
	sp.waitStarted(t)
	if got, want := sp.lastSaid(), "vi: "+h.k.t("speak.start"); got != want {
		t.Errorf("said %q, want %q", got, want)
	}
	// What is drawn changes, not only the tile's title.
	h.mustSee("[Dừng đọc]")
	h.mustSee("\nDừng đọc\n")
	h.mustNotSee("Nghe đọc")
	h.tap("Dừng đọc")
	if err := sp.waitEnded(t); err == nil {
		t.Error("the second tap did not stop the voice")
	}
	h.mustSee("[Nghe đọc]")

	t.Run("in English the English text is read", func(t *testing.T) {
		h.tap("English")
		h.tap("Listen")
		sp.waitStarted(t)
		if got := sp.lastSaid(); !strings.HasPrefix(got, "en: Welcome.") {
			t.Errorf("said %q", got)
		}
		h.tap("Stop reading")
		sp.waitEnded(t)
	})
}

func TestSpeechStopsWhenTheCitizenMovesOn(t *testing.T) {
	moves := []struct {
		name string
		move func(h *harness)
	}{
		{"back", func(h *harness) { h.tapID("nav.back") }},
		{"home", func(h *harness) { h.tapID("nav.home") }},
		{"language", func(h *harness) { h.tapID("lang.switch") }},
	}
	for _, m := range moves {
		t.Run(m.name, func(t *testing.T) {
			sp := newFakeSpeaker()
			h := newVoiceHarness(t, sp)
			h.k.show(&detailScreen{proc: h.f.procs[0]})
			h.tap("Nghe đọc")
			sp.waitStarted(t)
			if !strings.Contains(sp.lastSaid(), "Đăng ký khai sinh") {
				t.Errorf("the procedure screen read %q", sp.lastSaid())
			}
			m.move(h)
			if err := sp.waitEnded(t); err == nil {
				t.Errorf("%s did not stop the voice", m.name)
			}
		})
	}
}

func TestSpeechStopsAtTheIdleReset(t *testing.T) {
	sp := newFakeSpeaker()
	h := newVoiceHarness(t, sp)
	h.tap("Lấy số thứ tự")
	h.tap("Nghe đọc")
	sp.waitStarted(t)
	if !strings.Contains(sp.lastSaid(), "Hộ tịch, chứng thực, quầy 3.") {
		t.Errorf("the ticket screen read %q", sp.lastSaid())
	}
	h.clock.add(80 * time.Second)
	h.k.TickIdle()
	h.mustSee("Tra cứu thủ tục")
	if err := sp.waitEnded(t); err == nil {
		t.Error("the idle reset did not stop the voice")
	}
	h.mustSee("[Nghe đọc]")
}

func TestAScanIsConfirmedAloudWhenTheSiteWantsIt(t *testing.T) {
	for _, on := range []bool{true, false} {
		sp := newFakeSpeaker()
		h := newVoiceHarness(t, sp, func(d *Deps, o *Options) { o.ScanConfirmation = on })
		h.addDossier()
		h.scans <- Scan{Raw: testCode + "|s3cr3t", Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
		h.k.drainScans()
		h.settle()
		h.mustSee("Đang xử lý")
		if on {
			sp.waitStarted(t)
			if got := sp.lastSaid(); got != "vi: Đã đọc mã." {
				t.Errorf("scan confirmation said %q", got)
			}
			h.scans <- Scan{Err: errors.New("unrecognised payload")}
			h.k.drainScans()
			sp.waitStarted(t)
			if got := sp.lastSaid(); got != "vi: "+h.k.t("speak.scan.bad") {
				t.Errorf("a bad scan said %q", got)
			}
		} else if sp.lastSaid() != "" {
			t.Errorf("scan confirmation off, yet said %q", sp.lastSaid())
		}
	}
}

func TestTheStaffPanelTestsTheSpeaker(t *testing.T) {
	sp := newFakeSpeaker()
	sp.quick = true
	h := newVoiceHarness(t, sp)
	h.k.show(&staffPanelScreen{cfg: Staff{}})
	h.tap(h.k.t("staff.speakertest"))
	if got := sp.lastSaid(); got != "vi: "+h.k.t("staff.speakertest.say") {
		t.Errorf("speaker test said %q", got)
	}
	h.mustSee(h.k.t("staff.speakertest.done"))

	t.Run("without an audio device the panel says so", func(t *testing.T) {
		sp.mu.Lock()
		sp.available = false
		sp.mu.Unlock()
		n := len(sp.said)
		h.tap(h.k.t("staff.speakertest"))
		h.mustSee(h.k.t("staff.speakertest.none"))
		if len(sp.said) != n {
			t.Errorf("said %q with no device", sp.said[n:])
		}
	})
}

// speechFixtures are the texts each screen reads, built from the same data
// the screens show.
func speechFixtures(h *harness) map[string]string {
	d := h.addDossier()
	cached := d
	cached.Status = portal.StatusDone
	cached.Overdue = true
	overdue := d
	overdue.Overdue, overdue.DueAt = true, testNow.Add(-3*24*time.Hour)
	paid := portal.Procedure{Code: "1.002820.000.00.00.H48", Name: "Đổi GPLX do ngành GTVT cấp", AgencyName: "Sở Xây dựng",
		SubmitPlace: "TTPVHCC tỉnh, quầy 5",
		Documents:   []portal.Document{{Name: "Tờ khai đổi GPLX", Originals: 1}, {Name: "CCCD", Copies: 2}},
		Channels: []portal.Channel{{Kind: portal.ChannelInPerson, Time: portal.Duration{Value: 5, Unit: "ngày làm việc"},
			Fees: []portal.Fee{{Name: "Lệ phí", Amount: 135000}}},
			{Kind: portal.ChannelOnline, Time: portal.Duration{Value: 5, Unit: "ngày làm việc"},
				Fees: []portal.Fee{{Name: "Lệ phí", Amount: 115000, Note: "giảm khi nộp trực tuyến"}}}}}
	return map[string]string{
		"procedure_paid":         procedureSpeech(h.k.t, paid),
		"start":                  startSpeech(h.k.t),
		"procedure":              procedureSpeech(h.k.t, h.f.procs[0]),
		"dossier":                dossierSpeech(h.k.t, maskDossier(d), false, h.k.dossierNextStep(d).Text), // as the screen reads it
		"dossier_cached_overdue": dossierSpeech(h.k.t, maskDossier(cached), true, ""),
		"dossier_overdue_next":   dossierSpeech(h.k.t, maskDossier(overdue), false, h.k.dossierNextStep(overdue).Text),
		"ticket":                 ticketSpeech(h.k.t, portal.Ticket{Number: "A-042", Counter: "3–4", Waiting: 5, ServiceName: "Hộ tịch"}),
		"error":                  errorSpeech(h.k.t("dossier.err.notfound", "Code", testCode)),
	}
}

func TestSpeechTextsForEveryScreen(t *testing.T) {
	for _, lang := range Languages {
		h := newHarness(t, func(d *Deps, o *Options) { o.Language = lang })
		prep, err := speech.LoadPreparer(speech.North)
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range speechFixtures(h) {
			t.Run(name+"_"+lang, func(t *testing.T) {
				spoken := prep.Prepare(text, lang)
				got := "text: " + text + "\nspoken: " + spoken + "\n"
				path := filepath.Join("testdata", "speech", name+"_"+lang+".txt")
				if *updateSpeech {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/ui -run SpeechTexts -update-speech)", err)
				}
				if got != string(want) {
					t.Errorf("speech for %s in %s\n got: %s\nwant: %s", name, lang, got, want)
				}
				// The lobby is public: no name, ID number or phone, masked or not.
				for _, private := range []string{"Nguyễn", "Văn An", "V** A", "001090012345", "345", "*",
					"không không một không chín", "zero zero one zero nine"} {
					if strings.Contains(got, private) {
						t.Errorf("speech for %s in %s contains %q", name, lang, private)
					}
				}
			})
		}
	}
}

func TestTheScreensReadWhatTheGoldenFilesSay(t *testing.T) {
	sp := newFakeSpeaker()
	h := newVoiceHarness(t, sp)
	want := speechFixtures(h)

	h.tap("Tra cứu hồ sơ")
	h.scans <- Scan{Raw: testCode + "|s3cr3t", Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
	h.k.drainScans()
	h.settle()
	h.mustSee("Nguyễn V** A") // the screen shows the masked name; the voice never says it
	h.tap("Nghe đọc")
	sp.waitStarted(t)
	if got := sp.lastSaid(); got != "vi: "+want["dossier"] {
		t.Errorf("the dossier screen read %q, want %q", got, want["dossier"])
	}

	h.tapID("nav.home")
	sp.waitEnded(t)
	h.tap("Lấy số thứ tự")
	h.tap("Hộ tịch, chứng thực")
	h.tapID("ticket.confirm")
	h.tap("Nghe đọc")
	sp.waitStarted(t)
	if got := sp.lastSaid(); got != "vi: Số thứ tự của bạn là A-042. Mời bạn đến quầy 3. Có 5 người đang chờ trước bạn." {
		t.Errorf("the ticket screen read %q", got)
	}

	h.tapID("nav.home")
	sp.waitEnded(t)
	h.tap("Tra cứu hồ sơ")
	h.scans <- Scan{Raw: "NOPE-1|x", Payload: Payload{DossierCode: "NOPE-1", Secret: "x"}}
	h.k.drainScans()
	h.settle()
	h.tap("Nghe đọc")
	sp.waitStarted(t)
	if got, w := sp.lastSaid(), "vi: "+errorSpeech(h.k.t("dossier.err.notfound", "Code", "NOPE-1")); got != w {
		t.Errorf("the error screen read %q, want %q", got, w)
	}
}

func TestSpeechTranslationFilesHaveTheSameMessages(t *testing.T) {
	keys := map[string]map[string]string{}
	for _, lang := range Languages {
		b, err := assets.I18n.ReadFile("i18n/speech." + lang + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := toml.Unmarshal(b, &m); err != nil {
			t.Fatalf("speech.%s.toml: %v", lang, err)
		}
		keys[lang] = m
	}
	for id, vi := range keys["vi"] {
		if en, ok := keys["en"][id]; !ok || en == "" || vi == "" {
			t.Errorf("%s: vi %q, en %q", id, vi, en)
		}
	}
	for id := range keys["en"] {
		if _, ok := keys["vi"][id]; !ok {
			t.Errorf("%s is in speech.en.toml only", id)
		}
	}
}
