package portalsim

import (
	"fmt"
	"math/rand"
	"time"

	"kiosk/internal/portal"
)

// synthField is a field with the objects its procedures act on, the documents
// they usually ask for and the laws they rest on.
type synthField struct {
	code, name string
	objects    []string
	docs       []string
	laws       []string
	result     string
}

var synthFields = []synthField{
	{"SX_HOTICH", "Hộ tịch", []string{"khai sinh", "kết hôn", "khai tử", "giám hộ", "nhận cha, mẹ, con", "thay đổi, cải chính hộ tịch", "xác định lại dân tộc", "ghi chú ly hôn", "trích lục hộ tịch"},
		[]string{"Tờ khai theo mẫu", "Giấy chứng sinh", "Giấy tờ tùy thân của người yêu cầu", "Giấy xác nhận tình trạng hôn nhân", "Văn bản ủy quyền (nếu có)"},
		[]string{"Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP", "Thông tư 04/2020/TT-BTP"}, "Trích lục hộ tịch"},
	{"SX_DATDAI", "Đất đai", []string{"quyền sử dụng đất", "tài sản gắn liền với đất", "biến động đất đai", "chuyển mục đích sử dụng đất", "tách thửa, hợp thửa đất", "giao đất, cho thuê đất", "gia hạn sử dụng đất", "đính chính giấy chứng nhận"},
		[]string{"Đơn đăng ký biến động đất đai (Mẫu số 11/ĐK)", "Giấy chứng nhận đã cấp", "Hợp đồng, văn bản về chuyển quyền", "Sơ đồ thửa đất", "Chứng từ thực hiện nghĩa vụ tài chính"},
		[]string{"Luật Đất đai 2024", "Nghị định 101/2024/NĐ-CP", "Nghị định 102/2024/NĐ-CP"}, "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"},
	{"SX_DOANHNGHIEP", "Thành lập và hoạt động doanh nghiệp", []string{"doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn hai thành viên trở lên", "công ty cổ phần", "chi nhánh, văn phòng đại diện", "địa điểm kinh doanh", "người đại diện theo pháp luật", "vốn điều lệ", "ngành, nghề kinh doanh"},
		[]string{"Giấy đề nghị đăng ký doanh nghiệp", "Điều lệ công ty", "Danh sách thành viên", "Bản sao giấy tờ pháp lý của cá nhân", "Văn bản ủy quyền cho người nộp hồ sơ"},
		[]string{"Luật Doanh nghiệp 2020", "Nghị định 01/2021/NĐ-CP", "Thông tư 01/2021/TT-BKHĐT"}, "Giấy chứng nhận đăng ký doanh nghiệp"},
	{"SX_XAYDUNG", "Hoạt động xây dựng", []string{"giấy phép xây dựng", "giấy phép sửa chữa, cải tạo công trình", "giấy phép di dời công trình", "chứng chỉ hành nghề hoạt động xây dựng", "chứng chỉ năng lực hoạt động xây dựng", "thiết kế xây dựng triển khai sau thiết kế cơ sở"},
		[]string{"Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng", "Giấy tờ chứng minh quyền sử dụng đất", "Báo cáo kết quả thẩm định thiết kế"},
		[]string{"Luật Xây dựng 2014, sửa đổi 2020", "Nghị định 175/2024/NĐ-CP", "Thông tư 03/2025/TT-BXD"}, "Giấy phép xây dựng"},
	{"SX_DUONGBO", "Đường bộ", []string{"giấy phép lái xe", "giấy phép xe tập lái", "phù hiệu xe kinh doanh vận tải", "giấy phép kinh doanh vận tải bằng xe ô tô", "giấy phép lưu hành xe quá tải trọng", "biển hiệu xe ô tô vận chuyển khách du lịch"},
		[]string{"Đơn đề nghị theo mẫu", "Giấy khám sức khỏe của người lái xe", "Bản sao giấy phép lái xe", "Giấy đăng ký xe", "Giấy chứng nhận kiểm định"},
		[]string{"Luật Trật tự, an toàn giao thông đường bộ 2024", "Thông tư 35/2024/TT-BGTVT", "Nghị định 158/2024/NĐ-CP"}, "Giấy phép"},
	{"SX_VIECLAM", "Việc làm", []string{"trợ cấp thất nghiệp", "hỗ trợ học nghề", "giấy phép hoạt động dịch vụ việc làm", "báo cáo sử dụng lao động", "tạm dừng hưởng trợ cấp thất nghiệp"},
		[]string{"Đề nghị hưởng trợ cấp thất nghiệp", "Quyết định thôi việc", "Sổ bảo hiểm xã hội", "Giấy tờ tùy thân"},
		[]string{"Luật Việc làm 2013", "Nghị định 28/2015/NĐ-CP", "Nghị định 61/2020/NĐ-CP"}, "Quyết định"},
	{"SX_YTE", "Khám bệnh, chữa bệnh", []string{"giấy phép hành nghề", "giấy phép hoạt động phòng khám", "phòng khám chuyên khoa", "cơ sở dịch vụ thẩm mỹ", "phạm vi hoạt động chuyên môn", "quầy thuốc"},
		[]string{"Đơn đề nghị theo mẫu", "Văn bằng chuyên môn", "Giấy xác nhận quá trình thực hành", "Giấy chứng nhận đủ sức khỏe"},
		[]string{"Luật Khám bệnh, chữa bệnh 2023", "Nghị định 96/2023/NĐ-CP"}, "Giấy phép"},
	{"SX_ATTP", "An toàn thực phẩm", []string{"cơ sở đủ điều kiện an toàn thực phẩm", "bản công bố sản phẩm", "xác nhận nội dung quảng cáo thực phẩm", "cơ sở sản xuất thực phẩm bảo vệ sức khỏe", "bếp ăn tập thể"},
		[]string{"Đơn đề nghị cấp giấy chứng nhận", "Bản thuyết minh về cơ sở vật chất", "Giấy xác nhận đủ sức khỏe của chủ cơ sở", "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm"},
		[]string{"Luật An toàn thực phẩm 2010", "Nghị định 15/2018/NĐ-CP", "Nghị định 155/2018/NĐ-CP"}, "Giấy chứng nhận"},
	{"SX_GIAODUC", "Giáo dục và Đào tạo", []string{"văn bằng, chứng chỉ", "trường mầm non tư thục", "trung tâm ngoại ngữ, tin học", "hoạt động giáo dục", "trung tâm giáo dục thường xuyên", "học sinh trung học phổ thông"},
		[]string{"Tờ trình đề nghị", "Đề án thành lập", "Bản sao văn bằng", "Giấy tờ chứng minh cơ sở vật chất"},
		[]string{"Luật Giáo dục 2019", "Nghị định 125/2024/NĐ-CP"}, "Quyết định"},
	{"SX_CONGTHUONG", "Lưu thông hàng hóa trong nước", []string{"giấy phép bán lẻ rượu", "giấy phép bán buôn sản phẩm thuốc lá", "cửa hàng bán lẻ xăng dầu", "giấy phép sản xuất rượu thủ công", "thương nhân phân phối sản phẩm rượu"},
		[]string{"Đơn đề nghị cấp giấy phép", "Bản sao giấy chứng nhận đăng ký doanh nghiệp", "Hợp đồng thuê địa điểm", "Văn bản giới thiệu của nhà cung cấp"},
		[]string{"Luật Thương mại 2005", "Nghị định 105/2017/NĐ-CP", "Nghị định 17/2020/NĐ-CP"}, "Giấy phép"},
	{"SX_BAOTRO", "Bảo trợ xã hội", []string{"trợ cấp xã hội hằng tháng", "hỗ trợ kinh phí chăm sóc", "mai táng phí", "cơ sở trợ giúp xã hội", "xác định mức độ khuyết tật", "trợ giúp xã hội khẩn cấp"},
		[]string{"Tờ khai đề nghị trợ giúp xã hội", "Giấy tờ tùy thân", "Giấy xác nhận khuyết tật (nếu có)"},
		[]string{"Nghị định 20/2021/NĐ-CP", "Luật Người cao tuổi 2009", "Luật Người khuyết tật 2010"}, "Quyết định trợ cấp"},
	{"SX_VANHOA", "Văn hóa", []string{"dịch vụ karaoke", "dịch vụ vũ trường", "biểu diễn nghệ thuật", "triển lãm mỹ thuật", "lễ hội", "di vật, cổ vật"},
		[]string{"Đơn đề nghị theo mẫu", "Bản sao giấy chứng nhận đăng ký kinh doanh", "Bản vẽ mặt bằng", "Giấy chứng nhận đủ điều kiện về phòng cháy, chữa cháy"},
		[]string{"Nghị định 54/2019/NĐ-CP", "Nghị định 144/2020/NĐ-CP"}, "Giấy phép"},
	{"SX_BHXH", "Bảo hiểm xã hội", []string{"chế độ thai sản", "chế độ ốm đau", "lương hưu", "trợ cấp một lần", "sổ bảo hiểm xã hội", "thẻ bảo hiểm y tế", "chế độ tử tuất"},
		[]string{"Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (Mẫu TK1-TS)", "Sổ bảo hiểm xã hội", "Giấy ra viện hoặc giấy chứng nhận nghỉ việc", "Bản sao giấy khai sinh của con"},
		[]string{"Luật Bảo hiểm xã hội 2024", "Luật Bảo hiểm y tế 2008, sửa đổi 2024"}, "Quyết định hưởng chế độ"},
	{"SX_CUTRU", "Đăng ký, quản lý cư trú", []string{"thường trú", "tạm trú", "lưu trú", "tạm vắng", "xác nhận thông tin về cư trú", "điều chỉnh thông tin về cư trú"},
		[]string{"Tờ khai thay đổi thông tin cư trú (CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp", "Văn bản đồng ý của chủ hộ"},
		[]string{"Luật Cư trú 2020", "Nghị định 154/2024/NĐ-CP", "Thông tư 53/2021/TT-BCA"}, "Thông tin cư trú được cập nhật"},
}

