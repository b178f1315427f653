package config

import "fmt"

// messagesVI translates every problem format into Vietnamese, for centre
// staff who read the kiosk's out-of-service screen and for technicians who
// prefer it. Keys are the English formats exactly as passed to decoder.add;
// TestEveryProblemIsTranslated fails when one is missing.
var messagesVI = map[string]string{
	// decode.go
	"unknown %s %q (did you mean %q?)": "%s %q không tồn tại (có phải là %q?)",
	"unknown %s %q":                    "%s %q không tồn tại",
	"%q is not a duration; write it like \"90s\", \"15m\" or \"1h30m\"":           "%q không phải là khoảng thời gian; hãy viết như \"90s\", \"15m\" hoặc \"1h30m\"",
	"%v is not a duration; write it as a quoted string with a unit, like \"%vs\"": "%v không phải là khoảng thời gian; hãy viết trong dấu ngoặc kép, kèm đơn vị, ví dụ \"%vs\"",
	"must be a duration like \"90s\", not %s":                                     "phải là khoảng thời gian như \"90s\", không phải %s",
	"must be a quoted string, not %s":                                             "phải là chuỗi trong dấu ngoặc kép, không phải %s",
	"%d is out of range":                                                          "%d nằm ngoài giới hạn cho phép",
	"must be a whole number, not %v":                                              "phải là số nguyên, không phải %v",
	"must be a number without quotes: %s":                                         "phải là số, không có dấu ngoặc kép: %s",
	"must be a number, not a string":                                              "phải là số, không phải chuỗi",
	"must be a number, not %s":                                                    "phải là số, không phải %s",
	"must be true or false without quotes":                                        "phải là true hoặc false, không có dấu ngoặc kép",
	"must be true or false, not a string":                                         "phải là true hoặc false, không phải chuỗi",
	"must be true or false, not %s":                                               "phải là true hoặc false, không phải %s",
	"must be a table ([%s]), not %s":                                              "phải là một bảng ([%s]), không phải %s",
	"must be a table, not %s":                                                     "phải là một bảng, không phải %s",
	"must be a list of [[%s]] tables, not %s":                                     "phải là danh sách các bảng [[%s]], không phải %s",
	"cannot be set from a config file":                                            "không thể đặt trong tệp cấu hình",

	// validate.go
	"is required: a short unique name for this kiosk, like \"hcc-binhduong-01\"": "bắt buộc: tên ngắn, duy nhất của kiosk này, ví dụ \"hcc-binhduong-01\"",
	"%q may only contain letters, digits, \".\", \"_\" and \"-\" (at most 64)":   "%q chỉ được chứa chữ cái, chữ số, \".\", \"_\" và \"-\" (tối đa 64 ký tự)",
	"is empty; the start screen and receipts will show no centre name":           "đang để trống; màn hình chính và phiếu in sẽ không có tên trung tâm",
	"%q is not a phone number":                                                                    "%q không phải là số điện thoại",
	"%q is not an http(s) URL":                                                                    "%q không phải là địa chỉ http(s)",
	"%s must be shorter than kiosk.idle_timeout (%s)":                                             "%s phải ngắn hơn kiosk.idle_timeout (%s)",
	"is required (the cache file, like %q)":                                                       "bắt buộc (tệp bộ nhớ đệm, ví dụ %q)",
	"%d is out of range 1..1000 (the portal sends at most 1000 per page)":                         "%d nằm ngoài khoảng 1..1000 (cổng gửi tối đa 1000 mục mỗi trang)",
	"is required (the portal's address, like \"https://dichvucong.binhduong.gov.vn\")":            "bắt buộc (địa chỉ cổng dịch vụ công, ví dụ \"https://dichvucong.binhduong.gov.vn\")",
	"plain http is only allowed for a portal on this machine (127.0.0.1 or localhost); use https": "chỉ được dùng http cho cổng chạy trên chính máy này (127.0.0.1 hoặc localhost); hãy dùng https",
	"is required for dialect kiosk/v1 (ask the portal operator for this kiosk's key)":             "bắt buộc với dialect kiosk/v1 (xin khóa của kiosk này từ đơn vị vận hành cổng)",
	"is required for dialect opencps/v2 (the site's groupId)":                                     "bắt buộc với dialect opencps/v2 (groupId của đơn vị)",
	"%s is shorter than portal.timeout (%s); a lookup could not finish even one request":          "%s ngắn hơn portal.timeout (%s); một lần tra cứu không thể xong dù chỉ một yêu cầu",
	"%d is out of range 0..10":                                                                    "%d nằm ngoài khoảng 0..10",
	"%d is out of range %d..%d":                                                                   "%d nằm ngoài khoảng %d..%d",
	"%d is out of range %d..%d bytes":                                                             "%d nằm ngoài khoảng %d..%d byte",
	"cannot read %q: %v":                                                                          "không đọc được %q: %v",
	"%q holds no PEM certificates":                                                                "%q không chứa chứng thư PEM nào",
	"set port (a device such as \"/dev/kiosk-printer\", or \"virtual\") or usb (\"VID:PID\")":     "hãy đặt port (thiết bị như \"/dev/kiosk-printer\", hoặc \"virtual\") hoặc usb (\"VID:PID\")",
	"set either port or usb, not both":                                                            "chỉ đặt port hoặc usb, không đặt cả hai",
	"%q is not a USB id; write VID:PID in hex, like \"04b8:0e28\"":                                "%q không phải là mã USB; hãy viết VID:PID dạng hex, ví dụ \"04b8:0e28\"",
	"%q is not a USB id; write VID:PID in hex, like \"0c2e:0b61\"":                                "%q không phải là mã USB; hãy viết VID:PID dạng hex, ví dụ \"0c2e:0b61\"",
	"is required (a printer profile such as %q)":                                                  "bắt buộc (hồ sơ máy in, ví dụ %q)",
	"unknown profile %q (did you mean %q?)":                                                       "hồ sơ máy in %q không tồn tại (có phải là %q?)",
	"unknown profile %q (known: %s)":                                                              "hồ sơ máy in %q không tồn tại (các hồ sơ có: %s)",
	"%q is not a frame suffix; use CR, LF, CRLF or ETX":                                           "%q không phải là ký tự kết thúc mã quét; hãy dùng CR, LF, CRLF hoặc ETX",
	"%q is not host:port, like \"127.0.0.1:9310\"":                                                "%q không có dạng host:port, ví dụ \"127.0.0.1:9310\"",
	"port %q is not a number from 1 to 65535":                                                     "cổng %q không phải là số từ 1 đến 65535",
	"%q is reachable from the network and metrics have no password; use \"127.0.0.1:%s\" unless a firewall limits access": "%q truy cập được từ mạng và số liệu giám sát không có mật khẩu; hãy dùng \"127.0.0.1:%s\" trừ khi có tường lửa giới hạn truy cập",
	"is not set; the staff panel cannot be opened (run `kioskctl pin hash`)":                                              "chưa đặt; không mở được bảng điều khiển của nhân viên (chạy `kioskctl pin hash`)",
	"looks like a plain PIN; run `kioskctl pin hash`":                                                                     "trông như mã PIN chưa mã hóa; hãy chạy `kioskctl pin hash`",
	"is not a PIN hash; run `kioskctl pin hash` and paste the line it prints":                                             "không phải là mã băm PIN; hãy chạy `kioskctl pin hash` và dán dòng lệnh đó in ra",
	"contains the control character U+%04X; remove it (retype the value)":                                                 "chứa ký tự điều khiển U+%04X; hãy xóa nó (gõ lại giá trị)",
	"has parameters that make every PIN try too slow (m=%d × t=%d is more than %d); run `kioskctl pin hash`":              "có tham số làm mỗi lần thử mã PIN quá chậm (m=%d × t=%d lớn hơn %d); hãy chạy `kioskctl pin hash`",
	"uses little memory (m=%d KiB); a copied hash is cheap to brute-force — run `kioskctl pin hash`":                      "dùng quá ít bộ nhớ (m=%d KiB); nếu bị sao chép, mã băm dễ bị dò ra — hãy chạy `kioskctl pin hash`",
	"has parameters the kiosk will not use (m=%d,t=%d,p=%d); run `kioskctl pin hash`":                                     "có tham số kiosk không chấp nhận (m=%d,t=%d,p=%d); hãy chạy `kioskctl pin hash`",
	"is required (a short code such as \"ho-tich\")":                                                                      "bắt buộc (mã ngắn, ví dụ \"ho-tich\")",
	"%q is already used by queue[%d]":                                                                                     "%q đã được dùng ở queue[%d]",
	"is required (the service name citizens see, in Vietnamese)":                                                          "bắt buộc (tên dịch vụ người dân nhìn thấy, bằng tiếng Việt)",
	"is empty; the English screen will show the Vietnamese name":                                                          "đang để trống; màn hình tiếng Anh sẽ hiện tên tiếng Việt",
	"must be positive, not %s":                                            "phải lớn hơn 0, không phải %s",
	"%s is too short (at least %s)":                                       "%s quá ngắn (tối thiểu %s)",
	"%s is too long (at most %s)":                                         "%s quá dài (tối đa %s)",
	"%q is not %s (did you mean %q?)":                                     "%q không phải là %s hợp lệ (có phải là %q?)",
	"%q is not %s; use %s":                                                "%q không phải là %s hợp lệ; hãy dùng %s",
	"%d is not a standard rate (did you mean %d?)":                        "%d không phải là tốc độ chuẩn (có phải là %d?)",
	"%d is not a standard rate (use 9600, 19200, 38400, 57600 or 115200)": "%d không phải là tốc độ chuẩn (hãy dùng 9600, 19200, 38400, 57600 hoặc 115200)",
	"%q is not a device path; use a path like \"/dev/ttyUSB0\"":           "%q không phải là đường dẫn thiết bị; hãy dùng đường dẫn như \"/dev/ttyUSB0\"",
	"file %q does not exist":                                              "tệp %q không tồn tại",
	"%q is not a regular file":                                            "%q không phải là tệp thông thường",

	// perm.go
	"the file is readable by %s (mode %04o) and holds this secret; run `chmod 600 %s` or `chown root:%s %s && chmod 640 %s`": "tệp đọc được bởi %s (quyền %04o) và chứa thông tin bí mật này; hãy chạy `chmod 600 %s` hoặc `chown root:%s %s && chmod 640 %s`",
	// centre.go
	"is required when centre.level is set (the portal's code of this centre's agency, like %q)":    "bắt buộc khi đã khai báo centre.level (mã cơ quan của trung tâm này trên cổng dịch vụ công, ví dụ %q)",
	"is set but centre.level is not; say whether this is the \"province\" or a \"commune\" centre": "đã khai báo nhưng thiếu centre.level; hãy ghi \"province\" (trung tâm cấp tỉnh) hoặc \"commune\" (trung tâm cấp xã)",

	"%d is out of range %d..%d (whole millimetres, the panel's long side; 476 for 21.5 inches)": "%d nằm ngoài khoảng %d..%d (số milimét nguyên, cạnh dài của màn hình; 476 cho màn 21,5 inch)",

	// voice.go
	"%d is out of range %d..%d (words per minute; espeak-ng's normal speed is 175)": "%d nằm ngoài khoảng %d..%d (số từ mỗi phút; tốc độ thường của espeak-ng là 175)",
	"%d is out of range %d..%d (percent of the normal loudness)":                    "%d nằm ngoài khoảng %d..%d (phần trăm so với âm lượng thường)",
	"is required for the virtual speaker (the folder for WAV files, like %q)":       "bắt buộc khi dùng loa ảo (thư mục lưu tệp WAV, ví dụ %q)",

	// opencps.go and the string lists of decode.go
	"must be a list of quoted strings like [\"a\", \"b\"], not %s": "phải là danh sách chuỗi trong dấu ngoặc kép như [\"a\", \"b\"], không phải %s",
	"%q is not a URL path like \"/o/rest/v2\"":                     "%q không phải là đường dẫn URL như \"/o/rest/v2\"",
	"must be one line":                   "phải nằm trên một dòng",
	"%q is not a step code like \"300\"": "%q không phải là mã bước như \"300\"",
	"%d is out of range 0..366":          "%d nằm ngoài khoảng 0..366",
	"%q is not an OpenCPS status code like \"processing\" (lower case)": "%q không phải là mã trạng thái OpenCPS như \"processing\" (chữ thường)",
	"%d is not a national dossier status (1..10)":                       "%d không phải là trạng thái hồ sơ quốc gia (1..10)",
	"a question key is empty":                                           "có một khóa câu hỏi để trống",
	"%q is not a rating criterion (attitude, time, guidance, overall)":  "%q không phải là tiêu chí đánh giá (attitude, time, guidance, overall)",
}

// wordsVI translates the English words and phrases passed as arguments.
var wordsVI = map[string]string{
	"key": "khóa", "table": "bảng",
	"a string": "chuỗi", "a number": "số", "a decimal number": "số thập phân", "a table": "bảng",
	"a list": "danh sách", "nothing": "giá trị rỗng", "a date/time": "ngày giờ",
	"a supported language": "ngôn ngữ", "a Vietnamese voice": "giọng đọc tiếng Việt", "a voice output": "đầu ra âm thanh", "an orientation": "hướng màn hình", "a known dialect": "dialect",
	"a centre level": "cấp của trung tâm",
	"every user":     "mọi người dùng",
}

// vi formats a problem message in Vietnamese, or returns "" when format has
// no translation.
func vi(format string, args ...any) string {
	vf, ok := messagesVI[format]
	if !ok {
		return ""
	}
	tr := make([]any, len(args))
	for i, a := range args {
		tr[i] = a
		if s, ok := a.(string); ok {
			if w, ok := wordsVI[s]; ok {
				tr[i] = w
			}
		}
	}
	return fmt.Sprintf(vf, tr...)
}
