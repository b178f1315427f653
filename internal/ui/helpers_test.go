package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/portal"
	"kiosk/internal/printer"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var testNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// fakes implements every dependency with recorded calls.
type fakes struct {
	mu       sync.Mutex
	procs    []portal.Procedure
	fields   []portal.Field
	agencies []portal.Agency
	queries  []Query

	dossiers  map[string]portal.Dossier // by code
	secrets   map[string]string         // code -> secret
	ids       map[string]string         // code -> ID number
	offline   bool
	lookups   map[string]portal.Dossier
	lookupAt  time.Time
	dossierQs []portal.DossierQuery
	forgotten int
	ready     []portal.ReadyDossier
	tickets   []portal.TicketRequest
	ratings   []portal.Rating
	ratingErr error           // SaveRating fails with it (a full disk)
	ratingTry []portal.Rating // every rating SaveRating was given, saved or not
	printed   []string
	// printedDossiers is what PrintDossier was given, as the slip prints it.
	printedDossiers []portal.Dossier
	printLang       []string // the language each receipt was asked for in
	paperOut        bool
	flags           []string
	online          bool
	lastSync        time.Time
}

var errPaperOut = fmt.Errorf("printing: %w", printer.ErrPaperOut)

func newFakes() *fakes {
	f := &fakes{
		dossiers: map[string]portal.Dossier{}, secrets: map[string]string{}, ids: map[string]string{},
		lookups: map[string]portal.Dossier{}, online: true, lastSync: testNow.Add(-3 * time.Hour),
	}
	f.fields = []portal.Field{{Code: "HT", Name: "Hộ tịch"}, {Code: "DD", Name: "Đất đai"}}
	f.agencies = []portal.Agency{{Code: "UBX", Name: "UBND xã Tân Phú"}, {Code: "STNMT", Name: "Sở Tài nguyên và Môi trường"}}
	f.procs = []portal.Procedure{
		{Code: "1.001193.000.00.00.H48", Name: "Đăng ký khai sinh", AgencyCode: "UBX", AgencyName: "UBND xã Tân Phú",
			FieldCode: "HT", FieldName: "Hộ tịch", Level: portal.LevelFull, LevelOld: 4,
			Channels: []portal.Channel{{Kind: portal.ChannelInPerson, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"},
				Fees: []portal.Fee{{Name: "Lệ phí", Amount: 0, Note: "Miễn lệ phí"}}},
				{Kind: portal.ChannelOnline, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"}}},
			Documents: []portal.Document{{Name: "Tờ khai đăng ký khai sinh", Originals: 1, FormName: "Mẫu TK-KS"},
				{Name: "Giấy chứng sinh", Originals: 1}, {Name: "Căn cước công dân của cha hoặc mẹ", Copies: 1}},
			Forms:       []portal.Form{{Name: "Tờ khai đăng ký khai sinh", URL: "https://dichvucong.gov.vn/forms/tk-ks.docx"}},
			Steps:       []string{"Nộp hồ sơ tại bộ phận một cửa", "Công chức tư pháp kiểm tra", "Nhận giấy khai sinh"},
			LegalBasis:  []string{"Luật Hộ tịch 2014"},
			Applicants:  "Công dân Việt Nam",
			Result:      "Giấy khai sinh",
			SubmitPlace: "Bộ phận một cửa UBND xã Tân Phú",
			OnlineURL:   "https://dichvucong.gov.vn/p/1.001193"},
		{Code: "1.000656.000.00.00.H48", Name: "Đăng ký kết hôn", AgencyCode: "UBX", AgencyName: "UBND xã Tân Phú",
			FieldCode: "HT", FieldName: "Hộ tịch", Level: portal.LevelPartial},
		{Code: "1.004227.000.00.00.H48", Name: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", AgencyCode: "STNMT",
			AgencyName: "Sở Tài nguyên và Môi trường", FieldCode: "DD", FieldName: "Đất đai", Level: portal.LevelPartial},
	}
	return f
}

// Search is a tiny substring search with spans, enough for the screens.
func (f *fakes) Search(q Query) []Result {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	var out []Result
	for i := range f.procs {
		p := &f.procs[i]
		if q.FieldCode != "" && p.FieldCode != q.FieldCode || q.AgencyCode != "" && p.AgencyCode != q.AgencyCode {
			continue
		}
		if q.Level != 0 && p.Level != q.Level {
			continue
		}
		r := Result{Code: p.Code, Name: p.Name, Procedure: p}
		if q.Text != "" {
			i := strings.Index(strings.ToLower(p.Name), strings.ToLower(q.Text))
			if i < 0 {
				continue
			}
			r.Spans = []Span{{Start: i, End: i + len(q.Text)}}
			r.Score = 3000 // the search's tier for "all the words in the name"
		}
		out = append(out, r)
	}
	return out
}

func (f *fakes) FieldCounts() map[string]int {
	m := map[string]int{}
	for _, p := range f.procs {
		m[p.FieldCode]++
	}
	return m
}

func (f *fakes) AgencyCounts() map[string]int {
	m := map[string]int{}
	for _, p := range f.procs {
		m[p.AgencyCode]++
	}
	return m
}

func (f *fakes) Procedure(code string) (portal.Procedure, error) {
	for _, p := range f.procs {
		if p.Code == code {
			return p, nil
		}
	}
	return portal.Procedure{}, portal.ErrNotFound
}
func (f *fakes) Fields() ([]portal.Field, error)    { return f.fields, nil }
func (f *fakes) Agencies() ([]portal.Agency, error) { return f.agencies, nil }

func (f *fakes) Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dossierQs = append(f.dossierQs, q)
	if f.offline {
		return portal.Dossier{}, portal.ErrOffline
	}
	d, ok := f.dossiers[code]
	if !ok {
		return portal.Dossier{}, portal.ErrNotFound
	}
	switch {
	case q.Secret != "" && q.Secret != f.secrets[code], q.IDNumber != "" && q.IDNumber != f.ids[code]:
		return portal.Dossier{}, portal.ErrWrongSecret
	case q.Secret == "" && q.IDNumber == "":
		d.Steps, d.Note, d.Fee, d.Detailed = nil, "", 0, false
	default:
		d.Detailed = true
	}
	return d, nil
}

func (f *fakes) RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.lookups[code]
	return d, f.lookupAt, ok
}

