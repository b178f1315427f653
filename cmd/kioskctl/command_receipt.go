package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"kiosk/assets"
	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/receipt"
)

func init() {
	register(command{
		Name:    "receipt",
		Usage:   "receipt -kind procedure|dossier|ticket|test -out FILE.png",
		Summary: "render a receipt to PNG (and raw ESC/POS) without a printer",
		Run:     runReceipt,
	})
}

// receiptDemoFS is the demo dataset (fields.json, procedures.json,
// dossiers.json at its root) bundled in assets/demo. Where it lacks what is
// asked for, built-in samples are used. Tests replace it.
var receiptDemoFS = func() fs.FS {
	sub, err := fs.Sub(assets.Demo, "demo")
	if err != nil {
		return nil
	}
	return sub
}()

type receiptFlags struct {
	kind, code, profile, lang, out, raw string
}

func runReceipt(ctx context.Context, g *globals, args []string) error {
	fs := flag.NewFlagSet("receipt", flag.ContinueOnError)
	fs.SetOutput(g.Stderr)
	var f receiptFlags
	fs.StringVar(&f.kind, "kind", "", "`KIND` of receipt: procedure, dossier, ticket or test")
	fs.StringVar(&f.code, "code", "", "procedure or dossier `CODE` (default: the first one found), or ticket number")
	fs.StringVar(&f.profile, "profile", "", "printer profile `NAME` (default from the config, else epson-tm-t20iii)")
	fs.StringVar(&f.lang, "lang", "", "label language, vi or en (default from the config, else vi)")
	fs.StringVar(&f.out, "out", "", "write the preview to `FILE.png`")
	fs.StringVar(&f.raw, "raw", "", "also write the ESC/POS bytes to `FILE.bin`")
	if err := fs.Parse(args); err != nil {
		return &exitError{Code: 2}
	}
	switch f.kind {
	case "procedure", "dossier", "ticket", "test":
	default:
		return &exitError{Code: 2, Msg: fmt.Sprintf("receipt: -kind must be procedure, dossier, ticket or test (got %q)", f.kind)}
	}
	if f.out == "" {
		return &exitError{Code: 2, Msg: "receipt: -out FILE.png is required"}
	}
	if f.lang != "" && f.lang != "vi" && f.lang != "en" {
		return &exitError{Code: 2, Msg: fmt.Sprintf("receipt: -lang must be vi or en (got %q)", f.lang)}
	}

	site := receipt.Site{Lang: "vi", Now: time.Now()}
	cachePath := g.CachePath
	var queue []receiptService
	if cfg, err := g.loadConfig(); err == nil {
		site.Name, site.Hotline, site.LookupURL = cfg.Kiosk.SiteName, cfg.Kiosk.Hotline, cfg.Portal.LookupURL
		if cfg.Kiosk.Language != "" {
			site.Lang = cfg.Kiosk.Language
		}
		if f.profile == "" {
			f.profile = cfg.Printer.Profile
		}
		cachePath = cfg.Cache.Path
		for _, q := range cfg.Queue {
			queue = append(queue, receiptService{q.Code, q.NameVI, q.NameEN, q.Counter})
		}
	} else {
		fmt.Fprintf(g.Stderr, "kioskctl receipt: config not read (%v); using defaults\n", err)
	}
	if f.lang != "" {
		site.Lang = f.lang
	}
	if f.profile == "" {
		f.profile = "epson-tm-t20iii"
	}
	prof, err := receipt.LoadProfile(f.profile)
	if err != nil {
		return &exitError{Code: 2, Msg: err.Error()}
	}

	var doc receipt.Doc
	var source string
	switch f.kind {
	case "procedure":
		var p portal.Procedure
		p, source, err = receiptProcedure(cachePath, f.code)
		doc = receipt.ProcedureChecklist(p, site)
	case "dossier":
		var d portal.Dossier
		d, source, err = receiptDossier(f.code)
		doc = receipt.DossierSlip(d, site)
	case "ticket":
		t := receiptTicket(queue, site, f.code)
		source = "a sample ticket"
		doc = receipt.QueueTicket(t, site)
	case "test":
		source = "the test page"
		doc = receipt.TestPage(site, prof)
	}
	if err != nil {
		return &exitError{Code: 1, Msg: err.Error()}
	}

	job, err := receipt.Encode(doc, prof)
	if err != nil {
		return err
	}
	img, err := receipt.Preview(doc, prof)
	if err != nil {
		return err
	}
	out, err := os.Create(f.out)
	if err != nil {
		return err
	}
	if err := png.Encode(out, img); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %w", f.out, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	if f.raw != "" {
		if err := os.WriteFile(f.raw, job, 0o644); err != nil {
			return err
		}
	}
	b := img.Bounds()
	fmt.Fprintf(g.Stdout, "%s: %s receipt from %s, profile %s, %d×%d dots, %d bytes of ESC/POS (%.1f s at 9600 baud, %.2f s at 115200)\n",
		f.out, f.kind, source, prof.Name, b.Dx(), b.Dy(), len(job),
		float64(len(job))*10/9600, float64(len(job))*10/115200)
	return nil
}

