#!/bin/sh
# Prints the package version, the same on every clone of the same commit and
# increasing from commit to commit, so apt never sees an upgrade as a downgrade:
#
#   VERSION                        when HEAD carries the tag v<VERSION> (a release)
#   VERSION+git<UTCdate>.<hash>    any other commit (sorts after the release it
#                                  follows, by the commit's own timestamp — a
#                                  shallow clone gives the same string)
#   VERSION+nogit                  outside git (a source tarball)
#
# VERSION (top of the tree) holds the latest release; bump it and tag
# v<VERSION> together when releasing (packaging/README.md, "Versions").
set -eu
cd "$(dirname "$0")/.."
base=$(tr -d ' \n' < VERSION)
case "$base" in
	[0-9]*) ;;
	*) echo "version.sh: VERSION must start with a digit, got '$base'" >&2; exit 1 ;;
esac
if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
	echo "$base+nogit"
	exit 0
fi
if git tag --points-at HEAD 2>/dev/null | grep -qx "v$base"; then
	echo "$base"
	exit 0
fi
stamp=$(TZ=UTC0 git log -1 --format=%cd --date=format-local:%Y%m%d.%H%M%S HEAD)
hash=$(git rev-parse --short=10 HEAD)
echo "$base+git$stamp.$hash"