func (f *fakes) ForgetLookups() error { f.mu.Lock(); f.forgotten++; f.mu.Unlock(); return nil }

func (f *fakes) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	return f.ready, nil
}

func (f *fakes) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tickets = append(f.tickets, r)
	return portal.Ticket{Number: "A-042", ServiceCode: r.ServiceCode, ServiceName: "Hộ tịch", Counter: r.Counter,
		Waiting: 5, IssuedAt: testNow}, nil
}

func (f *fakes) SaveRating(r portal.Rating) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ratingTry = append(f.ratingTry, r)
	if f.ratingErr != nil {
		return f.ratingErr
	}
	f.ratings = append(f.ratings, r)
	return nil
}

func (f *fakes) print(what, lang string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.paperOut {
		return errPaperOut
	}
	f.printed = append(f.printed, what)
	f.printLang = append(f.printLang, lang)
	return nil
}
func (f *fakes) PrintProcedure(ctx context.Context, p portal.Procedure, lang string) error {
	return f.print("procedure "+p.Code, lang)
}
func (f *fakes) PrintDossier(ctx context.Context, d portal.Dossier, lang string) error {
	f.mu.Lock()
	f.printedDossiers = append(f.printedDossiers, d)
	f.mu.Unlock()
	return f.print("dossier "+d.Code, lang)
}
func (f *fakes) PrintTicket(ctx context.Context, t portal.Ticket, lang string) error {
	return f.print("ticket "+t.Number, lang)
}
func (f *fakes) Online() bool        { return f.online }
func (f *fakes) LastSync() time.Time { return f.lastSync }
func (f *fakes) FlagDevice(device, state string) {
	f.mu.Lock()
	f.flags = append(f.flags, device+"="+state)
	f.mu.Unlock()
}

// harness is a kiosk in a headless window with fakes and a fake clock.
type harness struct {
	t      testing.TB
	k      *Kiosk
	f      *fakes
	clock  *fakeClock
	scans  chan Scan
	timers []func()
	// queued is the background work started and not yet run: it runs in
	// settle, on the test goroutine, in order, so tests get the real
	// ordering (work is applied after the event that started it) without
	// racing the headless driver.
	queued workQueue
}

// workQueue holds a runner's work to run by hand: its launch appends, run
// runs it all, including work that queued work starts.
type workQueue []func()

func (q *workQueue) launch(job func() func()) { *q = append(*q, func() { job()() }) }

func (q *workQueue) run() {
	for len(*q) > 0 {
		f := (*q)[0]
		*q = (*q)[1:]
		f()
	}
}

// fireTimers runs the timers that are due, as if their time had come.
func (h *harness) fireTimers() {
	ts := h.timers
	h.timers = nil
	for _, f := range ts {
		f()
	}
}

func testOptions() Options {
	return Options{
		KioskID: "KIOSK-01", SiteName: "Trung tâm Phục vụ hành chính công tỉnh Bình Dương", Hotline: "1900 1234",
		FeedbackURL: "https://dichvucong.binhduong.gov.vn/phan-anh", IdleTimeout: 60 * time.Second, IdleCountdown: 15 * time.Second,
		QueueServices: []QueueService{
			{Code: "HT", NameVI: "Hộ tịch, chứng thực", NameEN: "Civil status, certification", Counter: "3"},
			{Code: "DD", NameVI: "Đất đai", NameEN: "Land", Counter: "5"},
		},
	}
}