var synthVerbs = []string{"Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Thu hồi", "Đăng ký", "Đăng ký thay đổi", "Xác nhận", "Thẩm định", "Công nhận", "Chấm dứt", "Bổ sung", "Hủy bỏ"}

var synthQualifiers = []string{"", "", "", "", "cho người nước ngoài", "có yếu tố nước ngoài", "đối với hộ kinh doanh", "đối với tổ chức", "đối với cá nhân", "do bị mất, hỏng", "trong khu công nghiệp", "tại cấp xã", "tại Trung tâm Phục vụ hành chính công", "tại cấp tỉnh", "trực tuyến", "lưu động"}

var synthProvinces = []string{"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Tuyên Quang", "Đồng Nai", "Khánh Hòa", "Nghệ An", "Thanh Hóa", "Lâm Đồng", "Quảng Ninh", "Ninh Bình", "An Giang", "Bắc Ninh", "Gia Lai"}

// synthProvinces and synthAgencyKinds follow the 34 provinces and the
// departments of Nghị định 45/2025/NĐ-CP (no Sở Kế hoạch và Đầu tư, Tài
// nguyên và Môi trường, Giao thông vận tải or Lao động - Thương binh và Xã
// hội since 2025); TestNoAbolishedNames checks these tables.
var synthAgencyKinds = []string{"Sở Tư pháp", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Y tế", "Sở Công Thương", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Bảo hiểm xã hội tỉnh", "Công an tỉnh"}

