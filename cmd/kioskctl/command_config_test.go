package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// configTestFile writes body to a private temp file and returns its path.
func configTestFile(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func configDemoText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../kiosk-config/demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConfigCheck(t *testing.T) {
	demo := configDemoText(t)
	broken := strings.Replace(strings.Replace(demo, `port = "virtual"`, "port = \"virtual\"\nbaudrate = 9600\nbaud = 11520", 1),
		`language = "vi"`, `language = "vn"`, 1)
	brokenLines := strings.Split(broken, "\n")
	lineOf := func(prefix string) int {
		for i, l := range brokenLines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return 0
	}

	for _, tc := range []struct {
		name      string
		body      string
		mode      os.FileMode
		useGlobal bool
		code      int
		stdout    []string // line templates; PATH is the file's path
		stderr    string
	}{
		{name: "a clean file prints OK and exits 0", body: demo, mode: 0o600,
			stdout: []string{"PATH: OK"}},
		{name: "the file defaults to the global -config", body: demo, mode: 0o600, useGlobal: true,
			stdout: []string{"PATH: OK"}},
		{name: "a broken file prints every problem with its line and exits 1", body: broken, mode: 0o600, code: 1,
			stdout: []string{
				"PATH:" + strconv.Itoa(lineOf("language")) + `: kiosk.language: "vn" is not a supported language (did you mean "vi"?)`,
				"PATH:" + strconv.Itoa(lineOf("language")) + `: kiosk.language: "vn" không phải là ngôn ngữ hợp lệ (có phải là "vi"?)`,
				"PATH:" + strconv.Itoa(lineOf("baudrate")) + `: printer.baudrate: unknown key "baudrate" (did you mean "baud"?)`,
				"PATH:" + strconv.Itoa(lineOf("baudrate")) + `: printer.baudrate: khóa "baudrate" không tồn tại (có phải là "baud"?)`,
				"PATH:" + strconv.Itoa(lineOf("baud =")) + `: printer.baud: 11520 is not a standard rate (did you mean 115200?)`,
				"PATH:" + strconv.Itoa(lineOf("baud =")) + `: printer.baud: 11520 không phải là tốc độ chuẩn (có phải là 115200?)`,
			},
			stderr: "kioskctl: PATH: 3 errors, 0 warnings / 3 lỗi, 0 cảnh báo\n"},
		{name: "warnings are printed but do not fail the check",
			body: strings.Replace(demo, `listen = "127.0.0.1:9310"`, `listen = "0.0.0.0:9310"`, 1), mode: 0o600,
			stdout: []string{
				"PATH:" + strconv.Itoa(strings.Count(demo[:strings.Index(demo, `listen =`)], "\n")+1) +
					`: warning: metrics.listen: "0.0.0.0:9310" is reachable from the network and metrics have no password; use "127.0.0.1:9310" unless a firewall limits access`,
				"PATH:" + strconv.Itoa(strings.Count(demo[:strings.Index(demo, `listen =`)], "\n")+1) +
					`: cảnh báo: metrics.listen: "0.0.0.0:9310" truy cập được từ mạng và số liệu giám sát không có mật khẩu; hãy dùng "127.0.0.1:9310" trừ khi có tường lửa giới hạn truy cập`,
				"PATH: OK (1 warning / 1 cảnh báo)",
			}},
		{name: "a world-readable file with secrets gets a permission warning", body: demo, mode: 0o644,
			stdout: []string{
				"PATH: warning: portal.kiosk_key: the file is readable by every user (mode 0644) and holds this secret; run `chmod 600 PATH` or `chown root:kiosk PATH && chmod 640 PATH`",
				"PATH: cảnh báo: portal.kiosk_key: tệp đọc được bởi mọi người dùng (quyền 0644) và chứa thông tin bí mật này; hãy chạy `chmod 600 PATH` hoặc `chown root:kiosk PATH && chmod 640 PATH`",
				"PATH: OK (1 warning / 1 cảnh báo)",
			}},
		{name: "a printer profile the receipt package does not know is refused",
			body: strings.Replace(demo, `profile = "epson-tm-t20iii"`, `profile = "epson-tm-t20"`, 1), mode: 0o600, code: 1,
			stdout: []string{"PATH:" + strconv.Itoa(strings.Count(demo[:strings.Index(demo, `profile =`)], "\n")+1) +
				`: printer.profile: unknown profile "epson-tm-t20" (did you mean "epson-tm-t20iii"?)`,
				"PATH:" + strconv.Itoa(strings.Count(demo[:strings.Index(demo, `profile =`)], "\n")+1) +
					`: printer.profile: hồ sơ máy in "epson-tm-t20" không tồn tại (có phải là "epson-tm-t20iii"?)`},
			stderr: "kioskctl: PATH: 1 error, 0 warnings / 1 lỗi, 0 cảnh báo\n"},
		{name: "a syntax error names line and column", body: "[kiosk]\nid = \"x\n", mode: 0o600, code: 1,
			stdout: []string{"PATH:2:8: syntax error: strings cannot contain newlines", "PATH:2:8: lỗi cú pháp: strings cannot contain newlines"},
			stderr: "kioskctl: PATH: 1 error, 0 warnings / 1 lỗi, 0 cảnh báo\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := configTestFile(t, tc.body, tc.mode)
			args := []string{"-config", "/nonexistent.toml", "config", "check", path}
			if tc.useGlobal {
				args = []string{"-config", path, "config", "check"}
			}
			var out, errb bytes.Buffer
			code := run(args, &out, &errb)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, errb.String())
			}
			want := strings.ReplaceAll(strings.Join(tc.stdout, "\n")+"\n", "PATH", path)
			if out.String() != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
			}
			if want := strings.ReplaceAll(tc.stderr, "PATH", path); errb.String() != want {
				t.Errorf("stderr %q, want %q", errb.String(), want)
			}
		})
	}

	t.Run("a missing file exits 1 and names it", func(t *testing.T) {
		var out, errb bytes.Buffer
		code := run([]string{"config", "check", "/nonexistent/kiosk.toml"}, &out, &errb)
		if code != 1 || !strings.Contains(errb.String(), "/nonexistent/kiosk.toml") {
			t.Errorf("code %d stderr %q, want 1 and the file name", code, errb.String())
		}
	})
	for _, args := range [][]string{{"config"}, {"config", "frob"}, {"config", "check", "a", "b"}, {"config", "show", "x"}} {
		t.Run("usage "+strings.Join(args, " ")+" exits 2", func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(args, &out, &errb); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
		})
	}
}

func TestConfigShow(t *testing.T) {
	path := configTestFile(t, configDemoText(t), 0o600)
	var out, errb bytes.Buffer
	code := run([]string{"-config", path, "-portal", "http://127.0.0.1:5555", "-cache", "/tmp/other.db", "config", "show"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, errb.String())
	}
	got := out.String()
	for _, tc := range []struct {
		name, text string
		present    bool
	}{
		{"the -portal override is shown", `base_url = "http://127.0.0.1:5555"`, true},
		{"the -cache override is shown", `path = "/tmp/other.db"`, true},
		{"the kiosk key is redacted", `kiosk_key = "REDACTED"`, true},
		{"the PIN hash is redacted", `pin_hash = "REDACTED"`, true},
		{"the kiosk key's value does not appear", "demo-key", false},
		{"no argon2 hash appears", "argon2id", false},
		{"defaults the file leaves out are shown", `max_body_bytes = 8388608`, true},
		{"durations are written as people write them", `interval = "15m"`, true},
		{"Vietnamese names survive", `name_vi = "Hộ tịch, chứng thực"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(got, tc.text) != tc.present {
				t.Errorf("output contains %q = %v, want %v:\n%s", tc.text, !tc.present, tc.present, got)
			}
		})
	}
}
