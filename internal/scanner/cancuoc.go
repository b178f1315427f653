package scanner

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ID card QR codes. Both cards put |-separated fields in the QR and start
// with the 12-digit personal identification number (số định danh cá nhân):
//
//   - the chip-based CCCD card (Luật Căn cước công dân 2014, front side):
//     ID|old 9-digit CMND|full name|ddmmyyyy birth|sex|permanent address|ddmmyyyy issue
//   - the căn cước card (Luật Căn cước 2023, in force 1 July 2024; QR on the
//     back). Thông tư 16/2024/TT-BCA, Điều 6, lists what its QR holds: the
//     ID number, full name, date of birth, sex, place of residence, issue
//     date, the 9-digit CMND number and the cancelled ID number if any, and
//     the parents' names. The circular gives the contents, not the byte
//     layout; no published layout was found, so the parser accepts the CCCD
//     order with the new fields after it (cancelled 12-digit ID, father,
//     mother), which is how the older card's fields already run.
//
// Only the ID number is kept. Names, address and dates are checked for shape
// where that tells a card from garbage, and dropped; errors never quote them.

// parseIDCard parses the QR of either ID card.
func parseIDCard(s string) (Payload, error) {
	fields := strings.Split(s, "|")
	if len(fields) <= 7 {
		return parseCitizenID(s)
	}
	return parseCanCuoc(fields)
}

// parseCanCuoc checks the longer QR of the căn cước card (8 to 12 fields).
func parseCanCuoc(fields []string) (Payload, error) {
	if len(fields) < 8 || len(fields) > 12 {
		return Payload{}, reject(ErrUnrecognised, "%d |-separated fields, a căn cước card has 7 to 12", len(fields))
	}
	id := strings.TrimSpace(fields[0])
	if !citizenRe.MatchString(id) {
		return Payload{}, reject(ErrMalformedID, "ID number is %d characters, want 12 digits", utf8.RuneCountInString(id))
	}
	if old := strings.TrimSpace(fields[1]); old != "" && (len(old) != 9 || !digitsRe.MatchString(old)) {
		return Payload{}, reject(ErrMalformedID, "old CMND number is not 9 digits")
	}
	for _, i := range []int{3, 6} {
		if v := strings.TrimSpace(fields[i]); v != "" {
			if _, err := time.Parse("02012006", v); err != nil {
				return Payload{}, reject(ErrMalformedID, "field %d is not a ddmmyyyy date", i+1)
			}
		}
	}
	if c := strings.TrimSpace(fields[7]); c != "" && !citizenRe.MatchString(c) {
		return Payload{}, reject(ErrMalformedID, "cancelled ID number is not 12 digits")
	}
	return Payload{Kind: CitizenID, IDNumber: id}, nil
}
