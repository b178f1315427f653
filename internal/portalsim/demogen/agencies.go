package main

import "kiosk/internal/portal"

// Agencies of Thành phố Hồ Chí Minh after 1 July 2025: two-tier local
// government (Nghị quyết 203/2025/QH15), Bình Dương and Bà Rịa - Vũng Tàu
// merged into the city (Nghị quyết 202/2025/QH15), wards and communes from
// Nghị quyết 1685/NQ-UBTVQH15, departments after the city's 2025
// restructuring. Electronic ids carry the city's suffix H29 as the procedure
// codes on its portal do; the middle groups are invented: 000.00.NN.H29 for
// the city and its departments, 000.NN.00.H29 for commune-level units.
// Sources are listed in assets/demo/README.md.
const (
	agCity   = "000.00.00.H29" // UBND Thành phố Hồ Chí Minh
	agTTHCC  = "000.00.01.H29" // Trung tâm Phục vụ hành chính công Thành phố
	agTC     = "000.00.11.H29" // Sở Tài chính (took over Sở Kế hoạch và Đầu tư's work)
	agNNMT   = "000.00.12.H29" // Sở Nông nghiệp và Môi trường
	agXD     = "000.00.13.H29" // Sở Xây dựng (took over transport)
	agNV     = "000.00.14.H29" // Sở Nội vụ (took over labour, employment, người có công)
	agTP     = "000.00.15.H29" // Sở Tư pháp
	agYT     = "000.00.17.H29"
	agGDDT   = "000.00.18.H29"
	agCT     = "000.00.19.H29"
	agVHTT   = "000.00.20.H29" // Sở Văn hóa và Thể thao
	agCA     = "000.00.21.H29"
	agBHXH   = "000.00.22.H29"
	agVPDKDD = "000.00.23.H29"

	// Commune-level units; agXa is the one whose procedures the tables name,
	// the dossiers spread over all of them.
	agXa         = "000.10.00.H29" // phường Thủ Dầu Một
	agPhuLoi     = "000.11.00.H29"
	agChanhHiep  = "000.12.00.H29"
	agDiAn       = "000.13.00.H29"
	agThuanAn    = "000.14.00.H29"
	agLaiThieu   = "000.15.00.H29"
	agBenCat     = "000.16.00.H29"
	agSaiGon     = "000.17.00.H29"
	agBenThanh   = "000.18.00.H29"
	agThuDuc     = "000.19.00.H29"
	agVungTau    = "000.20.00.H29"
	agCuChi      = "000.21.00.H29"
	agBinhChanh  = "000.22.00.H29"
	agBinhDuongW = "000.23.00.H29" // phường Bình Dương
)

// cityName is the province's official name.
const cityName = "Thành phố Hồ Chí Minh"

// centreAddress is the city's Trung tâm Phục vụ hành chính công (opened on
// 31 December 2025), where the departments receive dossiers.
const centreAddress = "Số 43 Nguyễn Văn Bá, phường Thủ Đức, Thành phố Hồ Chí Minh"

func dept(code, name string) portal.Agency {
	return portal.Agency{Code: code, Name: name, Kind: portal.AgencyDepartment, ParentCode: agCity,
		Address: "Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công Thành phố, " + centreAddress}
}

// commune is a ward (phường) or commune (xã) with its own Trung tâm Phục vụ
// hành chính công.
func commune(code, unit, name string) portal.Agency {
	word := map[string]string{portal.UnitPhuong: "phường", portal.UnitXa: "xã", portal.UnitDacKhu: "đặc khu"}[unit]
	return portal.Agency{Code: code, Name: "UBND " + word + " " + name, Kind: portal.AgencyCommune, Unit: unit, ParentCode: agCity,
		Address: "Trung tâm Phục vụ hành chính công " + word + " " + name + ", " + cityName}
}

var agencies = []portal.Agency{
	{Code: agCity, Name: "Ủy ban nhân dân Thành phố Hồ Chí Minh", Kind: portal.AgencyProvince, Address: cityName},
	{Code: agTTHCC, Name: "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh", Kind: portal.AgencyProvinceCentre, ParentCode: agCity, Address: centreAddress},
	dept(agTC, "Sở Tài chính Thành phố Hồ Chí Minh"),
	dept(agNNMT, "Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh"),
	dept(agXD, "Sở Xây dựng Thành phố Hồ Chí Minh"),
	dept(agNV, "Sở Nội vụ Thành phố Hồ Chí Minh"),
	dept(agTP, "Sở Tư pháp Thành phố Hồ Chí Minh"),
	dept(agYT, "Sở Y tế Thành phố Hồ Chí Minh"),
	dept(agGDDT, "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"),
	dept(agCT, "Sở Công Thương Thành phố Hồ Chí Minh"),
	dept(agVHTT, "Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh"),
	{Code: agCA, Name: "Công an Thành phố Hồ Chí Minh", Kind: portal.AgencyDepartment, ParentCode: agCity,
		Address: "Tiếp nhận tại các phòng nghiệp vụ của Công an Thành phố và Công an cấp xã"},
	dept(agBHXH, "Bảo hiểm xã hội Thành phố Hồ Chí Minh"),
	{Code: agVPDKDD, Name: "Văn phòng Đăng ký đất đai Thành phố Hồ Chí Minh", Kind: portal.AgencyDepartment, ParentCode: agNNMT,
		Address: "Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công Thành phố và các chi nhánh, " + centreAddress},

	commune(agXa, portal.UnitPhuong, "Thủ Dầu Một"),
	commune(agPhuLoi, portal.UnitPhuong, "Phú Lợi"),
	commune(agChanhHiep, portal.UnitPhuong, "Chánh Hiệp"),
	commune(agBinhDuongW, portal.UnitPhuong, "Bình Dương"),
	commune(agDiAn, portal.UnitPhuong, "Dĩ An"),
	commune(agThuanAn, portal.UnitPhuong, "Thuận An"),
	commune(agLaiThieu, portal.UnitPhuong, "Lái Thiêu"),
	commune(agBenCat, portal.UnitPhuong, "Bến Cát"),
	commune(agSaiGon, portal.UnitPhuong, "Sài Gòn"),
	commune(agBenThanh, portal.UnitPhuong, "Bến Thành"),
	commune(agThuDuc, portal.UnitPhuong, "Thủ Đức"),
	commune(agVungTau, portal.UnitPhuong, "Vũng Tàu"),
	commune(agCuChi, portal.UnitXa, "Củ Chi"),
	commune(agBinhChanh, portal.UnitXa, "Bình Chánh"),
}