// AddSynthetic adds n generated procedures that recombine realistic parts —
// actions, objects, qualifiers, documents and laws of each field, across the
// agencies of sixteen provinces — so a 60,000-procedure catalogue reads like
// the national one. The same seed gives the same catalogue.
func (ds *Dataset) AddSynthetic(n int, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	fieldSeen := map[string]bool{}
	for _, f := range ds.Fields {
		fieldSeen[f.Code] = true
	}
	for _, f := range synthFields {
		if !fieldSeen[f.code] {
			ds.Fields = append(ds.Fields, portal.Field{Code: f.code, Name: f.name})
			fieldSeen[f.code] = true
		}
	}
	type agency struct{ code, name string }
	var agencies []agency
	agencySeen := map[string]bool{}
	for _, a := range ds.Agencies {
		agencySeen[a.Code] = true
	}
	for pi, prov := range synthProvinces {
		for ki, kind := range synthAgencyKinds {
			a := agency{code: fmt.Sprintf("000.00.%02d.S%02d", ki+1, pi+1), name: kind + " tỉnh " + prov}
			if pi < 5 { // the five centrally-run cities come first in synthProvinces
				a.name = kind + " thành phố " + prov
			}
			agencies = append(agencies, a)
			if !agencySeen[a.code] {
				ds.Agencies = append(ds.Agencies, portal.Agency{Code: a.code, Name: a.name, Kind: "department"})
				agencySeen[a.code] = true
			}
		}
	}
	codeSeen := map[string]bool{}
	for _, p := range ds.Procedures {
		codeSeen[p.Code] = true
	}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, serial := 0, 200000; i < n; serial++ {
		pi := rng.Intn(len(synthProvinces))
		code := fmt.Sprintf("1.%06d.000.00.00.S%02d", serial, pi+1)
		if codeSeen[code] {
			continue
		}
		codeSeen[code] = true
		f := synthFields[rng.Intn(len(synthFields))]
		ag := agencies[pi*len(synthAgencyKinds)+rng.Intn(len(synthAgencyKinds))]
		name := synthVerbs[rng.Intn(len(synthVerbs))] + " " + f.objects[rng.Intn(len(f.objects))]
		if q := synthQualifiers[rng.Intn(len(synthQualifiers))]; q != "" {
			name += " " + q
		}
		ds.Procedures = append(ds.Procedures, synthProcedure(rng, code, name, ag.code, ag.name, f, func() []portal.Document {
			ndocs := 2 + rng.Intn(len(f.docs)-1)
			docs := make([]portal.Document, 0, ndocs)
			for _, j := range rng.Perm(len(f.docs))[:ndocs] {
				docs = append(docs, portal.Document{Name: f.docs[j], Originals: rng.Intn(2), Copies: 1 + rng.Intn(2)})
			}
			return docs
		}, base))
		i++
	}
}

