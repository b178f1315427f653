// Package portal owns the kiosk's internal data model for everything that comes
// from the province's public service portal, and the HTTP client that fetches it
// in either portal dialect (our kiosk/v1 profile or OpenCPS v2).
//
// The types here are what the cache stores, what search indexes and what the
// screens and receipts show, so they are plain data with JSON tags that match
// the kiosk/v1 wire format (docs/portal-api.yaml).
package portal

import "time"

// Service levels in the 2022 classification (Decree 42/2022). The numbers match
// the old "mức độ" grades so that both can be shown side by side.
const (
	LevelInfo    = 2 // cung cấp thông tin trực tuyến
	LevelPartial = 3 // dịch vụ công trực tuyến một phần
	LevelFull    = 4 // dịch vụ công trực tuyến toàn trình
)

// Submission channels (kênh) as used in national integrations.
const (
	ChannelInPerson = 1 // Trực tiếp
	ChannelOnline   = 2 // Trực tuyến
	ChannelPostal   = 3 // Qua bưu chính công ích
)

// Procedure is one administrative procedure (thủ tục hành chính) as published by
// the province. A Procedure with Deleted set is a tombstone from an incremental
// sync and carries only Code and UpdatedAt.
type Procedure struct {
	Code       string `json:"code"` // national code, e.g. 1.001612.000.00.00.H48
	Name       string `json:"name"`
	AgencyCode string `json:"agency_code"`
	AgencyName string `json:"agency_name"`
	FieldCode  string `json:"field_code"`
	FieldName  string `json:"field_name"`
	// LevelOld is the pre-2022 grade (mức độ 2, 3 or 4); Level is the 2022 class
	// (LevelInfo, LevelPartial, LevelFull).
	LevelOld int `json:"level_old"`
	Level    int `json:"level"`

	Channels    []Channel  `json:"channels,omitempty"`
	Documents   []Document `json:"documents,omitempty"`
	Forms       []Form     `json:"forms,omitempty"`
	Steps       []string   `json:"steps,omitempty"`
	Conditions  []string   `json:"conditions,omitempty"`
	LegalBasis  []string   `json:"legal_basis,omitempty"`
	Applicants  string     `json:"applicants,omitempty"` // đối tượng thực hiện
	Result      string     `json:"result,omitempty"`     // kết quả thực hiện
	SubmitPlace string     `json:"submit_place,omitempty"`
	OnlineURL   string     `json:"online_url,omitempty"`
	// Keywords are extra words the portal or the dataset attaches (everyday
	// names); search indexes them with a low weight.
	Keywords []string `json:"keywords,omitempty"`
	// Tier is the level of government that handles the procedure (TierCentral,
	// TierProvince, TierCommune; TierDistrict only in legacy data); "" when the
	// portal does not say.
	Tier string `json:"tier,omitempty"`
	// AnyCentre marks a procedure handled "không phụ thuộc vào địa giới hành
	// chính" (Nghị định 118/2025/NĐ-CP): a citizen may submit it at any Trung
	// tâm Phục vụ hành chính công in the province, not only where they live.
	AnyCentre bool `json:"any_centre,omitempty"`

	UpdatedAt time.Time `json:"updated_at"`
	Deleted   bool      `json:"deleted,omitempty"`
}

// Channel is one way to submit (in person, online, by post) with its own
// processing time and fees.
type Channel struct {
	Kind        int      `json:"kind"` // ChannelInPerson, ChannelOnline, ChannelPostal
	Time        Duration `json:"time"`
	Fees        []Fee    `json:"fees,omitempty"`
	Description string   `json:"description,omitempty"`
}

// Duration is a legal processing time such as "15 ngày làm việc".
type Duration struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"` // "ngày làm việc", "ngày", "giờ"
	Note  string  `json:"note,omitempty"`
}

// Fee is a fee or charge (phí, lệ phí). Amount is in VND; 0 with a Note means
// "free" or "see note".
type Fee struct {
	Name   string `json:"name"`
	Amount int64  `json:"amount"`
	Note   string `json:"note,omitempty"`
}

