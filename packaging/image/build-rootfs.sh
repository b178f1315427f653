#!/bin/sh
# Builds a Debian 12 root filesystem for a kiosk PC into DIR, from Debian's own
# packages plus our .deb, with the kiosk enabled to start on tty1 and its site
# config taken from the boot partition on first boot.
#
#   packaging/image/build-rootfs.sh DIR path/to/kiosk_VERSION_amd64.deb [MIRROR]
#
# Needs root and debootstrap. The result is a folder (and DIR.tar.gz) to copy
# onto the kiosk PC's disk; packaging/README.md shows the partitioning and the
# boot loader steps.
set -eu
DIR=${1:?usage: build-rootfs.sh DIR DEB [MIRROR]}
DEB=${2:?usage: build-rootfs.sh DIR DEB [MIRROR]}
MIRROR=${3:-http://deb.debian.org/debian}
SUITE=bookworm

if [ "$(id -u)" -ne 0 ]; then echo "build-rootfs: run as root (debootstrap needs it)" >&2; exit 1; fi
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap

INCLUDE=systemd,systemd-sysv,libpam-systemd,udev,dbus,adduser,ca-certificates,locales,tzdata,\
linux-image-amd64,grub-efi-amd64,network-manager,openssh-server,\
cage,xwayland,libgl1,libgl1-mesa-dri,libegl1,libx11-6,libxcursor1,libxrandr2,libxinerama1,libxi6,libxxf86vm1,fonts-noto-core

if [ ! -x "$DIR/usr/bin/apt-get" ]; then
	debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$DIR" "$MIRROR"
fi

# The package, installed the way apt would on a real machine.
cp "$DEB" "$DIR/tmp/kiosk.deb"
mount -t proc proc "$DIR/proc" 2>/dev/null || true
trap 'umount "$DIR/proc" 2>/dev/null || true' EXIT
chroot "$DIR" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/kiosk.deb && rm /tmp/kiosk.deb'

# Machine basics: Vietnamese-capable locale, Asia/Ho_Chi_Minh time, no getty on tty1.
echo "kiosk" > "$DIR/etc/hostname"
ln -sf /usr/share/zoneinfo/Asia/Ho_Chi_Minh "$DIR/etc/localtime"
echo "en_US.UTF-8 UTF-8" > "$DIR/etc/locale.gen"; echo "vi_VN.UTF-8 UTF-8" >> "$DIR/etc/locale.gen"
chroot "$DIR" locale-gen >/dev/null 2>&1 || true
chroot "$DIR" systemctl mask getty@tty1.service >/dev/null 2>&1 || true
chroot "$DIR" systemctl enable kiosk.service kiosk-firstboot.service
chroot "$DIR" systemctl set-default graphical.target

# Boot partition mount for the site config (FAT, label KIOSKBOOT, editable from any laptop).
mkdir -p "$DIR/boot/firmware"
grep -q KIOSKBOOT "$DIR/etc/fstab" 2>/dev/null || \
	echo "LABEL=KIOSKBOOT /boot/firmware vfat defaults,nofail,umask=0077 0 2" >> "$DIR/etc/fstab"

umount "$DIR/proc" 2>/dev/null || true
tar -C "$DIR" --one-file-system --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* -czf "$DIR.tar.gz" .
echo "build-rootfs: $DIR ready ($(du -sh "$DIR" | cut -f1)), archive $DIR.tar.gz"
