#!/bin/sh
# mmdebstrap customize hook of build-rootfs.sh: turns the installed Debian
# system in $1 into the kiosk image's root filesystem. Runs on the build
# machine; commands for inside use chroot. Environment: HERE (this folder),
# ROOT_UUID (the root file system's UUID, chosen by the Makefile), REPO_URL and
# REPO_KEY (optional: the site's apt repository and its public key), VARIANT
# (image, or container: no kernel and no GRUB EFI binary, build-rootfs.sh).
set -eu
R=${1:?usage: customize.sh ROOTFS}
: "${HERE:?}" "${ROOT_UUID:?}"
VARIANT=${VARIANT:-image}
in_root() { chroot "$R" sh -c "$*"; }

# Files of the image (units, sshd and apt settings, the boot partition sync).
cp -a "$HERE/overlay/." "$R/"
chown -R root:root "$R/etc/ssh/sshd_config.d" "$R/etc/sudoers.d" "$R/etc/repart.d" "$R/usr/lib/kiosk-image"
chmod 0440 "$R/etc/sudoers.d/technician"

# Machine basics: name, Vietnamese-capable locales, Asia/Ho_Chi_Minh time.
echo kiosk > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkiosk\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$R/etc/hosts"
ln -sf /usr/share/zoneinfo/Asia/Ho_Chi_Minh "$R/etc/localtime"
echo Asia/Ho_Chi_Minh > "$R/etc/timezone"
printf 'en_US.UTF-8 UTF-8\nvi_VN UTF-8\n' > "$R/etc/locale.gen"
in_root 'locale-gen >/dev/null'
# No /etc/default/locale: pam_env would apply it to the kiosk's PAM session
# over the unit's LANG=vi_VN.UTF-8 (seen in the container boot test). SSH
# sessions take LANG from the client (sshd's AcceptEnv LANG LC_*).
rm -f "$R/etc/default/locale"

# Debian's archive with its security and point-release updates (Debian's
# default unattended-upgrades origins).
cat > "$R/etc/apt/sources.list" <<EOF
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://security.debian.org/debian-security bookworm-security main
EOF
if [ -n "${REPO_URL:-}" ]; then
	install -D -m 0644 "$REPO_KEY" "$R/usr/share/keyrings/kiosk-archive-keyring.gpg"
	# stable (canary kiosks: KIOSK_REPO_SUITE=staging) and previous, the
	# version to roll back to (docs/deploy.md).
	printf 'deb [signed-by=/usr/share/keyrings/kiosk-archive-keyring.gpg] %s %s main\n' \
		"$REPO_URL" "${KIOSK_REPO_SUITE:-stable}" "$REPO_URL" previous > "$R/etc/apt/sources.list.d/kiosk.list"
	install -m 0644 "$HERE/../repo/52kiosk-unattended-upgrades" "$R/etc/apt/apt.conf.d/52kiosk-unattended-upgrades"
fi

# The disk: root by its file system's UUID (the same in every copy of this
# image: one kiosk has one disk), the boot partition by its label so that a
# technician may reformat it. nofail: a kiosk whose boot partition is damaged
# still starts with the config it has.
cat > "$R/etc/fstab" <<EOF
# <file system>        <mount point>   <type> <options>                                          <dump> <pass>
UUID=$ROOT_UUID /               ext4   errors=remount-ro,x-systemd.growfs                 0      1
LABEL=KIOSKBOOT        /boot/firmware  vfat   umask=0077,shortname=winnt,nofail 0 2
EOF
mkdir -p "$R/boot/firmware"

# One image, many machines: each makes its own machine id (empty file: not a
# "first boot" for systemd, so no preset-all and no firstboot prompt on tty1;
# machine-id(5)) and its own SSH host keys (ssh.service.d/kiosk-host-keys.conf).
: > "$R/etc/machine-id"
rm -f "$R/var/lib/dbus/machine-id" "$R"/etc/ssh/ssh_host_*
rm -f "$R/var/lib/systemd/random-seed"

# The technician: SSH keys from the boot partition only, no password (the
# shadow entry "*" matches no password), sudo without one, and the groups for
# reading the journal and talking to the kiosk's devices and status socket.
if ! in_root 'getent passwd technician' >/dev/null; then
	in_root 'useradd --create-home --shell /bin/bash --comment "Kiosk technician" technician'
fi
in_root 'usermod -p "*" -aG sudo,systemd-journal,kiosk,dialout technician'

# Units: the kiosk on tty1 (no getty there), the boot partition's config,
# keys and connections, SSH, NetworkManager; the graphical target.
in_root 'systemctl mask getty@tty1.service >/dev/null 2>&1'
in_root 'systemctl enable kiosk.service kiosk-firstboot.service kiosk-bootpart.service ssh.service NetworkManager.service >/dev/null 2>&1'
in_root 'systemctl set-default graphical.target >/dev/null 2>&1'

# GRUB for UEFI, without grub-install (which needs the ESP mounted): one
# standalone EFI binary whose built-in config finds the root file system by
# UUID and reads its /boot/grub/grub.cfg. That config boots /vmlinuz and
# /initrd.img, the links the kernel packages keep on the newest kernel, so a
# kernel upgrade needs no update-grub (grub-efi-amd64, which would run it, is
# not installed). A file named serial-console on the boot partition adds a
# serial console (the VM test uses it; on a kiosk, ttyS0 may be the printer).
mkdir -p "$R/boot/grub"
cat > "$R/boot/grub/grub.cfg" <<EOF
# Kiosk image boot menu (packaging/image/customize.sh). /vmlinuz and
# /vmlinuz.old are kept by the kernel packages.
set timeout_style=hidden
set timeout=1
search --no-floppy --fs-uuid --set=root $ROOT_UUID
set extra=""
if search --no-floppy --label --set=esp KIOSKBOOT; then
	if [ -f (\$esp)/serial-console ]; then set extra="console=tty0 console=ttyS0,115200"; fi
fi
menuentry "Kiosk" {
	linux /vmlinuz root=UUID=$ROOT_UUID ro quiet \$extra
	initrd /initrd.img
}
menuentry "Kiosk (previous kernel)" {
	linux /vmlinuz.old root=UUID=$ROOT_UUID ro \$extra
	initrd /initrd.img.old
}
EOF
cat > "$R/tmp/grub-early.cfg" <<EOF
search --no-floppy --fs-uuid --set=root $ROOT_UUID
set prefix=(\$root)/boot/grub
configfile (\$root)/boot/grub/grub.cfg
EOF
if [ "$VARIANT" = image ]; then
	in_root 'grub-mkstandalone -O x86_64-efi --modules="part_gpt part_msdos fat ext2 search search_fs_uuid search_label test configfile normal linux gzio all_video efi_gop" --locales="" --themes="" --fonts="" -o /usr/lib/kiosk-image/BOOTX64.EFI "boot/grub/grub.cfg=/tmp/grub-early.cfg"'
	[ -e "$R/vmlinuz" ] && [ -e "$R/initrd.img" ] || { echo "customize: /vmlinuz or /initrd.img missing" >&2; exit 1; }
fi
rm -f "$R/tmp/grub-early.cfg"

# Nothing of the build machine's in the image.
rm -f "$R/etc/resolv.conf"
ln -s /run/NetworkManager/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
rm -rf "$R/var/log/"*.log "$R/var/log/apt/"* "$R/var/cache/apt/"*.bin "$R/tmp/"*
