package escpos

import (
	"bytes"
	"errors"
	"testing"
)

func TestEveryBuilderCommandDecodesAndReencodesToTheSameBytes(t *testing.T) {
	tests := []struct {
		name  string
		build func(*Builder)
		want  []Cmd
	}{
		{"init", func(b *Builder) { b.Init() }, []Cmd{OpInit}},
		{"code page", func(b *Builder) { b.CodePage(CP1258) }, []Cmd{OpCodePage}},
		{"text and line feed", func(b *Builder) { b.Line("Xin chào") }, []Cmd{OpText, OpLF}},
		{"alignment", func(b *Builder) { b.Align(AlignCenter) }, []Cmd{OpAlign}},
		{"emphasis", func(b *Builder) { b.Emphasis(true) }, []Cmd{OpEmphasis}},
		{"double size", func(b *Builder) { b.Size(2, 2) }, []Cmd{OpSize}},
		{"feed in dots", func(b *Builder) { b.FeedDots(300) }, []Cmd{OpFeedDots, OpFeedDots}},
		{"feed in lines", func(b *Builder) { b.FeedLines(3) }, []Cmd{OpFeedLines}},
		{"native QR", func(b *Builder) { b.QR("https://example.gov.vn/x", 5, QRLevelM) },
			[]Cmd{OpQRModel, OpQRSize, OpQRLevel, OpQRStore, OpQRPrint}},
		{"Code128", func(b *Builder) { b.Code128("000.00.53.H48-220921-0099", 80, 2, HRIBelow) },
			[]Cmd{OpBarcodeHeight, OpBarcodeWidth, OpBarcodeHRI, OpBarcode}},
		{"raster in bands", func(b *Builder) { b.Raster(2, 5, make([]byte, 10), 2) }, []Cmd{OpRaster, OpRaster, OpRaster}},
		{"full cut with feed", func(b *Builder) { b.Cut(CutFull, 40) }, []Cmd{OpCut}},
		{"partial cut with feed", func(b *Builder) { b.Cut(CutPartial, 10) }, []Cmd{OpCut}},
		{"no cut only feeds", func(b *Builder) { b.Cut(CutNone, 10) }, []Cmd{OpFeedDots}},
		{"paper status request", func(b *Builder) { b.Status(StatusPaper) }, []Cmd{OpStatus}},
		{"carriage return", func(b *Builder) { b.Raw(CR) }, []Cmd{OpCR}},
		{"cut without feed", func(b *Builder) { b.Raw(GS, 'V', 49) }, []Cmd{OpCut}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" survives decode and re-encode", func(t *testing.T) {
			b := NewBuilder()
			tt.build(b)
			ops, err := Decode(b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var cmds []Cmd
			var again []byte
			for _, op := range ops {
				cmds = append(cmds, op.Cmd)
				again = AppendOp(again, op)
			}
			if len(cmds) != len(tt.want) {
				t.Fatalf("ops %v, want %v", cmds, tt.want)
			}
			for i := range cmds {
				if cmds[i] != tt.want[i] {
					t.Fatalf("ops %v, want %v", cmds, tt.want)
				}
			}
			if !bytes.Equal(again, b.Bytes()) {
				t.Errorf("re-encoded % x, want % x", again, b.Bytes())
			}
		})
	}
}

func TestDecodedParametersMatchWhatWasBuilt(t *testing.T) {
	b := NewBuilder().Size(2, 3).Align(AlignRight).QR("abc", 6, QRLevelQ).Code128("A{1", 50, 2, HRIBelow).Cut(CutPartial, 24)
	ops, err := Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	check := func(i int, cmd Cmd, n int) {
		t.Helper()
		if ops[i].Cmd != cmd || ops[i].N != n {
			t.Errorf("op %d = %v %d, want %v %d", i, ops[i].Cmd, ops[i].N, cmd, n)
		}
	}
	check(0, OpSize, 0x12)
	check(1, OpAlign, 2)
	check(3, OpQRSize, 6)
	check(4, OpQRLevel, int(QRLevelQ))
	if got := string(ops[5].Data); got != "abc" {
		t.Errorf("QR data %q", got)
	}
	check(7, OpBarcodeHeight, 50)
	check(8, OpBarcodeWidth, 2)
	check(9, OpBarcodeHRI, 2)
	if got := string(ops[10].Data); got != "{BA{{1" {
		t.Errorf("barcode data %q, want the brace escaped", got)
	}
	if ops[11].Cmd != OpCut || ops[11].N != 66 || ops[11].Arg != 24 {
		t.Errorf("cut op %+v", ops[11])
	}
}

func TestDecodeRejectsBrokenAndHostileStreams(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"a lone ESC at the end", []byte{ESC}, ErrTruncated},
		{"ESC a without its parameter", []byte{ESC, 'a'}, ErrTruncated},
		{"an unsupported ESC command", []byte{ESC, '*', 0, 1, 0}, ErrUnknownCommand},
		{"an unsupported GS command", []byte{GS, 'L', 0, 0}, ErrUnknownCommand},
		{"a stray control byte", []byte{'a', 0x07, 'b'}, ErrUnknownCommand},
		{"a raster image declaring more data than sent", []byte{GS, 'v', '0', 0, 72, 0, 0xFF, 0x0F, 1, 2, 3}, ErrTruncated},
		{"a raster image of zero rows", []byte{GS, 'v', '0', 0, 1, 0, 0, 0}, ErrBadParameter},
		{"a raster image wider than any printer", []byte{GS, 'v', '0', 0, 0xFF, 0xFF, 1, 0, 0}, ErrBadParameter},
		{"a QR store declaring 65535 bytes", []byte{GS, '(', 'k', 0xFF, 0xFF, 49, 80, 48, 'x'}, ErrTruncated},
		{"a QR function we do not know", []byte{GS, '(', 'k', 3, 0, 49, 70, 0}, ErrUnknownCommand},
		{"a PDF417 command", []byte{GS, '(', 'k', 3, 0, 48, 67, 3}, ErrUnknownCommand},
		{"a QR module size of zero", []byte{GS, '(', 'k', 3, 0, 49, 67, 0}, ErrBadParameter},
		{"a barcode declaring more data than sent", []byte{GS, 'k', 73, 200, '{', 'B'}, ErrTruncated},
		{"a NUL-terminated barcode form", []byte{GS, 'k', 4, 'A', 0}, ErrUnknownCommand},
		{"a cut with an unknown mode", []byte{GS, 'V', 7}, ErrBadParameter},
		{"a status request for n=9", []byte{DLE, EOT, 9}, ErrBadParameter},
		{"a bad alignment", []byte{ESC, 'a', 7}, ErrBadParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is an error", func(t *testing.T) {
			_, err := Decode(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%v is not a *DecodeError", err)
			}
		})
	}
	t.Run("the ops before the error are returned", func(t *testing.T) {
		ops, err := Decode([]byte{ESC, '@', 'h', 'i', ESC})
		if err == nil || len(ops) != 2 {
			t.Fatalf("ops %d, err %v", len(ops), err)
		}
		var de *DecodeError
		if errors.As(err, &de) && de.Offset != 4 {
			t.Errorf("offset %d, want 4", de.Offset)
		}
	})
}

