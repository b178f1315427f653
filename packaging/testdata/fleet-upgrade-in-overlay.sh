#!/bin/sh
# The fleet's update path, for real, in a copy-on-write overlay of this
# machine (like upgrade-in-overlay.sh): `make repo`'s script publishes
# versions N and N+1 to a signed repository (reprepro, a throwaway key), apt
# reads it through the key the image installs, and Debian's unattended-upgrade
# with the image's configuration (packaging/repo/52kiosk-unattended-upgrades)
# upgrades the kiosk, except while it is held; then a rollback to N.
# deb_test.go runs it as root under `unshare -m` and reads "ok:"/"FAIL:".
#
#   unshare -m sh fleet-upgrade-in-overlay.sh KIOSK.deb WORKDIR
#
# The repository is a file: URI here; the container boot test
# (image/container-test.sh) serves it over HTTP.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/overlay-lib.sh"
overlay_setup "$1" "$2" fleettest1
version() { in_root "dpkg-query -W -f='\${Status} \${Version}' kiosk"; }

echo "--- the site's repository with $v1 (stable)"
KIOSK_REPO_GNUPG="$WORK/gnupg" sh "$HERE/../repo/build-repo.sh" "$WORK/repo" "$DEB" stable >"$WORK/repo.log" 2>&1 || { cat "$WORK/repo.log"; echo "FAIL: build-repo"; exit 1; }
[ -s "$WORK/repo/public/dists/stable/InRelease" ] && echo "ok: InRelease written" || { echo "FAIL: no InRelease"; fails=$((fails + 1)); }
mkdir -p "$R/srv/repo"
mount --bind "$WORK/repo/public" "$R/srv/repo"

# The kiosk as the image sets it up: only the site's repository (this test
# must not reach Debian's), its key, the unattended-upgrades configuration.
in_root 'dpkg --purge kiosk >/dev/null 2>&1 || true; rm -rf /etc/kiosk /var/lib/kiosk'
in_root 'rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*; rm -rf /var/lib/apt/lists/*'
install -D -m 0644 "$WORK/repo/public/kiosk-archive-keyring.gpg" "$R/usr/share/keyrings/kiosk-archive-keyring.gpg"
printf 'deb [signed-by=/usr/share/keyrings/kiosk-archive-keyring.gpg] file:/srv/repo %s main\n' stable previous > "$R/etc/apt/sources.list.d/kiosk.list"
install -m 0644 "$HERE/../repo/52kiosk-unattended-upgrades" "$R/etc/apt/apt.conf.d/52kiosk-unattended-upgrades"

echo "--- install $v1 from the repository"
in_root 'apt-get update -q' >"$WORK/update1.log" 2>&1 && echo "ok: apt-get update accepts the signed repository" || { cat "$WORK/update1.log"; echo "FAIL: apt-get update"; fails=$((fails + 1)); }
in_root 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q kiosk </dev/null' >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; echo "FAIL: apt-get install kiosk"; exit 1; }
check "$v1 is installed from the repository" "[ \"\$(dpkg-query -W -f='\${Version}' kiosk)\" = '$v1' ]"

echo "--- the technician edits the config; the kiosk is running"
in_root 'echo "# edited on site" >> /etc/kiosk/kiosk.toml; cp /etc/kiosk/kiosk.toml /tmp/edited.toml'
in_root 'mkdir -p /run/systemd/system /run/kiosk'

echo "--- publish $v2 to stable"
KIOSK_REPO_GNUPG="$WORK/gnupg" sh "$HERE/../repo/build-repo.sh" "$WORK/repo" "$WORK/kiosk-v2.deb" stable >"$WORK/repo2.log" 2>&1 || { cat "$WORK/repo2.log"; echo "FAIL: publishing $v2"; exit 1; }
grep -q "^stable|main|amd64: kiosk $v2" "$WORK/repo2.log" && grep -q "^previous|main|amd64: kiosk $v1" "$WORK/repo2.log" && echo "ok: stable has $v2 and previous keeps $v1 (for rollback)" || { cat "$WORK/repo2.log"; echo "FAIL: stable/previous are not $v2/$v1"; fails=$((fails + 1)); }
in_root 'apt-get update -q' >"$WORK/update2.log" 2>&1 || { cat "$WORK/update2.log"; echo "FAIL: apt-get update after publishing"; fails=$((fails + 1)); }

echo "--- a held kiosk stays (apt-mark hold)"
in_root 'apt-mark hold kiosk >/dev/null'
in_root 'unattended-upgrade -v' >"$WORK/uu-held.log" 2>&1 || true
check "unattended-upgrade leaves a held kiosk on $v1" "[ \"\$(dpkg-query -W -f='\${Version}' kiosk)\" = '$v1' ]"
in_root 'apt-mark unhold kiosk >/dev/null'

echo "--- the nightly unattended upgrade"
in_root 'unattended-upgrade -v' >"$WORK/uu.log" 2>&1 || { cat "$WORK/uu.log"; echo "FAIL: unattended-upgrade failed"; fails=$((fails + 1)); }
if [ "$(version)" = "install ok installed $v2" ]; then echo "ok: unattended-upgrade installs $v2 from the site's repository"; else
	tail -30 "$WORK/uu.log"; echo "FAIL: after unattended-upgrade: $(version)"; fails=$((fails + 1)); fi
check "the edited config is kept byte for byte" 'cmp /etc/kiosk/kiosk.toml /tmp/edited.toml'
check "the running kiosk is asked to restart at rest" '[ -e /run/kiosk/restart-when-idle ]'
check "unattended-upgrade logged the upgrade and no conffile prompt" "grep -q 'Packages that will be upgraded: kiosk' /var/log/unattended-upgrades/unattended-upgrades.log && ! grep -qi 'conffile prompt' /var/log/unattended-upgrades/unattended-upgrades.log"

echo "--- roll back one kiosk to $v1"
in_root "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --allow-downgrades kiosk=$v1 </dev/null" >"$WORK/rollback.log" 2>&1 || { cat "$WORK/rollback.log"; echo "FAIL: rollback"; fails=$((fails + 1)); }
check "apt install kiosk=$v1 rolls back" "[ \"\$(dpkg-query -W -f='\${Version}' kiosk)\" = '$v1' ]"
check "the config survives the rollback" 'cmp /etc/kiosk/kiosk.toml /tmp/edited.toml'
umount "$R/srv/repo"
[ "$fails" -eq 0 ]
