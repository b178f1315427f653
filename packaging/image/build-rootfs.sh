#!/bin/sh
# Builds the root filesystem of a kiosk PC into DIR with mmdebstrap: Debian 12
# from Debian's own packages, our .deb installed the way apt installs it, and
# what makes one image right for many PCs (packaging/image/overlay/):
#
#   - an empty /etc/machine-id and no SSH host keys: every PC makes its own on
#     its first boot (machine-id(5); ssh.service runs ssh-keygen -A first);
#   - the boot partition KIOSKBOOT (FAT, the EFI system partition) mounted at
#     /boot/firmware, and kiosk-firstboot.service ordered after that mount;
#   - the root partition grown to the disk on first boot (systemd-repart, then
#     x-systemd.growfs);
#   - a "technician" account that logs in over SSH only with the keys in
#     authorized_keys on the boot partition (no password exists);
#   - optional NetworkManager connections from network/*.nmconnection there;
#   - GRUB's EFI binary (grub-mkstandalone) for assemble-image.sh to put on the
#     boot partition, and /boot/grub/grub.cfg that boots /vmlinuz (kept current
#     by the kernel packages) with root=UUID=ROOT_UUID.
#
#   packaging/image/build-rootfs.sh DIR KIOSK.deb ROOT_UUID [MIRROR]
#
# KIOSK_ROOTFS_VARIANT=container (the container boot of `make test`) leaves
# out only what a container never runs: the kernel and its initramfs, and
# GRUB's EFI binary. Every other package, file and unit is the image's.
#
# Needs root and mmdebstrap (.ci/deps.sh image). No loop devices: mmdebstrap
# only bind-mounts /dev, /proc and /sys into DIR while it runs. Downloaded
# packages are kept in KIOSK_IMAGE_CACHE (default ~/.cache/kiosk-image/apt), so
# a rebuild downloads only what changed in Debian.
# KIOSK_REPO_URL and KIOSK_REPO_KEY (the site's apt repository, `make repo`)
# configure unattended upgrades from it; see docs/deploy.md.
set -eu
DIR=${1:?usage: build-rootfs.sh DIR DEB ROOT_UUID [MIRROR]}
DEB=$(readlink -f "${2:?usage: build-rootfs.sh DIR DEB ROOT_UUID [MIRROR]}")
ROOT_UUID=${3:?usage: build-rootfs.sh DIR DEB ROOT_UUID [MIRROR]}
MIRROR=${4:-http://deb.debian.org/debian}
SUITE=bookworm
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${KIOSK_IMAGE_CACHE:-$HOME/.cache/kiosk-image}/apt
REPO_URL=${KIOSK_REPO_URL:-}
REPO_KEY=${KIOSK_REPO_KEY:-}
VARIANT=${KIOSK_ROOTFS_VARIANT:-image}
case "$VARIANT" in image|container) ;; *) echo "build-rootfs: KIOSK_ROOTFS_VARIANT is image or container, not $VARIANT" >&2; exit 2 ;; esac

if [ "$(id -u)" -ne 0 ]; then echo "build-rootfs: run as root (mmdebstrap --mode=root)" >&2; exit 1; fi
command -v mmdebstrap >/dev/null || { echo "build-rootfs: mmdebstrap is not installed (.ci/deps.sh image)" >&2; exit 2; }
if [ -n "$REPO_URL" ] && [ ! -f "$REPO_KEY" ]; then
	echo "build-rootfs: KIOSK_REPO_URL needs KIOSK_REPO_KEY, the repository's public key (make repo writes dist/repo/kiosk-archive-keyring.gpg)" >&2
	exit 2
fi

# Everything the kiosk package depends on is listed here too, so it lands in
# the package cache with the rest; apt then installs the .deb offline. grim
# lets a technician take a screenshot of the kiosk over SSH for a ticket.
BOOT_ONLY="linux-image-amd64 initramfs-tools grub-efi-amd64-bin"
INCLUDE="systemd systemd-sysv libpam-systemd udev dbus adduser ca-certificates locales tzdata kmod iproute2 less e2fsprogs \
network-manager openssh-server sudo unattended-upgrades \
cage xwayland libgl1 libgl1-mesa-dri libegl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1 \
fonts-noto-core espeak-ng alsa-utils init-system-helpers grim"
if [ "$VARIANT" = image ]; then INCLUDE="$INCLUDE $BOOT_ONLY"; fi

mkdir -p "$CACHE"
rm -rf "$DIR"
# --skip=essential/unlink keeps the cached .debs that sync-in put in place;
# sync-out copies what this build downloaded back into the cache.
nice mmdebstrap --mode=root --variant=apt --skip=essential/unlink \
	--include="$(echo $INCLUDE | tr ' ' ',')" \
	--setup-hook="mkdir -p \"\$1/var/cache/apt/archives\"" \
	--setup-hook="sync-in '$CACHE' /var/cache/apt/archives" \
	--customize-hook="copy-in '$DEB' /tmp" \
	--customize-hook="chroot \"\$1\" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends /tmp/$(basename "$DEB") && rm /tmp/$(basename "$DEB")'" \
	--customize-hook="sync-out /var/cache/apt/archives '$CACHE'" \
	--customize-hook="HERE='$HERE' ROOT_UUID='$ROOT_UUID' REPO_URL='$REPO_URL' REPO_KEY='$REPO_KEY' VARIANT='$VARIANT' sh '$HERE/customize.sh' \"\$1\"" \
	"$SUITE" "$DIR" "$MIRROR"
echo "build-rootfs: $DIR ($VARIANT) ready ($(du -sh "$DIR" | cut -f1))"
