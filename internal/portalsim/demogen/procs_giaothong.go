package main

var docGPLX = dn("Giấy phép lái xe đang sử dụng", 1, 0, "Bản chính; xuất trình để đối chiếu hoặc nộp lại khi nhận giấy phép mới")

var docHealth = dn("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", 1, 0, "Không phải nộp nếu dữ liệu khám sức khỏe đã được liên thông điện tử")

var duongBo = group{
	t: tpl{
		Field: fDuongBo,
		Laws: []string{
			"Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024",
			"Thông tư số 12/2025/TT-BCA của Bộ Công an quy định về sát hạch, cấp giấy phép lái xe; cấp, sử dụng giấy phép lái xe quốc tế (hiệu lực từ ngày 01/3/2025)",
			"Thông tư số 37/2023/TT-BTC ngày 07/6/2023 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ phí cấp giấy phép lái xe",
		},
		Steps: []string{
			"Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc trực tiếp tại cơ quan Công an được giao cấp giấy phép lái xe",
			"Phòng Cảnh sát giao thông Công an Thành phố kiểm tra hồ sơ, đối chiếu dữ liệu giấy phép lái xe và dữ liệu sức khỏe người lái xe",
			"Chụp ảnh chân dung (khi nộp trực tiếp) và nộp lệ phí",
			"In và cấp giấy phép lái xe; trả kết quả trực tiếp hoặc qua bưu chính",
		},
		Who:   "Người có giấy phép lái xe do cơ quan có thẩm quyền của Việt Nam cấp (ngành Giao thông vận tải trước ngày 01/3/2025 hoặc ngành Công an)",
		Place: "Phòng Cảnh sát giao thông Công an Thành phố Hồ Chí Minh hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia",
		KW:    []string{"GPLX", "bằng lái", "bằng lái xe", "giấy phép lái xe"},
	},
	ps: []P{
		{N: "1.002809", Name: "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", Ag: agCA, L: 4, T: 5, Post: true,
			Fees: fees(fee("Lệ phí cấp đổi giấy phép lái xe", 135000, "Nộp trực tuyến được giảm lệ phí theo chính sách hiện hành")),
			Docs: docs(df("Đơn đề nghị đổi, cấp lại giấy phép lái xe", 1, 0, "Đơn đề nghị đổi, cấp lại giấy phép lái xe (mẫu Phụ lục XIX)"),
				docHealth, docGPLX),
			Cond: []string{"Giấy phép lái xe còn thời hạn sử dụng hoặc quá hạn dưới 03 tháng", "Giấy phép bị hỏng, có sai sót thông tin hoặc đổi sang giấy phép lái xe mẫu PET"},
			Res:  "Giấy phép lái xe (mẫu mới, vật liệu PET)",
			KW:   []string{"đổi bằng lái", "đổi GPLX", "đổi bằng lái xe hết hạn", "đổi bằng lái xe sang thẻ PET"}},
		{N: "1.002804", Name: "Cấp lại giấy phép lái xe", Ag: agCA, L: 3, T: 10, Post: true,
			TNote: "Kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải sát hạch lại thì cấp sau khi có kết quả sát hạch",
			Fees:  fees(fee("Lệ phí cấp lại giấy phép lái xe", 135000, "")),
			Docs: docs(df("Đơn đề nghị đổi, cấp lại giấy phép lái xe", 1, 0, "Đơn đề nghị đổi, cấp lại giấy phép lái xe (mẫu Phụ lục XIX)"),
				docHealth, docID),
			Cond: []string{"Giấy phép lái xe bị mất, còn thời hạn hoặc quá hạn dưới 03 tháng thì được cấp lại không phải sát hạch", "Quá hạn từ 03 tháng đến dưới 01 năm phải sát hạch lại lý thuyết"},
			Res:  "Giấy phép lái xe được cấp lại",
			KW:   []string{"mất bằng lái", "mất GPLX", "làm lại bằng lái"}},
		{N: "1.002820", Name: "Cấp giấy phép lái xe quốc tế", Ag: agCA, L: 4, T: 5, Post: true,
			Fees: fees(fee("Lệ phí cấp giấy phép lái xe quốc tế", 135000, "")),
			Docs: docs(df("Tờ khai đề nghị cấp giấy phép lái xe quốc tế", 1, 0, "Tờ khai đề nghị cấp giấy phép lái xe quốc tế (mẫu Phụ lục XXIV)"),
				d("Ảnh màu cỡ 3cm x 4cm", 1, 0),
				docGPLX),
			Res: "Giấy phép lái xe quốc tế (IDP) có thời hạn không quá 03 năm và không vượt quá thời hạn của giấy phép lái xe quốc gia",
			KW:  []string{"bằng lái quốc tế", "IDP"}},
		{N: "1.002835", Name: "Đổi giấy phép lái xe do cơ quan có thẩm quyền của nước ngoài cấp", Ag: agCA, L: 3, T: 5,
			Fees: fees(fee("Lệ phí cấp đổi giấy phép lái xe", 135000, "")),
			Docs: docs(df("Đơn đề nghị đổi giấy phép lái xe", 1, 0, "Đơn đề nghị đổi giấy phép lái xe (mẫu Phụ lục XIX)"),
				d("Bản dịch giấy phép lái xe nước ngoài ra tiếng Việt có công chứng hoặc chứng thực", 0, 1),
				d("Hộ chiếu còn thời hạn và thị thực hoặc thẻ tạm trú, thường trú (đối với người nước ngoài)", 0, 1)),
			Who: "Người nước ngoài cư trú, làm việc, học tập tại Việt Nam từ 03 tháng trở lên; công dân Việt Nam có giấy phép lái xe nước ngoài",
			Res: "Giấy phép lái xe Việt Nam tương ứng",
			KW:  []string{"đổi bằng lái nước ngoài"}},
	},
}

