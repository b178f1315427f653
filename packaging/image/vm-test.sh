#!/bin/sh
# Boots a copy of the kiosk image in QEMU (UEFI firmware OVMF, KVM when
# /dev/kvm works, else TCG) the way a technician's PC boots it: a bigger disk
# than the image (the root partition must grow), a site config and an SSH key
# written onto the boot partition with mtools, then checks over SSH (port
# forwarded from the VM) that:
#
#   - GRUB, the kernel and the initramfs boot the root file system read-write;
#   - the root partition and file system grew to the disk;
#   - kiosk-firstboot applied kiosk.toml from the boot partition;
#   - fresh machine id and SSH host keys; the technician logs in by key;
#   - kiosk.service reaches ready (cage on the VM's virtio GPU, DRM backend,
#     a 1920x1080 landscape panel) without the unit restarting, the status
#     socket answers; a screenshot from QEMU's monitor. The virtio GPU has
#     no 3D: cage's EGL renderer fails there and the kiosk's notify relay
#     starts it again with wlroots' pixman renderer (process.RelayNotify),
#     which this boot shows working.
#
#   packaging/image/vm-test.sh IMAGE OUTDIR
#
# Needs qemu-system-x86, ovmf, mtools, openssh-client (.ci/deps.sh image).
# KIOSK_VM_TIMEOUT (seconds, default 600) bounds the boot; KIOSK_VM_ACCEL=tcg
# forces emulation (on this project's build machine, a VM itself, OVMF hangs
# before any output under nested KVM).
set -eu
IMG=$(readlink -f "${1:?usage: vm-test.sh IMAGE OUTDIR}")
OUT=${2:?usage: vm-test.sh IMAGE OUTDIR}
mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
TIMEOUT=${KIOSK_VM_TIMEOUT:-600}
OVMF=${KIOSK_OVMF:-/usr/share/ovmf/OVMF.fd}
for c in qemu-system-x86_64 mcopy ssh ssh-keygen; do command -v $c >/dev/null || { echo "vm-test: $c is not installed (.ci/deps.sh image)" >&2; exit 2; }; done
[ -f "$OVMF" ] || { echo "vm-test: no UEFI firmware at $OVMF (apt install ovmf)" >&2; exit 2; }
export MTOOLS_SKIP_CHECK=1
W=$(mktemp -d /tmp/kiosk-vm.XXXXXX)
qpid=""
cleanup() { [ -n "$qpid" ] && kill "$qpid" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }

# The disk: the image on a 6 GiB disk; the boot partition starts at 1 MiB.
cp --sparse=always "$IMG" "$W/disk.img"
img_bytes=$(stat -c %s "$IMG")
truncate -s 6G "$W/disk.img"
ESP="$W/disk.img@@1M"
sed -e 's/^id = .*/id = "vm-test-01"/' \
	-e 's#^base_url = .*#base_url = "http://127.0.0.1:8089"#' \
	-e 's#^port = "/dev/kiosk-printer"#port = "virtual"#' \
	-e 's#^port = "/dev/kiosk-scanner"#port = "keyboard"#' \
	-e 's/^orientation = .*/orientation = "landscape"/' > "$W/kiosk.toml" <<EOF
$(mtype -i "$ESP" ::/kiosk.toml)
EOF
mcopy -o -i "$ESP" "$W/kiosk.toml" ::/kiosk.toml
ssh-keygen -q -t ed25519 -N '' -C vm-test -f "$W/key"
mcopy -o -i "$ESP" "$W/key.pub" ::/authorized_keys
: > "$W/serial-console"
mcopy -o -i "$ESP" "$W/serial-console" ::/serial-console

accel=${KIOSK_VM_ACCEL:-}
if [ -z "$accel" ]; then accel=tcg; fi
if [ -z "${KIOSK_VM_ACCEL:-}" ] && [ -w /dev/kvm ] && qemu-system-x86_64 -accel kvm -machine none -display none -S -monitor none -daemonize -pidfile "$W/probe.pid" 2>/dev/null; then
	kill "$(cat "$W/probe.pid")" 2>/dev/null || true
	accel=kvm
fi
echo "--- booting in QEMU ($accel)"
started=$(date +%s)
qemu-system-x86_64 -accel "$accel" -machine q35 -m 2048 -smp 2 -bios "$OVMF" \
	-drive file="$W/disk.img",format=raw,if=virtio \
	-device virtio-vga,xres=1920,yres=1080 -display none \
	-netdev user,id=n0,hostfwd=tcp:127.0.0.1:10022-:22 -device virtio-net-pci,netdev=n0 \
	-serial file:"$OUT/vm-serial.log" -monitor unix:"$W/monitor",server,nowait \
	-pidfile "$W/qemu.pid" -daemonize
