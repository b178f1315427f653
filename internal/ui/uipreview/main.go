// Command uipreview opens the kiosk screens in a real window with fake
// services and the demo dataset (assets/demo), so the screens can be looked
// at and driven without a portal, printer or scanner. It is a development
// tool; cmd/kiosk is the product.
//
//	go run ./internal/ui/uipreview -orientation landscape -offline -paperout
package main

import (
	"context"
	"encoding/json"

	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"fyne.io/fyne/v2/app"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"kiosk/assets"
	"kiosk/internal/portal"
	"kiosk/internal/printer"
	"kiosk/internal/scanner"
	"kiosk/internal/ui"
)

func main() {
	orientation := flag.String("orientation", "portrait", "portrait or landscape window")
	fullscreen := flag.Bool("fullscreen", false, "fill the screen")
	lang := flag.String("lang", "vi", "default language")
	offline := flag.Bool("offline", false, "pretend the portal is unreachable")
	paperOut := flag.Bool("paperout", false, "pretend the printer has no paper")
	idle := flag.Duration("idle", 90*time.Second, "idle timeout")
	flag.Parse()

	f, err := load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "uipreview:", err)
		os.Exit(1)
	}
	f.offline, f.paperOut = *offline, *paperOut

	a := app.NewWithID("vn.gov.kiosk.preview")
	k := ui.New(a, ui.Deps{
		Search: f, Catalog: f, Status: f, Ready: f, Lookups: f, Tickets: f, Ratings: f, Printer: f, Health: f, Flags: f,
		ParseScan: scanner.Parse,
	}, ui.Options{
		KioskID: "PREVIEW-01", SiteName: "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một", Hotline: "1900 1234",
		FeedbackURL: "https://dichvucong.hochiminhcity.gov.vn/phan-anh-kien-nghi", Language: *lang,
		IdleTimeout: *idle, IdleCountdown: 20 * time.Second, Fullscreen: *fullscreen, Orientation: *orientation,
		QueueServices: []ui.QueueService{
			{Code: "HOTICH", NameVI: "Hộ tịch, chứng thực", NameEN: "Civil status, certification", Counter: "1"},
			{Code: "DATDAI", NameVI: "Đất đai", NameEN: "Land", Counter: "2"},
			{Code: "KINHDOANH", NameVI: "Đăng ký kinh doanh", NameEN: "Business registration", Counter: "3"},
			{Code: "XAYDUNG", NameVI: "Xây dựng", NameEN: "Construction", Counter: "4"},
		},
	})
	k.OnReady = func(d time.Duration) { slog.Info("ready", "startup_ms", d.Milliseconds()) }
	k.OnStaffGesture = func() { slog.Info("staff gesture") }
	k.Run()
}

// fakes serves the demo dataset from memory.
type fakes struct {
	mu       sync.Mutex
	procs    []portal.Procedure
	norm     []string
	fields   []portal.Field
	agencies []portal.Agency
	dossiers map[string]record
	lookups  map[string]portal.Dossier
	lookAt   map[string]time.Time
	offline  bool
	paperOut bool
	tickets  int
}

type record struct {
	portal.Dossier
	Name   string `json:"applicant_name"`
	ID     string `json:"applicant_id_number"`
	Secret string `json:"secret"`
}

func load() (*fakes, error) {
	f := &fakes{dossiers: map[string]record{}, lookups: map[string]portal.Dossier{}, lookAt: map[string]time.Time{}}
	read := func(name string, v any) error {
		b, err := fs.ReadFile(assets.Demo, "demo/"+name)
		if err != nil {
			return err
		}
		return json.Unmarshal(b, v)
	}
	if err := read("procedures.json", &f.procs); err != nil || len(f.procs) == 0 {
		f.procs = sampleProcedures()
	}
	_ = read("fields.json", &f.fields)
	_ = read("agencies.json", &f.agencies)
	var recs []record
	_ = read("dossiers.json", &recs)
	if len(recs) == 0 {
		recs = sampleDossiers()
	}
	for _, r := range recs {
		f.dossiers[r.Code] = r
	}
	for _, p := range f.procs {
		f.norm = append(f.norm, fold(p.Name+" "+strings.Join(p.Keywords, " ")))
	}
	return f, nil
}

