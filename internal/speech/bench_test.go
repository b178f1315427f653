package speech

import (
	"context"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The figures in docs/voice.md come from these benchmarks:
//
//	go test -run '^$' -bench . -benchtime 20x ./internal/speech/

const (
	benchSentence  = "Số thứ tự của bạn là A, không bốn hai. Mời bạn đến quầy ba."
	benchProcedure = "Thủ tục: Đăng ký khai sinh. Nơi nộp hồ sơ: Bộ phận một cửa Ủy ban nhân dân xã Tân Phú. " +
		"Giấy tờ cần mang gồm ba loại. Số một: Tờ khai đăng ký khai sinh. một bản chính. Số hai: Giấy chứng sinh. " +
		"một bản chính. Số ba: Căn cước công dân của cha hoặc mẹ. một bản sao. Nộp trực tiếp. Thời gian giải quyết: " +
		"một ngày làm việc. Lệ phí: Miễn lệ phí. Nộp trực tuyến. Thời gian giải quyết: một ngày làm việc. Không mất phí."
)

func benchEngine(b *testing.B) *Espeak {
	e, err := NewEspeak(Voice{Name: "vi", Rate: DefaultRate, Volume: DefaultVolume})
	if err != nil {
		b.Skip(err)
	}
	return e
}

func benchSynth(b *testing.B, text string) {
	e := benchEngine(b)
	var audio float64
	for i := 0; i < b.N; i++ {
		w, err := e.Synthesize(context.Background(), text, "vi")
		if err != nil {
			b.Fatal(err)
		}
		audio = w.Duration().Seconds()
	}
	b.ReportMetric(audio, "audio-s")
}

// BenchmarkSynthesizeSentence is a queue ticket's sentence, start to WAV.
func BenchmarkSynthesizeSentence(b *testing.B) { benchSynth(b, benchSentence) }

// BenchmarkSynthesizeProcedure is a whole procedure read aloud.
func BenchmarkSynthesizeProcedure(b *testing.B) { benchSynth(b, benchProcedure) }

// BenchmarkFirstAudioByte is how soon espeak-ng streaming to a pipe gives
// its first samples (what piping espeak-ng into aplay would gain).
func BenchmarkFirstAudioByte(b *testing.B) {
	e := benchEngine(b)
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(e.Path, e.args("vi")...)
		cmd.Stdin = strings.NewReader(benchProcedure)
		out, err := cmd.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 46) // the 44-byte header and one sample
		if _, err := io.ReadFull(out, buf); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		io.Copy(io.Discard, out)
		cmd.Wait()
		b.StartTimer()
	}
}

// BenchmarkAplayNull is aplay's own cost (process start, ALSA open) on the
// null device, which discards samples without waiting for them to play.
func BenchmarkAplayNull(b *testing.B) {
	e := benchEngine(b)
	ap, err := exec.LookPath("aplay")
	if err != nil {
		b.Skip("aplay is not installed")
	}
	w, err := e.Synthesize(context.Background(), benchSentence, "vi")
	if err != nil {
		b.Fatal(err)
	}
	l := &Local{Engine: e, Aplay: ap, Device: "null"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := l.Play(context.Background(), w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepare is the text preparation of a procedure.
func BenchmarkPrepare(b *testing.B) {
	p, err := LoadPreparer(North)
	if err != nil {
		b.Fatal(err)
	}
	text := "Thủ tục: Đổi GPLX. Nơi nộp: UBND phường, quầy 3–4. Lệ phí: 135.000 đ. Hẹn trả 15/08/2026. Mã H02.36-250815-0012."
	for i := 0; i < b.N; i++ {
		p.Prepare(text, "vi")
	}
}
