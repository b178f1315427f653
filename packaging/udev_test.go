package packaging

import (
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// device is what udev knows about a tty when 99-kiosk.rules runs: its own
// keys, its USB parent's attributes and what the usb_id/path_id builtins (or
// 60-serial.rules before us) put in the environment.
type device struct {
	kernel, subsystem string
	parents           []string          // SUBSYSTEMS up the tree
	attrs             map[string]string // ATTRS{} of the USB parent
	builtinEnv        map[string]string // what IMPORT{builtin} adds
}

// result is what the rules did to the device.
type result struct {
	env      map[string]string
	group    string
	mode     string
	symlinks []string
	tags     []string
}

var udevPair = regexp.MustCompile(`^\s*([A-Z_]+)(?:\{([^}]*)\})?\s*(==|!=|\+=|=)\s*"([^"]*)"\s*(?:,|$)`)

type udevRule struct {
	line  int
	pairs []udevPairT
}

type udevPairT struct{ key, attr, op, value string }

// parseUdevRules reads the subset of udev's rule syntax our file uses and
// fails on anything else (a typo would otherwise make udev ignore the line).
func parseUdevRules(t *testing.T, text string) []udevRule {
	t.Helper()
	known := map[string]bool{"ACTION": true, "SUBSYSTEM": true, "SUBSYSTEMS": true, "KERNEL": true, "ATTRS": true,
		"ENV": true, "GROUP": true, "MODE": true, "SYMLINK": true, "TAG": true, "GOTO": true, "LABEL": true, "IMPORT": true}
	var rules []udevRule
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := udevRule{line: n + 1}
		for rest := line; strings.TrimSpace(rest) != ""; {
			m := udevPair.FindStringSubmatchIndex(rest)
			if m == nil {
				t.Fatalf("line %d: cannot parse %q", n+1, rest)
			}
			p := udevPairT{key: rest[m[2]:m[3]], op: rest[m[6]:m[7]], value: rest[m[8]:m[9]]}
			if m[4] >= 0 {
				p.attr = rest[m[4]:m[5]]
			}
			if !known[p.key] {
				t.Fatalf("line %d: unknown key %s", n+1, p.key)
			}
			r.pairs = append(r.pairs, p)
			rest = rest[m[1]:]
		}
		rules = append(rules, r)
	}
	return rules
}

// globMatch is udev's pattern match: alternatives split by |, shell globs.
func globMatch(pattern, s string) bool {
	for _, alt := range strings.Split(pattern, "|") {
		if ok, _ := path.Match(alt, s); ok {
			return true
		}
	}
	return false
}

