package config

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testHash has the shape of an internal/pin hash (PIN 123456).
const testHash = "$argon2id$v=19$m=65536,t=3,p=1$1XUUlkPz/s1hc0fbsFReoA$+2AnflsQL1eZNqAUvVOyA/4GXpORMM5rSwnzPcEz4BQ"

// base is a minimal valid site file. Lines marked "# <table>" are free
// slots: a test case replaces them with one key of that table so that every
// other line keeps its number.
var base = []string{
	1:  `[kiosk]`,
	2:  `id = "t-01"`,
	3:  `site_name = "Trung tâm Phục vụ hành chính công"`,
	4:  `# kiosk`,
	5:  `[portal]`,
	6:  `base_url = "https://dvc.example.gov.vn"`,
	7:  `kiosk_key = "k-123"`,
	8:  `# portal`,
	9:  `[printer]`,
	10: `port = "virtual"`,
	11: `# printer`,
	12: `[scanner]`,
	13: `# scanner`,
	14: `[cache]`,
	15: `# cache`,
	16: `[sync]`,
	17: `# sync`,
	18: `[metrics]`,
	19: `# metrics`,
	20: `[staff]`,
	21: `pin_hash = "` + testHash + `"`,
	22: `# staff`,
}

// doc builds a file from base with lines replaced (a replacement may hold
// several lines) and extra lines appended after line 22.
func doc(set map[int]string, extra ...string) []byte {
	var lines []string
	for n := 1; n < len(base); n++ {
		if s, ok := set[n]; ok {
			lines = append(lines, s)
		} else {
			lines = append(lines, base[n])
		}
	}
	lines = append(lines, extra...)
	return []byte(strings.Join(lines, "\n") + "\n")
}

// problems parses data and returns every problem as its printed line.
func problems(t *testing.T, data []byte) []string {
	t.Helper()
	c, err := Parse("site.toml", data)
	var ps Problems
	switch {
	case errors.As(err, &ps):
		if c != nil {
			t.Errorf("Parse returned a config along with errors")
		}
	case err != nil:
		t.Fatalf("Parse: unexpected error type %T: %v", err, err)
	default:
		ps = c.Warnings
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
		// Every problem a test produces must also read in Vietnamese.
		if p.MsgVI == "" || p.MsgVI == p.Msg {
			t.Errorf("problem has no Vietnamese text: %s", p)
		}
	}
	return out
}

func TestProblemsInVietnamese(t *testing.T) {
	_, err := Parse("site.toml", doc(map[int]string{4: `language = "fr"`, 11: `baud = 11520`, 19: `listen = "0.0.0.0:9310"`}))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want Problems", err)
	}
	want := strings.Join([]string{
		`site.toml:4: kiosk.language: "fr" không phải là ngôn ngữ hợp lệ; hãy dùng "vi" hoặc "en"`,
		`site.toml:11: printer.baud: 11520 không phải là tốc độ chuẩn (có phải là 115200?)`,
		`site.toml:19: cảnh báo: metrics.listen: "0.0.0.0:9310" truy cập được từ mạng và số liệu giám sát không có mật khẩu; hãy dùng "127.0.0.1:9310" trừ khi có tường lửa giới hạn truy cập`,
	}, "\n")
	if got := ps.Vietnamese(); got != want {
		t.Errorf("Vietnamese():\n%s\nwant:\n%s", got, want)
	}
	t.Run("a syntax error keeps the library's detail after a Vietnamese label", func(t *testing.T) {
		_, err := Parse("site.toml", []byte("[kiosk\n"))
		var ps Problems
		if !errors.As(err, &ps) || !strings.HasPrefix(ps[0].Vietnamese(), "site.toml:1:7: lỗi cú pháp: ") {
			t.Errorf("got %v", err)
		}
	})
}

