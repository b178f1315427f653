package portal

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// twoPassPage is how pages were decoded before the one-pass decoder: the
// page with raw items, then each item on its own. The one-pass decoder must
// agree with it on every body.
func twoPassPage(b []byte) (ProcedurePage, error) {
	var raw struct {
		Items         []json.RawMessage `json:"items"`
		NextPageToken string            `json:"next_page_token"`
		ServerTime    time.Time         `json:"server_time"`
		Total         int               `json:"total"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return ProcedurePage{}, err
	}
	p := ProcedurePage{NextPageToken: raw.NextPageToken, ServerTime: raw.ServerTime, Total: raw.Total}
	for _, it := range raw.Items {
		var pr Procedure
		if err := json.Unmarshal(it, &pr); err != nil {
			p.Skipped++
			continue
		}
		p.Items = append(p.Items, pr)
	}
	return p, nil
}

func TestOnePassPageDecodingAgreesWithDecodingItemByItem(t *testing.T) {
	for name, body := range map[string]string{
		"a page":                  `{"items":[{"code":"1.1","name":"Đăng ký khai sinh","level":3,"updated_at":"2025-07-01T00:00:00Z"},{"code":"1.2","deleted":true}],"next_page_token":"p2","server_time":"2025-07-02T03:04:05Z","total":2}`,
		"a bad date is skipped":   `{"items":[{"code":"1.1","updated_at":"yesterday"},{"code":"1.2"}],"total":2}`,
		"a wrong type is skipped": `{"items":[{"code":"1.1","level":"three"},"not a record",7,{"code":"1.3"}]}`,
		"null items":              `{"items":null,"next_page_token":""}`,
		"keys in another case":    `{"Items":[{"Code":"1.1"}],"Next_Page_Token":"x","TOTAL":1}`,
		"unknown keys":            `{"version":{"a":[1,2,{"b":null}]},"items":[],"extra":"x"}`,
		"a null item":             `{"items":[null,{"code":"1.1"}]}`,
		"items twice":             `{"items":[{"code":"1.1"}],"items":[{"code":"1.2"}]}`,
		"white space around":      " \n{ \"items\" : [ ] }\n ",
		"broken in an item":       `{"items":[{"code":"1.1"},{"code":}]}`,
		"cut short":               `{"items":[{"code":"1.1"}`,
		"garbage after":           `{"items":[]} {"items":[]}`,
		"an array":                `[{"code":"1.1"}]`,
		"a bad total":             `{"items":[],"total":"many"}`,
		"a bad server time":       `{"items":[],"server_time":"soon"}`,
		"items not an array":      `{"items":{"code":"1.1"}}`,
		"empty":                   ``,
	} {
		t.Run(name, func(t *testing.T) {
			want, werr := twoPassPage([]byte(body))
			got, gerr := decodePage([]byte(body))
			if (gerr != nil) != (werr != nil) {
				t.Fatalf("error %v, item by item %v", gerr, werr)
			}
			if gerr == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nitem by item %+v", got, want)
			}
		})
	}
}
