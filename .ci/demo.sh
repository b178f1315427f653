#!/bin/sh
# `make run`: the real architecture in miniature, as two processes. The portal
# simulator (bin/portalsim, demo dataset) listens on a free loopback port; the
# real kiosk (bin/kiosk) runs with the demo site config (virtual printer saving
# PNGs, keyboard scanner) and talks to it over HTTP, pointed at it with
# -portal. When the kiosk exits (closed, Ctrl-C, crashed) the simulator is
# stopped too. Without a display the kiosk gets a virtual 1080x1920 one
# (xvfb-run), so the command also works over ssh.
#
#	.ci/demo.sh [CONFIG [KIOSK FLAGS...]]
#
# KIOSK_BIN names the folder with the kiosk and portalsim binaries (default
# bin/, where `make build` puts them).
set -eu
cd "$(dirname "$0")/.."
bin=${KIOSK_BIN:-./bin}

config=${1:-kiosk-config/demo.toml}
[ $# -gt 0 ] && shift
# value KEY: the first `KEY = "..."` of the config (the demo configs keep
# each of these keys once).
value() { sed -n "s/^$1 *= *\"\(.*\)\".*/\1/p" "$config" | head -n 1; }
# The simulator plays the portal the config talks to: the kiosk/v1 API with
# the key the kiosk presents, or an OpenCPS v2 site with its groupId, token
# and REST base (as `kiosk -demo` starts it).
simargs=""
add() { if [ -n "$2" ]; then simargs="$simargs $1 $2"; fi; }
if [ "$(value dialect)" = "opencps/v2" ]; then
	simargs="-dialect opencps"
	add -group-id "$(value group_id)"
	add -token "$(value token)"
	add -base-path "$(value base_path)"
else
	add -kiosk-key "$(value kiosk_key)"
fi

mkdir -p .kiosk-demo
simlog=.kiosk-demo/portalsim.log
: >"$simlog"
# Port 0: the system picks a free port and the simulator logs its URL, so
# two demos (or a demo and a test) never race for a port.
# shellcheck disable=SC2086 # simargs are flags and values without spaces
"$bin/portalsim" -listen 127.0.0.1:0 $simargs 2>"$simlog" &
sim=$!
stop_sim() {
	if kill -0 "$sim" 2>/dev/null; then
		kill "$sim" 2>/dev/null || true
		wait "$sim" 2>/dev/null || true
	fi
}
trap stop_sim EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url=""
i=0
while [ -z "$url" ] && [ $i -lt 150 ]; do
	if ! kill -0 "$sim" 2>/dev/null; then
		echo "run: the portal simulator did not start:" >&2
		cat "$simlog" >&2
		exit 1
	fi
	url=$(sed -n 's/.*msg="portal simulator serving" url=\([^ ]*\).*/\1/p' "$simlog" | head -n 1)
	[ -n "$url" ] || sleep 0.1
	i=$((i + 1))
done
if [ -z "$url" ]; then
	echo "run: the portal simulator did not say where it listens (see $simlog)" >&2
	exit 1
fi
echo "run: portal simulator (pid $sim) at $url, log in $simlog"
echo "run: type a dossier code (e.g. 000.00.15.H29-261015-0012) and press Enter to simulate a scan"

# The kiosk runs as a child the script waits for, so that a signal to the
# script alone (not only Ctrl-C, which reaches the whole process group) is
# passed on, and the simulator is stopped whichever way the kiosk ends.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	"$bin/kiosk" -config "$config" -portal "$url" "$@" &
else
	echo "run: no DISPLAY; starting the kiosk on a virtual 1080x1920 screen (Xvfb)"
	xvfb-run -a -s "-screen 0 1080x1920x24" "$bin/kiosk" -config "$config" -portal "$url" "$@" &
fi
kiosk=$!
trap 'kill -TERM "$kiosk" 2>/dev/null || true' INT TERM
status=0
wait "$kiosk" || status=$?
# A trapped signal ends the first wait early: wait for the kiosk to finish.
while kill -0 "$kiosk" 2>/dev/null; do
	status=0
	wait "$kiosk" || status=$?
done
exit $status
