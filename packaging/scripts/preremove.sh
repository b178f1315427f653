#!/bin/sh
# prerm of the kiosk package: stop the kiosk only when the package is removed.
# An upgrade leaves it running (postinst asks it to restart at rest), and the
# enable/disable state is left to deb-systemd-helper in postrm.
set -e
if [ "$1" = "remove" ] && [ -d /run/systemd/system ]; then
	deb-systemd-invoke stop kiosk.service >/dev/null || true
fi
exit 0