func sampleProcedures() []portal.Procedure {
	return []portal.Procedure{
		{Code: "1.001193.000.00.00.H29", Name: "Đăng ký khai sinh", AgencyCode: "UBX", AgencyName: "UBND phường Thủ Dầu Một",
			FieldCode: "HOTICH", FieldName: "Hộ tịch", Level: portal.LevelFull,
			Documents: []portal.Document{{Name: "Tờ khai đăng ký khai sinh", Originals: 1}, {Name: "Giấy chứng sinh", Originals: 1}},
			Steps:     []string{"Nộp hồ sơ tại Bộ phận Một cửa", "Nhận Giấy khai sinh"}, OnlineURL: "https://dichvucong.gov.vn"},
		{Code: "1.000656.000.00.00.H29", Name: "Đăng ký kết hôn", AgencyCode: "UBX", AgencyName: "UBND phường Thủ Dầu Một",
			FieldCode: "HOTICH", FieldName: "Hộ tịch", Level: portal.LevelPartial},
	}
}

func sampleDossiers() []record {
	now := time.Now()
	at := func(h int) *time.Time { t := now.Add(time.Duration(h) * time.Hour); return &t }
	return []record{
		{Dossier: portal.Dossier{Code: "000.10.00.H29-261118-0001", ProcedureName: "Đăng ký khai sinh", AgencyName: "UBND phường Thủ Dầu Một",
			Status: portal.StatusProcessing, ReceivedAt: now.Add(-50 * time.Hour), DueAt: now.Add(20 * time.Hour),
			CurrentStep: "Công chức tư pháp - hộ tịch thẩm định", PickupPlace: "Bộ phận Một cửa UBND phường Thủ Dầu Một, quầy số 2",
			Steps: []portal.DossierStep{{Name: "Tiếp nhận hồ sơ", At: at(-50), Done: true}, {Name: "Thẩm định", At: at(-20), Done: true}, {Name: "Phê duyệt"}, {Name: "Trả kết quả"}}},
			Name: "Nguyễn Văn An", ID: "074090012345", Secret: "K7P2"},
		{Dossier: portal.Dossier{Code: "000.10.00.H29-261115-0007", ProcedureName: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", AgencyName: "Văn phòng Đăng ký đất đai",
			Status: portal.StatusDone, ReceivedAt: now.Add(-300 * time.Hour), DueAt: now.Add(-10 * time.Hour), FinishedAt: at(-12),
			PickupPlace: "Trung tâm Phục vụ hành chính công tỉnh, quầy số 5"},
			Name: "Trần Thị Bình", ID: "074185000111", Secret: "Q9X4"},
	}
}

// fold lower-cases and strips Vietnamese diacritics ("Đăng ký" -> "dang ky").
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, strings.ToLower(s))
	return strings.ReplaceAll(out, "đ", "d")
}