func TestValidationMessages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   map[int]string
		extra []string
		want  []string
	}{
		{name: "a minimal file has no problems"},
		{"a missing kiosk id is reported at its table", map[int]string{2: ``}, nil,
			[]string{`site.toml:1: kiosk.id: is required: a short unique name for this kiosk, like "hcc-binhduong-01"`}},
		{"a kiosk id with spaces is refused", map[int]string{2: `id = "kiosk 1/a"`}, nil,
			[]string{`site.toml:2: kiosk.id: "kiosk 1/a" may only contain letters, digits, ".", "_" and "-" (at most 64)`}},
		{"an empty site name is only a warning", map[int]string{3: ``}, nil,
			[]string{`site.toml:1: warning: kiosk.site_name: is empty; the start screen and receipts will show no centre name`}},
		{"an unsupported language lists the choices", map[int]string{4: `language = "fr"`}, nil,
			[]string{`site.toml:4: kiosk.language: "fr" is not a supported language; use "vi" or "en"`}},
		{"a language in capitals gets a suggestion", map[int]string{4: `language = "VI"`}, nil,
			[]string{`site.toml:4: kiosk.language: "VI" is not a supported language (did you mean "vi"?)`}},
		{"an unknown orientation lists the choices", map[int]string{4: `orientation = "vertical"`}, nil,
			[]string{`site.toml:4: kiosk.orientation: "vertical" is not an orientation; use "auto", "portrait" or "landscape"`}},
		{"a hotline that is not a phone number is refused", map[int]string{4: `hotline = "call us"`}, nil,
			[]string{`site.toml:4: kiosk.hotline: "call us" is not a phone number`}},
		{"a feedback URL without scheme is refused", map[int]string{4: `feedback_url = "dichvucong.gov.vn/pakn"`}, nil,
			[]string{`site.toml:4: kiosk.feedback_url: "dichvucong.gov.vn/pakn" is not an http(s) URL`}},
		{"a logo file that does not exist is refused", map[int]string{4: `logo = "/nonexistent/logo.png"`}, nil,
			[]string{`site.toml:4: kiosk.logo: file "/nonexistent/logo.png" does not exist`}},
		{"a duration written as a bare number says how to write it", map[int]string{4: `idle_timeout = 90`}, nil,
			[]string{`site.toml:4: kiosk.idle_timeout: 90 is not a duration; write it as a quoted string with a unit, like "90s"`}},
		{"a duration in words says how to write it", map[int]string{4: `idle_timeout = "90 seconds"`}, nil,
			[]string{`site.toml:4: kiosk.idle_timeout: "90 seconds" is not a duration; write it like "90s", "15m" or "1h30m"`}},
		{"an idle timeout too short to read a screen is refused", map[int]string{4: `idle_timeout = "5s"`}, nil,
			[]string{`site.toml:4: kiosk.idle_timeout: 5s is too short (at least 15s)`}},
		{"an idle timeout of hours is refused", map[int]string{4: `idle_timeout = "2h"`}, nil,
			[]string{`site.toml:4: kiosk.idle_timeout: 2h is too long (at most 30m)`}},
		{"a negative duration is refused", map[int]string{4: `idle_timeout = "-5s"`}, nil,
			[]string{`site.toml:4: kiosk.idle_timeout: must be positive, not -5s`}},
		{"a countdown longer than the idle timeout is refused", map[int]string{4: `idle_countdown = "2m"`}, nil,
			[]string{`site.toml:4: kiosk.idle_countdown: 2m must be shorter than kiosk.idle_timeout (1m30s)`}},
		{"a dialect without its version gets a suggestion", map[int]string{8: `dialect = "opencps"`}, nil,
			[]string{`site.toml:8: portal.dialect: "opencps" is not a known dialect (did you mean "opencps/v2"?)`}},
		{"opencps/v2 without group id is refused", map[int]string{8: `dialect = "opencps/v2"`}, nil,
			[]string{`site.toml:5: portal.group_id: is required for dialect opencps/v2 (the site's groupId)`}},
		{"a missing portal URL is refused", map[int]string{6: ``}, nil,
			[]string{`site.toml:5: portal.base_url: is required (the portal's address, like "https://dichvucong.binhduong.gov.vn")`}},
		{"a portal URL without scheme is refused", map[int]string{6: `base_url = "dvc.example.gov.vn"`}, nil,
			[]string{`site.toml:6: portal.base_url: "dvc.example.gov.vn" is not an http(s) URL`}},
		{"plain http to a remote portal is refused", map[int]string{6: `base_url = "http://dvc.example.gov.vn"`}, nil,
			[]string{`site.toml:6: portal.base_url: plain http is only allowed for a portal on this machine (127.0.0.1 or localhost); use https`}},
		{"plain http to a local portal needs no key", map[int]string{6: `base_url = "http://127.0.0.1:8089"`, 7: ``}, nil, nil},
		{"a remote kiosk/v1 portal needs a key", map[int]string{7: ``}, nil,
			[]string{`site.toml:5: portal.kiosk_key: is required for dialect kiosk/v1 (ask the portal operator for this kiosk's key)`}},
		{"a sub-second request timeout is refused", map[int]string{8: `timeout = "500ms"`}, nil,
			[]string{`site.toml:8: portal.timeout: 500ms is too short (at least 1s)`}},
		{"a lookup timeout shorter than one request is refused", map[int]string{8: `lookup_timeout = "5s"`}, nil,
			[]string{`site.toml:8: portal.lookup_timeout: 5s is shorter than portal.timeout (8s); a lookup could not finish even one request`}},
		{"too many retries are refused", map[int]string{8: `retries = 20`}, nil,
			[]string{`site.toml:8: portal.retries: 20 is out of range 0..10`}},
		{"a tiny body limit is refused", map[int]string{8: `max_body_bytes = 1000`}, nil,
			[]string{`site.toml:8: portal.max_body_bytes: 1000 is out of range 65536..268435456 bytes`}},
		{"a CA file that does not exist is refused", map[int]string{8: `ca_file = "/nonexistent/ca.pem"`}, nil,
			[]string{`site.toml:8: portal.ca_file: file "/nonexistent/ca.pem" does not exist`}},
		{"a CA file without certificates is refused", map[int]string{8: `ca_file = "testdata/not-a-cert.pem"`}, nil,
			[]string{`site.toml:8: portal.ca_file: "testdata/not-a-cert.pem" holds no PEM certificates`}},
		{"a CA file with a certificate is accepted", map[int]string{8: `ca_file = "testdata/ca.pem"`}, nil, nil},
		{"a printer needs a port or a USB id", map[int]string{10: ``}, nil,
			[]string{`site.toml:9: printer.port: set port (a device such as "/dev/kiosk-printer", or "virtual") or usb ("VID:PID")`}},
		{"a printer with both port and USB id is refused", map[int]string{11: `usb = "04b8:0e28"`}, nil,
			[]string{`site.toml:11: printer.usb: set either port or usb, not both`}},
		{"a printer port that is not a path is refused", map[int]string{10: `port = "ttyUSB0"`}, nil,
			[]string{`site.toml:10: printer.port: "ttyUSB0" is not a device path; use a path like "/dev/ttyUSB0"`}},
		{"a printer USB id with a dash is refused", map[int]string{10: `usb = "04b8-0e28"`}, nil,
			[]string{`site.toml:10: printer.usb: "04b8-0e28" is not a USB id; write VID:PID in hex, like "04b8:0e28"`}},
		{"a printer USB id alone is accepted", map[int]string{10: `usb = "04B8:0e28"`}, nil, nil},
		{"a baud rate with a digit missing gets a suggestion", map[int]string{11: `baud = 11520`}, nil,
			[]string{`site.toml:11: printer.baud: 11520 is not a standard rate (did you mean 115200?)`}},
		{"a baud rate far from any standard lists the common ones", map[int]string{11: `baud = 12345678`}, nil,
			[]string{`site.toml:11: printer.baud: 12345678 is not a standard rate (use 9600, 19200, 38400, 57600 or 115200)`}},
		{"an empty printer profile is refused", map[int]string{11: `profile = ""`}, nil,
			[]string{`site.toml:11: printer.profile: is required (a printer profile such as "epson-tm-t20iii")`}},
		{"a scanner with both port and USB id is refused", map[int]string{13: "port = \"/dev/ttyACM0\"\nusb = \"0c2e:0b61\""}, nil,
			[]string{`site.toml:14: scanner.usb: set either port or usb, not both`}},
		{"a scanner port that is not a path is refused", map[int]string{13: `port = "scanner"`}, nil,
			[]string{`site.toml:13: scanner.port: "scanner" is not a device path; use a path like "/dev/ttyUSB0"`}},
		{"a keyboard-wedge scanner is accepted", map[int]string{13: `port = "keyboard"`}, nil, nil},
		{"a scanner baud typo gets a suggestion", map[int]string{13: `baud = 960`}, nil,
			[]string{`site.toml:13: scanner.baud: 960 is not a standard rate (did you mean 9600?)`}},
		{"an unknown frame suffix lists the choices", map[int]string{13: `suffix = "TAB"`}, nil,
			[]string{`site.toml:13: scanner.suffix: "TAB" is not a frame suffix; use CR, LF, CRLF or ETX`}},
		{"an empty cache path is refused", map[int]string{15: `path = ""`}, nil,
			[]string{`site.toml:15: cache.path: is required (the cache file, like "/var/lib/kiosk/cache.db")`}},
		{"recent lookups kept for days are refused", map[int]string{15: `recent_lookup_ttl = "48h"`}, nil,
			[]string{`site.toml:15: cache.recent_lookup_ttl: 48h is too long (at most 24h)`}},
		{"recent lookups can be turned off", map[int]string{15: `recent_lookup_ttl = "0s"`}, nil, nil},
		{"a sync every few seconds is refused", map[int]string{17: `interval = "10s"`}, nil,
			[]string{`site.toml:17: sync.interval: 10s is too short (at least 1m)`}},
		{"a heartbeat every second is refused", map[int]string{17: `heartbeat_interval = "1s"`}, nil,
			[]string{`site.toml:17: sync.heartbeat_interval: 1s is too short (at least 30s)`}},
		{"a page size above the portal's maximum is refused", map[int]string{17: `page_size = 5000`}, nil,
			[]string{`site.toml:17: sync.page_size: 5000 is out of range 1..1000 (the portal sends at most 1000 per page)`}},
		{"a metrics address without host is refused", map[int]string{19: `listen = "9310"`}, nil,
			[]string{`site.toml:19: metrics.listen: "9310" is not host:port, like "127.0.0.1:9310"`}},
		{"a metrics port by name is refused", map[int]string{19: `listen = "127.0.0.1:http"`}, nil,
			[]string{`site.toml:19: metrics.listen: port "http" is not a number from 1 to 65535`}},
		{"metrics on all interfaces are a warning", map[int]string{19: `listen = "0.0.0.0:9310"`}, nil,
			[]string{`site.toml:19: warning: metrics.listen: "0.0.0.0:9310" is reachable from the network and metrics have no password; use "127.0.0.1:9310" unless a firewall limits access`}},
		{"metrics with an empty host are a warning", map[int]string{19: `listen = ":9310"`}, nil,
			[]string{`site.toml:19: warning: metrics.listen: ":9310" is reachable from the network and metrics have no password; use "127.0.0.1:9310" unless a firewall limits access`}},
		{"metrics on localhost are fine", map[int]string{19: `listen = "localhost:9310"`}, nil, nil},
		{"a plain PIN in the config is refused", map[int]string{21: `pin_hash = "123456"`}, nil,
			[]string{"site.toml:21: staff.pin_hash: looks like a plain PIN; run `kioskctl pin hash`"}},
		{"a PIN hash of another kind is refused", map[int]string{21: `pin_hash = "$2y$10$abcdefghijklmnopqrstuv"`}, nil,
			[]string{"site.toml:21: staff.pin_hash: is not a PIN hash; run `kioskctl pin hash` and paste the line it prints"}},
		{"a PIN hash with parameters the kiosk refuses is refused", map[int]string{21: `pin_hash = "` + strings.Replace(testHash, "m=65536", "m=999999", 1) + `"`}, nil,
			[]string{"site.toml:21: staff.pin_hash: has parameters the kiosk will not use (m=999999,t=3,p=1); run `kioskctl pin hash`"}},
		{"a missing PIN hash is a warning", map[int]string{21: ``}, nil,
			[]string{"site.toml:20: warning: staff.pin_hash: is not set; the staff panel cannot be opened (run `kioskctl pin hash`)"}},
		{"queue services need unique codes and Vietnamese names", nil, []string{
			`[[queue]]`,                // 23
			`code = "ho-tich"`,         // 24
			`name_vi = "Hộ tịch"`,      // 25
			`name_en = "Civil status"`, // 26
			`[[queue]]`,                // 27
			`code = "ho-tich"`,         // 28
			`name_en = "Again"`,        // 29
			`[[queue]]`,                // 30
			`code = "bad code"`,        // 31
			`name_vi = "Đất đai"`,      // 32
		}, []string{
			`site.toml:27: queue[1].name_vi: is required (the service name citizens see, in Vietnamese)`,
			`site.toml:28: queue[1].code: "ho-tich" is already used by queue[0]`,
			`site.toml:30: warning: queue[2].name_en: is empty; the English screen will show the Vietnamese name`,
			`site.toml:31: queue[2].code: "bad code" may only contain letters, digits, ".", "_" and "-" (at most 64)`,
		}},
		{"a queue service without code is reported at its header", nil,
			[]string{`[[queue]]`, `name_vi = "Hộ tịch"`, `name_en = "Civil status"`},
			[]string{`site.toml:23: queue[0].code: is required (a short code such as "ho-tich")`}},
		{"a string where a number belongs is refused", map[int]string{3: `site_name = 42`}, nil,
			[]string{`site.toml:3: kiosk.site_name: must be a quoted string, not a number`}},
		{"a quoted number says to drop the quotes", map[int]string{11: `baud = "9600"`}, nil,
			[]string{`site.toml:11: printer.baud: must be a number without quotes: 9600`}},
		{"a decimal where a whole number belongs is refused", map[int]string{8: `retries = 2.5`}, nil,
			[]string{`site.toml:8: portal.retries: must be a whole number, not 2.5`}},
		{"a quoted boolean says to drop the quotes", map[int]string{4: `fullscreen = "false"`}, nil,
			[]string{`site.toml:4: kiosk.fullscreen: must be true or false without quotes`}},
		{"a list where a string belongs is refused", map[int]string{4: `language = ["vi", "en"]`}, nil,
			[]string{`site.toml:4: kiosk.language: must be a quoted string, not a list`}},
		{"all problems are reported at once, in file order", map[int]string{2: `id = "a b"`, 11: `baud = 11520`, 21: `pin_hash = "1234"`}, nil,
			[]string{
				`site.toml:2: kiosk.id: "a b" may only contain letters, digits, ".", "_" and "-" (at most 64)`,
				`site.toml:11: printer.baud: 11520 is not a standard rate (did you mean 115200?)`,
				"site.toml:21: staff.pin_hash: looks like a plain PIN; run `kioskctl pin hash`",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, doc(tc.set, tc.extra...))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestUnknownKeys(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   map[int]string
		extra []string
		want  []string
	}{
		{"a key with a suffix suggests the real key", map[int]string{11: `baudrate = 9600`}, nil,
			[]string{`site.toml:11: printer.baudrate: unknown key "baudrate" (did you mean "baud"?)`}},
		{"a misspelt key suggests the real key", map[int]string{4: `idle_timout = "60s"`}, nil,
			[]string{`site.toml:4: kiosk.idle_timout: unknown key "idle_timout" (did you mean "idle_timeout"?)`}},
		{"a key like no other is still an error", map[int]string{4: `colour = "blue"`}, nil,
			[]string{`site.toml:4: kiosk.colour: unknown key "colour"`}},
		{"a quoted key is located too", map[int]string{11: `"baud rate" = 9600`}, nil,
			[]string{`site.toml:11: printer.baud rate: unknown key "baud rate" (did you mean "baud"?)`}},
		{"a misspelt table suggests the real table", nil, []string{`[printr]`, `port = "/dev/x"`},
			[]string{`site.toml:23: printr: unknown table "printr" (did you mean "printer"?)`}},
		{"a key above the first table names its table", map[int]string{1: "hotline = \"1900 1234\"\n[kiosk]"}, nil,
			[]string{`site.toml:1: hotline: unknown key "hotline" (did you mean "kiosk.hotline"?)`}},
		{"a key under the wrong table names the right one", map[int]string{11: `suffix = "CR"`}, nil,
			[]string{`site.toml:11: printer.suffix: unknown key "suffix" (did you mean "scanner.suffix"?)`}},
		{"a device key above the first table names its table, not a look-alike table", map[int]string{1: "usb = \"04b8:0e28\"\n[kiosk]"}, nil,
			[]string{`site.toml:1: usb: unknown key "usb" (did you mean "printer.usb"?)`}},
		{"an unknown key in a queue service is located in its element", nil,
			[]string{`[[queue]]`, `code = "a"`, `name_vi = "A"`, `name_en = "A"`, `[[queue]]`, `code = "b"`, `name_vi = "B"`, `name_en = "B"`, `countr = "1"`},
			[]string{`site.toml:31: queue[1].countr: unknown key "countr" (did you mean "counter"?)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, doc(tc.set, tc.extra...))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestLinesInUnusualLayouts(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
		want []string
	}{
		{"inline tables and an array of inline tables", `kiosk = { id = "t", site_name = "S" }
portal = { base_url = "http://127.0.0.1:1" }
printer = { port = "virtual" }
staff = { pin_hash = "` + testHash + `" }
queue = [
  { code = "a", name_vi = "A", name_en = "A" },
  { code = "a", name_vi = "B", name_en = "B" },
]
`, []string{`site.toml:7: queue[1].code: "a" is already used by queue[0]`}},
		{"multi-line strings and comments that look like keys", `# [printer] baud = 1
[kiosk]
id = "t"
site_name = """
Trung tâm
baud = 5
[printer]"""
hotline = 'x y z'
[portal] # a comment with "quotes" and [brackets]
base_url = "https://a.example.vn"
kiosk_key = '''k
e
y'''
[printer]
port = "virtual"
baud = 11520
[staff]
pin_hash = "` + testHash + `"
`, []string{
			`site.toml:8: kiosk.hotline: "x y z" is not a phone number`,
			`site.toml:16: printer.baud: 11520 is not a standard rate (did you mean 115200?)`,
		}},
		{"dotted keys and a sub-table of a queue element", `kiosk.id = "t"
kiosk.site_name = "S"
kiosk.language = "de"
portal.base_url = "http://localhost:8089"
printer.port = "virtual"
staff.pin_hash = "` + testHash + `"
[[queue]]
code = "a"
name_vi = "A"
name_en = "A"
[queue.extra]
x = 1
`, []string{
			`site.toml:3: kiosk.language: "de" is not a supported language; use "vi" or "en"`,
			`site.toml:11: queue[0].extra: unknown table "extra"`,
		}},
		{"windows line endings and a byte order mark", "\xef\xbb\xbf[kiosk]\r\nid = \"t\"\r\nsite_name = \"S\"\r\n[portal]\r\nbase_url = \"http://127.0.0.1:1\"\r\n[printer]\r\nport = \"virtual\"\r\nbaud = 11520\r\n[staff]\r\npin_hash = \"" + testHash + "\"\r\n",
			[]string{`site.toml:8: printer.baud: 11520 is not a standard rate (did you mean 115200?)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, []byte(tc.doc))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  map[int]string
		want string
	}{
		{"an unclosed table header names line and column", map[int]string{9: `[printer`},
			`site.toml:9:9: syntax error: expected '.' or ']' to end table name, but got '\n' instead`},
		{"an unterminated string names line and column", map[int]string{6: `base_url = "https://x`},
			`site.toml:6:22: syntax error: strings cannot contain newlines`},
		{"a key set twice names the second line", map[int]string{8: `base_url = "https://y.example.vn"`},
			`site.toml:8:1: syntax error: Key 'portal.base_url' has already been defined.`},
		{"a value without quotes names line and column", map[int]string{4: `language = vi`},
			`site.toml:4:12: syntax error: expected value but found "vi" instead`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, doc(tc.set))
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse("site.toml", doc(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"language", c.Kiosk.Language, "vi"},
		{"idle timeout", c.Kiosk.IdleTimeout.Duration, 90 * time.Second},
		{"idle countdown", c.Kiosk.IdleCountdown.Duration, 20 * time.Second},
		{"fullscreen", c.Kiosk.Fullscreen, true},
		{"hide cursor", c.Kiosk.HideCursor, true},
		{"orientation", c.Kiosk.Orientation, "auto"},
		{"receipt dir", c.Kiosk.ReceiptDir, "/var/lib/kiosk/receipts"},
		{"dialect", c.Portal.Dialect, "kiosk/v1"},
		{"portal timeout", c.Portal.Timeout.Duration, 8 * time.Second},
		{"lookup timeout", c.Portal.LookupTimeout.Duration, 15 * time.Second},
		{"retries", c.Portal.Retries, 3},
		{"max body bytes", c.Portal.MaxBodyBytes, int64(8 << 20)},
		{"printer baud", c.Printer.Baud, 115200},
		{"printer profile", c.Printer.Profile, "epson-tm-t20iii"},
		{"scanner baud", c.Scanner.Baud, 9600},
		{"scanner suffix", c.Scanner.Suffix, "CR"},
		{"cache path", c.Cache.Path, "/var/lib/kiosk/cache.db"},
		{"recent lookup TTL", c.Cache.RecentLookupTTL.Duration, 15 * time.Minute},
		{"sync interval", c.Sync.Interval.Duration, 15 * time.Minute},
		{"heartbeat interval", c.Sync.HeartbeatInterval.Duration, 5 * time.Minute},
		{"page size", c.Sync.PageSize, 500},
		{"metrics", c.Metrics.Listen, ""},
		{"queue", len(c.Queue), 0},
		{"path", c.Path, "site.toml"},
	} {
		t.Run("the default "+tc.name+" is used when the file leaves it out", func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	t.Run("a value in the file overrides a default true", func(t *testing.T) {
		c, err := Parse("site.toml", doc(map[int]string{4: `fullscreen = false`}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Kiosk.Fullscreen || !c.Kiosk.HideCursor {
			t.Errorf("fullscreen=%v hide_cursor=%v, want false and true", c.Kiosk.Fullscreen, c.Kiosk.HideCursor)
		}
	})
	t.Run("a lower-case suffix is accepted and normalised", func(t *testing.T) {
		c, err := Parse("site.toml", doc(map[int]string{13: `suffix = "crlf"`}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Scanner.Suffix != "CRLF" {
			t.Errorf("suffix = %q, want CRLF", c.Scanner.Suffix)
		}
	})
}

func TestKnownProfiles(t *testing.T) {
	old := KnownProfiles
	t.Cleanup(func() { KnownProfiles = old })
	KnownProfiles = []string{"epson-tm-t20iii", "xprinter-xp58", "generic-80mm-raster"}
	for _, tc := range []struct {
		name    string
		profile string
		want    []string
	}{
		{"a known profile is accepted", `"xprinter-xp58"`, nil},
		{"a near miss gets a suggestion", `"epson-tm-t20ii"`,
			[]string{`site.toml:11: printer.profile: unknown profile "epson-tm-t20ii" (did you mean "epson-tm-t20iii"?)`}},
		{"an unrelated name lists the known ones", `"star-tsp100"`,
			[]string{`site.toml:11: printer.profile: unknown profile "star-tsp100" (known: epson-tm-t20iii, xprinter-xp58, generic-80mm-raster)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, doc(map[int]string{11: "profile = " + tc.profile}))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestShippedConfigsAreClean(t *testing.T) {
	files, err := filepath.Glob("../../kiosk-config/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d config files in kiosk-config/, want demo.toml and example-site.toml at least", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f)+" loads without errors or warnings", func(t *testing.T) {
			c, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Warnings) > 0 {
				t.Errorf("warnings:\n%v", c.Warnings)
			}
			if c.Path != f {
				t.Errorf("Path = %q, want %q", c.Path, f)
			}
		})
	}
	t.Run("queue services point at fields of the demo dataset", func(t *testing.T) {
		b, err := os.ReadFile("../../assets/demo/fields.json")
		if err != nil {
			t.Skipf("demo dataset not available: %v", err)
		}
		var fields []struct{ Code string }
		if err := json.Unmarshal(b, &fields); err != nil {
			t.Fatal(err)
		}
		known := map[string]bool{}
		for _, f := range fields {
			known[f.Code] = true
		}
		for _, f := range files {
			c, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			for i, q := range c.Queue {
				if q.FieldCode != "" && !known[q.FieldCode] {
					t.Errorf("%s: queue[%d].field_code %q is not a field of assets/demo/fields.json", f, i, q.FieldCode)
				}
			}
		}
	})
	t.Run("the example site sets every key", func(t *testing.T) {
		data, err := os.ReadFile("../../kiosk-config/example-site.toml")
		if err != nil {
			t.Fatal(err)
		}
		lines := locate(data)
		for _, key := range allKeys(reflectValue(&Config{}).Type(), "") {
			if _, ok := lines[key]; !ok {
				t.Errorf("example-site.toml does not set %s", key)
			}
		}
	})
}

// allKeys lists every settable key of a config type, with queue keys under
// queue[0].
func allKeys(t reflect.Type, prefix string) []string {
	var keys []string
	idx, names := fields(t)
	for _, n := range names {
		f := t.Field(idx[n])
		p := join(prefix, n)
		switch {
		case f.Type.Kind() == reflect.Struct && f.Type != durationType:
			keys = append(keys, allKeys(f.Type, p)...)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			keys = append(keys, allKeys(f.Type.Elem(), p+"[0]")...)
		default:
			keys = append(keys, p)
		}
	}
	return keys
}

func TestLoad(t *testing.T) {
	t.Run("a missing file is a read error, not problems", func(t *testing.T) {
		_, err := Load(filepath.Join(t.TempDir(), "none.toml"))
		var ps Problems
		if err == nil || errors.As(err, &ps) || !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want a wrapped not-exist error", err)
		}
	})
	t.Run("problems name the file as given", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.toml")
		if err := os.WriteFile(path, doc(map[int]string{11: `baud = 11520`}), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		want := path + ":11: printer.baud: 11520 is not a standard rate (did you mean 115200?)"
		if err == nil || err.Error() != want {
			t.Errorf("err = %v, want %s", err, want)
		}
	})
}

func TestRedacted(t *testing.T) {
	c, err := Parse("site.toml", doc(map[int]string{6: `base_url = "https://kiosk:s3cret@dvc.example.gov.vn/api"`}))
	if err != nil {
		t.Fatal(err)
	}
	r := Redacted(c)
	for _, tc := range []struct{ name, got, want string }{
		{"kiosk key", r.Portal.KioskKey, "REDACTED"},
		{"PIN hash", r.Staff.PINHash, "REDACTED"},
		{"URL password", r.Portal.BaseURL, "https://kiosk:REDACTED@dvc.example.gov.vn/api"},
		{"kiosk id", r.Kiosk.ID, "t-01"},
	} {
		t.Run("the redacted "+tc.name+" is "+tc.want, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	t.Run("the original keeps its secrets", func(t *testing.T) {
		if c.Portal.KioskKey != "k-123" || c.Staff.PINHash != testHash {
			t.Error("Redacted changed the config it was given")
		}
	})
	t.Run("empty secrets stay empty so a missing one shows", func(t *testing.T) {
		c := Default()
		if r := Redacted(c); r.Portal.KioskKey != "" || r.Staff.PINHash != "" {
			t.Errorf("got %q and %q, want empty", r.Portal.KioskKey, r.Staff.PINHash)
		}
	})
}

func TestCheckPermissions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		body   []byte
		mode   os.FileMode
		warned bool
	}{
		{"a world-readable file with a key is a warning", doc(nil), 0o644, true},
		{"a world-readable file with only a PIN hash is a warning", doc(map[int]string{7: ``}), 0o604, true},
		{"a file only its owner reads is fine", doc(nil), 0o600, false},
		{"a world-readable file without secrets is fine", doc(map[int]string{7: ``, 21: ``}), 0o644, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kiosk.toml")
			if err := os.WriteFile(path, tc.body, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tc.mode); err != nil {
				t.Fatal(err)
			}
			ps, err := CheckPermissions(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(ps) == 1 && ps[0].Severity == Warning; got != tc.warned || len(ps) > 1 {
				t.Fatalf("problems = %v, want warned=%v", ps, tc.warned)
			}
			if tc.warned && !strings.Contains(ps[0].String(), "chmod 600 "+path) {
				t.Errorf("warning does not say how to fix it: %s", ps[0])
			}
			if tc.warned && !strings.Contains(ps[0].Vietnamese(), "hãy chạy `chmod 600 "+path) {
				t.Errorf("warning is not in Vietnamese: %s", ps[0].Vietnamese())
			}
		})
	}
	t.Run("a group-readable file names the group unless it is the kiosk group", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "kiosk.toml")
		if err := os.WriteFile(path, doc(nil), 0o640); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		group := groupName(st)
		ps, err := CheckPermissions(path)
		if err != nil {
			t.Fatal(err)
		}
		if group == KioskGroup {
			if len(ps) != 0 {
				t.Errorf("kiosk group file warned: %v", ps)
			}
			return
		}
		if len(ps) != 1 || !strings.Contains(ps[0].Msg, `group "`+group+`"`) {
			t.Errorf("problems = %v, want one warning naming group %q", ps, group)
		}
	})
}

func TestDurationTextRoundTrip(t *testing.T) {
	for _, in := range []string{"90s", "15m", "1h30m", "2h", "500ms"} {
		t.Run(in+" is written back as "+in, func(t *testing.T) {
			var d Duration
			if err := d.UnmarshalText([]byte(in)); err != nil {
				t.Fatal(err)
			}
			b, _ := d.MarshalText()
			var back Duration
			if err := back.UnmarshalText(b); err != nil || back != d {
				t.Errorf("%q -> %q does not parse back to %v", in, b, d.Duration)
			}
			if in != "90s" && string(b) != in {
				t.Errorf("MarshalText = %q, want %q", b, in)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		string(doc(nil)),
		string(doc(map[int]string{11: `baud = 11520`, 4: `idle_timeout = 90`})),
		"[[queue]]\ncode = 'a'\n[queue.x]\ny = [1, {a = 2}, \"\"\"\n]\"\"\"]\n",
		"a = { b = { c = [ { d = 1 } ] } }\n",
		"[kiosk\n",
		"x = '''\n\n'''\n\"q\\\"k\" = 1",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.toml", data)
		lines := strings.Count(string(data), "\n") + 1
		var ps Problems
		switch {
		case errors.As(err, &ps):
			if len(ps) == 0 || !ps.HasErrors() {
				t.Fatalf("Parse failed with no error problems: %v", ps)
			}
		case err != nil:
			t.Fatalf("Parse returned %T, want Problems: %v", err, err)
		default:
			ps = c.Warnings
		}
		for _, p := range ps {
			if p.Line < 0 || p.Line > lines || p.Col < 0 {
				t.Fatalf("problem at line %d col %d of a %d-line file: %s", p.Line, p.Col, lines, p)
			}
			if p.MsgVI == "" {
				t.Fatalf("problem without Vietnamese text: %s", p)
			}
		}
	})
}

func BenchmarkParseExampleSite(b *testing.B) {
	data, err := os.ReadFile("../../kiosk-config/example-site.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("example-site.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}
