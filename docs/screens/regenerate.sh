#!/bin/sh
# Regenerates docs/screens (`make screens`): the real kiosk in demo mode (the
# demo dataset served by bin/portalsim over loopback, virtual printer) opens
# its window on a virtual X screen (Xvfb, Mesa software GL) and photographs
# every screen in every mode through the GL driver (kiosk -screenshots).
# The pictures are scaled to 50 % and reduced to 40 colours (no dithering) to keep the set
# small; README.md is written from what was taken.
set -eu
cd "$(dirname "$0")/../.."
OUT=docs/screens
DISP=${SCREENS_DISPLAY:-:97}
TMP=$(mktemp -d)
XPID=
cleanup() {
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

if [ "${1:-}" = --readme ]; then SKIP_SHOTS=1; else SKIP_SHOTS=; fi
for tool in Xvfb convert import; do
	command -v "$tool" >/dev/null || { echo "screens: $tool is missing (run .ci/deps.sh)" >&2; exit 1; }
done
[ -x bin/kiosk ] && [ -x bin/portalsim ] || { echo "screens: build first (make build)" >&2; exit 1; }

if [ -z "$SKIP_SHOTS" ]; then
# Portrait and landscape windows both fit a square screen.
Xvfb "$DISP" -screen 0 1920x1920x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
sleep 1
# Xvfb exits at once when another server holds the display; shooting into
# that one would photograph a screen of some other size and content.
kill -0 "$XPID" 2>/dev/null || { echo "screens: Xvfb could not start on $DISP (another X server there? set SCREENS_DISPLAY)" >&2; XPID=; exit 1; }
# A private copy of the demo state, so the tour never touches .kiosk-demo.
mkdir -p "$TMP/shots" "$TMP/state"
sed -e "s|\.kiosk-demo|$TMP/state|g" -e 's|^fullscreen = .*|fullscreen = false|' kiosk-config/demo.toml >"$TMP/demo.toml"
# The kiosk prints "screenshot FILE GEOMETRY" when a screen is drawn and
# waits for FILE; the X screen is photographed here (the kiosk starts no
# programs).
DISPLAY="$DISP" bin/kiosk -demo -config "$TMP/demo.toml" -screenshots "$TMP/shots" 2>"$TMP/kiosk.log" |
	while read -r what file geom; do
		[ "$what" = screenshot ] || continue
		import -display "$DISP" -window root -crop "$geom" +repage "$file.tmp.png" && mv "$file.tmp.png" "$file"
	done
[ -n "$(ls "$TMP"/shots/*.png 2>/dev/null)" ] || { tail -20 "$TMP/kiosk.log" >&2; exit 1; }
grep -q 'screenshot tour failed' "$TMP/kiosk.log" && { grep 'screenshot tour failed' "$TMP/kiosk.log" >&2; exit 1; }

rm -f "$OUT"/*.png
n=0
for f in "$TMP"/shots/*.png; do
	convert "$f" -resize 50% +dither -colors 40 -strip -define png:compression-level=9 "PNG8:$OUT/$(basename "$f")"
	n=$((n + 1))
done
fi

# README: one row per screen, one column per mode.
modes=$(ls "$OUT"/*.png | sed -E 's#.*/((vi|en)-(portrait|landscape)(-large)?(-contrast)?)-.*#\1#' | awk '!seen[$0]++')
screens=$(ls -tr "$OUT"/*.png | sed -E 's#.*/(vi|en)-(portrait|landscape)(-large)?(-contrast)?-(.*)\.png#\5#' | awk '!seen[$0]++')
{
	echo "# Screenshots"
	echo
	echo "Every screen in every mode, from the real kiosk window: \`make screens\` runs"
	echo "docs/screens/regenerate.sh, which starts the kiosk in demo mode (the demo dataset served by the portal"
	echo "simulator over loopback, virtual printer) on a virtual X screen (Xvfb, Mesa software GL) with"
	echo "\`-screenshots DIR\`: the kiosk walks every screen and saves what the GL driver drew. Portrait is"
	echo "1080×1920, landscape 1920×1080, scaled here to 50 % and 40 colours. Modes: language (vi, en),"
	echo "orientation, large text, high contrast."
	echo
	printf '| screen |'
	for m in $modes; do printf ' %s |' "$m"; done
	echo
	printf '|---|'
	for m in $modes; do printf -- '---|'; done
	echo
	for s in $screens; do
		printf '| %s |' "$s"
		for m in $modes; do
			if [ -f "$OUT/$m-$s.png" ]; then printf ' [![](%s)](%s) |' "$m-$s.png" "$m-$s.png"; else printf ' |'; fi
		done
		echo
	done
} >"$OUT/README.md"
n=$(ls "$OUT"/*.png | wc -l)
echo "screens: $n screenshots in $OUT ($(du -sh "$OUT" | cut -f1))"
