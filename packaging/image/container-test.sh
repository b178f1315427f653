#!/bin/sh
# Boots the image's root filesystem in a container (systemd-nspawn --boot, its
# own systemd as PID 1, loopback-only network, changes kept in a throwaway
# overlay) and checks what a flashed kiosk must do on its first boot:
#
#   - kiosk-firstboot applies kiosk.toml from the boot partition (a folder
#     bound at /boot/firmware: the mount the unit is ordered after);
#   - kiosk-bootpart installs the technician's key; sshd starts with host keys
#     made at boot and lets the technician in by key only;
#   - a machine id of its own;
#   - kiosk.service, as packaged (hardening, User=kiosk, PAM session, watchdog),
#     starts cage and the kiosk reaches ready; the status socket answers
#     `kioskctl status`; a screenshot of the screen with grim;
#   - an unattended upgrade: version N+1 published to a signed repository
#     (packaging/repo/build-repo.sh, served over HTTP on loopback), apt and
#     unattended-upgrade install it, the site config is untouched, and the
#     kiosk restarts into N+1 by itself at rest.
#
#   sudo packaging/image/container-test.sh ROOTFS OUTDIR
#
# What differs from a PC (the VM test, vm-test.sh, covers these): no kernel,
# boot loader, initramfs, partition growth or real boot partition; cage uses
# wlroots' headless backend with the pixman renderer (a drop-in sets WLR_* and
# gives the unit no tty, since a container has no /dev/tty1); the portal is the
# packaged simulator on loopback.
#
# This machine has no systemd of its own: nspawn runs with --register=no
# --keep-unit (no machined, no scope), in a private mount namespace whose
# /run/systemd/nspawn is a tmpfs (nspawn refuses to clean up its propagation
# folder on a disk file system).
set -eu
ROOTFS=$(readlink -f "${1:?usage: container-test.sh ROOTFS OUTDIR}")
OUT=$(readlink -f "${2:?usage: container-test.sh ROOTFS OUTDIR}")
HERE=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "container-test: run as root" >&2; exit 2; }
for c in systemd-nspawn nsenter unshare ssh-keygen dpkg-deb identify; do command -v $c >/dev/null || { echo "container-test: $c is not installed" >&2; exit 2; }; done
mkdir -p "$OUT"
W=$(mktemp -d /tmp/kiosk-ctr.XXXXXX)
nspawn_pid=""
cleanup() {
	[ -n "$nspawn_pid" ] && kill "$nspawn_pid" 2>/dev/null && sleep 5
	[ -n "$nspawn_pid" ] && kill -9 "$nspawn_pid" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
# dash runs the EXIT trap on a signal only through exit: without this, a
# stopped test leaves the container running.
trap 'exit 1' INT TERM HUP
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }

# The boot partition a technician prepared: a site config for a portal on
# loopback, a virtual printer and the keyboard-wedge scanner, and a key.
mkdir -p "$W/bootpart" "$W/etc"
sed -e 's/^id = .*/id = "container-test-01"/' \
	-e 's#^base_url = .*#base_url = "http://127.0.0.1:8089"#' \
	-e 's#^port = "/dev/kiosk-printer"#port = "virtual"#' \
	-e 's#^port = "/dev/kiosk-scanner"#port = "keyboard"#' \
	-e 's/^orientation = .*/orientation = "landscape"/' \
	"$ROOTFS/usr/share/kiosk/example-site.toml" > "$W/bootpart/kiosk.toml"
cp "$W/bootpart/kiosk.toml" "$W/site.toml"
ssh-keygen -q -t ed25519 -N '' -C container-test -f "$W/techkey"
cp "$W/techkey.pub" "$W/bootpart/authorized_keys"

# Test-only units: the portal simulator, and cage headless without a tty.
cat > "$W/etc/kiosk-test-portal.service" <<'EOF'
[Unit]
Description=Portal simulator for the container test
Before=kiosk.service
[Service]
ExecStart=/usr/bin/kiosk-portalsim -listen 127.0.0.1:8089
EOF
cat > "$W/etc/container.conf" <<'EOF'
[Unit]
Wants=kiosk-test-portal.service
After=kiosk-test-portal.service
[Service]
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 FYNE_SCALE=0.6667
StandardInput=null
TTYPath=/dev/console
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
EOF
# The unit's own command line with cage's output turned by 180 degrees (still
# 1280x720): unturned, cage 0.1.4 scans the kiosk's buffer out directly and
# on the headless backend grim reads a black buffer instead of what the kiosk
# drew (packaging/smoke/cage-smoke.sh). A turned output is composited, as a
# DRM panel composites Xwayland's buffers.
exec_start=$(grep '^ExecStart=.*/usr/bin/cage ' "$ROOTFS/usr/lib/systemd/system/kiosk.service" | sed 's#/usr/bin/cage #/usr/bin/cage -r -r #')
[ -n "$exec_start" ] || { echo "container-test: kiosk.service has no ExecStart running /usr/bin/cage" >&2; exit 2; }
printf 'ExecStart=\n%s\n' "$exec_start" >> "$W/etc/container.conf"

