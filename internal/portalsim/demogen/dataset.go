package main

import (
	"fmt"

	"kiosk/internal/portal"
)

// dataset is everything demogen writes.
type dataset struct {
	fields     []portal.Field
	agencies   []portal.Agency
	procedures []portal.Procedure
	dossiers   []dossierRecord
}

// procedureGroups lists every field's table; each procs_*.go file adds its own.
var procedureGroups []group

func build() (dataset, error) {
	ags := map[string]portal.Agency{}
	for _, a := range agencies {
		if _, dup := ags[a.Code]; dup {
			return dataset{}, fmt.Errorf("duplicate agency %s", a.Code)
		}
		ags[a.Code] = a
	}
	fs := map[string]portal.Field{}
	for _, f := range fields {
		fs[f.Code] = f
	}
	procs, err := expand(procedureGroups, ags, fs)
	if err != nil {
		return dataset{}, err
	}
	doss, err := dossiers(procs, ags)
	if err != nil {
		return dataset{}, err
	}
	return dataset{fields: fields, agencies: agencies, procedures: procs, dossiers: doss}, nil
}

func init() {
	procedureGroups = []group{hoTich, hoTichHuyen, chungThuc, cuTru, canCuoc, xuatNhapCanh, dangKyXe, hoKinhDoanh, doanhNghiep, datDai, xayDung, duongBo, vanTai, viecLam, laoDongNN, bhyt, bhxh, btxh, nguoiCoCong, gdTrungHoc, gdDaoTao, kcb, attp, lltp, luuThongHH, vanHoa}
}
