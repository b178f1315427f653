package main

import "kiosk/internal/portal"

// Agency electronic ids (mã định danh điện tử) of Bình Dương (H12 in this
// dataset): 000.00.NN.H12 for the province's departments, 000.00.3N.H12 for
// districts and towns, 000.2N.3N.H12 for their communes and wards.
const (
	agTinh   = "000.00.00.H12"
	agTTHCC  = "000.00.01.H12"
	agKHDT   = "000.00.11.H12"
	agTNMT   = "000.00.12.H12"
	agXD     = "000.00.13.H12"
	agGTVT   = "000.00.14.H12"
	agTP     = "000.00.15.H12"
	agLDTBXH = "000.00.16.H12"
	agYT     = "000.00.17.H12"
	agGDDT   = "000.00.18.H12"
	agCT     = "000.00.19.H12"
	agVHTTDL = "000.00.20.H12"
	agCA     = "000.00.21.H12"
	agBHXH   = "000.00.22.H12"
	agVPDKDD = "000.00.23.H12"

	agTDM = "000.00.31.H12" // Thành phố Thủ Dầu Một: district-level procedures
	agTA  = "000.00.32.H12"
	agDA  = "000.00.33.H12"
	agBC  = "000.00.34.H12"
	agTU  = "000.00.35.H12"
	agDT  = "000.00.36.H12"
	agPG  = "000.00.37.H12"
	agBTU = "000.00.38.H12"
	agBB  = "000.00.39.H12"

	agPhuCuong = "000.20.31.H12" // Phường Phú Cường: commune-level procedures
)

const centre = "Trung tâm Hành chính tập trung tỉnh Bình Dương, đường Lê Lợi, phường Hòa Phú, thành phố Thủ Dầu Một"

func dept(code, name, floor, phone string) portal.Agency {
	return portal.Agency{Code: code, Name: name, Kind: "department", ParentCode: agTinh, Address: floor + ", " + centre, Phone: phone}
}

func district(code, name, addr, phone string) portal.Agency {
	return portal.Agency{Code: code, Name: name, Kind: "district", ParentCode: agTinh, Address: addr, Phone: phone}
}

func commune(code, parent, name, addr, phone string) portal.Agency {
	return portal.Agency{Code: code, Name: name, Kind: "commune", ParentCode: parent, Address: addr, Phone: phone}
}

