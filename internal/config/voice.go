package config

// Voices are the espeak-ng voices voice.voice may name (internal/speech
// lists the same; this package imports nothing of ours).
var Voices = []string{"vi", "vi-vn-x-central", "vi-vn-x-south"}

func validateVoice(c *Config, d *decoder) {
	v := &c.Voice
	oneOf(d, "voice.voice", v.Voice, "a Vietnamese voice", Voices...)
	oneOf(d, "voice.output", v.Output, "a voice output", "speakers", "virtual")
	if v.Rate < 80 || v.Rate > 450 {
		d.add(Error, "voice.rate", "%d is out of range %d..%d (words per minute; espeak-ng's normal speed is 175)", v.Rate, 80, 450)
	}
	if v.Volume < 10 || v.Volume > 200 {
		d.add(Error, "voice.volume", "%d is out of range %d..%d (percent of the normal loudness)", v.Volume, 10, 200)
	}
	if v.Output == "virtual" && v.Dir == "" {
		d.add(Error, "voice.dir", "is required for the virtual speaker (the folder for WAV files, like %q)", ".kiosk-demo/speech")
	}
}
