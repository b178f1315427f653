#!/bin/sh
# Installs, upgrades and purges the kiosk package for real — dpkg, adduser,
# deb-systemd-helper and the maintainer scripts all run — in a copy-on-write
# overlay of this machine's root filesystem, so the machine itself is not
# changed. deb_test.go runs it as root under `unshare -m` (a private mount
# namespace) and reads the "ok:"/"FAIL:" lines.
#
#   unshare -m sh upgrade-in-overlay.sh KIOSK.deb WORKDIR
#
# The second version is the same package with its version raised, which is
# what the maintainer scripts see on a real upgrade. There is no systemd in
# the overlay: "a running kiosk" is /run/systemd/system plus the kiosk's
# RuntimeDirectory /run/kiosk, which is exactly what the scripts test.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/overlay-lib.sh"
overlay_setup "$1" "$2" upgradetest1
cp "$DEB" "$R/tmp/kiosk-v1.deb"
cp "$WORK/kiosk-v2.deb" "$R/tmp/kiosk-v2.deb"

# A machine whose technician had chosen the text console as default, and
# that may or may not have had the package before (start clean).
in_root 'dpkg --purge kiosk >/dev/null 2>&1 || true; userdel kiosk 2>/dev/null || true; groupdel kiosk 2>/dev/null || true'
in_root 'rm -rf /etc/kiosk /var/lib/kiosk; ln -sf /usr/lib/systemd/system/multi-user.target /etc/systemd/system/default.target'

echo "--- install $v1"
in_root 'DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/kiosk-v1.deb </dev/null' >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; echo "FAIL: first install"; exit 1; }
check "first install creates the kiosk user in dialout" 'id -nG kiosk | grep -qw dialout'
check "first install creates the site config from the example" 'cmp /etc/kiosk/kiosk.toml /usr/share/kiosk/example-site.toml'
check "the site config is root:kiosk 0640" '[ "$(stat -c %U:%G:%a /etc/kiosk/kiosk.toml)" = root:kiosk:640 ]'
check "/etc/kiosk is root:kiosk 0750 as ConfigurationDirectoryMode= says" '[ "$(stat -c %U:%G:%a /etc/kiosk)" = root:kiosk:750 ]'
check "/var/lib/kiosk is kiosk:kiosk 0750 as StateDirectoryMode= says" '[ "$(stat -c %U:%G:%a /var/lib/kiosk)" = kiosk:kiosk:750 ]'
check "the site config is not a conffile" '! dpkg-query -W -f="\${Conffiles}" kiosk | grep -q kiosk.toml'
check "kiosk.service is enabled" '[ -L /etc/systemd/system/graphical.target.wants/kiosk.service ]'
check "kiosk-firstboot.service is enabled" '[ -L /etc/systemd/system/multi-user.target.wants/kiosk-firstboot.service ]'
check "first install makes graphical.target the default" 'readlink /etc/systemd/system/default.target | grep -q graphical.target'

echo "--- the technician edits the config, disables the kiosk and sets the default target back; the kiosk is running"
in_root 'echo "# edited on site" >> /etc/kiosk/kiosk.toml; cp /etc/kiosk/kiosk.toml /tmp/edited.toml'
in_root 'systemctl disable kiosk.service >/dev/null 2>&1 || rm -f /etc/systemd/system/graphical.target.wants/kiosk.service'
in_root 'ln -sf /usr/lib/systemd/system/multi-user.target /etc/systemd/system/default.target'
in_root 'mkdir -p /run/systemd/system /run/kiosk'

echo "--- upgrade to $v2 (stdin closed: a prompt would fail it)"
if in_root 'DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/kiosk-v2.deb </dev/null' >"$WORK/upgrade.log" 2>&1; then
	echo "ok: the upgrade finishes without a prompt"
else
	cat "$WORK/upgrade.log"; echo "FAIL: the upgrade failed"; fails=$((fails + 1))
fi
check "the upgrade asks about no configuration file" "! grep -qi 'configuration file' '$WORK/upgrade.log'"
check "the upgraded package is installed and configured" "[ \"\$(dpkg-query -W -f='\${Status} \${Version}' kiosk)\" = 'install ok installed $v2' ]"
check "the edited config is kept byte for byte" 'cmp /etc/kiosk/kiosk.toml /tmp/edited.toml'
check "the disabled kiosk stays disabled" '[ ! -e /etc/systemd/system/graphical.target.wants/kiosk.service ]'
check "the default target the technician set is kept" 'readlink /etc/systemd/system/default.target | grep -q multi-user.target'
check "the running kiosk is asked to restart at rest" '[ -e /run/kiosk/restart-when-idle ]'

echo "--- purge"
in_root 'rm -rf /run/systemd/system'
in_root 'DEBIAN_FRONTEND=noninteractive dpkg --purge kiosk </dev/null' >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log"; echo "FAIL: purge"; fails=$((fails + 1)); }
check "purge removes the kiosk user" '! getent passwd kiosk'
check "purge removes the kiosk group" '! getent group kiosk'
check "purge removes the config and the state" '[ ! -e /etc/kiosk ] && [ ! -e /var/lib/kiosk ]'
check "purge leaves no unit links" '[ -z "$(find /etc/systemd/system -name "kiosk*" 2>/dev/null)" ]'
check "purge forgets deb-systemd-helper state" '[ -z "$(find /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked -name "kiosk*" 2>/dev/null)" ]'
check "purge leaves the technician's default target alone" 'readlink /etc/systemd/system/default.target | grep -q multi-user.target'

echo "--- install again and purge: the default target the package set goes back"
in_root 'ln -sf /usr/lib/systemd/system/multi-user.target /etc/systemd/system/default.target'
in_root 'DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/kiosk-v1.deb </dev/null >/dev/null 2>&1'
check "the reinstall sets graphical.target again" 'readlink /etc/systemd/system/default.target | grep -q graphical.target'
in_root 'dpkg --purge kiosk >/dev/null 2>&1'
check "purge restores the default target the first install replaced" 'readlink /etc/systemd/system/default.target | grep -q multi-user.target'
[ "$fails" -eq 0 ]
