package portal

// statusText holds, per status 1..10, the national Vietnamese label
// (TrangThaiHoSo), its English label, and a plain-words explanation for a
// citizen in both languages.
var statusText = [...]struct{ vi, en, viExplain, enExplain string }{
	StatusNew: {"Mới đăng ký", "Newly submitted",
		"Hồ sơ đã được đăng ký và đang chờ cán bộ tiếp nhận.",
		"Your application has been registered and is waiting to be accepted by an officer."},
	StatusAccepted: {"Được tiếp nhận", "Accepted",
		"Hồ sơ đã được tiếp nhận và đang được chuyển đến bộ phận giải quyết.",
		"Your application has been accepted and is being passed to the department that handles it."},
	StatusRejected: {"Không được tiếp nhận", "Not accepted",
		"Hồ sơ không được tiếp nhận. Vui lòng xem lý do trên phiếu hoặc hỏi tại quầy hướng dẫn.",
		"Your application was not accepted. Please see the reason on your slip or ask at the help desk."},
	StatusProcessing: {"Đang xử lý", "Being processed",
		"Hồ sơ đang được cán bộ xử lý. Quý vị chưa cần làm gì thêm.",
		"An officer is working on your application. You do not need to do anything yet."},
	StatusNeedsDocuments: {"Yêu cầu bổ sung giấy tờ", "More documents needed",
		"Hồ sơ cần bổ sung giấy tờ. Vui lòng mang giấy tờ còn thiếu đến quầy tiếp nhận.",
		"Some documents are missing. Please bring them to the reception counter."},
	StatusNeedsPayment: {"Yêu cầu thực hiện nghĩa vụ tài chính", "Payment required",
		"Quý vị cần nộp phí, lệ phí hoặc thuế trước khi hồ sơ được giải quyết tiếp.",
		"You need to pay a fee, charge or tax before your application can continue."},
	StatusWithdrawn: {"Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant",
		"Hồ sơ đã được rút theo yêu cầu của người nộp.",
		"The application was withdrawn at the applicant's request."},
	StatusStopped: {"Dừng xử lý", "Processing stopped",
		"Việc giải quyết hồ sơ đã dừng. Vui lòng hỏi tại quầy hướng dẫn để biết lý do.",
		"Work on this application has stopped. Please ask at the help desk for the reason."},
	StatusDone: {"Đã xử lý xong", "Processing completed",
		"Hồ sơ đã được giải quyết xong. Quý vị có thể đến nhận kết quả.",
		"Your application has been completed. You can come and collect the result."},
	StatusReturned: {"Đã trả kết quả", "Result returned",
		"Kết quả đã được trả cho người nộp hồ sơ.",
		"The result has been handed over to the applicant."},
}

// StatusLabel returns the label of a dossier status (1..10): the national
// Vietnamese one for lang "vi" (and any unknown language), English for "en".
// Unknown statuses get "Không xác định" / "Unknown".
func StatusLabel(status int, lang string) string {
	if status < StatusNew || status > StatusReturned {
		if lang == "en" {
			return "Unknown"
		}
		return "Không xác định"
	}
	if lang == "en" {
		return statusText[status].en
	}
	return statusText[status].vi
}

// StatusExplain says in plain words what a status means for the citizen and
// what, if anything, they should do next.
func StatusExplain(status int, lang string) string {
	if status < StatusNew || status > StatusReturned {
		if lang == "en" {
			return "The status of this application is not known. Please ask at the help desk."
		}
		return "Chưa rõ trạng thái hồ sơ. Vui lòng hỏi tại quầy hướng dẫn."
	}
	if lang == "en" {
		return statusText[status].enExplain
	}
	return statusText[status].viExplain
}
