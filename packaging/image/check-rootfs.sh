#!/bin/sh
# Checks a root filesystem made by build-rootfs.sh before it becomes an image:
# the kiosk and its units are installed and enabled, what must differ between
# kiosks is absent (machine id, SSH host keys), fstab mounts root and the boot
# partition, and the technician account can log in only by key. Exit 1 with a
# list of what is wrong. VARIANT container (build-rootfs.sh's variant for the
# container boot) skips only the kernel and GRUB EFI binary checks.
#
#   packaging/image/check-rootfs.sh DIR [image|container]
set -u
DIR=${1:?usage: check-rootfs.sh DIR [image|container]}
VARIANT=${2:-image}
fail=0
need() { if ! eval "$2"; then echo "MISSING: $1"; fail=1; else echo "ok: $1"; fi; }
need "kiosk binary"             "[ -x '$DIR/usr/bin/kiosk' ]"
need "kioskctl binary"          "[ -x '$DIR/usr/bin/kioskctl' ]"
need "cage"                     "[ -x '$DIR/usr/bin/cage' ]"
need "site config"              "[ -f '$DIR/etc/kiosk/kiosk.toml' ]"
need "kiosk.service enabled"    "[ -L '$DIR/etc/systemd/system/graphical.target.wants/kiosk.service' ]"
need "firstboot enabled"        "[ -L '$DIR/etc/systemd/system/multi-user.target.wants/kiosk-firstboot.service' ]"
need "firstboot after the boot partition mount" "grep -q '^RequiresMountsFor=.*/boot/firmware' '$DIR/usr/lib/systemd/system/kiosk-firstboot.service'"
need "boot partition sync enabled" "[ -L '$DIR/etc/systemd/system/multi-user.target.wants/kiosk-bootpart.service' ]"
need "graphical default target" "readlink '$DIR/etc/systemd/system/default.target' | grep -q graphical"
need "no getty on tty1"         "[ \"\$(readlink '$DIR/etc/systemd/system/getty@tty1.service')\" = /dev/null ]"
need "udev rules"               "[ -f '$DIR/usr/lib/udev/rules.d/99-kiosk.rules' ]"
need "kiosk user"               "grep -q '^kiosk:' '$DIR/etc/passwd'"
need "kiosk in dialout"         "grep '^dialout:' '$DIR/etc/group' | grep -q kiosk"
need "vi_VN.UTF-8 locale"       "[ -d '$DIR/usr/lib/locale/vi_VN.utf8' ] || grep -q vi_VN '$DIR/usr/lib/locale/locale-archive' 2>/dev/null"
need "root in fstab by UUID"    "grep -Eq '^UUID=[0-9a-f-]+[[:space:]]+/[[:space:]]+ext4[[:space:]].*x-systemd.growfs' '$DIR/etc/fstab'"
need "boot partition in fstab"  "grep -Eq '^LABEL=KIOSKBOOT[[:space:]]+/boot/firmware[[:space:]]+vfat' '$DIR/etc/fstab'"
need "root partition grows"     "grep -q '^Type=root-x86-64' '$DIR/etc/repart.d/50-root.conf'"
need "empty machine-id"         "[ -f '$DIR/etc/machine-id' ] && [ ! -s '$DIR/etc/machine-id' ]"
need "no SSH host keys"         "! ls '$DIR'/etc/ssh/ssh_host_* >/dev/null 2>&1"
need "host keys made before sshd" "grep -q 'ssh-keygen -A' '$DIR/etc/systemd/system/ssh.service.d/kiosk-host-keys.conf'"
need "technician has no password" "grep -q '^technician:\*:' '$DIR/etc/shadow'"
need "sshd: keys only, technician only" "grep -q '^PasswordAuthentication no' '$DIR/etc/ssh/sshd_config.d/kiosk.conf' && grep -q '^AllowUsers technician' '$DIR/etc/ssh/sshd_config.d/kiosk.conf'"
need "sshd reads keys from /etc/ssh/authorized_keys.d" "grep -q '^AuthorizedKeysFile /etc/ssh/authorized_keys.d/%u' '$DIR/etc/ssh/sshd_config.d/kiosk.conf'"
need "grub.cfg boots root by UUID" "grep -q 'root=UUID=' '$DIR/boot/grub/grub.cfg'"
if [ "$VARIANT" = image ]; then
	need "GRUB EFI binary"          "[ -s '$DIR/usr/lib/kiosk-image/BOOTX64.EFI' ]"
	need "kernel and initrd links"  "[ -e '$DIR/vmlinuz' ] && [ -e '$DIR/initrd.img' ]"
fi
need "maintenance window for upgrades" "grep -q '^OnCalendar=\*-\*-\* 02:00' '$DIR/etc/systemd/system/apt-daily-upgrade.timer.d/kiosk-window.conf'"
if command -v systemd-analyze >/dev/null; then
	# The units as the image's own systemd sees them (paths, directives).
	out=$(SYSTEMD_LOG_LEVEL=err systemd-analyze verify --man=no --root="$DIR" kiosk.service kiosk-firstboot.service kiosk-bootpart.service 2>&1)
	need "systemd-analyze verify --root finds nothing wrong in the kiosk units" "[ -z \"\$out\" ] || { echo \"\$out\"; false; }"
fi
exit $fail