// vanTai is road transport business, which Sở Xây dựng took over from the
// abolished Sở Giao thông vận tải (the city merged the two on 1 May 2025).
var vanTai = group{
	t: tpl{
		Field: fDuongBo,
		Laws: []string{
			"Luật Đường bộ số 35/2024/QH15 ngày 27/6/2024",
			"Nghị định số 158/2024/NĐ-CP ngày 18/12/2024 của Chính phủ quy định về hoạt động vận tải đường bộ",
		},
		Steps: []string{
			"Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc tại Trung tâm Phục vụ hành chính công Thành phố",
			"Sở Xây dựng kiểm tra hồ sơ và điều kiện kinh doanh vận tải",
			"Cấp giấy phép hoặc phù hiệu; trả kết quả trực tuyến, trực tiếp hoặc qua bưu chính",
		},
		Who: "Đơn vị kinh doanh vận tải bằng xe ô tô",
		KW:  []string{"vận tải", "nhà xe"},
	},
	ps: []P{
		{N: "1.002861", Name: "Cấp phù hiệu xe ô tô kinh doanh vận tải", Ag: agXD, L: 4, T: 2,
			Fees: free("Không thu lệ phí"),
			Docs: docs(df("Giấy đề nghị cấp phù hiệu", 1, 0, "Giấy đề nghị cấp phù hiệu, biển hiệu (mẫu Phụ lục VII)"),
				d("Giấy chứng nhận đăng ký xe hoặc hợp đồng thuê phương tiện", 0, 1)),
			Who: "Đơn vị kinh doanh vận tải bằng xe ô tô",
			Res: "Phù hiệu xe (xe tải, xe hợp đồng, xe taxi, xe chạy tuyến cố định)",
			KW:  []string{"phù hiệu xe tải", "phù hiệu taxi", "phù hiệu xe hợp đồng"}},
		{N: "1.002856", Name: "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", Ag: agXD, L: 4, T: 5,
			Fees: fees(fee("Lệ phí cấp giấy phép kinh doanh vận tải", 200000, "")),
			Docs: docs(df("Giấy đề nghị cấp giấy phép kinh doanh vận tải bằng xe ô tô", 1, 0, "Giấy đề nghị cấp giấy phép kinh doanh vận tải (mẫu Phụ lục I)"),
				d("Phương án kinh doanh vận tải bằng xe ô tô", 1, 0),
				d("Quyết định thành lập bộ phận quản lý, theo dõi các điều kiện về an toàn giao thông", 0, 1)),
			Who: "Doanh nghiệp, hợp tác xã, hộ kinh doanh vận tải bằng xe ô tô",
			Res: "Giấy phép kinh doanh vận tải bằng xe ô tô",
			KW:  []string{"giấy phép vận tải", "mở nhà xe"}},
	},
}
