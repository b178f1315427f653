package ui

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/search"
)

// nextStep is what a dossier's status asks of the citizen: one sentence that
// always says what to do (or that nothing is needed), and, where the kiosk
// can help with it, a button that takes a number for the right counter.
type nextStep struct {
	Text string
	// Service is the queue service to take a number for (nil: no button);
	// ButtonID is the button's message id.
	Service  *QueueService
	ButtonID string
}

// collectService is the queue service whose counter hands out results (the
// [[queue]] entry with collect = true), or nil.
func (k *env) collectService() *QueueService {
	for i := range k.opt.QueueServices {
		if k.opt.QueueServices[i].Collect {
			return &k.opt.QueueServices[i]
		}
	}
	return nil
}

// fieldService is the queue service that covers the dossier's procedure's
// field (lĩnh vực), the counter to ask about a dossier in that field; nil when
// the catalogue does not know the procedure or no service covers its field.
func (k *env) fieldService(procedureCode string) *QueueService {
	if k.deps.Catalog == nil || procedureCode == "" {
		return nil
	}
	p, err := k.deps.Catalog.Procedure(procedureCode)
	if err != nil || p.FieldCode == "" {
		return nil
	}
	for i := range k.opt.QueueServices {
		if k.opt.QueueServices[i].FieldCode == p.FieldCode {
			return &k.opt.QueueServices[i]
		}
	}
	return nil
}

// pickupHere reports whether the portal's pickup place is this centre: it
// names the site (compared without case and diacritics), or is empty, in
// which case the centre's own results counter is the one to go to.
func (k *env) pickupHere(place string) bool {
	if strings.TrimSpace(place) == "" {
		return true
	}
	site := search.Normalize(k.opt.SiteName)
	return site != "" && strings.Contains(search.Normalize(place), site)
}

// daysOverdue counts the calendar days (in Vietnam's zone) from the due date
// to today; at least 1 for a dossier the portal calls overdue.
func daysOverdue(due, now time.Time) int {
	if due.IsZero() {
		return 0
	}
	dy, dm, dd := due.In(portal.Vietnam).Date()
	ny, nm, nd := now.In(portal.Vietnam).Date()
	days := int(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).Sub(time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	if days < 1 {
		days = 1
	}
	return days
}

// moneyInText finds amounts of money written in a portal note
// ("41.000.000 đồng", "10.250.000 đ", "50.000 VNĐ").
var moneyInText = regexp.MustCompile(`(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ|VNĐ|VND)(?:$|[^\p{L}])`)

// amountDue is the one amount a dossier awaiting payment asks for. The
// portal's note, when it names amounts (tax and registration fee set by the
// tax office, say), is what the citizen must pay, so their sum wins over the
// procedure's fee; without amounts in the note the fee is the amount.
func amountDue(d portal.Dossier) int64 {
	var sum int64
	for _, m := range moneyInText.FindAllStringSubmatch(d.Note, -1) {
		n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "").Replace(m[1]), 10, 64)
		if err == nil {
			sum += n
		}
	}
	if sum > 0 {
		return sum
	}
	return d.Fee
}

// counterOf is "quầy 8" in words for a next-step sentence.
func (k *env) counterOf(q *QueueService) string {
	if q == nil || q.Counter == "" {
		return ""
	}
	return q.Counter
}

// dossierNextStep says what to do next for a dossier's status.
func (k *env) dossierNextStep(d portal.Dossier) nextStep {
	ask := func(textID, textNoCounterID string, kv ...any) nextStep {
		svc := k.fieldService(d.ProcedureCode)
		if svc == nil {
			svc = k.collectService()
		}
		if c := k.counterOf(svc); c != "" {
			return nextStep{Text: k.t(textID, append(kv, "Counter", c)...), Service: svc, ButtonID: "next.button.ask"}
		}
		return nextStep{Text: k.t(textNoCounterID, kv...)}
	}
	switch d.Status {
	case portal.StatusNew, portal.StatusAccepted, portal.StatusProcessing:
		if d.Overdue {
			return ask("next.overdue", "next.overdue.nocounter", "Days", daysOverdue(d.DueAt, k.now()), "Due", formatDate(d.DueAt))
		}
		if d.Status == portal.StatusNew {
			return nextStep{Text: k.t("next.wait.new")}
		}
		if !d.DueAt.IsZero() {
			return nextStep{Text: k.t("next.wait", "Due", formatDate(d.DueAt))}
		}
		return nextStep{Text: k.t("next.wait.nodate")}
	case portal.StatusNeedsDocuments:
		return ask("next.documents", "next.documents.nocounter")
	case portal.StatusNeedsPayment:
		if n := amountDue(d); n > 0 {
			return ask("next.payment", "next.payment.nocounter", "Amount", formatVND(n))
		}
		return ask("next.payment.noamount", "next.payment.noamount.nocounter")
	case portal.StatusRejected, portal.StatusStopped:
		return ask("next.reason", "next.reason.nocounter")
	case portal.StatusWithdrawn:
		return nextStep{Text: k.t("next.withdrawn")}
	case portal.StatusDone:
		if !k.pickupHere(d.PickupPlace) {
			return nextStep{Text: k.t("next.collect.elsewhere", "Place", d.PickupPlace)}
		}
		if svc := k.collectService(); svc != nil && svc.Counter != "" {
			return nextStep{Text: k.t("next.collect", "Counter", svc.Counter), Service: svc, ButtonID: "next.button.collect"}
		}
		return nextStep{Text: k.t("next.collect.nocounter")}
	case portal.StatusReturned:
		return nextStep{Text: k.t("next.returned")}
	}
	return ask("next.unknown", "next.unknown.nocounter")
}

// pickupText is where to collect the result: this centre's results counter
// when the result waits here (the queue's counter, so the screen, the ticket
// and the counter's sign agree), else what the portal says.
func (k *env) pickupText(d portal.Dossier) string {
	if svc := k.collectService(); svc != nil && svc.Counter != "" && k.pickupHere(d.PickupPlace) &&
		(d.Status == portal.StatusDone || d.PickupPlace != "") {
		return k.t("next.pickup.here", "Counter", svc.Counter, "Service", k.serviceName(*svc), "Site", k.siteName())
	}
	return d.PickupPlace
}

// printedDossier is the dossier as the slip prints it: the same pickup
// counter and the same amount to pay as the screen shows.
func (k *env) printedDossier(d portal.Dossier) portal.Dossier {
	d.PickupPlace = k.pickupText(d)
	if d.Status == portal.StatusNeedsPayment {
		d.Fee = amountDue(d)
	}
	return d
}