qpid=$(cat "$W/qemu.pid")
SSH="ssh -i $W/key -p 10022 -o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=10 -o StrictHostKeyChecking=no -o UserKnownHostsFile=$W/kh technician@127.0.0.1"
up=""
while [ $(( $(date +%s) - started )) -lt "$TIMEOUT" ]; do
	if $SSH true 2>/dev/null; then up=1; break; fi
	sleep 5
done
[ -n "$up" ] || { tail -40 "$OUT/vm-serial.log"; echo "FAIL: no SSH login within ${TIMEOUT}s"; exit 1; }
ok "the technician logs in by key over SSH after $(( $(date +%s) - started ))s"
for _ in $(seq 1 60); do
	st=$($SSH systemctl is-system-running 2>/dev/null || true)
	case "$st" in running|degraded) break ;; esac
	sleep 2
done
$SSH 'systemctl --failed --no-pager; findmnt -no SOURCE,OPTIONS /; findmnt -no SOURCE /boot/firmware; lsblk -b -o NAME,SIZE,TYPE,FSTYPE,LABEL; df -B1 /' > "$OUT/vm-state.txt" 2>&1 || true
cat "$OUT/vm-state.txt"
[ "$st" = running ] && ok "the system is running with no failed unit" || bad "the system is $st"
$SSH 'findmnt -no OPTIONS / | grep -q "^rw"' && ok "root is mounted read-write" || bad "root is not read-write"
$SSH 'findmnt -no FSTYPE /boot/firmware | grep -q vfat' && ok "the boot partition is mounted at /boot/firmware" || bad "the boot partition is not mounted"
root_bytes=$($SSH 'df -B1 --output=size / | tail -1' | tr -d ' ')
[ "$root_bytes" -gt "$img_bytes" ] && ok "the root file system grew to the disk ($root_bytes bytes; image $img_bytes)" || bad "root did not grow ($root_bytes bytes)"
$SSH 'test -s /etc/machine-id && test -s /etc/ssh/ssh_host_ed25519_key' && ok "machine id and SSH host keys made on this machine" || bad "machine id or host keys missing"
$SSH 'sudo cmp /etc/kiosk/kiosk.toml /boot/firmware/kiosk.toml.applied' && ok "kiosk-firstboot applied the boot partition's kiosk.toml" || bad "the site config was not applied: $($SSH 'journalctl -b -u kiosk-firstboot -o cat' 2>&1 | tail -5)"
for _ in $(seq 1 60); do $SSH 'sudo journalctl -b -t kiosk -o cat | grep -q msg=ready' && break; sleep 2; done
$SSH 'sudo journalctl -b -t kiosk -o cat --no-pager' > "$OUT/vm-kiosk-journal.txt" 2>&1 || true
grep -q msg=ready "$OUT/vm-kiosk-journal.txt" && ok "the kiosk reaches ready under cage: $(grep -o 'startup_ms=[0-9]*' "$OUT/vm-kiosk-journal.txt" | head -1)" || { bad "the kiosk never reported ready"; tail -20 "$OUT/vm-kiosk-journal.txt"; }
grep -q "software rendering" "$OUT/vm-kiosk-journal.txt" && echo "note: $(grep -m1 -o 'cage stopped.*rendering ([^)]*)' "$OUT/vm-kiosk-journal.txt")"
restarts=$($SSH systemctl show -P NRestarts kiosk.service 2>/dev/null || echo "?")
active=$($SSH systemctl show -P ActiveState kiosk.service 2>/dev/null || echo "?")
[ "$restarts" = 0 ] && [ "$active" = active ] && ok "kiosk.service is active and never restarted" || bad "kiosk.service is $active after $restarts restarts (a restart loop passes the failed-unit check)"
$SSH 'kioskctl -config /etc/kiosk/kiosk.toml status' > "$OUT/vm-kioskctl-status.txt" 2>&1 || true
$SSH 'kioskctl -config /etc/kiosk/kiosk.toml status -json' 2>&1 | grep -q '"vm-test-01"' && ok "kioskctl status answers (technician is in the kiosk group)" || bad "kioskctl status: $(cat "$OUT/vm-kioskctl-status.txt")"
sleep 5
if command -v socat >/dev/null; then
	echo "screendump $W/screen.ppm" | socat - UNIX-CONNECT:"$W/monitor" >/dev/null
else
	python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.recv(4096); s.send(b'screendump $W/screen.ppm\n'); import time; time.sleep(2); s.recv(4096)" "$W/monitor"
fi
sleep 1
if [ -s "$W/screen.ppm" ] && convert "$W/screen.ppm" "$OUT/vm-screen.png" 2>/dev/null; then ok "screenshot $OUT/vm-screen.png"; else bad "no screenshot"; fi
echo "vm-test: $fails failure(s) after $(( $(date +%s) - started ))s; logs in $OUT"
[ "$fails" -eq 0 ]