func newHarness(t testing.TB, mutate ...func(*Deps, *Options)) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	f := newFakes()
	clock := &fakeClock{t: testNow}
	h := &harness{t: t, f: f, clock: clock, scans: make(chan Scan, 4)}
	d := Deps{
		Search: f, Catalog: f, Status: f, Ready: f, Lookups: f, Tickets: f, Ratings: f, Printer: f, Health: f, Flags: f,
		Scans:     h.scans,
		ParseScan: fakeParse,
		Now:       clock.now,
	}
	o := testOptions()
	for _, m := range mutate {
		m(&d, &o)
	}
	h.k = New(a, d, o)
	h.k.launch = h.queued.launch                                 // background work runs in settle, in order
	h.k.onReset = append(h.k.onReset, func() { h.queued = nil }) // a reset drops the work in flight
	h.k.after = func(d time.Duration, f func()) func() bool {
		h.timers = append(h.timers, f) // fired by hand with fireTimers
		return func() bool { return true }
	}
	h.k.Window().Resize(fyne.NewSize(1080, 1920))
	h.k.Window().Show()
	h.settle()
	return h
}

// fakeParse accepts "CODE" or "CODE|secret" as dossier codes, "ID:digits" as
// a citizen ID, and rejects anything with a space.
func fakeParse(raw string) (Payload, error) {
	switch {
	case strings.HasPrefix(raw, "ID:"):
		return Payload{IDNumber: raw[3:]}, nil
	case strings.ContainsAny(raw, " "), raw == "":
		return Payload{}, errors.New("unrecognised payload")
	}
	code, secret, _ := strings.Cut(raw, "|")
	return Payload{DossierCode: code, Secret: secret}, nil
}

// settle runs the queued background work until there is none.
func (h *harness) settle() { h.queued.run() }

// drainScans handles the serial scans already waiting, on the test
// goroutine, in place of the background loop.
func (k *Kiosk) drainScans() {
	for {
		select {
		case s, ok := <-k.deps.Scans:
			if !ok {
				return
			}
			k.handleScan(s.Payload, s.Err)
		default:
			return
		}
	}
}

// tiles lists the tiles on screen with the given title.
func (h *harness) tiles(title string) []*tile {
	var out []*tile
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if t, ok := o.(*tile); ok && t.Visible() && t.Title == title {
			out = append(out, t)
		}
	}
	return out
}

// tap taps the tile with that title (translated id or literal).
func (h *harness) tap(title string) {
	h.t.Helper()
	ts := h.tiles(title)
	if len(ts) == 0 {
		h.t.Fatalf("no tile %q on screen; screen shows:\n%s", title, h.screenText())
	}
	test.Tap(ts[0])
	h.settle()
}

// tapID taps the tile whose title is the message id in the current language.
func (h *harness) tapID(id string, kv ...any) { h.t.Helper(); h.tap(h.k.t(id, kv...)) }

// screenText is all the text on screen, for assertions a user would make.
func (h *harness) screenText() string {
	var b strings.Builder
	broken := map[*widget.RichText]bool{} // nameText's lines: its own text says it
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if !o.Visible() {
			continue
		}
		switch x := o.(type) {
		case *nameText:
			b.WriteString(x.String())
			b.WriteByte('\n')
			broken[x.rt] = true
		case *widget.RichText:
			if broken[x] {
				continue
			}
			b.WriteString(x.String())
			b.WriteByte('\n')
		case *tile:
			b.WriteString("[" + x.Title + "]\n")
		}
	}
	return b.String()
}

func (h *harness) see(s string) bool { return strings.Contains(h.screenText(), s) }

func (h *harness) mustSee(s string) {
	h.t.Helper()
	if !h.see(s) {
		h.t.Fatalf("screen does not show %q; it shows:\n%s", s, h.screenText())
	}
}

func (h *harness) mustNotSee(s string) {
	h.t.Helper()
	if h.see(s) {
		h.t.Fatalf("screen shows %q but should not", s)
	}
}

// typeKeys taps on-screen keyboard keys one by one.
func (h *harness) typeKeys(keys string) {
	h.t.Helper()
	for _, r := range keys {
		label := string(r)
		if r == ' ' {
			h.tapID("kb.space")
			continue
		}
		h.tap(label)
	}
}

// tapText taps the screen where a text is shown (fields are tap areas).
func (h *harness) tapText(s string) {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if n, ok := o.(*nameText); ok && n.Visible() && n.String() == s {
			o = n.rt // the same text with nameText's line breaks
		} else if rt, ok := o.(*widget.RichText); !ok || rt.String() != s {
			continue
		}
		if rt := o.(*widget.RichText); rt.Visible() {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(rt).AddXY(5, 5)
			test.TapCanvas(h.k.Window().Canvas(), pos)
			h.settle()
			return
		}
	}
	h.t.Fatalf("no text %q on screen", s)
}
