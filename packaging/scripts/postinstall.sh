#!/bin/sh
# postinst of the kiosk package. Everything here is safe to run again: an
# upgrade keeps the technician's config, the enable/disable choice and a
# changed default target, and restarts a running kiosk only when it is at rest.
set -e

if [ "$1" != "configure" ] && [ "$1" != "abort-upgrade" ] && [ "$1" != "abort-deconfigure" ] && [ "$1" != "abort-remove" ]; then
	exit 0
fi
# $2 is the version being upgraded from; empty on a first install.
OLD_VERSION=${2:-}

# A system user and group for the kiosk, with access to serial ports (dialout),
# the GPU (video, render), the touchscreen (input) and the sound card (audio,
# for the voice guidance).
if ! getent group kiosk >/dev/null; then
	addgroup --system kiosk
fi
if ! getent passwd kiosk >/dev/null; then
	adduser --system --ingroup kiosk --home /var/lib/kiosk --no-create-home --shell /usr/sbin/nologin kiosk
fi
for g in dialout video input render audio; do
	if getent group "$g" >/dev/null; then adduser kiosk "$g" >/dev/null 2>&1 || true; fi
done
install -d -m 0750 -o kiosk -g kiosk /var/lib/kiosk

# The site config is not a conffile (an unattended upgrade must never stop at
# a prompt): it is created from the example only when missing, and the mode the
# unit's ConfigurationDirectoryMode= expects is kept.
install -d -m 0750 -o root -g kiosk /etc/kiosk
chown root:kiosk /etc/kiosk
chmod 0750 /etc/kiosk
if [ ! -e /etc/kiosk/kiosk.toml ]; then
	install -m 0640 -o root -g kiosk /usr/share/kiosk/example-site.toml /etc/kiosk/kiosk.toml
	echo "kiosk: created /etc/kiosk/kiosk.toml from /usr/share/kiosk/example-site.toml; edit it, then start the kiosk"
else
	chown root:kiosk /etc/kiosk/kiosk.toml
	chmod 0640 /etc/kiosk/kiosk.toml
fi

# The UI's locale (the unit sets LANG=vi_VN.UTF-8).
if ! locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\?8'; then
	if [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null; then
		if grep -q '^# *vi_VN UTF-8' /etc/locale.gen; then
			sed -i 's/^# *\(vi_VN UTF-8\)/\1/' /etc/locale.gen
		elif ! grep -q '^vi_VN UTF-8' /etc/locale.gen; then
			echo 'vi_VN UTF-8' >> /etc/locale.gen
		fi
		locale-gen --keep-existing >/dev/null || locale-gen >/dev/null || echo "kiosk: locale-gen failed; the UI falls back to the C locale" >&2
	fi
fi

# Stable device names (udev/99-kiosk.rules) for devices already plugged in.
if command -v udevadm >/dev/null && [ -d /run/udev ]; then
	udevadm control --reload || true
	udevadm trigger --subsystem-match=tty || true
fi

# First install only: boot into the graphical target, where kiosk.service is
# wanted, remembering the previous default so purge can put it back.
if [ -z "$OLD_VERSION" ]; then
	default_link=/etc/systemd/system/default.target
	if [ -L "$default_link" ]; then
		current=$(basename "$(readlink "$default_link")")
	else
		# Debian's own default.target is a link to graphical.target.
		current=$(basename "$(readlink /usr/lib/systemd/system/default.target 2>/dev/null || echo graphical.target)")
	fi
	if [ "$current" != "graphical.target" ]; then
		echo "$current" > /etc/kiosk/.previous-default-target
		ln -sf /usr/lib/systemd/system/graphical.target "$default_link"
	fi
fi

# The units, the way debhelper's dh_installsystemd does it: enabled on the
# first install, and on upgrades only if the technician had not disabled them.
for unit in kiosk.service kiosk-firstboot.service; do
	deb-systemd-helper unmask "$unit" >/dev/null || true
	if deb-systemd-helper --quiet was-enabled "$unit"; then
		deb-systemd-helper enable "$unit" >/dev/null || true
	else
		deb-systemd-helper update-state "$unit" >/dev/null || true
	fi
done

if [ -d /run/systemd/system ]; then
	systemctl --system daemon-reload >/dev/null || true
	if [ -n "$OLD_VERSION" ]; then
		if [ -d /run/kiosk ]; then
			# The kiosk is running (/run/kiosk is its RuntimeDirectory): it
			# restarts into this version by itself the next time it is at rest.
			: > /run/kiosk/restart-when-idle
			echo "kiosk: the running kiosk restarts into $(dpkg-query -W -f='${Version}' kiosk 2>/dev/null || echo 'the new version') when nobody is using it"
		elif dpkg --compare-versions "$OLD_VERSION" lt 0.2.0~ && deb-systemd-helper --quiet is-enabled kiosk.service; then
			# 0.1.x's prerm stopped the kiosk for the upgrade; start it again.
			deb-systemd-invoke start kiosk.service >/dev/null || true
		fi
	fi
fi
exit 0
