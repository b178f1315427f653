package portal

// Wire types of the opencps/v2 dialect: the JSON shapes OpenCPS v2 answers
// with, and the lenient scalar decoders its mixed typing needs. Each type
// names the Java model it mirrors (VietOpenCPS/opencps-v2,
// modules/backend-api-rest unless said otherwise); docs/opencps-mapping.md
// has the field-by-field table.

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// ocList is OpenCPS's list envelope ({total, data}), used by every
// *ResultsModel.
type ocList[T any] struct {
	Total int `json:"total"`
	Data  []T `json:"data"`
}

// ocTime accepts every date shape OpenCPS writes:
//   - "yyyyMMddHHmmss", the search index's string (list answers copy index
//     fields as they are: ServiceInfoUtils.mappingToServiceInfoResultModel,
//     DossierUtils.mappingForGetList; PaymentFileUtils parses them back with
//     that pattern), and "yyyyMMdd";
//   - "dd-MM-yyyy HH:mm:ss", the service info detail
//     (ServiceInfoUtils.mappingToServiceInfoDetailModel formats with
//     "dd-MM-yyyy hh:mm:ss": a 12-hour clock without AM/PM, so afternoon
//     times come back 12 hours early; the list's index string is exact);
//   - "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy"
//     (APIDateTimeUtils._NORMAL_PARTTERN, the dossier answers);
//   - epoch milliseconds as a number or a string (bookings, sequences);
//   - RFC 3339 and "yyyy-MM-dd HH:mm:ss" (APIDateTimeUtils._TIMESTAMP,
//     _NSW_PATTERN).
//
// Anything else, and empty values, are the zero time.
type ocTime struct{ time.Time }

func (t *ocTime) UnmarshalJSON(b []byte) error {
	t.Time = time.Time{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil
		}
		t.Time = parseOpenCPSTime(s)
		return nil
	}
	if ms, err := strconv.ParseFloat(string(b), 64); err == nil {
		t.Time = fromMillis(ms)
	}
	return nil
}

func fromMillis(ms float64) time.Time {
	// Refuse the absurd (before 1990 or after 2200): a fuzzer or a broken
	// portal must not produce dates the screen cannot show.
	if ms < 631152000000 || ms > 7258118400000 || math.IsNaN(ms) {
		return time.Time{}
	}
	return time.UnixMilli(int64(ms)).In(Vietnam)
}

// ocDigitLayouts are the all-digit index strings, by length; they must be
// tried before the epoch-millisecond reading, which would take them for
// numbers.
var ocDigitLayouts = map[int]string{14: "20060102150405", 12: "200601021504", 8: "20060102"}

var ocLayouts = []string{
	"02-01-2006 15:04:05", "02-01-2006 15:04", "02-01-2006",
	"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006",
	"2006-01-02 15:04:05", "2006-01-02",
}

func parseOpenCPSTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if l, ok := ocDigitLayouts[len(s)]; ok && allDigits(s) {
		if t, err := time.ParseInLocation(l, s, Vietnam); err == nil && t.Year() >= 1990 && t.Year() <= 2200 {
			return t
		}
		return time.Time{}
	}
	if ms, err := strconv.ParseFloat(s, 64); err == nil {
		return fromMillis(ms)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	for _, l := range ocLayouts {
		if t, err := time.ParseInLocation(l, s, Vietnam); err == nil {
			return t
		}
	}
	return time.Time{}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ocInt accepts a number or a numeric string.
type ocInt int64

func (n *ocInt) UnmarshalJSON(b []byte) error {
	*n = 0
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && !math.IsNaN(f) && math.Abs(f) < 1e15 {
		*n = ocInt(f)
	}
	return nil
}

// ocString accepts a string or a number (ids are either in OpenCPS).
type ocString string

func (s *ocString) UnmarshalJSON(b []byte) error {
	*s = ""
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = ocString(v)
		return nil
	}
	if string(b) != "null" {
		*s = ocString(b)
	}
	return nil
}

// ocServiceInfo mirrors serviceinfo/model/ServiceInfoModel (list) and
// ServiceInfoDetailModel (detail).
type ocServiceInfo struct {
	ServiceInfoID      ocString         `json:"serviceInfoId"`
	ServiceCode        string           `json:"serviceCode"`
	ServiceName        string           `json:"serviceName"`
	ProcessText        string           `json:"processText"`
	MethodText         string           `json:"methodText"`
	DossierText        string           `json:"dossierText"`
	ConditionText      string           `json:"conditionText"`
	DurationText       string           `json:"durationText"`
	ApplicantText      string           `json:"applicantText"`
	ResultText         string           `json:"resultText"`
	RegularText        string           `json:"regularText"`
	FeeText            string           `json:"feeText"`
	AdministrationCode string           `json:"administrationCode"`
	AdministrationName string           `json:"administrationName"`
	DomainCode         string           `json:"domainCode"`
	DomainName         string           `json:"domainName"`
	MaxLevel           ocInt            `json:"maxLevel"`
	ModifiedDate       ocTime           `json:"modifiedDate"`
	FileTemplates      []ocFileTemplate `json:"fileTemplates"`
	ServiceConfigs     []struct {
		GovAgencyCode      string `json:"govAgencyCode"`
		GovAgencyName      string `json:"govAgencyName"`
		ServiceLevel       ocInt  `json:"serviceLevel"`
		ServiceURL         string `json:"serviceUrl"`
		ServiceInstruction string `json:"serviceInstruction"`
	} `json:"serviceConfigs"`
}

