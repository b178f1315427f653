#!/bin/sh
# Prints the Depends the built binaries need from the C libraries they link,
# as dpkg-shlibdeps computes it (libc6 (>= 2.34), libgl1, libx11-6 (>= ...)),
# for nfpm.yaml's ${SHLIBS_DEPENDS}.
#
#   packaging/shlibdeps.sh BINARY...
set -eu
[ $# -gt 0 ] || { echo "usage: shlibdeps.sh BINARY..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' > "$tmp/debian/control"
for b in "$@"; do cp "$b" "$tmp/"; done
(cd "$tmp" && dpkg-shlibdeps -O -e $(for b in "$@"; do printf '%s ' "$(basename "$b")"; done) 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
