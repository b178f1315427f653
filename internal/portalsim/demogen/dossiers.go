package main

import "kiosk/internal/portal"

type dossierRecord struct {
	portal.Dossier
}

func dossiers(procs []portal.Procedure, ags map[string]portal.Agency) ([]dossierRecord, error) {
	return []dossierRecord{}, nil
}