// runUdevRules applies the rules to d for an "add" event the way udev does:
// a rule's assignments apply only when all its matches hold; GOTO jumps to
// its LABEL.
func runUdevRules(t *testing.T, rules []udevRule, d device) result {
	t.Helper()
	r := result{env: map[string]string{}}
	subst := regexp.MustCompile(`\$env\{([A-Z_]+)\}`)
	expand := func(v string) string {
		return subst.ReplaceAllStringFunc(v, func(m string) string { return r.env[subst.FindStringSubmatch(m)[1]] })
	}
	for i := 0; i < len(rules); i++ {
		rule := rules[i]
		matched := true
		for _, p := range rule.pairs {
			if p.op != "==" && p.op != "!=" {
				continue
			}
			var ok bool
			switch p.key {
			case "ACTION":
				ok = globMatch(p.value, "add")
			case "SUBSYSTEM":
				ok = globMatch(p.value, d.subsystem)
			case "KERNEL":
				ok = globMatch(p.value, d.kernel)
			case "SUBSYSTEMS":
				ok = slices.ContainsFunc(d.parents, func(s string) bool { return globMatch(p.value, s) })
			case "ATTRS":
				v, has := d.attrs[p.attr]
				ok = has && globMatch(p.value, v)
			case "ENV":
				ok = globMatch(p.value, r.env[p.attr])
				if p.value == "" {
					ok = r.env[p.attr] == ""
				}
			default:
				t.Fatalf("line %d: %s cannot be matched", rule.line, p.key)
			}
			if p.op == "!=" {
				ok = !ok
			}
			if !ok {
				matched = false
				break
			}
		}
		if !matched {
			continue
		}
		for _, p := range rule.pairs {
			if p.op == "==" || p.op == "!=" {
				continue
			}
			switch p.key {
			case "ENV":
				r.env[p.attr] = expand(p.value)
			case "GROUP":
				r.group = p.value
			case "MODE":
				r.mode = p.value
			case "SYMLINK":
				r.symlinks = append(r.symlinks, expand(p.value))
			case "TAG":
				r.tags = append(r.tags, p.value)
			case "IMPORT":
				for k, v := range d.builtinEnv {
					if (p.value == "path_id") == (k == "ID_PATH") {
						r.env[k] = v
					}
				}
			case "GOTO":
				j := slices.IndexFunc(rules, func(l udevRule) bool {
					return len(l.pairs) == 1 && l.pairs[0].key == "LABEL" && l.pairs[0].value == p.value
				})
				if j < 0 {
					t.Fatalf("line %d: GOTO %q has no LABEL", rule.line, p.value)
				}
				i = j
			case "LABEL":
			default:
				t.Fatalf("line %d: %s cannot be assigned", rule.line, p.key)
			}
		}
	}
	return r
}

func usbTTY(kernel, vid, pid, serial, idPath string) device {
	env := map[string]string{"ID_VENDOR_ID": vid, "ID_MODEL_ID": pid, "ID_PATH": idPath}
	if serial != "" {
		env["ID_SERIAL_SHORT"] = serial
	}
	return device{kernel: kernel, subsystem: "tty", parents: []string{"usb-serial", "usb"},
		attrs: map[string]string{"idVendor": vid, "idProduct": pid}, builtinEnv: env}
}