// synthProcedure is a generated procedure around name: level, channels with
// times and fees, the documents docs makes, steps, conditions, laws and an
// update time, drawn from rng in that order (so a seed keeps giving the same
// catalogue).
func synthProcedure(rng *rand.Rand, code, name, agencyCode, agencyName string, f synthField, docs func() []portal.Document, base time.Time) portal.Procedure {
	level := 2 + rng.Intn(3)
	days := []float64{1, 3, 5, 7, 10, 15, 20, 30}[rng.Intn(8)]
	fee := []int64{0, 8000, 15000, 50000, 100000, 200000, 500000}[rng.Intn(7)]
	channels := []portal.Channel{{Kind: portal.ChannelInPerson, Time: portal.Duration{Value: days, Unit: "ngày làm việc"},
		Fees: []portal.Fee{{Name: "Lệ phí", Amount: fee}}}}
	if level >= 3 {
		channels = append(channels, portal.Channel{Kind: portal.ChannelOnline, Time: portal.Duration{Value: days, Unit: "ngày làm việc"},
			Fees: []portal.Fee{{Name: "Lệ phí", Amount: fee / 2, Note: "Giảm 50% khi nộp trực tuyến"}}})
	}
	if rng.Intn(3) == 0 {
		channels = append(channels, portal.Channel{Kind: portal.ChannelPostal, Time: portal.Duration{Value: days + 2, Unit: "ngày làm việc"}})
	}
	return portal.Procedure{
		Code: code, Name: name, AgencyCode: agencyCode, AgencyName: agencyName, FieldCode: f.code, FieldName: f.name,
		LevelOld: level, Level: level, Channels: channels, Documents: docs(),
		Steps: []string{
			"Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định",
			"Nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng dịch vụ công",
			"Cơ quan có thẩm quyền thẩm định, giải quyết hồ sơ",
			"Nhận kết quả tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích",
		},
		Conditions:  []string{"Hồ sơ đầy đủ, hợp lệ theo quy định"},
		LegalBasis:  f.laws,
		Applicants:  "Tổ chức, cá nhân",
		Result:      f.result,
		SubmitPlace: "Bộ phận Một cửa " + agencyName,
		OnlineURL:   "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=" + code,
		UpdatedAt:   base.Add(time.Duration(rng.Int63n(int64(600 * 24 * time.Hour)))),
	}
}
