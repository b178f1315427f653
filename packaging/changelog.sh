#!/bin/sh
# Writes the package's changelog.gz for VERSION: packaging/changelog, with an
# entry for a development build (VERSION+git...) on top naming its commit.
#
#   packaging/changelog.sh VERSION OUT.gz
set -eu
VERSION=${1:?usage: changelog.sh VERSION OUT.gz}
OUT=${2:?usage: changelog.sh VERSION OUT.gz}
cd "$(dirname "$0")/.."
{
	case "$VERSION" in
	*+*)
		commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
		date=$(git log -1 --format=%cD HEAD 2>/dev/null || date -R)
		printf 'kiosk (%s) bookworm; urgency=low\n\n' "$VERSION"
		printf '  * Development build of commit %s.\n\n' "$commit"
		printf ' -- Kiosk team <kiosk@example.gov.vn>  %s\n\n' "$date"
		;;
	esac
	cat packaging/changelog
} | gzip -9n > "$OUT"