// receiptProcedure finds a procedure in the cache, else the demo dataset,
// else the built-in sample.
func receiptProcedure(cachePath, code string) (portal.Procedure, string, error) {
	if cachePath != "" && code != "" {
		if _, err := os.Stat(cachePath); err == nil {
			c, err := catalog.Open(cachePath, catalog.Options{LockTimeout: time.Second, SkipCheck: true})
			if err == nil {
				p, perr := c.Procedure(code)
				c.Close()
				if perr == nil {
					return p, "the cache " + cachePath, nil
				}
			}
		}
	}
	if cachePath != "" && code == "" {
		if _, err := os.Stat(cachePath); err == nil {
			if c, err := catalog.Open(cachePath, catalog.Options{LockTimeout: time.Second, SkipCheck: true}); err == nil {
				ps, perr := c.Procedures()
				c.Close()
				if perr == nil && len(ps) > 0 {
					return ps[0], "the cache " + cachePath, nil
				}
			}
		}
	}
	var ps []portal.Procedure
	if err := receiptDemo("procedures.json", &ps); err == nil {
		for _, p := range ps {
			if code == "" || p.Code == code {
				return p, "the demo dataset", nil
			}
		}
	}
	s := receiptSampleProcedure()
	if code == "" || code == s.Code {
		return s, "the built-in sample", nil
	}
	return portal.Procedure{}, "", fmt.Errorf("procedure %q is neither in the cache nor in the demo dataset", code)
}

// receiptDossierRecord is one entry of the demo dataset's dossiers.json: the
// dossier plus the applicant's plain personal data, which is masked here.
type receiptDossierRecord struct {
	portal.Dossier
	ApplicantName     string `json:"applicant_name"`
	ApplicantIDNumber string `json:"applicant_id_number"`
}

func receiptDossier(code string) (portal.Dossier, string, error) {
	var recs []receiptDossierRecord
	if err := receiptDemo("dossiers.json", &recs); err == nil {
		for _, r := range recs {
			if code == "" || r.Code == code {
				d := r.Dossier
				if r.ApplicantName != "" {
					d.Applicant = r.ApplicantName
				}
				if r.ApplicantIDNumber != "" {
					d.ApplicantID = r.ApplicantIDNumber
				}
				d.Applicant, d.ApplicantID = portal.MaskName(d.Applicant), portal.MaskID(d.ApplicantID)
				d.StatusLabel = portal.StatusLabel(d.Status, "vi")
				return d, "the demo dataset", nil
			}
		}
	}
	s := receiptSampleDossier()
	if code == "" || code == s.Code {
		return s, "the built-in sample", nil
	}
	return portal.Dossier{}, "", fmt.Errorf("dossier %q is not in the demo dataset", code)
}

func receiptDemo(name string, v any) error {
	if receiptDemoFS == nil {
		return errors.New("no demo dataset bundled")
	}
	b, err := fs.ReadFile(receiptDemoFS, path.Join(".", name))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

type receiptService struct{ code, vi, en, counter string }

func receiptTicket(queue []receiptService, site receipt.Site, number string) portal.Ticket {
	svc := receiptService{"HT", "Hộ tịch", "Civil status", "3"}
	if len(queue) > 0 {
		svc = queue[0]
	}
	name := svc.vi
	if site.Lang == "en" && svc.en != "" {
		name = svc.en
	}
	if number == "" {
		number = strings.ToUpper(svc.code[:1]) + "-042"
	}
	return portal.Ticket{
		Number: number, ServiceCode: svc.code, ServiceName: name, Counter: svc.counter,
		Waiting: 5, IssuedAt: site.Now,
		FollowURL: "https://dichvucong.example.gov.vn/xep-hang/" + svc.code + "/" + number,
	}
}

func receiptSampleProcedure() portal.Procedure {
	return portal.Procedure{
		Code:       "1.001193.000.00.00.H48",
		Name:       "Đăng ký khai sinh",
		AgencyName: "Ủy ban nhân dân cấp xã",
		FieldName:  "Hộ tịch",
		Level:      portal.LevelFull,
		Channels: []portal.Channel{
			{Kind: portal.ChannelInPerson, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"},
				Fees: []portal.Fee{{Name: "Lệ phí", Note: "miễn lệ phí nếu đăng ký đúng hạn"}}},
			{Kind: portal.ChannelOnline, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"}},
		},
		Documents: []portal.Document{
			{Name: "Tờ khai đăng ký khai sinh theo mẫu", Originals: 1},
			{Name: "Giấy chứng sinh", Originals: 1},
			{Name: "Căn cước công dân của cha hoặc mẹ", Copies: 1},
		},
		SubmitPlace: "Bộ phận Một cửa UBND cấp xã nơi cư trú",
		OnlineURL:   "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193",
	}
}

func receiptSampleDossier() portal.Dossier {
	now := time.Now()
	return portal.Dossier{
		Code:          "000.00.53.H48-220921-0099",
		ProcedureName: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
		AgencyName:    "UBND phường Thủ Dầu Một",
		Status:        portal.StatusProcessing,
		StatusLabel:   portal.StatusLabel(portal.StatusProcessing, "vi"),
		ReceivedAt:    now.AddDate(0, 0, -10),
		DueAt:         now.AddDate(0, 0, 5),
		CurrentStep:   "Thẩm định hồ sơ",
		PickupPlace:   "Quầy số 5, Trung tâm Hành chính công",
		Applicant:     portal.MaskName("Nguyễn Văn An"),
		ApplicantID:   portal.MaskID("001090012345"),
	}
}