# Version N+1 of the installed package, for the upgrade, and the repository
# (signed with a throwaway key) that will serve it.
v1=$(chroot "$ROOTFS" dpkg-query -W -f='${Version}' kiosk)
v2="$v1+ctrtest1"
mkdir -p "$W/pkg" "$W/repo"
# The package build-rootfs.sh installed is in dist/, next to the root filesystem.
deb1=$(ls "$(dirname "$ROOTFS")"/kiosk_"$v1"_*.deb 2>/dev/null | head -1)
[ -n "$deb1" ] || { echo "container-test: cannot find kiosk_$v1 .deb next to $ROOTFS" >&2; exit 2; }
dpkg-deb -R "$deb1" "$W/pkg"
sed -i "s/^Version: .*/Version: $v2/" "$W/pkg/DEBIAN/control"
dpkg-deb -b -Zgzip "$W/pkg" "$W/kiosk-v2.deb" >/dev/null
KIOSK_REPO_GNUPG="$W/gnupg" "$HERE/../repo/build-repo.sh" "$W/repo" "$W/kiosk-v2.deb" stable >/dev/null
cat > "$W/etc/kiosk.list" <<'EOF'
deb [signed-by=/usr/share/keyrings/kiosk-archive-keyring.gpg] http://127.0.0.1:8090 stable main
EOF
cat > "$W/etc/kiosk-test-repo.service" <<'EOF'
[Unit]
Description=The site's repository on loopback, for the container test
[Service]
ExecStart=/usr/bin/python3 -m http.server -d /srv/repo -b 127.0.0.1 8090
EOF

echo "--- booting $ROOTFS in a container (kiosk $v1)"
unshare -m sh -c "
	mount --make-rprivate /
	mkdir -p /run/systemd/nspawn && mount -t tmpfs tmpfs /run/systemd/nspawn
	exec systemd-nspawn --quiet --register=no --keep-unit --boot --private-network --volatile=overlay \
		-D '$ROOTFS' -M kiosktest \
		--bind='$W/bootpart:/boot/firmware' \
		--bind-ro='$W/etc/kiosk-test-portal.service:/etc/systemd/system/kiosk-test-portal.service' \
		--bind-ro='$W/etc/kiosk-test-repo.service:/etc/systemd/system/kiosk-test-repo.service' \
		--bind-ro='$W/etc/container.conf:/etc/systemd/system/kiosk.service.d/container.conf' \
		--bind-ro='$W/repo/public:/srv/repo' \
		--bind-ro='$W/repo/public/kiosk-archive-keyring.gpg:/usr/share/keyrings/kiosk-archive-keyring.gpg' \
		--bind-ro='$W/etc/kiosk.list:/etc/apt/sources.list.d/kiosk.list' \
		--bind-ro='$HERE/../repo/52kiosk-unattended-upgrades:/etc/apt/apt.conf.d/52kiosk-unattended-upgrades'
" > "$OUT/container-console.log" 2>&1 </dev/null &
nspawn_pid=$!

# The container's PID 1: the systemd among this nspawn's descendants (not
# another container's on a shared machine: two boot tests may run at once).
descends_from_nspawn() {
	q=$1
	for _ in 1 2 3 4; do
		q=$(ps -o ppid= -p "$q" | tr -d ' ')
		[ -n "$q" ] && [ "$q" != 0 ] || return 1
		[ "$q" = "$nspawn_pid" ] && return 0
	done
	return 1
}
leader=""
for _ in $(seq 1 120); do
	for p in $(pgrep -x systemd || true); do
		# PID 1 in its own PID namespace (NSpid: HOSTPID 1), a child of nspawn.
		# (ps pads a short PID with spaces: strip them, or `ps -p " 9604"`
		# fails with "improper list" and the leader is never found.)
		parent=$(ps -o ppid= -p "$p" | tr -d ' ')
		if grep -q "^NSpid:.*[[:space:]]1$" /proc/$p/status 2>/dev/null && [ -n "$parent" ] &&
			[ "$(cat /proc/$parent/comm 2>/dev/null)" = systemd-nspawn ] && descends_from_nspawn "$p"; then
			leader=$p; break
		fi
	done
	[ -n "$leader" ] && break
	sleep 1
done
[ -n "$leader" ] || { tail -30 "$OUT/container-console.log"; echo "FAIL: the container did not start"; exit 1; }
in_ctr() { nsenter -t "$leader" -a -- "$@"; }
in_sh() { nsenter -t "$leader" -a -- sh -c "$*"; }