var agencies = []portal.Agency{
	{Code: agTinh, Name: "Ủy ban nhân dân tỉnh Bình Dương", Kind: "province", Address: "Tháp A, " + centre, Phone: "0274 3822 969"},
	dept(agTTHCC, "Trung tâm Phục vụ hành chính công tỉnh Bình Dương", "Tầng 1, Tháp B", "0274 3831 399"),
	dept(agKHDT, "Sở Kế hoạch và Đầu tư", "Tầng 4, Tháp A", "0274 3822 972"),
	dept(agTNMT, "Sở Tài nguyên và Môi trường", "Tầng 9, Tháp A", "0274 3824 291"),
	dept(agXD, "Sở Xây dựng", "Tầng 10, Tháp B", "0274 3822 283"),
	dept(agGTVT, "Sở Giao thông vận tải", "Tầng 11, Tháp B", "0274 3822 467"),
	dept(agTP, "Sở Tư pháp", "Tầng 7, Tháp A", "0274 3822 358"),
	dept(agLDTBXH, "Sở Lao động - Thương binh và Xã hội", "Tầng 5, Tháp B", "0274 3822 527"),
	dept(agYT, "Sở Y tế", "Tầng 12, Tháp A", "0274 3822 545"),
	dept(agGDDT, "Sở Giáo dục và Đào tạo", "Tầng 8, Tháp B", "0274 3822 461"),
	dept(agCT, "Sở Công Thương", "Tầng 6, Tháp B", "0274 3822 372"),
	dept(agVHTTDL, "Sở Văn hóa, Thể thao và Du lịch", "Tầng 14, Tháp B", "0274 3822 379"),
	{Code: agCA, Name: "Công an tỉnh Bình Dương", Kind: "department", ParentCode: agTinh,
		Address: "Số 566 đường Cách Mạng Tháng Tám, phường Phú Cường, thành phố Thủ Dầu Một", Phone: "0274 3822 433"},
	{Code: agBHXH, Name: "Bảo hiểm xã hội tỉnh Bình Dương", Kind: "department", ParentCode: agTinh,
		Address: "Số 16 đường Huỳnh Văn Nghệ, phường Phú Lợi, thành phố Thủ Dầu Một", Phone: "0274 3837 066"},
	{Code: agVPDKDD, Name: "Văn phòng Đăng ký đất đai tỉnh Bình Dương", Kind: "department", ParentCode: agTNMT,
		Address: "Tầng 9, Tháp A, " + centre, Phone: "0274 3859 245"},

	district(agTDM, "UBND Thành phố Thủ Dầu Một", "Số 1 đường Quang Trung, phường Phú Cường, thành phố Thủ Dầu Một", "0274 3822 229"),
	district(agTA, "UBND Thành phố Thuận An", "Số 1 đường Nguyễn Văn Tiết, phường Lái Thiêu, thành phố Thuận An", "0274 3755 217"),
	district(agDA, "UBND Thành phố Dĩ An", "Đường Trần Hưng Đạo, phường Dĩ An, thành phố Dĩ An", "0274 3742 146"),
	district(agBC, "UBND Thị xã Bến Cát", "Đường 30 Tháng 4, phường Mỹ Phước, thị xã Bến Cát", "0274 3564 213"),
	district(agTU, "UBND Thị xã Tân Uyên", "Đường ĐT746, phường Uyên Hưng, thị xã Tân Uyên", "0274 3656 216"),
	district(agDT, "UBND Huyện Dầu Tiếng", "Đường 13 Tháng 3, thị trấn Dầu Tiếng, huyện Dầu Tiếng", "0274 3561 201"),
	district(agPG, "UBND Huyện Phú Giáo", "Đường Độc Lập, thị trấn Phước Vĩnh, huyện Phú Giáo", "0274 3672 227"),
	district(agBTU, "UBND Huyện Bắc Tân Uyên", "Đường ĐT746, thị trấn Tân Thành, huyện Bắc Tân Uyên", "0274 3680 101"),
	district(agBB, "UBND Huyện Bàu Bàng", "Quốc lộ 13, thị trấn Lai Uyên, huyện Bàu Bàng", "0274 3550 102"),

	commune(agPhuCuong, agTDM, "UBND Phường Phú Cường", "Số 10 đường Ngô Quyền, phường Phú Cường, thành phố Thủ Dầu Một", "0274 3822 564"),
	commune("000.21.31.H12", agTDM, "UBND Phường Hiệp Thành", "Số 3 đường Lê Hồng Phong, phường Hiệp Thành, thành phố Thủ Dầu Một", "0274 3838 421"),
	commune("000.22.31.H12", agTDM, "UBND Phường Chánh Nghĩa", "Đường Bạch Đằng, phường Chánh Nghĩa, thành phố Thủ Dầu Một", "0274 3832 516"),
	commune("000.23.31.H12", agTDM, "UBND Phường Phú Hòa", "Đường Lê Hồng Phong, phường Phú Hòa, thành phố Thủ Dầu Một", "0274 3828 637"),
	commune("000.20.32.H12", agTA, "UBND Phường Lái Thiêu", "Đường Phan Đình Phùng, phường Lái Thiêu, thành phố Thuận An", "0274 3759 129"),
	commune("000.21.32.H12", agTA, "UBND Phường An Phú", "Đường ĐT743, phường An Phú, thành phố Thuận An", "0274 3740 128"),
	commune("000.20.33.H12", agDA, "UBND Phường Dĩ An", "Đường Lý Thường Kiệt, phường Dĩ An, thành phố Dĩ An", "0274 3730 145"),
	commune("000.21.33.H12", agDA, "UBND Phường Đông Hòa", "Đường Nguyễn Thị Minh Khai, phường Đông Hòa, thành phố Dĩ An", "0274 3751 502"),
	commune("000.20.34.H12", agBC, "UBND Phường Mỹ Phước", "Đường Hùng Vương, phường Mỹ Phước, thị xã Bến Cát", "0274 3559 307"),
	commune("000.20.35.H12", agTU, "UBND Phường Uyên Hưng", "Đường Trần Hưng Đạo, phường Uyên Hưng, thị xã Tân Uyên", "0274 3642 119"),
	commune("000.20.36.H12", agDT, "UBND Thị trấn Dầu Tiếng", "Đường Hùng Vương, thị trấn Dầu Tiếng, huyện Dầu Tiếng", "0274 3561 118"),
	commune("000.20.37.H12", agPG, "UBND Thị trấn Phước Vĩnh", "Đường Trần Hưng Đạo, thị trấn Phước Vĩnh, huyện Phú Giáo", "0274 3672 315"),
	commune("000.20.38.H12", agBTU, "UBND Thị trấn Tân Thành", "Đường ĐT746, thị trấn Tân Thành, huyện Bắc Tân Uyên", "0274 3680 224"),
	commune("000.20.39.H12", agBB, "UBND Thị trấn Lai Uyên", "Quốc lộ 13, thị trấn Lai Uyên, huyện Bàu Bàng", "0274 3550 216"),
}
