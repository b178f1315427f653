# Sourced by upgrade-in-overlay.sh and fleet-upgrade-in-overlay.sh (run as
# root under `unshare -m`): a copy-on-write overlay of this machine's root
# in $WORK/root ($R), with private /run and /tmp, the package's second
# version built from $DEB, and the check/in_root helpers the scripts' "ok:"
# and "FAIL:" lines come from.
#
#   overlay_setup DEB WORKDIR V2SUFFIX   sets DEB WORK R v1 v2 fails and
#                                        writes version v2 to $WORK/kiosk-v2.deb
overlay_setup() {
	DEB=$(readlink -f "$1")
	WORK=$(readlink -f "$2")
	mkdir -p "$WORK/upper" "$WORK/work" "$WORK/root" "$WORK/pkg"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$WORK/upper,workdir=$WORK/work" "$WORK/root"
	R=$WORK/root
	for d in dev proc sys; do mount --rbind "/$d" "$R/$d"; done
	mount -t tmpfs tmpfs "$R/run"
	mount -t tmpfs tmpfs "$R/tmp"

	# The second version is the same package with its version raised, which
	# is what the maintainer scripts see on a real upgrade.
	v1=$(dpkg-deb -f "$DEB" Version)
	v2="$v1+$3"
	dpkg-deb -R "$DEB" "$WORK/pkg"
	sed -i "s/^Version: .*/Version: $v2/" "$WORK/pkg/DEBIAN/control"
	dpkg-deb -b -Zgzip "$WORK/pkg" "$WORK/kiosk-v2.deb" >/dev/null
	fails=0
}

check() { # check NAME COMMAND...
	name=$1; shift
	if chroot "$R" sh -c "$*" >/dev/null 2>&1; then echo "ok: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
in_root() { chroot "$R" sh -c "$*"; }
