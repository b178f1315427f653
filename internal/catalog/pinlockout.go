package catalog

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// pinLockoutKey in the meta bucket holds the staff PIN guard's state, so a
// power cycle does not hand a guesser five fresh attempts.
const pinLockoutKey = "pin_lockout"

type pinLockout struct {
	Failed int       `json:"failed"`
	Until  time.Time `json:"until"`
}

// PINLockout returns the wrong staff PINs in a row and the end of the current
// lock, as last saved (zero values when none was saved).
func (c *Cache) PINLockout() (failed int, until time.Time, err error) {
	var l pinLockout
	err = c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(bucketMeta)).Get([]byte(pinLockoutKey))
		if v == nil {
			return nil
		}
		if err := json.Unmarshal(v, &l); err != nil {
			return fmt.Errorf("decoding the PIN lockout: %w", err)
		}
		return nil
	})
	return l.Failed, l.Until, err
}

// SetPINLockout saves the PIN guard's state; it is written (and synced to
// disk) before the guard answers, so a kill -9 right after a wrong PIN still
// counts it.
func (c *Cache) SetPINLockout(failed int, until time.Time) error {
	v, err := json.Marshal(pinLockout{Failed: failed, Until: until.UTC()})
	if err != nil {
		return err
	}
	return c.update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketMeta)).Put([]byte(pinLockoutKey), v)
	})
}
