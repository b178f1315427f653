#!/bin/sh
# Smoke test of the deployed session: the kiosk (demo mode) under Debian's cage
# with wlroots' headless backend, as an ordinary user (cage refuses root), then
# a screenshot with grim. Passes when the kiosk reports ready and the screenshot
# shows the start screen (not a blank output).
#
#   sudo packaging/smoke/cage-smoke.sh [KIOSK_BINARY] [OUT.png]
#
# Needs: cage, xwayland, grim, imagemagick (apt-get install cage xwayland grim imagemagick).
set -eu
BIN=$(readlink -f "${1:-bin/kiosk}")
OUT=$(readlink -f "${2:-dist/cage-smoke.png}")
CONF=$(readlink -f kiosk-config/demo.toml)
USER_NAME=kiosksmoke
for c in cage grim identify; do command -v $c >/dev/null || { echo "cage-smoke: $c is not installed" >&2; exit 2; }; done
[ "$(id -u)" -eq 0 ] || { echo "cage-smoke: run as root (it runs the kiosk as the $USER_NAME user)" >&2; exit 2; }
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin "$USER_NAME"

WORK=$(mktemp -d)
chmod 755 "$WORK"
cp "$BIN" "$WORK/kiosk"
# -demo runs the portal simulator next to the kiosk binary as a second process.
cp "$(dirname "$BIN")/portalsim" "$WORK/portalsim"
cp "$CONF" "$WORK/demo.toml"
sed -i 's/^listen = .*/listen = ""/' "$WORK/demo.toml"
mkdir -p "$WORK/xdg" && chmod 700 "$WORK/xdg"
chown -R "$USER_NAME" "$WORK"
mkdir -p "$(dirname "$OUT")"

su -s /bin/sh "$USER_NAME" -c "cd $WORK && XDG_RUNTIME_DIR=$WORK/xdg WLR_BACKENDS=headless WLR_RENDERER=pixman \
	WLR_LIBINPUT_NO_DEVICES=1 timeout 60 cage -- ./kiosk -demo -config demo.toml > kiosk.log 2>&1" &
for _ in $(seq 1 45); do
	grep -q "msg=ready" "$WORK/kiosk.log" 2>/dev/null && break
	sleep 1
done
if ! grep -q "msg=ready" "$WORK/kiosk.log"; then
	echo "cage-smoke: FAIL: the kiosk never reported ready" >&2
	grep -v "output test failed" "$WORK/kiosk.log" | tail -20 >&2
	exit 1
fi
sleep 2
su -s /bin/sh "$USER_NAME" -c "XDG_RUNTIME_DIR=$WORK/xdg WAYLAND_DISPLAY=wayland-0 grim $WORK/shot.png"
cp "$WORK/shot.png" "$OUT"
pkill -u "$USER_NAME" cage 2>/dev/null || true
sd=$(identify -format '%[fx:standard_deviation]' "$OUT")
size=$(identify -format '%wx%h' "$OUT")
grep -o 'startup_ms=[0-9]*' "$WORK/kiosk.log"
echo "cage-smoke: screenshot $OUT ($size, pixel std dev $sd)"
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' || { echo "cage-smoke: FAIL: the screen is blank" >&2; exit 1; }
echo "cage-smoke: PASS"