// Document is one paper the citizen must bring (thành phần hồ sơ).
type Document struct {
	Name      string `json:"name"`
	Originals int    `json:"originals"` // bản chính
	Copies    int    `json:"copies"`    // bản sao
	FormName  string `json:"form_name,omitempty"`
	FormURL   string `json:"form_url,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Form is a downloadable form (mẫu đơn, tờ khai).
type Form struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Agency is a government body that handles procedures: a central body, the
// province's people's committee, one of its departments (sở), its public
// administration service centre, or a commune-level unit (xã, phường, đặc
// khu). Since 1 July 2025 local government is two-tier (Nghị quyết
// 203/2025/QH15); district-level agencies appear only in legacy data.
type Agency struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Kind       string `json:"kind"` // one of the Agency* kinds below
	ParentCode string `json:"parent_code,omitempty"`
	Address    string `json:"address,omitempty"`
	Phone      string `json:"phone,omitempty"`
	// Unit says which kind of commune-level unit a commune agency is
	// (UnitXa, UnitPhuong, UnitDacKhu); "" for other kinds.
	Unit string `json:"unit,omitempty"`
}

// Agency kinds. AgencyDistrict is still decoded from portals that send it
// (data from before 1 July 2025) but the simulator and the demo never
// produce it.
const (
	AgencyCentral        = "central"         // ministry or central body (bộ, ngành trung ương)
	AgencyProvince       = "province"        // UBND cấp tỉnh
	AgencyDepartment     = "department"      // sở, ban, ngành cấp tỉnh
	AgencyProvinceCentre = "province_centre" // Trung tâm Phục vụ hành chính công cấp tỉnh
	AgencyCommune        = "commune"         // UBND cấp xã (xã, phường, đặc khu)
	AgencyDistrict       = "district"        // legacy: UBND cấp huyện, abolished 1 July 2025
)

// Commune-level unit types (Agency.Unit).
const (
	UnitXa     = "xa"      // xã
	UnitPhuong = "phuong"  // phường
	UnitDacKhu = "dac_khu" // đặc khu
)

// Procedure tiers (cấp thực hiện, Procedure.Tier). TierDistrict is legacy.
const (
	TierCentral  = "central"
	TierProvince = "province"
	TierCommune  = "commune"
	TierDistrict = "district"
)

// TierOfAgency is the tier a procedure handled by an agency of kind kind
// belongs to, for portals that do not send a tier: "" when the kind is
// unknown.
func TierOfAgency(kind string) string {
	switch kind {
	case AgencyCentral:
		return TierCentral
	case AgencyProvince, AgencyDepartment, AgencyProvinceCentre:
		return TierProvince
	case AgencyCommune:
		return TierCommune
	case AgencyDistrict:
		return TierDistrict
	}
	return ""
}

// Field is a procedure field (lĩnh vực), e.g. Hộ tịch.
type Field struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ProcedurePage is one page of an incremental procedure listing.
type ProcedurePage struct {
	Items []Procedure `json:"items"`
	// NextPageToken is empty on the last page.
	NextPageToken string `json:"next_page_token,omitempty"`
	// ServerTime is the cursor to pass as updated_since on the next sync, taken
	// when the listing started so that nothing changed during paging is missed.
	ServerTime time.Time `json:"server_time"`
	// Total is the number of items the whole listing will return, when known
	// (0 if unknown); used for progress.
	Total int `json:"total,omitempty"`

	// Skipped counts records the portal sent that were invalid (undecodable
	// or unusable) and were left out of Items; they never fail the page.
	Skipped int `json:"-"`
	// Date is the portal's HTTP Date header for this page (zero if absent),
	// a second opinion on the clock used to vet ServerTime.
	Date time.Time `json:"-"`
}

// Dossier statuses (TrangThaiHoSo) used in national integrations.
const (
	StatusNew            = 1  // Mới đăng ký
	StatusAccepted       = 2  // Được tiếp nhận
	StatusRejected       = 3  // Không được tiếp nhận
	StatusProcessing     = 4  // Đang xử lý
	StatusNeedsDocuments = 5  // Yêu cầu bổ sung giấy tờ
	StatusNeedsPayment   = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawn      = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped        = 8  // Dừng xử lý
	StatusDone           = 9  // Đã xử lý xong
	StatusReturned       = 10 // Đã trả kết quả
)

// Dossier is the status of one application (hồ sơ). Personal data is always
// masked ("Nguyễn V** A"); the portal masks it and the client masks again in
// case a portal does not.
type Dossier struct {
	Code          string `json:"code"` // e.g. 000.00.53.H48-220921-0099
	ProcedureCode string `json:"procedure_code"`
	ProcedureName string `json:"procedure_name"`
	AgencyCode    string `json:"agency_code"`
	AgencyName    string `json:"agency_name"`
	Status        int    `json:"status"` // StatusNew..StatusReturned
	StatusLabel   string `json:"status_label"`

	ReceivedAt time.Time  `json:"received_at"`
	DueAt      time.Time  `json:"due_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	ReturnedAt *time.Time `json:"returned_at,omitempty"`

	CurrentStep string        `json:"current_step,omitempty"`
	Steps       []DossierStep `json:"steps,omitempty"`
	Overdue     bool          `json:"overdue"`
	PickupPlace string        `json:"pickup_place,omitempty"`
	Note        string        `json:"note,omitempty"`
	Fee         int64         `json:"fee,omitempty"`

	// Applicant and ApplicantID are masked. Detailed reports whether a secret
	// or ID number unlocked the details (steps, note, fee).
	Applicant   string `json:"applicant"`
	ApplicantID string `json:"applicant_id,omitempty"`
	Detailed    bool   `json:"detailed"`

	// RatingRefused says the portal answered that whoever looked this
	// dossier up may not rate it (OpenCPS's /votings/checkpermission, asked
	// at lookup time while the ID number is in hand). Only the answer is
	// kept, never the ID number; false also means "not asked" or "no
	// answer". Never sent or stored.
	RatingRefused bool `json:"-"`
}

