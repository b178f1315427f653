// Package pin hashes and checks the staff panel's PIN. The config stores only
// a slow argon2id hash in PHC string form, so a copied config file does not
// give the digits away cheaply, and a Guard locks the panel with growing
// delays after repeated wrong PINs.
package pin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Parameters for new hashes. 64 MiB and three passes took 110–190 ms on the
// two-core development machine (see BenchmarkHash and docs/performance.md):
// slow enough to make trying all 10^8 eight-digit PINs expensive, fast enough
// that a member of staff does not notice the wait.
const (
	memoryKiB = 64 * 1024
	passes    = 3
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// Limits on hashes read from a config file, so a hostile or mistyped file
// cannot make every PIN try cost seconds and hundreds of MiB on a kiosk PC
// (m=256 MiB, t=10 took 6 s). MaxCostKiB bounds memory × passes: twice the
// tuned parameters' 192 MiB·passes is about 300 ms on the reference PC.
// internal/config repeats these numbers (it cannot import pin); a test keeps
// them in step.
const (
	maxMemoryKiB = 128 * 1024
	maxPasses    = 4
	maxLanes     = 4
	MaxCostKiB   = 2 * memoryKiB * passes
)

var (
	// ErrBadPIN means the PIN is not 4 to 8 digits.
	ErrBadPIN = errors.New("a PIN is 4 to 8 digits")
	// ErrBadHash means the stored hash is not an argon2id PHC string this
	// package can check.
	ErrBadHash = errors.New("not an argon2id PIN hash")
)

// Valid reports whether pin is 4 to 8 ASCII digits, the only PINs the
// on-screen numeric pad can enter.
func Valid(pin string) bool {
	if len(pin) < 4 || len(pin) > 8 {
		return false
	}
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return false
		}
	}
	return true
}

// Hash returns an argon2id PHC string for pin with a fresh random salt:
// $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash> (unpadded standard base64).
func Hash(pin string) (string, error) {
	if !Valid(pin) {
		return "", ErrBadPIN
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("reading random salt: %w", err)
	}
	return encode(params{memory: memoryKiB, passes: passes, lanes: lanes}, salt,
		argon2.IDKey([]byte(pin), salt, passes, memoryKiB, lanes, keyLen)), nil
}

// Verify reports whether pin matches hash. The comparison of the derived keys
// is constant-time. A malformed hash is an error wrapping ErrBadHash, never a
// silent mismatch, so a broken config is noticed.
func Verify(hash, pin string) (bool, error) {
	p, salt, want, err := decode(hash)
	if err != nil {
		return false, err
	}
	if !Valid(pin) {
		return false, nil
	}
	got := argon2.IDKey([]byte(pin), salt, p.passes, p.memory, p.lanes, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Looks reports whether hash has the shape of a hash from Hash with
// parameters Verify accepts. It does no hashing.
func Looks(hash string) bool {
	_, _, _, err := decode(hash)
	return err == nil
}

type params struct {
	memory, passes uint32
	lanes          uint8
}

var b64 = base64.RawStdEncoding

func encode(p params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.passes, p.lanes, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decode(hash string) (params, []byte, []byte, error) {
	var p params
	parts := strings.Split(hash, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrBadHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, fmt.Errorf("%w: unsupported version %q", ErrBadHash, parts[2])
	}
	var seen [3]bool
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return p, nil, nil, fmt.Errorf("%w: parameter %q", ErrBadHash, kv)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil || n == 0 {
			return p, nil, nil, fmt.Errorf("%w: parameter %q", ErrBadHash, kv)
		}
		switch {
		case k == "m" && !seen[0] && n <= maxMemoryKiB:
			p.memory, seen[0] = uint32(n), true
		case k == "t" && !seen[1] && n <= maxPasses:
			p.passes, seen[1] = uint32(n), true
		case k == "p" && !seen[2] && n <= maxLanes:
			p.lanes, seen[2] = uint8(n), true
		default:
			return p, nil, nil, fmt.Errorf("%w: parameter %q", ErrBadHash, kv)
		}
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return p, nil, nil, fmt.Errorf("%w: missing parameters", ErrBadHash)
	}
	if p.memory < 8*uint32(p.lanes) {
		return p, nil, nil, fmt.Errorf("%w: memory too small for %d lanes", ErrBadHash, p.lanes)
	}
	if uint64(p.memory)*uint64(p.passes) > MaxCostKiB {
		return p, nil, nil, fmt.Errorf("%w: m=%d,t=%d costs more than %d KiB·passes per try", ErrBadHash, p.memory, p.passes, MaxCostKiB)
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > 64 {
		return p, nil, nil, fmt.Errorf("%w: bad salt", ErrBadHash)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, fmt.Errorf("%w: bad key", ErrBadHash)
	}
	return p, salt, key, nil
}
