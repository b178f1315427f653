package portal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzOpenCPSMapping feeds arbitrary JSON through the OpenCPS decoders and
// mappers: whatever a portal sends, mapping must not panic, and a dossier that
// passes validation has a status in 1..10 and masked personal data.
func FuzzOpenCPSMapping(f *testing.F) {
	for _, name := range []string{"dossier_detail.json", "dossiers.json", "serviceinfo_detail.json"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "opencps", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"dossierNo":"X-1","dossierStatus":"done","receiveDate":1e300,"dueDate":"31/02/2026 25:61:61","paymentFee":"NaN"}`))
	o := &openCPS{base: "https://portal.example/o/rest/v2", now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }}
	f.Fuzz(func(t *testing.T, b []byte) {
		var si ocServiceInfo
		if json.Unmarshal(b, &si) == nil {
			cleanProcedure(o.mapProcedure(si))
		}
		var od ocDossier
		if json.Unmarshal(b, &od) != nil {
			return
		}
		d, err := cleanDossier(o.mapDossier(od), od.DossierNo)
		if err != nil {
			return
		}
		if d.Status < StatusNew || d.Status > StatusReturned {
			t.Fatalf("status %d accepted", d.Status)
		}
		if d.Applicant != MaskName(d.Applicant) || d.ApplicantID != "" {
			t.Fatalf("summary applicant %q id %q not masked", d.Applicant, d.ApplicantID)
		}
	})
}

// FuzzParseRetryAfter checks a Retry-After header never yields a negative or
// unbounded wait.
func FuzzParseRetryAfter(f *testing.F) {
	f.Add("7")
	f.Add("Sun, 22 Nov 2026 08:00:12 GMT")
	f.Add("-1")
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC))
		if ok && (d < 0 || d > 24*time.Hour) {
			t.Fatalf("%q gives wait %v", v, d)
		}
	})
}
