package portal

import (
	"context"
	"time"
)

const openCPSBasePath = "/o/rest/v2"

type openCPS struct {
	t    *transport
	base string
	now  func() time.Time
}

func (o *openCPS) health(ctx context.Context) error { return ErrUnsupported }
func (o *openCPS) procedures(ctx context.Context, since time.Time, token string, size int) (ProcedurePage, error) {
	return ProcedurePage{}, ErrUnsupported
}
func (o *openCPS) procedure(ctx context.Context, code string) (Procedure, error) {
	return Procedure{}, ErrUnsupported
}
func (o *openCPS) agencies(ctx context.Context) ([]Agency, error) { return nil, ErrUnsupported }
func (o *openCPS) fields(ctx context.Context) ([]Field, error)    { return nil, ErrUnsupported }
func (o *openCPS) dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error) {
	return Dossier{}, ErrUnsupported
}
func (o *openCPS) readyDossiers(ctx context.Context, agency, q string) ([]ReadyDossier, error) {
	return nil, ErrUnsupported
}
func (o *openCPS) takeTicket(ctx context.Context, r TicketRequest) (Ticket, error) {
	return Ticket{}, ErrUnsupported
}
func (o *openCPS) submitRating(ctx context.Context, r Rating) (RatingReceipt, error) {
	return RatingReceipt{}, ErrUnsupported
}
func (o *openCPS) heartbeat(ctx context.Context, h Heartbeat) error { return ErrUnsupported }