// DossierStep is one step in a dossier's processing timeline.
type DossierStep struct {
	Name string     `json:"name"`
	At   *time.Time `json:"at,omitempty"` // nil while not reached
	Done bool       `json:"done"`
}

// DossierQuery unlocks a dossier's details: the secret from the receipt's QR
// code or the applicant's ID number. Neither is ever stored or logged.
type DossierQuery struct {
	Secret   string
	IDNumber string
}

// ReadyDossier is one line of the public list of dossiers whose results are
// ready to collect (hồ sơ đã có kết quả).
type ReadyDossier struct {
	Code          string    `json:"code"`
	ProcedureName string    `json:"procedure_name"`
	AgencyCode    string    `json:"agency_code"`
	AgencyName    string    `json:"agency_name"`
	Applicant     string    `json:"applicant"` // masked
	FinishedAt    time.Time `json:"finished_at"`
	PickupPlace   string    `json:"pickup_place,omitempty"`
}

// TicketRequest asks for a queue ticket for a service (a field or a counter).
type TicketRequest struct {
	KioskID     string `json:"kiosk_id"`
	ServiceCode string `json:"service_code"`
	Counter     string `json:"counter,omitempty"`
}

// Ticket is a queue ticket (số thứ tự).
type Ticket struct {
	Number      string `json:"number"` // e.g. "A-042"
	ServiceCode string `json:"service_code"`
	ServiceName string `json:"service_name"`
	Counter     string `json:"counter"`
	Waiting     int    `json:"waiting"` // people ahead
	// WaitingUnknown says the portal gives no count of the people ahead
	// (OpenCPS bookings have none), so Waiting must not be shown as 0.
	WaitingUnknown bool      `json:"-"`
	IssuedAt       time.Time `json:"issued_at"`
	FollowURL      string    `json:"follow_url,omitempty"` // QR target to follow the queue
}

// Satisfaction levels, five-point scale.
const (
	VeryDissatisfied = 1 // Rất không hài lòng
	Dissatisfied     = 2 // Không hài lòng
	Neutral          = 3 // Bình thường
	Satisfied        = 4 // Hài lòng
	VerySatisfied    = 5 // Rất hài lòng
)

// Rating is one citizen's satisfaction rating. ID is the idempotency key: the
// kiosk creates it once, stores the rating in its outbox, and sends it with the
// Idempotency-Key header until the portal acknowledges.
type Rating struct {
	ID          string         `json:"id"`
	KioskID     string         `json:"kiosk_id"`
	Overall     int            `json:"overall"`            // 1..5
	Criteria    map[string]int `json:"criteria,omitempty"` // criterion code -> 1..5
	Comment     string         `json:"comment,omitempty"`
	Counter     string         `json:"counter,omitempty"`
	Officer     string         `json:"officer,omitempty"`
	DossierCode string         `json:"dossier_code,omitempty"`
	CreatedAt   time.Time      `json:"created_at"`
}

// RatingReceipt is the portal's acknowledgement of a rating. A replay with the
// same key returns the first receipt.
type RatingReceipt struct {
	ID         string    `json:"id"`
	ReceivedAt time.Time `json:"received_at"`
	Duplicate  bool      `json:"duplicate,omitempty"`
}

// Heartbeat reports a kiosk's health to the portal.
type Heartbeat struct {
	KioskID         string            `json:"kiosk_id"`
	Version         string            `json:"version"`
	SentAt          time.Time         `json:"sent_at"`
	CacheAgeSeconds int64             `json:"cache_age_seconds"`
	OutboxDepth     int               `json:"outbox_depth"`
	Devices         map[string]string `json:"devices,omitempty"` // "printer": "ok"|"paper_out"|..., "scanner": ...
}

// APIError is the JSON error body every portal error carries.
type APIError struct {
	Code    string `json:"code"` // machine code, e.g. "not_found", "unauthorized"
	Message string `json:"message"`
}