func TestStatusRepliesAreParsed(t *testing.T) {
	tests := []struct {
		name    string
		b       byte
		want    PaperStatus
		wantErr bool
	}{
		{"paper present", 0x12, PaperStatus{}, false},
		{"paper near end", 0x1E, PaperStatus{NearEnd: true}, false},
		{"paper out", 0x72, PaperStatus{End: true}, false},
		{"paper out and near end", 0x7E, PaperStatus{NearEnd: true, End: true}, false},
		{"a scanner's CR on the wrong port", 0x0D, PaperStatus{}, true},
		{"an ASCII letter", 'A', PaperStatus{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePaperStatus(tt.b)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParsePaperStatus(0x%02x) = %+v, %v", tt.b, got, err)
			}
			if err != nil && !errors.Is(err, ErrBadStatus) {
				t.Errorf("error %v is not ErrBadStatus", err)
			}
		})
	}
	t.Run("printer online and offline", func(t *testing.T) {
		on, err := ParsePrinterStatus(0x12)
		if err != nil || !on.Online {
			t.Errorf("0x12 = %+v, %v; want online", on, err)
		}
		off, err := ParsePrinterStatus(0x1A)
		if err != nil || off.Online {
			t.Errorf("0x1A = %+v, %v; want offline", off, err)
		}
		if _, err := ParsePrinterStatus(0xFF); !errors.Is(err, ErrBadStatus) {
			t.Errorf("0xFF accepted: %v", err)
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add(NewBuilder().Init().CodePage(CP1258).Line("Đăng ký").QR("x", 4, QRLevelM).Code128("AB", 40, 2, HRIBelow).Cut(CutFull, 10).Bytes())
	f.Add([]byte{GS, 'v', '0', 0, 1, 0, 1, 0, 0xFF})
	f.Add([]byte{GS, '(', 'k', 4, 0, 49, 65, 50, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		ops, err := Decode(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.Offset < 0 || de.Offset >= len(b) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		var again []byte
		for _, op := range ops {
			again = AppendOp(again, op)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoded % x, want % x", again, b)
		}
	})
}