func (f *fakes) Search(q ui.Query) []ui.Result {
	words := strings.Fields(fold(q.Text))
	var out []ui.Result
	for i := range f.procs {
		p := &f.procs[i]
		if q.FieldCode != "" && p.FieldCode != q.FieldCode || q.AgencyCode != "" && p.AgencyCode != q.AgencyCode ||
			q.Level != 0 && p.Level != q.Level {
			continue
		}
		ok := true
		for _, w := range words {
			if !strings.Contains(f.norm[i], w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		r := ui.Result{Code: p.Code, Name: p.Name, Procedure: p}
		r.Spans = spans(p.Name, words)
		out = append(out, r)
		if q.Limit > 0 && len(out) >= q.Limit {
			break
		}
	}
	return out
}

// spans finds the byte ranges of the name's words that start with a query word.
func spans(name string, words []string) []ui.Span {
	var out []ui.Span
	start := -1
	for i, r := range name + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := fold(name[start:i])
			for _, q := range words {
				if strings.HasPrefix(w, q) {
					out = append(out, ui.Span{Start: start, End: i})
					break
				}
			}
			start = -1
		}
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

func (f *fakes) Fields() ([]portal.Field, error) {
	if len(f.fields) > 0 {
		return f.fields, nil
	}
	seen := map[string]bool{}
	var out []portal.Field
	for _, p := range f.procs {
		if !seen[p.FieldCode] {
			seen[p.FieldCode] = true
			out = append(out, portal.Field{Code: p.FieldCode, Name: p.FieldName})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (f *fakes) Agencies() ([]portal.Agency, error) {
	if len(f.agencies) > 0 {
		return f.agencies, nil
	}
	seen := map[string]bool{}
	var out []portal.Agency
	for _, p := range f.procs {
		if !seen[p.AgencyCode] {
			seen[p.AgencyCode] = true
			out = append(out, portal.Agency{Code: p.AgencyCode, Name: p.AgencyName})
		}
	}
	return out, nil
}

func (f *fakes) Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error) {
	select {
	case <-time.After(400 * time.Millisecond): // a realistic round trip, shows the spinner
	case <-ctx.Done():
		return portal.Dossier{}, ctx.Err()
	}
	if f.offline {
		return portal.Dossier{}, portal.ErrOffline
	}
	r, ok := f.dossiers[code]
	if !ok {
		return portal.Dossier{}, portal.ErrNotFound
	}
	d := r.Dossier
	d.Applicant, d.ApplicantID = portal.MaskName(r.Name), portal.MaskID(r.ID)
	switch {
	case q.Secret != "" && !strings.EqualFold(q.Secret, r.Secret), q.IDNumber != "" && q.IDNumber != r.ID:
		return portal.Dossier{}, portal.ErrWrongSecret
	case q.Secret == "" && q.IDNumber == "":
		d.Steps, d.Note, d.Fee, d.ApplicantID = nil, "", 0, ""
	default:
		d.Detailed = true
	}
	return d, nil
}

func (f *fakes) PutLookup(d portal.Dossier) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups[d.Code], f.lookAt[d.Code] = d, time.Now()
	return nil
}

func (f *fakes) RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.lookups[code]
	at := f.lookAt[code]
	if !ok || time.Since(at) > maxAge {
		return portal.Dossier{}, time.Time{}, false
	}
	return d, at, true
}

func (f *fakes) ForgetLookups() error { f.mu.Lock(); clear(f.lookups); f.mu.Unlock(); return nil }

func (f *fakes) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	if f.offline {
		return nil, portal.ErrOffline
	}
	var out []portal.ReadyDossier
	for _, r := range f.dossiers {
		if r.Status == portal.StatusDone && r.FinishedAt != nil {
			out = append(out, portal.ReadyDossier{Code: r.Code, ProcedureName: r.ProcedureName, AgencyName: r.AgencyName,
				Applicant: portal.MaskName(r.Name), FinishedAt: *r.FinishedAt, PickupPlace: r.PickupPlace})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

func (f *fakes) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	if f.offline {
		return portal.Ticket{}, portal.ErrOffline
	}
	f.mu.Lock()
	f.tickets++
	n := f.tickets
	f.mu.Unlock()
	return portal.Ticket{Number: fmt.Sprintf("%s-%03d", r.Counter, 40+n), ServiceCode: r.ServiceCode, Counter: r.Counter,
		Waiting: 3 + n%5, IssuedAt: time.Now(), FollowURL: "https://dichvucong.hochiminhcity.gov.vn/xep-hang/" + r.ServiceCode}, nil
}

func (f *fakes) SaveRating(r portal.Rating) error {
	slog.Info("rating saved", "id", r.ID, "overall", r.Overall)
	return nil
}

func (f *fakes) print(kind string) error {
	time.Sleep(300 * time.Millisecond)
	if f.paperOut {
		return fmt.Errorf("printing %s: %w", kind, printer.ErrPaperOut)
	}
	slog.Info("printed", "kind", kind)
	return nil
}

func (f *fakes) PrintProcedure(ctx context.Context, p portal.Procedure) error {
	return f.print("checklist")
}
func (f *fakes) PrintDossier(ctx context.Context, d portal.Dossier) error { return f.print("dossier") }
func (f *fakes) PrintTicket(ctx context.Context, t portal.Ticket) error   { return f.print("ticket") }
func (f *fakes) Online() bool                                             { return !f.offline }
func (f *fakes) LastSync() time.Time                                      { return time.Now().Add(-3 * time.Hour) }
func (f *fakes) FlagDevice(device, state string)                          { slog.Warn("device flag", device, state) }
