package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenCPSTable(t *testing.T) {
	base, err := os.ReadFile("../../kiosk-config/example-site.toml")
	if err != nil {
		t.Fatal(err)
	}
	load := func(t *testing.T, table string) (*Config, error) {
		t.Helper()
		// Replace the example's [portal.opencps] tables by the test's.
		s := string(base)
		i, j := strings.Index(s, "[portal.opencps]"), strings.Index(s, "[printer]")
		s = s[:i] + table + "\n\n" + s[j:]
		p := filepath.Join(t.TempDir(), "site.toml")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return Load(p, Known{})
	}
	t.Run("a full table is read", func(t *testing.T) {
		c, err := load(t, "[portal.opencps]\nbase_path = \"/secure/rest/v2\"\nready_steps = [\"300\", \"500\"]\nready_days = 14\n"+
			"[portal.opencps.status_map]\nprocessing = 2\n[portal.opencps.voting_criteria]\nDG05 = \"attitude\"\n\"Thời gian\" = \"time\"")
		if err != nil {
			t.Fatal(err)
		}
		o := c.Portal.OpenCPS
		if o.BasePath != "/secure/rest/v2" || strings.Join(o.ReadySteps, ",") != "300,500" || o.ReadyDays != 14 || o.StatusMap["processing"] != 2 ||
			o.VotingCriteria["DG05"] != "attitude" || o.VotingCriteria["Thời gian"] != "time" {
			t.Errorf("got %+v", o)
		}
	})
	tests := []struct{ name, table, want string }{
		{"a base path without its slash", "[portal.opencps]\nbase_path = \"o/rest/v2\"", `portal.opencps.base_path: "o/rest/v2" is not a URL path`},
		{"step codes as one string", "[portal.opencps]\nready_steps = \"300,310\"", "portal.opencps.ready_steps: must be a list of quoted strings"},
		{"a status outside 1..10", "[portal.opencps.status_map]\nprocessing = 11", "portal.opencps.status_map.processing: 11 is not a national dossier status (1..10)"},
		{"an upper-case status code", "[portal.opencps.status_map]\nProcessing = 4", `"Processing" is not an OpenCPS status code`},
		{"a criterion the rating screen does not ask", "[portal.opencps.voting_criteria]\nDG01 = \"speed\"", `portal.opencps.voting_criteria.DG01: "speed" is not a rating criterion`},
		{"a year and more of ready results", "[portal.opencps]\nready_days = 400", "portal.opencps.ready_days: 400 is out of range 0..366"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			_, err := load(t, tt.table)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a problem containing %q", err, tt.want)
			}
		})
	}
	t.Run("the token is redacted", func(t *testing.T) {
		c, err := load(t, "[portal.opencps]\ntoken = \"s3cr3t\"")
		if err != nil {
			t.Fatal(err)
		}
		if Redacted(c).Portal.OpenCPS.Token != RedactedValue {
			t.Error("token not redacted")
		}
	})
}
