#!/bin/sh
# postrm of the kiosk package. remove: the units are masked by
# deb-systemd-helper (so a reinstall keeps the enable/disable choice). purge:
# everything the package or the kiosk created goes — the site config, the
# cache and outbox, the kiosk user and group, and the default target it set.
set -e
units="kiosk.service kiosk-firstboot.service"

if [ "$1" = "remove" ] && command -v deb-systemd-helper >/dev/null; then
	for unit in $units; do deb-systemd-helper mask "$unit" >/dev/null || true; done
fi

if [ "$1" = "purge" ]; then
	if command -v deb-systemd-helper >/dev/null; then
		for unit in $units; do
			deb-systemd-helper purge "$unit" >/dev/null || true
			deb-systemd-helper unmask "$unit" >/dev/null || true
		done
	fi
	# Put back the default target the first install replaced, if it is still ours.
	if [ -f /etc/kiosk/.previous-default-target ]; then
		prev=$(cat /etc/kiosk/.previous-default-target)
		if [ "$(basename "$(readlink /etc/systemd/system/default.target 2>/dev/null || true)")" = "graphical.target" ]; then
			case "$prev" in
			*[!a-z0-9.-]*|"") rm -f /etc/systemd/system/default.target ;;
			*.target) ln -sf "/usr/lib/systemd/system/$prev" /etc/systemd/system/default.target ;;
			*) rm -f /etc/systemd/system/default.target ;;
			esac
		fi
	fi
	rm -rf /etc/kiosk /var/lib/kiosk /run/kiosk
	if getent passwd kiosk >/dev/null && command -v deluser >/dev/null; then
		deluser --system kiosk >/dev/null || true
	fi
	if getent group kiosk >/dev/null && command -v delgroup >/dev/null; then
		delgroup --system kiosk >/dev/null || true
	fi
fi

if [ -d /run/systemd/system ]; then
	systemctl --system daemon-reload >/dev/null || true
fi
exit 0
