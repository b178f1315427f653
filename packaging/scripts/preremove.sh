#!/bin/sh
set -e
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
	systemctl stop kiosk.service || true
fi
if command -v systemctl >/dev/null; then
	systemctl disable kiosk.service kiosk-firstboot.service >/dev/null 2>&1 || true
fi
