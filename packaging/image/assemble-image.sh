#!/bin/sh
# Writes the disk image a technician flashes (dd, Etcher, Rufus) from a root
# filesystem made by build-rootfs.sh, without mounting anything:
#
#   GPT (sfdisk)
#   1  KIOSKBOOT  256 MiB  EFI system partition, FAT32 (mkfs.fat + mtools):
#                          EFI/BOOT/BOOTX64.EFI (GRUB), kiosk.toml, README.txt,
#                          network/, and authorized_keys when given
#   2  kiosk-root          ext4 made from ROOTFS by mkfs.ext4 -d, type
#                          root-x86-64, grown to the disk on first boot
#
#   packaging/image/assemble-image.sh ROOTFS ROOT_UUID OUT.img [AUTHORIZED_KEYS]
#
# Needs mkfs.ext4 (e2fsprogs >= 1.43), mkfs.fat (dosfstools), mtools, sfdisk
# (fdisk). Root only for reading the root filesystem's root-owned files.
set -eu
ROOTFS=${1:?usage: assemble-image.sh ROOTFS ROOT_UUID OUT.img [AUTHORIZED_KEYS]}
ROOT_UUID=${2:?usage: assemble-image.sh ROOTFS ROOT_UUID OUT.img [AUTHORIZED_KEYS]}
OUT=${3:?usage: assemble-image.sh ROOTFS ROOT_UUID OUT.img [AUTHORIZED_KEYS]}
KEYS=${4:-}
HERE=$(cd "$(dirname "$0")" && pwd)
for c in mkfs.ext4 mkfs.fat mcopy mmd sfdisk; do
	command -v $c >/dev/null || { echo "assemble-image: $c is not installed (.ci/deps.sh image)" >&2; exit 2; }
done
[ -f "$ROOTFS/usr/lib/kiosk-image/BOOTX64.EFI" ] || { echo "assemble-image: $ROOTFS is not a kiosk root filesystem (no BOOTX64.EFI)" >&2; exit 2; }
export MTOOLS_SKIP_CHECK=1

MiB=1048576
ESP_MIB=256
# The root file system: what is in it plus a quarter and 512 MiB, so the first
# boot has room before the partition is grown.
used_mib=$(du -sm --apparent-size -x "$ROOTFS" | cut -f1)
ROOT_MIB=$(( (used_mib * 5 / 4 + 512 + 63) / 64 * 64 ))
work=$(mktemp -d "${OUT%/*}/.assemble.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. The boot partition's contents, from any laptop's point of view.
mkfs.fat -F 32 -n KIOSKBOOT -C "$work/esp.img" $((ESP_MIB * 1024)) >/dev/null
mmd -i "$work/esp.img" ::/EFI ::/EFI/BOOT ::/network
mcopy -i "$work/esp.img" "$ROOTFS/usr/lib/kiosk-image/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
# The example site config, to be edited before the first boot; firstboot
# installs it only when `kioskctl config check` accepts it.
mcopy -i "$work/esp.img" "$ROOTFS/usr/share/kiosk/example-site.toml" ::/kiosk.toml
# DOS line ends for Notepad.
sed 's/$/\r/' "$HERE/bootpart/README.txt" > "$work/README.txt"
mcopy -i "$work/esp.img" "$work/README.txt" ::/README.txt
for f in "$HERE"/bootpart/network/*; do
	sed 's/$/\r/' "$f" > "$work/$(basename "$f")"
	mcopy -i "$work/esp.img" "$work/$(basename "$f")" "::/network/$(basename "$f")"
done
if [ -n "$KEYS" ]; then
	mcopy -i "$work/esp.img" "$KEYS" ::/authorized_keys
fi

# 2. The root file system, populated from the folder (no mount).
mkfs.ext4 -q -F -L kiosk-root -U "$ROOT_UUID" -d "$ROOTFS" "$work/root.img" "${ROOT_MIB}M"

# 3. The partition table and the two file systems at their offsets. The
# image's size leaves 1 MiB at each end (GPT and its backup).
rm -f "$OUT"
truncate -s $(( (1 + ESP_MIB + ROOT_MIB + 1) * MiB )) "$OUT"
sfdisk --quiet --no-reread --no-tell-kernel "$OUT" <<EOF
label: gpt
first-lba: 2048
start=1MiB, size=${ESP_MIB}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="KIOSKBOOT"
start=$((1 + ESP_MIB))MiB, size=${ROOT_MIB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="kiosk-root"
EOF
dd if="$work/esp.img" of="$OUT" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$work/root.img" of="$OUT" bs=1M seek=$((1 + ESP_MIB)) conv=notrunc,sparse status=none
sfdisk --dump "$OUT"
echo "assemble-image: $OUT: $((1 + ESP_MIB + ROOT_MIB + 1)) MiB, $(du -h "$OUT" | cut -f1) allocated"
