#!/bin/sh
# The container boot of `make test`: builds the kiosk's root filesystem from
# the package `make deb` just made (build-rootfs.sh, variant container: the
# image's packages, files and units without the kernel and GRUB's EFI binary,
# which a container never runs), checks it (check-rootfs.sh) and boots it with
# systemd-nspawn (container-test.sh: firstboot applying the boot partition's
# config, key-only SSH, the hardened kiosk.service reaching ready under cage's
# headless backend, `kioskctl status`, a screenshot, the unattended upgrade to
# N+1). Packages are kept in KIOSK_IMAGE_CACHE (the Makefile passes
# ~/.cache/kiosk-image), so only the first run downloads them.
#
#   packaging/image/container-boot.sh KIOSK.deb ROOTFS OUTDIR
#
# Needs root (re-runs itself with sudo when there is one) and a machine where
# systemd-nspawn can start a container. When either is missing it fails with a
# banner saying so: a boot test that did not run is not a pass.
# KIOSK_SKIP_CONTAINER_BOOT=1 skips it on purpose, with the same banner.
set -eu
DEB=$(readlink -f "${1:?usage: container-boot.sh KIOSK.deb ROOTFS OUTDIR}")
ROOTFS=${2:?usage: container-boot.sh KIOSK.deb ROOTFS OUTDIR}
OUT=${3:?usage: container-boot.sh KIOSK.deb ROOTFS OUTDIR}
HERE=$(cd "$(dirname "$0")" && pwd)

banner() {
	echo "==========================================================================" >&2
	echo "container boot test $1" >&2
	echo "==========================================================================" >&2
}
cannot() {
	banner "NOT RUN: $1"
	echo "The kiosk's boot (units, firstboot config, status socket, rendering under cage," >&2
	echo "upgrades) is untested. Fix the above, or set KIOSK_SKIP_CONTAINER_BOOT=1 to skip it knowingly." >&2
	exit 1
}

if [ "${KIOSK_SKIP_CONTAINER_BOOT:-}" = 1 ]; then
	banner "SKIPPED (KIOSK_SKIP_CONTAINER_BOOT=1): the kiosk's boot is untested"
	exit 0
fi
[ -f "$DEB" ] || cannot "no package $1 (make deb builds it)"
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || cannot "needs root (mmdebstrap, systemd-nspawn) and there is no sudo"
	exec sudo env KIOSK_IMAGE_CACHE="${KIOSK_IMAGE_CACHE:-$HOME/.cache/kiosk-image}" "$0" "$DEB" "$ROOTFS" "$OUT"
fi
for c in mmdebstrap systemd-nspawn unshare nsenter; do
	command -v $c >/dev/null || cannot "$c is not installed (.ci/deps.sh container installs it)"
done
# A private mount namespace with a tmpfs is what container-test.sh runs nspawn
# in; a machine that refuses these cannot run a container at all.
unshare -m sh -c 'mount --make-rprivate / && mount -t tmpfs tmpfs /mnt' 2>/dev/null ||
	cannot "this machine refuses a private mount namespace (unshare -m, mount): no container possible here"

# The root file system's UUID is the image's (dist/root-uuid, make image).
uuid_file=$(dirname "$ROOTFS")/root-uuid
[ -s "$uuid_file" ] || cat /proc/sys/kernel/random/uuid > "$uuid_file"

t0=$(date +%s)
KIOSK_ROOTFS_VARIANT=container "$HERE/build-rootfs.sh" "$ROOTFS" "$DEB" "$(cat "$uuid_file")"
t1=$(date +%s)
"$HERE/check-rootfs.sh" "$ROOTFS" container || { banner "FAILED: check-rootfs.sh"; exit 1; }
# container-test.sh finds the package next to the root file system.
[ -f "$(dirname "$ROOTFS")/$(basename "$DEB")" ] || cp "$DEB" "$(dirname "$ROOTFS")/"
rc=0
"$HERE/container-test.sh" "$ROOTFS" "$OUT" || rc=$?
# The root filesystem is rebuilt on every run; left in dist/ it would be
# walked by the next `go vet ./...` (KIOSK_KEEP_ROOTFS=1 keeps it).
[ "${KIOSK_KEEP_ROOTFS:-}" = 1 ] || rm -rf "$ROOTFS"
if [ "$rc" -eq 0 ]; then
	echo "container boot test: passed (root filesystem $(( t1 - t0 )) s, boot and checks $(( $(date +%s) - t1 )) s)"
else
	banner "FAILED (logs in $OUT)"
	exit 1
fi
