#!/bin/sh
# Checks a root filesystem made by build-rootfs.sh: the kiosk and its units are
# installed, enabled, and the kiosk user exists. Exit 1 with a list of what is
# missing.
set -u
DIR=${1:?usage: check-rootfs.sh DIR}
fail=0
need() { if ! eval "$2"; then echo "MISSING: $1"; fail=1; else echo "ok: $1"; fi; }
need "kiosk binary"             "[ -x '$DIR/usr/bin/kiosk' ]"
need "kioskctl binary"          "[ -x '$DIR/usr/bin/kioskctl' ]"
need "cage"                     "[ -x '$DIR/usr/bin/cage' ]"
need "site config"              "[ -f '$DIR/etc/kiosk/kiosk.toml' ]"
need "kiosk.service enabled"    "[ -L '$DIR/etc/systemd/system/graphical.target.wants/kiosk.service' ]"
need "firstboot enabled"        "[ -L '$DIR/etc/systemd/system/multi-user.target.wants/kiosk-firstboot.service' ]"
need "graphical default target" "readlink '$DIR/etc/systemd/system/default.target' | grep -q graphical"
need "udev rules"               "[ -f '$DIR/usr/lib/udev/rules.d/99-kiosk.rules' ]"
need "kiosk user"               "grep -q '^kiosk:' '$DIR/etc/passwd'"
need "kiosk in dialout"         "grep '^dialout:' '$DIR/etc/group' | grep -q kiosk"
need "boot partition in fstab"  "grep -q KIOSKBOOT '$DIR/etc/fstab'"
exit $fail
