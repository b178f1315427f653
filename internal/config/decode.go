package config

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// decoder copies a TOML document, already parsed into generic maps, onto a
// Config field by field. Doing this ourselves instead of letting the TOML
// library decode into the struct means one run reports every unknown key and
// every wrong type, each with its line, instead of stopping at the first.
type decoder struct {
	file     string
	lines    map[string]int
	problems Problems
	// bad holds keys whose value could not be decoded; validation says
	// nothing more about them, since it only sees the default.
	bad        map[string]bool
	validating bool
}

var durationType = reflect.TypeFor[Duration]()

func (d *decoder) add(sev Severity, key, format string, args ...any) {
	d.addMsg(sev, key, fmt.Sprintf(format, args...), vi(format, args...))
}

// addMsg adds a problem whose English and Vietnamese texts are already made.
func (d *decoder) addMsg(sev Severity, key, en, vi string) {
	if d.validating && d.bad[key] {
		return
	}
	if !d.validating {
		if d.bad == nil {
			d.bad = map[string]bool{}
		}
		d.bad[key] = true
	}
	d.problems = append(d.problems, Problem{
		File: d.file, Line: lineOf(d.lines, key), Key: key, Msg: en, MsgVI: vi, Severity: sev,
	})
}

// lineOf is the line of key, or of the nearest enclosing table that is in
// the file, or 0.
func lineOf(lines map[string]int, key string) int {
	for key != "" {
		if n, ok := lines[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// fields maps toml tag names to struct field indexes.
func fields(t reflect.Type) (map[string]int, []string) {
	m := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		m[tag] = i
		names = append(names, tag)
	}
	return m, names
}

func (d *decoder) table(m map[string]any, path string, v reflect.Value) {
	idx, names := fields(v.Type())
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Visit keys in file order so problems come out in file order.
	sort.Slice(keys, func(i, j int) bool {
		li, lj := d.lines[join(path, keys[i])], d.lines[join(path, keys[j])]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		p := join(path, k)
		i, ok := idx[k]
		if !ok {
			d.unknown(path, k, m[k], names)
			continue
		}
		d.value(m[k], p, v.Field(i))
	}
}

func (d *decoder) unknown(path, k string, val any, names []string) {
	kind := "key"
	if _, ok := val.(map[string]any); ok {
		kind = "table"
	}
	p := join(path, k)
	// A key written above the first table header, or under the wrong one:
	// name the table it belongs to.
	if t := ownerTable(k); kind == "key" && t != "" && t != path && !strings.Contains(path, "[") {
		d.add(Error, p, "unknown %s %q (did you mean %q?)", kind, k, t+"."+k)
		return
	}
	if s := suggest(k, names); s != "" {
		d.add(Error, p, "unknown %s %q (did you mean %q?)", kind, k, s)
		return
	}
	d.add(Error, p, "unknown %s %q", kind, k)
}

// ownerTable is the first top-level table that has a key named k.
func ownerTable(k string) string {
	t := reflect.TypeFor[Config]()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Struct || f.Type == durationType {
			continue
		}
		if idx, _ := fields(f.Type); idx != nil {
			if _, ok := idx[k]; ok {
				tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
				return tag
			}
		}
	}
	return ""
}

func (d *decoder) value(x any, path string, v reflect.Value) {
	if v.Type() == durationType {
		switch x := x.(type) {
		case string:
			dur, err := time.ParseDuration(x)
			if err != nil {
				d.add(Error, path, "%q is not a duration; write it like \"90s\", \"15m\" or \"1h30m\"", x)
				return
			}
			v.Set(reflect.ValueOf(Duration{dur}))
		case int64, float64:
			d.add(Error, path, "%v is not a duration; write it as a quoted string with a unit, like \"%vs\"", x, x)
		default:
			d.add(Error, path, "must be a duration like \"90s\", not %s", tomlType(x))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			d.add(Error, path, "must be a quoted string, not %s", tomlType(x))
			return
		}
		v.SetString(s)
	case reflect.Int, reflect.Int64:
		switch x := x.(type) {
		case int64:
			if v.Kind() == reflect.Int && (x > math.MaxInt32 || x < math.MinInt32) {
				d.add(Error, path, "%d is out of range", x)
				return
			}
			v.SetInt(x)
		case float64:
			d.add(Error, path, "must be a whole number, not %v", x)
		case string:
			if _, err := strconv.ParseInt(x, 10, 64); err == nil {
				d.add(Error, path, "must be a number without quotes: %s", x)
			} else {
				d.add(Error, path, "must be a number, not a string")
			}
		default:
			d.add(Error, path, "must be a number, not %s", tomlType(x))
		}
	case reflect.Bool:
		switch x := x.(type) {
		case bool:
			v.SetBool(x)
		case string:
			if x == "true" || x == "false" {
				d.add(Error, path, "must be true or false without quotes")
			} else {
				d.add(Error, path, "must be true or false, not a string")
			}
		default:
			d.add(Error, path, "must be true or false, not %s", tomlType(x))
		}
	case reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			d.add(Error, path, "must be a table ([%s]), not %s", path, tomlType(x))
			return
		}
		d.table(m, path, v)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			d.strings(x, path, v)
			return
		}
		var elems []map[string]any
		switch x := x.(type) {
		case []map[string]any:
			elems = x
		case []any:
			for i, e := range x {
				m, ok := e.(map[string]any)
				if !ok {
					d.add(Error, fmt.Sprintf("%s[%d]", path, i), "must be a table, not %s", tomlType(e))
					continue
				}
				elems = append(elems, m)
			}
		default:
			d.add(Error, path, "must be a list of [[%s]] tables, not %s", path, tomlType(x))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(elems), len(elems))
		for i, m := range elems {
			d.table(m, fmt.Sprintf("%s[%d]", path, i), s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok || v.Type().Key().Kind() != reflect.String {
			d.add(Error, path, "must be a table ([%s]), not %s", path, tomlType(x))
			return
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		for k, e := range m {
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(e, join(path, k), ev)
			out.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), ev)
		}
		v.Set(out)
	default:
		d.add(Error, path, "cannot be set from a config file")
	}
}

// strings decodes a TOML array of strings, like ["300", "310"].
func (d *decoder) strings(x any, path string, v reflect.Value) {
	arr, ok := x.([]any)
	if !ok {
		d.add(Error, path, "must be a list of quoted strings like [\"a\", \"b\"], not %s", tomlType(x))
		return
	}
	out := reflect.MakeSlice(v.Type(), 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			d.add(Error, fmt.Sprintf("%s[%d]", path, i), "must be a quoted string, not %s", tomlType(e))
			continue
		}
		out = reflect.Append(out, reflect.ValueOf(s))
	}
	v.Set(out)
}

// tomlType names a decoded value's TOML type for messages.
func tomlType(x any) string {
	switch x := x.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	case nil:
		return "nothing"
	default:
		if _, ok := x.(fmt.Stringer); ok {
			return "a date/time"
		}
		return fmt.Sprintf("%T", x)
	}
}