// ocFileTemplate mirrors serviceinfo/model/FileTemplateModel: the number is
// fileTemplateNo (ServiceInfoUtils sets it from ServiceFileTemplate).
type ocFileTemplate struct {
	FileTemplateNo ocString `json:"fileTemplateNo"`
	TemplateName   string   `json:"templateName"`
}

// ocDossier mirrors dossiermgt/model/DossierDetailModel and the list's
// DossierDataModel (DossierUtils.mappingForGetDetail / mappingForGetList).
type ocDossier struct {
	DossierID         ocString `json:"dossierId"`
	DossierNo         string   `json:"dossierNo"`
	ServiceCode       string   `json:"serviceCode"`
	ServiceName       string   `json:"serviceName"`
	GovAgencyCode     string   `json:"govAgencyCode"`
	GovAgencyName     string   `json:"govAgencyName"`
	ApplicantName     string   `json:"applicantName"`
	ApplicantIDNo     string   `json:"applicantIdNo"`
	DossierStatus     string   `json:"dossierStatus"`
	DossierStatusText string   `json:"dossierStatusText"`
	SubmitDate        ocTime   `json:"submitDate"`
	ReceiveDate       ocTime   `json:"receiveDate"`
	DueDate           ocTime   `json:"dueDate"`
	ExtendDate        ocTime   `json:"extendDate"`
	FinishDate        ocTime   `json:"finishDate"`
	ReleaseDate       ocTime   `json:"releaseDate"`
	DossierNote       string   `json:"dossierNote"`
	StepName          string   `json:"stepName"`
	PaymentFee        ocInt    `json:"paymentFee"`
}

// ocSequence is one entry of GET /dossiers/{id}/sequences
// (DossierManagementImpl.getDossierProcessSequencesJSON): the sequence the
// dossier's last action belongs to carries statusText ("Đang xử lý: {step}").
type ocSequence struct {
	SequenceNo   ocString `json:"sequenceNo"`
	SequenceName string   `json:"sequenceName"`
	StatusText   string   `json:"statusText"`
	StartDate    ocTime   `json:"startDate"`
}

// ocDictItem mirrors datamgt/model/DictItemModel as DataManagementUtils fills
// it: the parent is a one-element parentItem list (empty itemCode at the
// root) and level is the depth in the tree. There is no address or phone.
type ocDictItem struct {
	ItemCode        string `json:"itemCode"`
	ItemName        string `json:"itemName"`
	ItemDescription string `json:"itemDescription"`
	Level           ocInt  `json:"level"`
	ParentItem      []struct {
		ItemCode string `json:"itemCode"`
		ItemName string `json:"itemName"`
	} `json:"parentItem"`
}

func (it ocDictItem) parentCode() string {
	for _, p := range it.ParentItem {
		if c := strings.TrimSpace(p.ItemCode); c != "" {
			return c
		}
	}
	return ""
}

// ocBooking mirrors booking/model/BookingDataModel (BookingUtils): the queue
// number shown to the citizen is count; codeNumber is the caller's reference
// (a dossier's counter in OpenCPS's own LaySoTuDong screen).
type ocBooking struct {
	BookingID        ocString `json:"bookingId"`
	ClassName        string   `json:"className"`
	ClassPK          ocString `json:"classPK"`
	CodeNumber       string   `json:"codeNumber"`
	Count            ocInt    `json:"count"`
	GateNumber       ocString `json:"gateNumber"`
	ServiceCode      string   `json:"serviceCode"`
	ServiceGroupCode string   `json:"serviceGroupCode"`
	CreateDate       ocTime   `json:"createDate"`
}

// ocVoting is one question of GET /postal/votings/{className}/{classPk}
// (backend-postal-api-rest VotingUtils.mappingVotingDocList): choices are the
// lines of the stored answer text, and results count selected = index+1.
type ocVoting struct {
	VotingID    ocString  `json:"votingId"`
	VotingCode  string    `json:"votingCode"`
	TemplateNo  string    `json:"templateNo"`
	Subject     string    `json:"subject"`
	Choices     ocChoices `json:"choices"`
	Commentable bool      `json:"commentable"`
}

// ocChoices accepts choices as a JSON array or as one string split on line
// breaks or "#".
type ocChoices []string

func (c *ocChoices) UnmarshalJSON(b []byte) error {
	*c = nil
	var arr []string
	if json.Unmarshal(b, &arr) == nil {
		*c = arr
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) == nil && s != "" {
		sep := "#"
		if strings.Contains(s, "\n") {
			sep = "\n"
		}
		for _, p := range strings.Split(s, sep) {
			*c = append(*c, strings.TrimSpace(p))
		}
	}
	return nil
}

// ocEmployee is one officer of GET /employees/publish/{itemCode}
// (EmployeeUtils.mapperEmployeeModel).
type ocEmployee struct {
	EmployeeID ocString `json:"employeeId"`
	EmployeeNo string   `json:"employeeNo"`
	FullName   string   `json:"fullName"`
	Title      string   `json:"title"`
}

// ocErrorMsg mirrors backend-auth ErrorMsgModel, the JSON body of
// BusinessExceptionImpl answers (203 for a missing login, 401, 403).
type ocErrorMsg struct {
	Code        ocInt  `json:"code"`
	Message     string `json:"message"`
	Description string `json:"description"`
}
