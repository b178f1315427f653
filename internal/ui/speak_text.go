package ui

import (
	"fmt"
	"strings"

	"kiosk/internal/portal"
)

// What each screen reads aloud. These functions only build text from a
// translation function and the screen's data, so tests check them without
// audio; the speaker prepares the text for the voice (dates and amounts in
// words, codes in groups, abbreviations expanded).
//
// A dossier is read in a public lobby: its text is built only from the
// status, dates and places, never from the applicant's name, ID number or
// phone, not even masked.

// tfunc is env.t: a message id and its template data.
type tfunc func(id string, kv ...any) string

// sentences joins the non-empty parts with spaces.
func sentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// startSpeech says what the kiosk can do, in two sentences.
func startSpeech(t tfunc) string { return t("speak.start") }

// procedureSpeech reads a procedure: its name, where to submit, the
// documents one by one, then time and fees for each way of submitting.
func procedureSpeech(t tfunc, p portal.Procedure) string {
	parts := []string{t("speak.procedure.name", "Name", p.Name)}
	switch {
	case strings.TrimSpace(p.SubmitPlace) != "":
		parts = append(parts, t("speak.procedure.submit", "Place", p.SubmitPlace))
	case strings.TrimSpace(p.AgencyName) != "":
		parts = append(parts, t("speak.procedure.agency", "Agency", p.AgencyName))
	}
	if len(p.Documents) == 0 {
		parts = append(parts, t("speak.procedure.nodocs"))
	} else {
		parts = append(parts, t("speak.procedure.docs", "N", len(p.Documents)))
	}
	for i, d := range p.Documents {
		parts = append(parts, t("speak.procedure.doc", "N", i+1, "Name", strings.TrimRight(d.Name, ". ")))
		var count []string
		if d.Originals > 0 {
			count = append(count, t("speak.procedure.originals", "N", d.Originals))
		}
		if d.Copies > 0 {
			count = append(count, t("speak.procedure.copies", "N", d.Copies))
		}
		if len(count) > 0 {
			parts = append(parts, t("speak.procedure.doc.count", "Count", strings.Join(count, ", ")))
		}
	}
	for _, c := range p.Channels {
		parts = append(parts, t("speak.procedure.channel", "Channel", channelName(t, c.Kind)))
		if c.Time.Value > 0 {
			parts = append(parts, t("speak.procedure.time", "Time", durationText(c.Time)))
		}
		paid := false
		for _, f := range c.Fees {
			if f.Amount == 0 && f.Note == "" {
				continue
			}
			amount := feeText(t, f)
			name := f.Name
			if name == "" {
				name = t("detail.fee")
			}
			parts = append(parts, t("speak.procedure.fee", "Name", name, "Amount", amount))
			paid = true
		}
		if !paid {
			parts = append(parts, t("speak.procedure.free"))
		}
	}
	return sentences(parts...)
}

// dossierSpeech reads a dossier's status in plain words, the due date and
// where to collect the result. cached says the status is the last known one.
func dossierSpeech(t tfunc, d portal.Dossier, cached bool) string {
	st := d.Status
	if st < portal.StatusNew || st > portal.StatusReturned {
		st = 0
	}
	parts := []string{}
	if cached {
		parts = append(parts, t("speak.dossier.cached"))
	}
	parts = append(parts, t("speak.dossier.status", "Status", t(fmt.Sprintf("status.%d", st)), "Help", t(fmt.Sprintf("status.%d.help", st))))
	if !d.DueAt.IsZero() && st != portal.StatusReturned && st != portal.StatusWithdrawn {
		parts = append(parts, t("speak.dossier.due", "Date", formatDate(d.DueAt)))
	}
	if d.Overdue {
		parts = append(parts, t("dossier.overdue"))
	}
	if strings.TrimSpace(d.PickupPlace) != "" {
		parts = append(parts, t("speak.dossier.pickup", "Place", d.PickupPlace))
	}
	return sentences(parts...)
}

// ticketSpeech reads a queue ticket: the number, the counter, who is ahead.
func ticketSpeech(t tfunc, tk portal.Ticket) string {
	parts := []string{t("speak.ticket.number", "Number", tk.Number)}
	if tk.Counter != "" {
		parts = append(parts, t("speak.ticket.counter", "Counter", tk.Counter))
	}
	if tk.Waiting > 0 {
		parts = append(parts, t("speak.ticket.waiting", "N", tk.Waiting))
	}
	return sentences(parts...)
}

// servicesSpeech reads the queue services a citizen can choose from.
func servicesSpeech(t tfunc, names []string, counters []string) string {
	parts := []string{t("speak.ticket.choose")}
	for i, n := range names {
		if counters[i] != "" {
			parts = append(parts, t("speak.ticket.service", "Name", n, "Counter", counters[i]))
		} else {
			parts = append(parts, n+".")
		}
	}
	return sentences(parts...)
}

// errorSpeech reads the message an error screen shows.
func errorSpeech(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg != "" && !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg
}
