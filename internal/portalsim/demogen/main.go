// Command demogen writes the kiosk's demo dataset (assets/demo/*.json) from the
// compact Go tables in this directory: the fields, the agencies of Thành phố Hồ Chí Minh
// province, the procedures and a set of dossiers in every status.
//
// The output is deterministic: running it twice gives byte-identical files,
// so the committed JSON can be checked against the tables in a test.
//
//	go run ./internal/portalsim/demogen -out assets/demo
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "assets/demo", "directory to write the JSON files into")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "demogen:", err)
		os.Exit(1)
	}
}

// write builds the dataset and writes one file per kind into dir.
func write(dir string) error {
	ds, err := build()
	if err != nil {
		return err
	}
	files := []struct {
		name string
		v    any
	}{
		{"fields.json", ds.fields},
		{"agencies.json", ds.agencies},
		{"procedures.json", ds.procedures},
		{"dossiers.json", ds.dossiers},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	for _, f := range files {
		b, err := encode(f.v)
		if err != nil {
			return fmt.Errorf("encode %s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return nil
}

// encode pretty-prints v without HTML escaping, with a final newline.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
