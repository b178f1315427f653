package main

// hoTichHuyen holds the civil-status procedures with a foreign element, which
// UBND cấp xã handles since 1 July 2025 (Nghị định 120/2025/NĐ-CP; before, the
// district level did, hence the name)
// Phòng Tư pháp): those with a foreign element and notes of events abroad.
var hoTichHuyen = group{
	t: tplHoTich,
	ps: []P{
		{N: "1.001695", Name: "Đăng ký khai sinh có yếu tố nước ngoài", Ag: agXa, L: 3, T: 1, Post: true,
			TNote: "Ngay trong ngày; hồ sơ nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
			Fees:  fees(fee("Lệ phí", 75000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai đăng ký khai sinh", 1, 0, "Tờ khai đăng ký khai sinh (mẫu TP/HT-2020-KS.1)"),
				d("Giấy chứng sinh", 1, 0),
				d("Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con", 1, 0),
				d("Hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của cha/mẹ là người nước ngoài (bản dịch có chứng thực)", 0, 1),
				docID),
			Who: "Trẻ em sinh ra tại Việt Nam có cha hoặc mẹ là công dân Việt Nam và người kia là người nước ngoài hoặc người không quốc tịch",
			Res: "Giấy khai sinh (bản chính)",
			KW:  []string{"khai sinh cho con lai", "khai sinh yếu tố nước ngoài"}},
		{N: "1.000893", Name: "Đăng ký kết hôn có yếu tố nước ngoài", Ag: agXa, L: 3, T: 15,
			Fees: fees(fee("Lệ phí", 1000000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai đăng ký kết hôn", 1, 0, "Tờ khai đăng ký kết hôn (mẫu TP/HT-2020-KH.1)"),
				d("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền của nước ngoài cấp (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)", 1, 0),
				d("Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi", 1, 0),
				d("Hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của người nước ngoài", 0, 1),
				docID),
			Law: []string{"Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014"},
			Who: "Công dân Việt Nam kết hôn với người nước ngoài; công dân Việt Nam cư trú ở trong nước kết hôn với công dân Việt Nam định cư ở nước ngoài",
			Res: "Giấy chứng nhận kết hôn (mỗi bên 01 bản chính), trao trong thời hạn 03 ngày làm việc kể từ ngày Chủ tịch UBND ký",
			KW:  []string{"lấy chồng nước ngoài", "kết hôn với người nước ngoài", "lấy vợ nước ngoài"}},
		{N: "2.000554", Name: "Đăng ký khai tử có yếu tố nước ngoài", Ag: agXa, L: 3, T: 1,
			TNote: "Ngay trong ngày; trường hợp cần xác minh thì không quá 03 ngày làm việc",
			Fees:  fees(fee("Lệ phí", 75000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai đăng ký khai tử", 1, 0, "Tờ khai đăng ký khai tử (mẫu TP/HT-2020-KT.1)"),
				d("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử", 1, 0),
				docID),
			Who: "Người thân thích của người nước ngoài hoặc công dân Việt Nam định cư ở nước ngoài chết tại Việt Nam",
			Res: "Trích lục khai tử (bản chính)"},
		{N: "1.001702", Name: "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", Ag: agXa, L: 3, T: 15,
			Fees: fees(fee("Lệ phí", 1500000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai đăng ký nhận cha, mẹ, con", 1, 0, "Tờ khai đăng ký nhận cha, mẹ, con (mẫu TP/HT-2020-CMC)"),
				d("Văn bản của cơ quan y tế, giám định xác nhận quan hệ cha con, mẹ con", 1, 0),
				d("Hộ chiếu hoặc giấy tờ thay thế hộ chiếu của bên là người nước ngoài", 0, 1),
				docID),
			Res: "Trích lục đăng ký nhận cha, mẹ, con",
			KW:  []string{"nhận con có yếu tố nước ngoài"}},
		{N: "1.004772", Name: "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", Ag: agXa, L: 3, T: 3,
			TNote: "Trường hợp cần xác minh thì không quá 06 ngày làm việc",
			Fees:  fees(fee("Lệ phí", 28000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 1, 0, "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch (mẫu TP/HT-2020-TĐCCBS)"),
				d("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, xác định lại dân tộc", 0, 1),
				docID),
			Who: "Công dân Việt Nam từ đủ 14 tuổi trở lên thay đổi họ, chữ đệm, tên; xác định lại dân tộc; cải chính hộ tịch có yếu tố nước ngoài",
			Res: "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
			KW:  []string{"đổi tên người lớn", "xác định lại dân tộc", "đổi dân tộc"}},
		{N: "2.000528", Name: "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", Ag: agXa, L: 3, T: 5,
			Fees: fees(fee("Lệ phí", 75000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai ghi chú kết hôn", 1, 0, "Tờ khai ghi chú kết hôn (mẫu TP/HT-2020-GCKH)"),
				d("Giấy tờ chứng nhận việc kết hôn do cơ quan có thẩm quyền của nước ngoài cấp (đã hợp pháp hóa lãnh sự)", 0, 1),
				docID),
			Res: "Trích lục ghi chú kết hôn",
			KW:  []string{"ghi chú kết hôn"}},
		{N: "2.000547", Name: "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", Ag: agXa, L: 3, T: 12,
			Fees: fees(fee("Lệ phí", 75000, "Theo Nghị quyết của HĐND tỉnh")),
			Docs: docs(
				df("Tờ khai ghi chú ly hôn", 1, 0, "Tờ khai ghi chú ly hôn (mẫu TP/HT-2020-GCLH)"),
				d("Bản án, quyết định ly hôn, hủy việc kết hôn của cơ quan có thẩm quyền nước ngoài (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)", 0, 1),
				docID),
			Res: "Trích lục ghi chú ly hôn",
			KW:  []string{"ghi chú ly hôn", "ly hôn ở nước ngoài"}},
	},
}
