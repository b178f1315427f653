package e2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"io/fs"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"kiosk/internal/config"
	"kiosk/internal/escpos"
	"kiosk/internal/health"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

// secretsOf is what must never be written anywhere on the kiosk: full
// names (in NFC, NFD and without diacritics), ID numbers, phones and the
// receipt secrets that unlock a dossier's details.
func secretsOf(ps []person) map[string]string {
	m := map[string]string{}
	for _, p := range ps {
		if p.Name == "" || len(p.IDNumber) < 6 || len(p.Secret) < 4 {
			continue // too short to scan for without false alarms
		}
		m[p.Name] = "name of " + p.Code
		m[norm.NFD.String(p.Name)] = "name (NFD) of " + p.Code
		m[p.IDNumber] = "ID number of " + p.Code
		m[p.Phone] = "phone of " + p.Code
		m[p.Secret] = "receipt secret of " + p.Code
	}
	return m
}

// leaks lists which secrets appear in b, including as words in text folded
// the way search folds it ("nguyen thi hong nhung").
func leaks(b []byte, secrets map[string]string, ps []person) []string {
	var out []string
	for s, what := range secrets {
		if bytes.Contains(b, []byte(s)) {
			out = append(out, what)
		}
	}
	if utf8Text := string(b); len(utf8Text) < 8<<20 {
		folded := " " + search.Normalize(utf8Text) + " "
		for _, p := range ps {
			if strings.Contains(folded, " "+search.Normalize(p.Name)+" ") {
				out = append(out, "name (folded) of "+p.Code)
			}
		}
	}
	return out
}

// receiptText decodes an ESC/POS job into the text a printer would print.
func receiptText(b []byte) string {
	ops, err := escpos.Decode(b)
	if err != nil {
		return ""
	}
	var sb strings.Builder
	cp := escpos.PC437
	for _, op := range ops {
		switch op.Cmd {
		case escpos.OpCodePage:
			cp = escpos.CodePage(op.N)
		case escpos.OpText:
			sb.WriteString(escpos.DecodeText(cp, op.Data))
		case escpos.OpLF:
			sb.WriteByte('\n')
		case escpos.OpQRStore, escpos.OpBarcode:
			sb.WriteString("\n" + string(op.Data) + "\n")
		}
	}
	return sb.String()
}

