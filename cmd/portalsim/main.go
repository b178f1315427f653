// Command portalsim serves the kiosk/v1 portal API from a dataset, for demos,
// tests and load tests, or with -dialect opencps the same dataset in the
// shapes of an OpenCPS v2 site (REST base /o/rest/v2, groupId and Token
// headers, HTTP 203 refusals):
//
//	portalsim [-listen ADDR] [-dataset DIR] [-synthetic N] [-synthetic-mode recombined|realistic] [-latency D] [-fail-rate F] [-garbage-rate F]
//	          [-dialect kiosk/v1|opencps] [-group-id ID] [-token T] [-base-path PATH]
//
// POST /admin/offline and /admin/online switch it off and on at run time;
// POST /admin/faults changes latency and failure shares; see docs/portal-api.yaml.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"kiosk/internal/portalsim"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8089", "listen `ADDR`")
	dataset := flag.String("dataset", "", "dataset `DIR` with fields.json, agencies.json, procedures.json, dossiers.json (default: the embedded demo dataset)")
	synthetic := flag.Int("synthetic", 0, "add `N` generated procedures (scale tests)")
	syntheticMode := flag.String("synthetic-mode", portalsim.SyntheticRecombined, "how -synthetic makes procedures up: `MODE` "+
		"recombined (a few hundred real phrases, ~500 distinct words) or realistic (Zipf-like words with a long tail of rare ones, names of 5-40 words)")
	seed := flag.Int64("seed", 1, "seed for synthetic data and fault injection")
	latency := flag.Duration("latency", 0, "added latency per API request")
	failRate := flag.Float64("fail-rate", 0, "share of API requests answered 500 or 429")
	garbageRate := flag.Float64("garbage-rate", 0, "share of API requests answered with garbage")
	kioskKey := flag.String("kiosk-key", "", "kiosk key to require (empty: accept any; kiosk/v1 only)")
	dialect := flag.String("dialect", portalsim.DialectKioskV1, "API to serve: `kiosk/v1` or opencps (OpenCPS v2 shapes)")
	groupID := flag.String("group-id", "", "opencps: the site's groupId; requests with another see an empty site (empty: accept any)")
	token := flag.String("token", "", "opencps: Liferay auth token every POST must carry in the Token header (empty: none)")
	basePath := flag.String("base-path", "", "opencps: REST base `PATH` (empty: /o/rest/v2)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var ds *portalsim.Dataset
	var err error
	if *dataset == "" {
		ds, err = portalsim.Demo()
	} else {
		ds, err = portalsim.LoadDataset(os.DirFS(*dataset))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "portalsim:", err)
		os.Exit(1)
	}
	if *synthetic > 0 {
		if err := ds.AddSyntheticMode(*syntheticMode, *synthetic, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "portalsim:", err)
			os.Exit(2)
		}
	}
	if *failRate < 0 || *garbageRate < 0 || *failRate+*garbageRate > 1 {
		fmt.Fprintln(os.Stderr, "portalsim: -fail-rate and -garbage-rate must be between 0 and 1 and add up to at most 1")
		os.Exit(2)
	}

	switch *dialect {
	case portalsim.DialectKioskV1, "":
		if *groupID != "" || *token != "" || *basePath != "" {
			fmt.Fprintln(os.Stderr, "portalsim: -group-id, -token and -base-path need -dialect opencps")
			os.Exit(2)
		}
	case portalsim.DialectOpenCPS, "opencps/v2":
		if *kioskKey != "" {
			log.Warn("-kiosk-key is ignored: an OpenCPS site checks -group-id and -token instead")
		}
	default:
		fmt.Fprintf(os.Stderr, "portalsim: -dialect %q: want %s or %s\n", *dialect, portalsim.DialectKioskV1, portalsim.DialectOpenCPS)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	url, shutdown, err := portalsim.Start(ctx, *listen, ds, portalsim.Options{
		KioskKey: *kioskKey, Latency: *latency, FailRate: *failRate, GarbageRate: *garbageRate, Seed: *seed, Logger: log,
		Dialect: *dialect, OpenCPS: portalsim.OpenCPSOptions{GroupID: *groupID, Token: *token, BasePath: *basePath},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "portalsim:", err)
		os.Exit(1)
	}
	log.Info("portal simulator serving", "url", url, "dialect", *dialect, "procedures", len(ds.Procedures), "dossiers", len(ds.Dossiers))
	<-ctx.Done()
	shutdown()
}
