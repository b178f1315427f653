package main

import (
	"fmt"
	"strings"
)

// Invented people: names are drawn from common Vietnamese family, middle and
// given names; ID numbers follow the 12-digit CCCD layout (province of birth
// 074 = Bình Dương, century/sex digit, year of birth, six random digits) but
// belong to nobody.

var familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng",
	"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Châu"}

var maleMiddle = []string{"Văn", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Công", "Hoàng", "Tấn", "Ngọc", "Gia", "Trọng"}

var femaleMiddle = []string{"Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Thùy", "Hồng", "Khánh", "Phương"}

var maleGiven = []string{"An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Khoa", "Lâm", "Long", "Minh",
	"Nam", "Nghĩa", "Phát", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vũ"}

var femaleGiven = []string{"Anh", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan",
	"Linh", "Loan", "Mai", "My", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Tuyết", "Vy", "Yến"}

var phonePrefixes = []string{"090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "033", "034",
	"035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "083", "084", "085"}

const secretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// rng is splitmix64: tiny, fast and identical on every platform and Go
// version, which keeps the generated files byte-stable.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

type person struct {
	name, id, phone string
}

func (r *rng) person() person {
	female := r.intn(2) == 1
	year := 1950 + r.intn(58) // 1950..2007
	var name string
	if female {
		name = pick(r, familyNames) + " " + pick(r, femaleMiddle) + " " + pick(r, femaleGiven)
	} else {
		name = pick(r, familyNames) + " " + pick(r, maleMiddle) + " " + pick(r, maleGiven)
	}
	sex := 0
	if female {
		sex = 1
	}
	if year >= 2000 {
		sex += 2
	}
	id := fmt.Sprintf("074%d%02d%06d", sex, year%100, r.intn(1000000))
	phone := pick(r, phonePrefixes) + fmt.Sprintf("%07d", r.intn(10000000))
	return person{name: name, id: id, phone: phone}
}

func (r *rng) secret() string {
	var b strings.Builder
	for range 8 {
		b.WriteByte(secretAlphabet[r.intn(len(secretAlphabet))])
	}
	return b.String()
}