# Booted: wait until systemd is done (or 120 s).
for _ in $(seq 1 120); do
	st=$(in_ctr systemctl is-system-running 2>/dev/null || true)
	case "$st" in running|degraded) break ;; esac
	sleep 1
done
echo "system state: $st"
in_ctr systemctl --no-pager --failed > "$OUT/failed-units.txt" 2>&1 || true
# systemd-remount-fs fails in a container only: fstab's root is UUID=... of a
# disk the container does not have (the VM test checks the real remount).
failed=$(in_ctr systemctl list-units --failed --plain --no-legend | awk '{ print $1 }' | grep -vx systemd-remount-fs.service || true)
[ -z "$failed" ] && ok "the container boots ($st), no failed unit but systemd-remount-fs (no root disk in a container)" || { bad "failed units: $failed"; cat "$OUT/failed-units.txt"; }

in_sh 'test -s /etc/machine-id' && ok "a machine id of its own ($(in_ctr cat /etc/machine-id))" || bad "no machine id"
in_sh 'systemctl is-active -q kiosk-firstboot.service || [ "$(systemctl show -P Result kiosk-firstboot.service)" = success ]' && ok "kiosk-firstboot ran" || bad "kiosk-firstboot did not run: $(in_ctr systemctl show -P ConditionResult kiosk-firstboot.service)"
in_sh 'cmp -s /etc/kiosk/kiosk.toml /boot/firmware/kiosk.toml.applied' && [ -f "$W/bootpart/kiosk.toml.applied" ] && ok "the boot partition's kiosk.toml is installed as /etc/kiosk/kiosk.toml and renamed .applied" || bad "the boot partition's config was not applied"
in_sh '[ "$(stat -c %U:%G:%a /etc/kiosk/kiosk.toml)" = root:kiosk:640 ]' && ok "the installed config is root:kiosk 0640" || bad "config mode $(in_ctr stat -c %U:%G:%a /etc/kiosk/kiosk.toml)"
in_sh 'test -s /etc/ssh/ssh_host_ed25519_key' && ok "SSH host keys made at boot" || bad "no SSH host key"
in_sh 'cmp -s /etc/ssh/authorized_keys.d/technician /boot/firmware/authorized_keys' && ok "the technician's key from the boot partition is installed" || bad "technician key not installed"
in_sh "cat > /tmp/techkey && chmod 600 /tmp/techkey" < "$W/techkey"
for _ in $(seq 1 20); do in_ctr systemctl is-active -q ssh.service && break; sleep 1; done
if in_sh 'ssh -i /tmp/techkey -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=/tmp/kh technician@127.0.0.1 "id -un; sudo -n true && echo sudo-ok"' > "$W/ssh.out" 2>&1 && grep -q '^technician$' "$W/ssh.out" && grep -q sudo-ok "$W/ssh.out"; then
	ok "the technician logs in over SSH with the key and may sudo"
else
	bad "technician SSH login: $(cat "$W/ssh.out")"
fi
in_sh 'ssh -o BatchMode=yes -o PubkeyAuthentication=no -o StrictHostKeyChecking=no -o UserKnownHostsFile=/tmp/kh technician@127.0.0.1 true' >/dev/null 2>&1 && bad "SSH without the key is let in" || ok "SSH without the key is refused"
in_sh 'ssh -i /tmp/techkey -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/tmp/kh root@127.0.0.1 true' >/dev/null 2>&1 && bad "root logs in over SSH" || ok "root cannot log in over SSH"

# The kiosk: ready under cage, the status socket, a screenshot.
for _ in $(seq 1 90); do in_sh 'journalctl -b -t kiosk -o cat | grep -q "msg=ready"' && break; sleep 1; done
in_sh 'journalctl -b -t kiosk -o cat --no-pager; systemctl status --no-pager kiosk.service' > "$OUT/kiosk-journal.txt" 2>&1 || true
if grep -q "msg=ready" "$OUT/kiosk-journal.txt"; then
	ok "kiosk.service (hardened, User=kiosk, cage) reaches ready: $(grep -o 'startup_ms=[0-9]*' "$OUT/kiosk-journal.txt" | head -1)"
else
	bad "the kiosk never reported ready"; tail -30 "$OUT/kiosk-journal.txt"