func TestUdevRulesNameTheKiosksSerialDevices(t *testing.T) {
	b, err := os.ReadFile("udev/99-kiosk.rules")
	if err != nil {
		t.Fatal(err)
	}
	rules := parseUdevRules(t, string(b))
	kioskDevice := func(t *testing.T, r result) {
		t.Helper()
		if r.group != "kiosk" || r.mode != "0660" {
			t.Errorf("group %q mode %q, want kiosk 0660", r.group, r.mode)
		}
		if r.env["ID_MM_DEVICE_IGNORE"] != "1" {
			t.Error("ModemManager is not told to keep away")
		}
		if !slices.Contains(r.tags, "systemd") {
			t.Error(`no TAG+="systemd"`)
		}
	}
	cases := []struct {
		name string
		dev  device
		want []string // symlinks, all of them
	}{
		{"an FTDI adapter gets its port, serial and model names",
			usbTTY("ttyUSB0", "0403", "6001", "A10K1234", "pci-0000:00:14.0-usb-0:2:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:2:1.0", "kiosk/by-serial/0403-6001-A10K1234", "kiosk/by-usb/0403-6001"}},
		{"a CP210x adapter is a kiosk device",
			usbTTY("ttyUSB1", "10c4", "ea60", "0001", "pci-0000:00:14.0-usb-0:4:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:4:1.0", "kiosk/by-serial/10c4-ea60-0001", "kiosk/by-usb/10c4-ea60"}},
		{"any CDC-ACM device is a kiosk device",
			usbTTY("ttyACM0", "2dd6", "0260", "", "pci-0000:00:14.0-usb-0:5:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:5:1.0", "kiosk/by-usb/2dd6-0260"}},
		{"an Epson printer is the printer",
			usbTTY("ttyACM1", "04b8", "0e28", "X5E1", "pci-0000:00:14.0-usb-0:1:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:1:1.0", "kiosk/by-serial/04b8-0e28-X5E1", "kiosk/by-usb/04b8-0e28", "kiosk-printer"}},
		{"a Honeywell scanner is the scanner",
			usbTTY("ttyACM2", "0c2e", "0b61", "", "pci-0000:00:14.0-usb-0:3:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:3:1.0", "kiosk/by-usb/0c2e-0b61", "kiosk-scanner"}},
		{"a PL2303 keeps the printer name older configs use",
			usbTTY("ttyUSB2", "067b", "2303", "", "pci-0000:00:14.0-usb-0:6:1.0"),
			[]string{"kiosk/by-path/pci-0000:00:14.0-usb-0:6:1.0", "kiosk/by-usb/067b-2303", "kiosk-printer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runUdevRules(t, rules, c.dev)
			kioskDevice(t, r)
			got := slices.Clone(r.symlinks)
			slices.Sort(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("symlinks %v, want %v", got, want)
			}
		})
	}

	t.Run("two identical CH340 adapters get distinct port names", func(t *testing.T) {
		a := runUdevRules(t, rules, usbTTY("ttyUSB0", "1a86", "7523", "", "pci-0000:00:14.0-usb-0:2:1.0"))
		b := runUdevRules(t, rules, usbTTY("ttyUSB1", "1a86", "7523", "", "pci-0000:00:14.0-usb-0:3:1.0"))
		kioskDevice(t, a)
		kioskDevice(t, b)
		if !slices.Contains(a.symlinks, "kiosk/by-path/pci-0000:00:14.0-usb-0:2:1.0") || !slices.Contains(b.symlinks, "kiosk/by-path/pci-0000:00:14.0-usb-0:3:1.0") {
			t.Errorf("port names %v and %v", a.symlinks, b.symlinks)
		}
	})
	t.Run("a built-in serial port and an unknown USB device are left alone", func(t *testing.T) {
		for _, d := range []device{
			{kernel: "ttyS0", subsystem: "tty", parents: []string{"pnp"}},
			usbTTY("ttyUSB3", "1234", "5678", "", "pci-0000:00:14.0-usb-0:7:1.0"),
		} {
			if r := runUdevRules(t, rules, d); r.group != "" || len(r.symlinks) != 0 {
				t.Errorf("%s: group %q symlinks %v, want none", d.kernel, r.group, r.symlinks)
			}
		}
	})
}

// TestUdevAcceptsEveryRule lets udev's own parser read the file: systemd 252
// (Debian 12) has no `udevadm verify`, so the rules go into /run/udev/rules.d
// in a private mount namespace and `udevadm test` parses them, reporting any
// line it would ignore.
func TestUdevAcceptsEveryRule(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root for a private /run")
	}
	for _, tool := range []string{"udevadm", "unshare"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if _, err := exec.Command("udevadm", "verify", "--help").CombinedOutput(); err == nil {
		if out, err := exec.Command("udevadm", "verify", "udev/99-kiosk.rules").CombinedOutput(); err != nil {
			t.Errorf("udevadm verify: %v\n%s", err, out)
		}
	}
	rules, err := os.ReadFile("udev/99-kiosk.rules")
	if err != nil {
		t.Fatal(err)
	}
	script := `mount -t tmpfs tmpfs /run && mkdir -p /run/udev/rules.d && cat > /run/udev/rules.d/99-kiosk.rules && udevadm test --action=add /sys/class/tty/tty 2>&1`
	cmd := exec.Command("unshare", "-m", "sh", "-c", script)
	cmd.Stdin = strings.NewReader(string(rules))
	out, err := cmd.CombinedOutput()
	if !strings.Contains(string(out), "Reading rules file: /run/udev/rules.d/99-kiosk.rules") {
		t.Skipf("udevadm test did not read the rules here (%v):\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.Contains(line, "99-kiosk.rules:") {
			continue
		}
		// The group exists on a kiosk (postinst creates it), not here.
		if strings.Contains(line, "Unknown group 'kiosk'") {
			continue
		}
		t.Errorf("udev: %s", line)
	}
}