func TestNothingPersonalIsKept(t *testing.T) {
	ds := dataset(t, 0)
	var everyone []person // the test applicants and any in the demo dataset
	for _, d := range ds.Dossiers {
		everyone = append(everyone, person{d.Code, d.ApplicantName, d.ApplicantIDNumber, d.ApplicantPhone, d.Secret})
	}
	p := startPortal(t, ds, portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, nil)
	k.syncUntilDone(t, 1)
	ctx := k.Ctx
	secrets := secretsOf(everyone)

	// A morning of lookups: by code only, with the receipt secret, with the
	// ID number, a wrong secret, the ready list, printed slips, a rating.
	for _, who := range people {
		if _, err := k.S.Lookups.Dossier(ctx, who.Code, portal.DossierQuery{}); err != nil {
			t.Fatalf("summary lookup: %v", err)
		}
		d, err := k.S.Lookups.Dossier(ctx, who.Code, portal.DossierQuery{Secret: who.Secret})
		if err != nil || !d.Detailed {
			t.Fatalf("lookup with secret: %+v, %v", d, err)
		}
		if _, err := k.S.Lookups.Dossier(ctx, who.Code, portal.DossierQuery{IDNumber: who.IDNumber}); err != nil {
			t.Fatalf("lookup with ID number: %v", err)
		}
		if _, err := k.S.Lookups.Dossier(ctx, who.Code, portal.DossierQuery{Secret: "SAI" + who.Secret}); !errors.Is(err, portal.ErrWrongSecret) {
			t.Fatalf("wrong secret: %v", err)
		}
		if err := k.S.Receipts.PrintDossier(ctx, d, "vi"); err != nil {
			t.Fatalf("printing the slip: %v", err)
		}
	}
	if _, err := k.S.Lookups.ReadyDossiers(ctx, "", "000.20.31"); err != nil {
		t.Fatal(err)
	}
	if err := k.S.Ratings.SaveRating(portal.Rating{Overall: 4, Comment: "Nhanh gọn"}); err != nil {
		t.Fatal(err)
	}
	deliverAll(t, k, 3)

	t.Run("the idle reset forgets every looked-up dossier", func(t *testing.T) {
		if err := k.S.Lookups.ForgetLookups(); err != nil {
			t.Fatal(err)
		}
		for _, who := range people {
			if _, _, ok := k.S.Lookups.RecentLookup(who.Code, 0); ok {
				t.Errorf("%s still remembered after the idle reset", who.Code)
			}
		}
	})

	scanned := map[string]int{}
	check := func(t *testing.T, what string, b []byte) {
		t.Helper()
		scanned[what] += len(b)
		if l := leaks(b, secrets, everyone); len(l) > 0 {
			t.Errorf("%s holds %s", what, strings.Join(l, ", "))
		}
	}

	t.Run("no file the kiosk wrote holds a name, ID number, phone or receipt secret", func(t *testing.T) {
		k.S.Close() // flush and release the cache as at shutdown
		n := 0
		err := filepath.WalkDir(k.Dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			rel, _ := filepath.Rel(k.Dir, path)
			check(t, rel, b)
			if strings.HasSuffix(path, ".bin") {
				check(t, rel+" (printed text)", []byte(receiptText(b)))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 2 {
			t.Fatalf("scanned only %d files; expected the cache and the receipts", n)
		}
	})

	t.Run("the slips show the masked name", func(t *testing.T) {
		bins, _ := filepath.Glob(filepath.Join(k.S.ReceiptDir, "*.bin"))
		var all strings.Builder
		for _, b := range bins {
			raw, _ := os.ReadFile(b)
			all.WriteString(receiptText(raw))
		}
		if !strings.Contains(search.Normalize(all.String()), search.Normalize(portal.MaskName(people[0].Name))) {
			t.Errorf("no slip shows the masked name %q; the text scan may be blind", portal.MaskName(people[0].Name))
		}
	})

	t.Run("logs, metrics and the status report hold nothing personal", func(t *testing.T) {
		check(t, "logs", []byte(k.Logs.String()))
		h := health.Handler(k.S.Monitor, k.S.Metrics.Handler())
		for _, path := range []string{"/metrics", "/status"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK || rec.Body.Len() == 0 {
				t.Fatalf("%s answered %d", path, rec.Code)
			}
			check(t, path, rec.Body.Bytes())
		}
		rep, _ := json.Marshal(k.S.Report())
		check(t, "status report", rep)
	})

	// Not asserted: bbolt does not zero freed pages, so masked summaries of
	// forgotten lookups may stay in the file's free space until reused.
	cacheBytes, _ := os.ReadFile(k.S.Cfg.Cache.Path)
	residue := 0
	for _, who := range people {
		if bytes.Contains(cacheBytes, []byte(portal.MaskName(who.Name))) {
			residue++
		}
	}
	var total int
	for _, n := range scanned {
		total += n
	}
	t.Logf("scanned %d bytes in %d places; masked names of forgotten lookups still in free pages: %d of %d", total, len(scanned), residue, len(people))
	record("privacy scan after lookups, slips, ready list, rating and an idle reset",
		"no full name (NFC/NFD/folded), ID number, phone or receipt secret in the cache file, receipts (raw and printed text), logs, /metrics or /status; lookups forgotten",
		"n/a — note: masked summaries of "+itoa(residue)+" of "+itoa(len(people))+" forgotten lookups remain in bbolt free pages")
}

// newCA makes a self-signed CA certificate (PEM) unrelated to any server.
func newCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Không phải CA của tỉnh"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func TestPortalTLS(t *testing.T) {
	p := &portalEnv{Sim: portalsim.New(dataset(t, 0), portalsim.Options{KioskKey: kioskKey})}
	srv := httptest.NewTLSServer(p)
	t.Cleanup(srv.Close)
	srv.Config.ErrorLog = newDiscardLogger() // refused handshakes are expected here
	serverCA := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := []struct {
		name   string
		caFile string
		wantOK bool
	}{
		{"without a CA file the kiosk refuses the portal's self-signed certificate", "", false},
		{"with the portal's certificate as CA file the kiosk talks to the portal", write("portal-ca.pem", serverCA), true},
		{"with a different CA pinned the kiosk refuses the portal", write("other-ca.pem", newCA(t)), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := buildKiosk(t, srv.URL, func(c *config.Config) { c.Portal.CAFile = tc.caFile })
			ctx, cancel := context.WithTimeout(k.Ctx, 30*time.Second)
			defer cancel()
			_, herr := k.S.Portal.Health(ctx)
			_, serr := k.S.Syncer.Run(ctx, true, nil)
			if tc.wantOK {
				if herr != nil || serr != nil {
					t.Fatalf("health %v, sync %v; want both to work", herr, serr)
				}
				return
			}
			if !errors.Is(herr, portal.ErrOffline) || serr == nil {
				t.Fatalf("health %v, sync %v; want the portal refused", herr, serr)
			}
			if !strings.Contains(herr.Error(), "certificate") {
				t.Errorf("the error %q does not say the certificate was refused", herr)
			}
			if r := k.S.Report(); r.Cache.Procedures != 0 {
				t.Errorf("%d procedures taken from an untrusted portal", r.Cache.Procedures)
			}
		})
	}
	record("portal presents a certificate the kiosk does not trust (self-signed; or signed by another CA than the pinned one)",
		"every request refused with a certificate error (\"portal unreachable\" to citizens); nothing synced; with portal.ca_file naming the right CA it works",
		"nothing (no data accepted from the untrusted server)")
}

func newDiscardLogger() *log.Logger { return log.New(io.Discard, "", 0) }

func TestConfigPermissions(t *testing.T) {
	const withKey = "[kiosk]\nid = \"e2e-01\"\n[portal]\nbase_url = \"https://dichvucong.example.gov.vn\"\nkiosk_key = \"khoa-bi-mat\"\n"
	const withoutSecrets = "[kiosk]\nid = \"e2e-01\"\n"
	cases := []struct {
		name     string
		content  string
		mode     os.FileMode
		wantWarn bool
	}{
		{"a config with the kiosk key readable by every user gets a warning", withKey, 0o644, true},
		{"a config with the kiosk key readable by its owner only is fine", withKey, 0o600, false},
		{"a world-readable config without secrets is fine", withoutSecrets, 0o644, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "site.toml")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tc.mode); err != nil {
				t.Fatal(err)
			}
			probs, err := config.CheckPermissions(path)
			if err != nil {
				t.Fatal(err)
			}
			warned := len(probs) > 0 && probs[0].Severity == config.Warning
			if warned != tc.wantWarn {
				t.Fatalf("problems %v, want a warning: %v", probs, tc.wantWarn)
			}
			if warned && (!strings.Contains(probs[0].String(), "chmod") || probs[0].Key != "portal.kiosk_key") {
				t.Errorf("warning %q does not name the secret and the fix", probs[0].String())
			}
		})
	}
	record("config holding the kiosk key is world-readable", "`kioskctl config check` (config.CheckPermissions) warns, naming the key and the chmod/chown fix", "n/a")
}