fi
[ "$(in_ctr systemctl show -P ActiveState kiosk.service)" = active ] && ok "kiosk.service is active (READY=1 reached systemd: Type=notify)" || bad "kiosk.service is $(in_ctr systemctl show -P ActiveState kiosk.service)"
in_sh 'systemctl show -P SubState kiosk.service; systemctl show -P NRestarts kiosk.service' > "$W/state"
# status -json exits 0 whenever the socket answers (plain status exits 1 when
# something needs attention, here the missing sound card).
in_ctr kioskctl -config /etc/kiosk/kiosk.toml status > "$OUT/kioskctl-status.txt" 2>&1 || true
if in_ctr kioskctl -config /etc/kiosk/kiosk.toml status -json > "$W/status.json" 2>&1 && grep -q '"container-test-01"' "$W/status.json"; then
	ok "kioskctl status answers over the status socket (the boot partition's kiosk id, container-test-01)"
else
	bad "kioskctl status: $(cat "$W/status.json")"
fi
sleep 3
uid=$(in_ctr id -u kiosk)
if in_sh "runuser -u kiosk -- env XDG_RUNTIME_DIR=/run/user/$uid WAYLAND_DISPLAY=wayland-0 grim /var/tmp/shot.png" && in_sh 'cat /var/tmp/shot.png' > "$OUT/container-screen.png" && [ -s "$OUT/container-screen.png" ]; then
	# What the kiosk drew, not an empty output: cage's background is black.
	sd=$(identify -format '%[fx:standard_deviation]' "$OUT/container-screen.png" 2>/dev/null || echo 0)
	if awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }'; then
		ok "screenshot $OUT/container-screen.png shows the kiosk (pixel std dev $sd)"
	else
		bad "screenshot $OUT/container-screen.png is blank (pixel std dev $sd): the kiosk is not on the screen"
	fi
else
	bad "no screenshot"
fi

# The unattended upgrade, as the maintenance window runs it.
echo "--- unattended upgrade from the repository to $v2"
in_sh 'echo "# edited by the technician" >> /etc/kiosk/kiosk.toml; cp /etc/kiosk/kiosk.toml /var/tmp/edited.toml'
in_ctr systemctl start kiosk-test-repo.service
sleep 2
pid_before=$(in_ctr systemctl show -P MainPID kiosk.service)
in_sh 'apt-get -o Dir::Etc::sourcelist=/dev/null update -q' > "$OUT/apt-update.log" 2>&1 && ok "apt-get update verifies the repository's signature" || { bad "apt-get update failed"; cat "$OUT/apt-update.log"; }
in_sh 'unattended-upgrade -v' > "$OUT/unattended-upgrade.log" 2>&1 || true
[ "$(in_ctr dpkg-query -W -f='${Status} ${Version}' kiosk)" = "install ok installed $v2" ] && ok "unattended-upgrade installed $v2" || { bad "kiosk is $(in_ctr dpkg-query -W -f='${Version}' kiosk) after unattended-upgrade"; tail -20 "$OUT/unattended-upgrade.log"; }
in_sh 'cmp -s /etc/kiosk/kiosk.toml /var/tmp/edited.toml' && ok "the edited site config is untouched" || bad "the site config changed in the upgrade"
# N+1 is the same build with a higher version, so the proof that N+1 runs is
# the executable: dpkg replaced /usr/bin/kiosk, so the old process's shows
# "(deleted)" until the kiosk restarts from the new file.
exe_of_kiosk() { in_sh 'p=$(pgrep -x kiosk | head -1); [ -n "$p" ] && readlink /proc/$p/exe'; }
echo "the running kiosk's executable right after the upgrade: $(exe_of_kiosk)"
restarted=""
for _ in $(seq 1 90); do
	pid_now=$(in_ctr systemctl show -P MainPID kiosk.service)
	if [ "$pid_now" != "$pid_before" ] && [ "$pid_now" != 0 ] && [ "$(exe_of_kiosk)" = /usr/bin/kiosk ] &&
		[ "$(in_sh 'journalctl -b -t kiosk -o cat | grep -c msg=ready')" -ge 2 ]; then restarted=1; break; fi
	sleep 1
done
in_sh 'journalctl -b -t kiosk -o cat --no-pager' > "$OUT/kiosk-journal.txt" 2>&1 || true
[ -n "$restarted" ] && ok "the kiosk at rest restarted into $v2 by itself" || bad "the kiosk did not restart into $v2 (main pid $pid_before -> $(in_ctr systemctl show -P MainPID kiosk.service))"
in_ctr kioskctl -config /etc/kiosk/kiosk.toml status >> "$OUT/kioskctl-status.txt" 2>&1 || true
in_ctr kioskctl -config /etc/kiosk/kiosk.toml status -json > "$W/status.json" 2>&1 && grep -q '"container-test-01"' "$W/status.json" && ok "the status socket answers after the upgrade" || bad "no status after the upgrade"

in_ctr systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 1 30); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
nspawn_pid=""
echo "container-test: $fails failure(s); logs in $OUT"
[ "$fails" -eq 0 ]
