#!/bin/sh
set -e
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
chown root:kiosk /etc/kiosk /etc/kiosk/kiosk.toml 2>/dev/null || true
chmod 0750 /etc/kiosk; chmod 0640 /etc/kiosk/kiosk.toml 2>/dev/null || true
if command -v udevadm >/dev/null && [ -d /run/udev ]; then
	udevadm control --reload || true
	udevadm trigger --subsystem-match=tty || true
fi
if command -v systemctl >/dev/null; then
	systemctl daemon-reload >/dev/null 2>&1 || true
	systemctl enable kiosk.service kiosk-firstboot.service >/dev/null 2>&1 || true
	systemctl set-default graphical.target >/dev/null 2>&1 || true
	if [ -d /run/systemd/system ]; then
		systemctl restart kiosk.service || true
	fi
fi
