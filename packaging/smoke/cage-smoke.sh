#!/bin/sh
# Smoke test of the deployed session: the kiosk with the packaged site config
# (kiosk-config/example-site.toml, what the package installs as
# /etc/kiosk/kiosk.toml) under Debian's cage with wlroots' headless backend, as
# an ordinary user (cage refuses root), in both orientations: the 1280x720
# headless output turned by 180 degrees (landscape, cage -r -r; see below)
# and by 90 (portrait, 720x1280, cage -r). A screenshot of each with grim.
# Passes when the kiosk reports ready, the screen is not blank, and the kiosk's window covers the output:
# neither the right-hand columns nor the bottom rows are the compositor's
# black background.
#
#   sudo packaging/smoke/cage-smoke.sh [KIOSK_BINARY] [OUT.png] [CONFIG]
#
# writes OUT-landscape.png and OUT-portrait.png. Demo mode replaces only the
# portal (the simulator next to the binary), printer (virtual) and scanner
# (keyboard); the window settings (fullscreen, orientation) are the config's.
# Needs: cage, xwayland, grim, imagemagick.
set -eu
BIN=$(readlink -f "${1:-bin/kiosk}")
OUT=$(readlink -f "${2:-dist/cage-smoke.png}")
CONF=$(readlink -f "${3:-kiosk-config/example-site.toml}")
SIM=$(dirname "$BIN")/portalsim
USER_NAME=kiosksmoke
# The headless output is 1280x720 (720x1280 rotated), two thirds of the
# 1920x1080 / 1080x1920 panels the kiosk is laid out for; scale 2/3 shows
# what such a panel shows.
SCALE=${KIOSK_SMOKE_SCALE:-0.6667}
for c in cage grim identify convert; do command -v $c >/dev/null || { echo "cage-smoke: $c is not installed" >&2; exit 2; }; done
[ "$(id -u)" -eq 0 ] || { echo "cage-smoke: run as root (it runs the kiosk as the $USER_NAME user)" >&2; exit 2; }
[ -x "$SIM" ] || { echo "cage-smoke: $SIM missing (make build puts it next to the kiosk)" >&2; exit 2; }
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin "$USER_NAME"
mkdir -p "$(dirname "$OUT")"

# black_fraction IMAGE GEOMETRY: the share of exactly black pixels in that area.
black_fraction() {
	convert "$1" -crop "$2" +repage -fill white +opaque black -colorspace gray -format '%[fx:1-mean]' info:
}

fails=0
for orientation in ${KIOSK_SMOKE_ORIENTATIONS:-landscape portrait}; do
	WORK=$(mktemp -d)
	chmod 755 "$WORK"
	cp "$BIN" "$WORK/kiosk"
	cp "$SIM" "$WORK/portalsim"
	# Only the paths a packaged kiosk has in /var/lib/kiosk move to the scratch folder.
	# The config's orientation stays as it is: fullscreen covers the output
	# whatever it says (KIOSK_SMOKE_ORIENT=auto|portrait|landscape overrides it).
	sed -e "s#/var/lib/kiosk#$WORK/state#g" -e 's/^listen = .*/listen = ""/' \
		${KIOSK_SMOKE_ORIENT:+-e "s/^orientation = .*/orientation = \"$KIOSK_SMOKE_ORIENT\"/"} "$CONF" > "$WORK/kiosk.toml"
	mkdir -p "$WORK/state" "$WORK/xdg" && chmod 700 "$WORK/xdg"
	chown -R "$USER_NAME" "$WORK"
	# Landscape is the output turned by 180 degrees (-r -r: still 1280x720).
	# Unturned, cage 0.1.4 scans the kiosk's buffer out directly when its
	# transform matches the output's (scan_out_primary_view, no size check),
	# and on the headless backend grim then reads a stale, shifted or black
	# buffer instead of what the kiosk drew. A turned output is composited, as
	# a DRM panel composites Xwayland's shared-memory buffers.
	rotate="-r -r"
	[ "$orientation" = portrait ] && rotate="-r"
	# timeout (whose PID goes to $WORK/pid) passes a TERM on to cage.
	su -s /bin/sh "$USER_NAME" -c "cd $WORK && echo \$\$ > pid && XDG_RUNTIME_DIR=$WORK/xdg WLR_BACKENDS=headless WLR_RENDERER=pixman \
		WLR_LIBINPUT_NO_DEVICES=1 FYNE_SCALE=$SCALE exec timeout 90 cage -d $rotate -- ./kiosk -demo -config kiosk.toml > kiosk.log 2>&1" &
	cage_pid=$!
	for _ in $(seq 1 60); do
		grep -q "msg=ready" "$WORK/kiosk.log" 2>/dev/null && break
		sleep 1
	done
	shot="${OUT%.png}-$orientation.png"
	if ! grep -q "msg=ready" "$WORK/kiosk.log"; then
		echo "cage-smoke: FAIL ($orientation): the kiosk never reported ready" >&2
		grep -v "output test failed" "$WORK/kiosk.log" | tail -20 >&2
		fails=$((fails + 1))
	else
		sleep "${KIOSK_SMOKE_SETTLE:-3}"
		su -s /bin/sh "$USER_NAME" -c "XDG_RUNTIME_DIR=$WORK/xdg WAYLAND_DISPLAY=wayland-0 grim $WORK/shot.png"
		cp "$WORK/shot.png" "$shot"
		w=$(identify -format '%w' "$shot"); h=$(identify -format '%h' "$shot")
		sd=$(identify -format '%[fx:standard_deviation]' "$shot")
		right=$(black_fraction "$shot" "$((w / 20))x${h}+$((w - w / 20))+0")
		bottom=$(black_fraction "$shot" "${w}x$((h / 20))+0+$((h - h / 20))")
		grep -o 'startup_ms=[0-9]*' "$WORK/kiosk.log" | head -1
		grep -o 'msg="sizing the window to the output".*' "$WORK/kiosk.log" | tail -1 || true
		echo "cage-smoke: $orientation: $shot (${w}x${h}, pixel std dev $sd, black: right edge $right, bottom edge $bottom)"
		if ! awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }'; then
			echo "cage-smoke: FAIL ($orientation): the screen is blank" >&2; fails=$((fails + 1))
		fi
		if ! awk -v r="$right" -v b="$bottom" 'BEGIN { exit !(r < 0.5 && b < 0.5) }'; then
			echo "cage-smoke: FAIL ($orientation): the kiosk does not fill the ${w}x${h} output" >&2; fails=$((fails + 1))
		fi
	fi
	kill "$(cat "$WORK/pid")" 2>/dev/null || true
	wait "$cage_pid" 2>/dev/null || true
	rm -rf "$WORK"
done
[ "$fails" -eq 0 ] || exit 1
echo "cage-smoke: PASS"
