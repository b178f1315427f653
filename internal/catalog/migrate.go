package catalog

import (
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// Schema migrations run inside the transaction that opens the file, so a
// crash mid-way leaves the old file untouched (bbolt commits atomically).
//
// Schema 1 -> 2 (the two-tier local government of 1 July 2025):
//   - procedures are re-encoded in codec version 2, which carries
//     portal.Procedure.Tier and AnyCentre; a stored procedure gets the tier
//     its cached agency's kind implies (portal.TierOfAgency) and AnyCentre
//     false, since an old portal never said so;
//   - commune agencies get their Unit (xã, phường, đặc khu) from their name;
//   - the outbox, dead letters, lookups and blobs are kept as they are;
//   - the sync state is kept (last success and error stay on the staff
//     panel) but NeedsFull is set, because an incremental sync would never
//     resend unchanged procedures and so never bring their any-centre flag.
//     Until that full sync ends the kiosk keeps serving the migrated data.

// canMigrate reports whether migrate knows how to bring a file of schema
// version from up to SchemaVersion.
func canMigrate(from int) bool { return from == 1 }

// migrate brings a file from schema version from to SchemaVersion.
func migrate(tx *bolt.Tx, from int) error {
	if from != 1 {
		return fmt.Errorf("no migration from schema %d", from)
	}
	return migrate1to2(tx)
}

func migrate1to2(tx *bolt.Tx) error {
	kinds := map[string]string{}
	if ab := tx.Bucket([]byte(bucketAgencies)); ab != nil {
		type update struct{ k, v []byte }
		var ups []update
		err := ab.ForEach(func(k, v []byte) error {
			var a portal.Agency
			if json.Unmarshal(v, &a) != nil {
				return nil // left alone; the full sync replaces it
			}
			kinds[a.Code] = a.Kind
			if a.Kind == portal.AgencyCommune && a.Unit == "" {
				if a.Unit = unitFromName(a.Name); a.Unit != "" {
					nv, err := json.Marshal(a)
					if err != nil {
						return err
					}
					ups = append(ups, update{append([]byte(nil), k...), nv})
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading agencies: %w", err)
		}
		for _, u := range ups {
			if err := ab.Put(u.k, u.v); err != nil {
				return err
			}
		}
	}
	if pb := tx.Bucket([]byte(bucketProcedures)); pb != nil {
		type update struct{ k, v []byte }
		var ups []update
		var bad [][]byte
		err := pb.ForEach(func(k, v []byte) error {
			p, err := decodeProcedure(v)
			if err != nil {
				// An undecodable value would fail every later read; drop it,
				// the full sync that follows brings it back.
				bad = append(bad, append([]byte(nil), k...))
				return nil
			}
			if p.Tier == "" {
				p.Tier = portal.TierOfAgency(kinds[p.AgencyCode])
			}
			ups = append(ups, update{append([]byte(nil), k...), encodeProcedure(&p)})
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading procedures: %w", err)
		}
		for _, u := range ups {
			if err := pb.Put(u.k, u.v); err != nil {
				return err
			}
		}
		for _, k := range bad {
			if err := pb.Delete(k); err != nil {
				return err
			}
			if gb := tx.Bucket([]byte(bucketProcGen)); gb != nil {
				if err := gb.Delete(k); err != nil {
					return err
				}
			}
		}
	}
	if tx.Bucket([]byte(bucketMeta)) == nil {
		return nil
	}
	st, err := getSyncState(tx)
	if err != nil {
		return err
	}
	st.NeedsFull = true
	return putSyncState(tx, st)
}

// unitFromName reads the commune-level unit type from an agency name such as
// "UBND phường Thủ Dầu Một" or "Ủy ban nhân dân đặc khu Côn Đảo".
func unitFromName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "} {
		n = strings.TrimPrefix(n, p)
	}
	switch {
	case strings.HasPrefix(n, "phường"):
		return portal.UnitPhuong
	case strings.HasPrefix(n, "đặc khu"):
		return portal.UnitDacKhu
	case strings.HasPrefix(n, "xã"):
		return portal.UnitXa
	}
	return ""
}
