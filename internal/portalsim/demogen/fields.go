package main

import "kiosk/internal/portal"

// Field codes. They are short and stable: the kiosk's menus, queue services
// and site configs refer to them.
const (
	fHoTich      = "HOTICH"
	fChungThuc   = "CHUNGTHUC"
	fCuTru       = "CUTRU"
	fCanCuoc     = "CANCUOC"
	fXNC         = "XUATNHAPCANH"
	fHKD         = "HOKINHDOANH"
	fDN          = "DOANHNGHIEP"
	fDatDai      = "DATDAI"
	fXayDung     = "XAYDUNG"
	fDuongBo     = "DUONGBO"
	fDangKyXe    = "DANGKYXE"
	fViecLam     = "VIECLAM"
	fLDNN        = "LAODONGNN"
	fBHYT        = "BHYT"
	fBHXH        = "BHXH"
	fGDTH        = "GDTRUNGHOC"
	fGDDT        = "GDDAOTAO"
	fKCB         = "KCB"
	fATTP        = "ATTP"
	fLLTP        = "LLTP"
	fBTXH        = "BAOTROXH"
	fLTHH        = "LUUTHONGHH"
	fVanHoa      = "VANHOA"
	fNguoiCoCong = "NGUOICOCONG"
)

// fields lists the procedure fields (lĩnh vực) with their official names.
var fields = []portal.Field{
	{Code: fHoTich, Name: "Hộ tịch"},
	{Code: fChungThuc, Name: "Chứng thực"},
	{Code: fCuTru, Name: "Cư trú"},
	{Code: fCanCuoc, Name: "Căn cước"},
	{Code: fXNC, Name: "Xuất nhập cảnh"},
	{Code: fHKD, Name: "Thành lập và hoạt động của hộ kinh doanh"},
	{Code: fDN, Name: "Thành lập và hoạt động doanh nghiệp"},
	{Code: fDatDai, Name: "Đất đai"},
	{Code: fXayDung, Name: "Hoạt động xây dựng"},
	{Code: fDuongBo, Name: "Đường bộ"},
	{Code: fDangKyXe, Name: "Đăng ký, quản lý phương tiện giao thông cơ giới đường bộ"},
	{Code: fViecLam, Name: "Việc làm"},
	{Code: fLDNN, Name: "Lao động nước ngoài"},
	{Code: fBHYT, Name: "Bảo hiểm y tế"},
	{Code: fBHXH, Name: "Bảo hiểm xã hội"},
	{Code: fGDTH, Name: "Giáo dục trung học"},
	{Code: fGDDT, Name: "Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân"},
	{Code: fKCB, Name: "Khám bệnh, chữa bệnh"},
	{Code: fATTP, Name: "An toàn thực phẩm"},
	{Code: fLLTP, Name: "Lý lịch tư pháp"},
	{Code: fBTXH, Name: "Bảo trợ xã hội"},
	{Code: fLTHH, Name: "Lưu thông hàng hóa trong nước"},
	{Code: fVanHoa, Name: "Văn hóa"},
	{Code: fNguoiCoCong, Name: "Người có công"},
}
