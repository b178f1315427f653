#!/bin/sh
# Adds a kiosk package to the site's signed apt repository (reprepro), making
# the repository and its signing key the first time:
#
#   packaging/repo/build-repo.sh REPO_DIR KIOSK.deb [SUITE]
#
# SUITE is "stable" (every kiosk; the default) or "staging" (the canary kiosks,
# docs/deploy.md). REPO_DIR/conf and REPO_DIR/db are reprepro's; REPO_DIR/public
# is what a web server serves (any static server: nginx, Apache, `python3 -m
# http.server`), with kiosk-archive-keyring.gpg, the public key that goes into
# the image (KIOSK_REPO_KEY). reprepro (Debian 12's 5.3.1) keeps one version
# per suite, so publishing to stable first copies stable's version to the
# suite "previous", which kiosks also list: `apt install kiosk=VERSION` can
# then roll a kiosk back one release (docs/deploy.md).
#
# The signing key lives in KIOSK_REPO_GNUPG (default ~/.kiosk-repo-gnupg), not
# in the repository: keep a copy of that folder offline; whoever has it can
# push software to every kiosk.
set -eu
REPO=${1:?usage: build-repo.sh REPO_DIR KIOSK.deb [SUITE]}
DEB=${2:?usage: build-repo.sh REPO_DIR KIOSK.deb [SUITE]}
SUITE=${3:-stable}
export GNUPGHOME=${KIOSK_REPO_GNUPG:-$HOME/.kiosk-repo-gnupg}
NAME=${KIOSK_REPO_NAME:-Kiosk archive signing key}
for c in reprepro gpg; do command -v $c >/dev/null || { echo "build-repo: $c is not installed (.ci/deps.sh)" >&2; exit 2; }; done
case "$SUITE" in stable|staging) ;; *) echo "build-repo: SUITE must be stable or staging, not $SUITE" >&2; exit 2 ;; esac

# The site key: made once, Ed25519, signing only, valid 5 years.
if [ ! -d "$GNUPGHOME" ] || ! gpg --batch --list-secret-keys --with-colons 2>/dev/null | grep -q '^sec'; then
	install -d -m 0700 "$GNUPGHOME"
	gpg --batch --quiet --passphrase '' --quick-generate-key "$NAME <kiosk@example.gov.vn>" ed25519 sign 5y
	echo "build-repo: made the signing key in $GNUPGHOME; keep a copy offline"
fi
KEYID=$(gpg --batch --list-secret-keys --with-colons | awk -F: '/^fpr/ { print $10; exit }')

mkdir -p "$REPO/conf" "$REPO/public"
cat > "$REPO/conf/distributions" <<EOD
Origin: Kiosk
Label: Kiosk
Suite: stable
Codename: stable
Architectures: amd64 arm64
Components: main
Description: Kiosk packages, every kiosk of the site
SignWith: $KEYID

Origin: Kiosk
Label: Kiosk
Suite: previous
Codename: previous
Architectures: amd64 arm64
Components: main
Description: Kiosk packages, the version stable had before its last update
SignWith: $KEYID

Origin: Kiosk
Label: Kiosk
Suite: staging
Codename: staging
Architectures: amd64 arm64
Components: main
Description: Kiosk packages, canary kiosks first
SignWith: $KEYID
EOD
cat > "$REPO/conf/options" <<EOD
outdir +b/public
EOD
gpg --batch --yes --export "$KEYID" > "$REPO/public/kiosk-archive-keyring.gpg"
reprepro -b "$REPO" --silent export
new=$(dpkg-deb -f "$DEB" Version)
pkg=$(dpkg-deb -f "$DEB" Package)
cur=$(reprepro -b "$REPO" --list-format '${version}\n' list "$SUITE" "$pkg" | head -1)
if [ "$SUITE" = stable ] && [ -n "$cur" ] && [ "$cur" != "$new" ]; then
	reprepro -b "$REPO" copy previous stable "$pkg"
fi
reprepro -b "$REPO" includedeb "$SUITE" "$DEB"
for s in stable previous staging; do reprepro -b "$REPO" list "$s"; done
