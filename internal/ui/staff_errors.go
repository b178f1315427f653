package ui

import (
	"context"
	"errors"

	"kiosk/internal/printer"
)

// logKinds maps the kiosk's warning and error log messages (the slog message
// text, which the health report's recent-errors ring keeps) to a plain,
// translated sentence for centre staff. The log text itself is English for
// the technicians; the staff panel shows it only under "Technical details"
// (issue 19, item 15). TestEveryLoggedProblemHasAPlainMessage fails when a
// new Warn or Error message is added without an entry here.
var logKinds = map[string]string{
	"print failed":                 "layouts.err.print",
	"printing failed":              "layouts.err.print",
	"printing ticket failed":       "layouts.err.print",
	"printer device node vanished": "layouts.err.printer.gone",
	"printer disconnected":         "layouts.err.printer.gone",
	"printer paper low":            "layouts.err.printer.low",

	"scanner disconnected":                                      "layouts.err.scanner",
	"scanner not started":                                       "layouts.err.scanner",
	"scanner frame too long, dropped":                           "layouts.err.scanner.garbled",
	"scanner noise dropped (check the baud rate and the cable)": "layouts.err.scanner.garbled",

	"catalogue sync failed":                                         "layouts.err.sync",
	"could not reset the sync listing":                              "layouts.err.sync",
	"portal listed no agencies; keeping the cached ones":            "layouts.err.sync.kept",
	"portal listed no fields; keeping the cached ones":              "layouts.err.sync.kept",
	"portal sent invalid procedures, dropped":                       "layouts.err.sync.invalid",
	"dossier lookup failed":                                         "layouts.err.lookup",
	"ready list failed":                                             "layouts.err.lookup",
	"portal refused an outbox item for good; moved to dead letters": "layouts.err.outbox",
	"taking a ticket failed":                                        "layouts.err.ticket",
	"saving rating failed":                                          "layouts.err.rating",

	"cache file was unusable; moved aside and starting fresh":                                                     "layouts.err.cache.rebuilt",
	"the cache file was unreadable; it was moved aside and a fresh one created":                                   "layouts.err.cache.rebuilt",
	"cache schema differs; rebuilding catalogue (outbox kept) and scheduling a full sync":                         "layouts.err.cache.rebuilt",
	"could not salvage the outbox of the corrupt cache":                                                           "layouts.err.cache.lost",
	"could not give the cache file to its folder's owner":                                                         "layouts.err.cache",
	"cache pages not released":                                                                                    "layouts.err.cache",
	"search index not rebuilt":                                                                                    "layouts.err.cache",
	"search index not stored":                                                                                     "layouts.err.cache",
	"cache check not deferred: its marker cannot be written":                                                      "layouts.err.cache",
	"cache check marker not removed; the next start checks the cache before showing the kiosk":                    "layouts.err.cache",
	"the cache failed its consistency check; it is replaced at the next start, but no restart could be asked for": "layouts.err.cache.damaged",
	"the cache failed its consistency check; the kiosk restarts when nobody is using it and replaces it":          "layouts.err.cache.damaged",
	"the cache failed its consistency check; it is replaced at the next start":                                    "layouts.err.cache.damaged",
	"the stored search index is unusable; rebuilding it":                                                          "layouts.err.cache",
	"reading agencies failed":                                                                                     "layouts.err.cache",
	"reading fields failed":                                                                                       "layouts.err.cache",
	"reading procedure failed":                                                                                    "layouts.err.cache",
	"forgetting recent lookups failed":                                                                            "layouts.err.cache",
	"heartbeat not queued":                                                                                        "layouts.err.cache",
	"reading the saved PIN lockout":                                                                               "layouts.err.cache",
	"saving the PIN lockout":                                                                                      "layouts.err.cache",

	"speaking failed":            "layouts.err.voice",
	"speaker test failed":        "layouts.err.voice",
	"voice guidance unavailable": "layouts.err.voice",
	"voice guidance: no audio output device; the Listen buttons are hidden": "layouts.err.voice",

	"config warning":        "layouts.err.config",
	"config not usable":     "layouts.err.config",
	"-portal not usable":    "layouts.err.config",
	"translations unusable": "layouts.err.config",
	"the configured centre accepts no procedure of the catalogue; showing all": "layouts.err.centre",

	"restart failed": "layouts.err.restart",
	"upgrade restart flag cannot be removed; not restarting":                   "layouts.err.restart",
	"restarting while idle to return memory":                                   "layouts.err.memory",
	"memory above the restart limit but not grown since start; not restarting": "layouts.err.memory",
	"restart requested by staff":                                               "layouts.err.restart.staff",
	"device needs staff":                                                       "layouts.err.needsstaff",
	"device reset by staff: cache and outbox cleared, full sync scheduled":     "layouts.err.reset",

	"status server stopped":          "layouts.err.status",
	"status socket not available":    "layouts.err.status",
	"metrics endpoint not available": "layouts.err.status",
	"kiosk could not start":          "layouts.err.start",
	"demo portal not started":        "layouts.err.start",
	"screenshot tour failed":         "layouts.err.start",
	"no monitor reported; window sized for the configured orientation": "layouts.err.screen",
}

// plainLogMessage is a log message in the panel's language and in plain
// words; an unknown message gets a sentence that points to the technical
// details.
func (k *env) plainLogMessage(msg string) string {
	if id, ok := logKinds[msg]; ok {
		return k.t(id)
	}
	return k.t("layouts.err.other")
}

// plainPrintError says why a test page did not print, from the printer's
// sentinel errors; the error's own text is kept for the technical details.
func (k *env) plainPrintError(err error) string {
	switch {
	case errors.Is(err, printer.ErrPaperOut):
		return k.t("sa.prob.printer.out")
	case errors.Is(err, printer.ErrPaperLow):
		return k.t("sa.prob.printer.low")
	case errors.Is(err, printer.ErrOffline), errors.Is(err, printer.ErrClosed):
		return k.t("sa.prob.printer.offline")
	case errors.Is(err, printer.ErrBusy):
		return k.t("layouts.print.busy")
	case errors.Is(err, context.DeadlineExceeded):
		return k.t("layouts.print.timeout")
	}
	return k.t("layouts.print.other")
}
