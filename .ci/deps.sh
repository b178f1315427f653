#!/bin/sh
# Installs what the build, the tests and the demo need, and nothing when all of
# it is present. Debian packages come from apt-get (with sudo when not root);
# Go, when missing, comes from the Go module proxy's toolchain module.
set -eu

PKGS="gcc pkg-config libc6-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev xvfb xauth xdotool imagemagick zbar-tools espeak-ng alsa-utils"
# Packaging (make deb and its tests in packaging/): lintian, dpkg-shlibdeps
# (dpkg-dev), udevadm (udev), promtool (prometheus, ~19 MB download), and the
# package's own run-time dependencies so the install/upgrade test can dpkg -i it;
# cage, xwayland and grim for make cage-smoke.
PKGS="$PKGS lintian dpkg-dev udev prometheus cage xwayland grim libpam-systemd dbus locales init-system-helpers adduser"
# The fleet update test (packaging/fleet_test.go): the site repository and
# Debian's unattended upgrades.
PKGS="$PKGS reprepro gnupg unattended-upgrades"
# `.ci/deps.sh container`: the container boot of make test (the root file
# system with mmdebstrap, booted with systemd-nspawn, ssh-keygen for its key).
# `.ci/deps.sh image`: what make image, image-container-test and image-test
# need on top (FAT and GPT tools, QEMU with UEFI firmware).
case "${1:-}" in
container) PKGS="$PKGS mmdebstrap systemd-container openssh-client" ;;
image) PKGS="$PKGS mmdebstrap systemd-container openssh-client dosfstools mtools fdisk e2fsprogs qemu-system-x86 ovmf" ;;
esac

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "deps: installing:$missing"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Go: use the one on PATH or /usr/local/go if it is new enough, else fetch the
# toolchain named in go.mod from the module proxy into ~/.cache/kiosk-go.
want=$(sed -n 's/^go \([0-9.]*\)$/\1/p' go.mod)
have_go() {
	for g in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go "$HOME/.cache/kiosk-go/go/bin/go"; do
		[ -n "$g" ] && [ -x "$g" ] || continue
		v=$("$g" env GOVERSION 2>/dev/null | sed 's/^go//')
		if [ "$(printf '%s\n%s\n' "$want" "$v" | sort -V | head -1)" = "$want" ]; then
			return 0
		fi
	done
	return 1
}
if ! have_go; then
	proxy=$(printf '%s' "${GOPROXY:-https://proxy.golang.org}" | cut -d, -f1)
	arch=$(dpkg --print-architecture)
	url="$proxy/golang.org/toolchain/@v/v0.0.1-go$want.linux-$arch.zip"
	echo "deps: fetching Go $want from $url"
	mkdir -p "$HOME/.cache/kiosk-go"
	command -v unzip >/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo; $SUDO apt-get install -y -qq unzip curl; }
	curl -fsSL "$url" -o "$HOME/.cache/kiosk-go/go.zip"
	rm -rf "$HOME/.cache/kiosk-go/go" "$HOME/.cache/kiosk-go/golang.org"
	(cd "$HOME/.cache/kiosk-go" && unzip -q go.zip && mv "golang.org/toolchain@v0.0.1-go$want.linux-$arch" go && rm -rf golang.org go.zip)
	chmod +x "$HOME/.cache/kiosk-go/go/bin/"* "$HOME/.cache/kiosk-go/go/pkg/tool/"*/* 2>/dev/null || true
fi
