package receipt

import (
	"strings"
	"testing"
)

func TestTheChecklistSaysWhenAnyCentreAcceptsTheProcedure(t *testing.T) {
	p := mustProfile(t, "epson-tm-t20iii")
	for _, tt := range []struct {
		lang, want string
	}{
		{"vi", "Nộp được tại bất kỳ Trung tâm Phục vụ hành chính công nào trong tỉnh, thành phố."},
		{"en", "Can be submitted at any Public Administration Service Centre in the province or city."},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			proc := sampleProcedure()
			flat := func() string {
				b, err := Encode(ProcedureChecklist(proc, sampleSite(tt.lang)), p)
				if err != nil {
					t.Fatal(err)
				}
				return strings.Join(strings.Fields(printedText(t, b)), " ")
			}
			if strings.Contains(flat(), tt.want) {
				t.Errorf("a procedure tied to the applicant's commune says %q", tt.want)
			}
			proc.AnyCentre = true
			if got := flat(); !strings.Contains(got, tt.want) {
				t.Errorf("an any-centre procedure's checklist lacks %q:\n%s", tt.want, got)
			}
		})
	}
}
