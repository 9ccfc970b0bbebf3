#!/bin/sh
# deps.sh — install the Debian packages the build, tests and benchmarks
# need, if any is missing.  Run by make on first use; idempotent.
set -eu
missing=""
need() { # need COMMAND-OR-FILE PACKAGE
	case "$1" in
	/*) [ -e "$1" ] || missing="$missing $2" ;;
	*) command -v "$1" >/dev/null 2>&1 || missing="$missing $2" ;;
	esac
}
need qemu-system-x86_64 qemu-system-x86
need cpio cpio
need /usr/include/cmocka.h libcmocka-dev
need gnuplot gnuplot-nox
need objdump binutils
need perl perl
need musl-gcc musl-tools
need expect expect
# busybox-static installs its binary as /bin/busybox, the same path as the
# dynamically linked busybox package, so ask dpkg rather than the file.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	missing="$missing busybox-static"
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: not root and no sudo; please run: apt-get install$missing" >&2
		exit 1
	}
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
