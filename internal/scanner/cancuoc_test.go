package scanner

import (
	"errors"
	"strings"
	"testing"
)

func TestIDCardQRsKeepOnlyTheIDNumber(t *testing.T) {
	tests := []struct {
		name, in, id string
		err          error
	}{
		{"an old CCCD chip card", "079190001234|123456789|Nguyễn Văn An|01011990|Nam|Phường Bến Thành, Thành phố Hồ Chí Minh|15082021", "079190001234", nil},
		{"a căn cước card with a cancelled ID and parents' names", "079190001234|123456789|Nguyễn Văn An|01011990|Nam|Phường Thủ Dầu Một, Thành phố Hồ Chí Minh|20082024|074190005678|Nguyễn Văn Bình|Trần Thị Cúc", "079190001234", nil},
		{"a căn cước card without old numbers", "079190001234||Nguyễn Văn An|01011990|Nam|Phường Thủ Đức, Thành phố Hồ Chí Minh|20082024||Nguyễn Văn Bình|Trần Thị Cúc", "079190001234", nil},
		{"a căn cước card whose cancelled ID is not 12 digits", "079190001234||Nguyễn Văn An|01011990|Nam|Phường Sài Gòn|20082024|12345|A|B", "", ErrMalformedID},
		{"a căn cước card with a bad issue date", "079190001234||Nguyễn Văn An|01011990|Nam|Phường Sài Gòn|2024-08-20|||", "", ErrMalformedID},
		{"a card QR whose ID number is short", "07919000123||Nguyễn Văn An|01011990|Nam|Phường Sài Gòn|20082024|||", "", ErrMalformedID},
		{"too many fields", strings.Repeat("1|", 15), "", ErrUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %+v, %v; want %v", p, err, tt.err)
				}
				for _, personal := range []string{"Nguyễn", "Phường", "Bình"} {
					if strings.Contains(err.Error(), personal) {
						t.Errorf("error %q quotes personal data", err)
					}
				}
				return
			}
			if err != nil || p.Kind != CitizenID || p.IDNumber != tt.id || p.DossierCode != "" || p.Secret != "" {
				t.Errorf("got %+v, %v; want only ID number %s", p, err, tt.id)
			}
		})
	}
}

func FuzzParseIDCard(f *testing.F) {
	f.Add("079190001234|123456789|Nguyễn Văn An|01011990|Nam|Phường Bến Thành|15082021")
	f.Add("079190001234||Nguyễn Văn An|01011990|Nam|Phường Thủ Dầu Một|20082024|074190005678|Nguyễn Văn Bình|Trần Thị Cúc")
	f.Add("||||||||||")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseIDCard(s)
		if err != nil {
			var re *RejectError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RejectError", err)
			}
			return
		}
		if p.Kind != CitizenID || !citizenRe.MatchString(p.IDNumber) || p.DossierCode != "" {
			t.Fatalf("accepted %q as %+v", s, p)
		}
	})
}
