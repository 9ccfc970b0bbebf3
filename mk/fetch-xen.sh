#!/bin/sh
# fetch-xen.sh [CACHE] — get Debian's Xen 4.17 hypervisor without installing it.
#
# `apt-get install xen-hypervisor-4.17-amd64` would pull in 34 packages
# (systemd, grub-xen-host, qemu-system-xen...).  All `proteus run --on xen`
# needs is the hypervisor image, so this downloads the one .deb, unpacks it
# into CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/proteus/xen) and
# gunzips boot/xen-4.17-amd64.gz to CACHE/xen.elf: QEMU's multiboot loader
# cannot read the gzip ("linux kernel too old to load a ram disk").
#
# Idempotent: when CACHE/xen.elf exists it only prints its path.  The last
# line on stdout is always the path of xen.elf; apt's chatter goes to
# stderr.  Neither root nor sudo is needed when the package lists already
# know the package: `apt-get download` runs as any user.  Only when apt does
# not know it (or the lists are stale and the mirror answers 404) is
# `apt-get update` run, which needs root (or password-less sudo).
set -eu

PKG=xen-hypervisor-4.17-amd64
GZ=boot/xen-4.17-amd64.gz

die() {
	echo "fetch-xen: $*" >&2
	exit 1
}

if [ $# -gt 1 ]; then
	echo "usage: $0 [CACHE-DIR]" >&2
	exit 2
fi
# The XDG rule, as proteus applies it too: XDG_CACHE_HOME counts only
# when it is an absolute path.
case "${XDG_CACHE_HOME:-}" in
/*) XDG=$XDG_CACHE_HOME ;;
*) XDG= ;;
esac
if [ $# -eq 1 ]; then
	CACHE=$1
elif [ -n "$XDG" ]; then
	CACHE=$XDG/proteus/xen
elif [ -n "${HOME:-}" ]; then
	CACHE=$HOME/.cache/proteus/xen
else
	die "neither XDG_CACHE_HOME nor HOME is set; give the cache directory as an argument"
fi

if [ -s "$CACHE/xen.elf" ]; then
	echo "$CACHE/xen.elf"
	exit 0
fi

for tool in apt-get apt-cache dpkg-deb zcat; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' not found: this script needs Debian's apt and dpkg (or pass --xen PATH to proteus)"
done

mkdir -p "$CACHE" || die "cannot create $CACHE"
# Work in a private directory inside the cache, so that a concurrent or
# interrupted fetch never leaves a half-written xen.elf behind: the final
# rename is atomic within the file system.
WORK=$(mktemp -d "$CACHE/.fetch.XXXXXX") || die "cannot create a work directory in $CACHE"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP

# As root, apt drops privileges to _apt for downloads, and warns when _apt
# cannot write to the directory (e.g. under /root).  Say up front that root
# downloads itself; the result is the same file, without the warning.
if [ "$(id -u)" = 0 ]; then
	SANDBOX="-o APT::Sandbox::User=root"
else
	SANDBOX=
fi

download() {
	# shellcheck disable=SC2086
	(cd "$WORK" && apt-get $SANDBOX download "$PKG") >"$WORK/apt.log" 2>&1
}

update_lists() {
	if [ "$(id -u)" = 0 ]; then
		apt-get update >&2
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo -n apt-get update >&2
	else
		die "apt does not know $PKG and updating its lists needs root: run 'apt-get update' as root, then retry"
	fi
}

echo "fetch-xen: downloading $PKG into $CACHE" >&2
if ! download; then
	# An unknown package, or lists that name a .deb the mirror has since
	# replaced (404), is cured by `apt-get update`; anything else (no
	# network, a broken mirror) is not, so say what apt said and stop.
	if grep -q "Unable to locate package\|has no installation candidate\|404" "$WORK/apt.log"; then
		echo "fetch-xen: apt does not know $PKG (or its lists are stale); running apt-get update" >&2
		update_lists || die "apt-get update failed (no network to the Debian mirror?)"
		download || { cat "$WORK/apt.log" >&2; die "apt-get download $PKG failed after apt-get update"; }
	else
		cat "$WORK/apt.log" >&2
		die "apt-get download $PKG failed (no network to the Debian mirror?)"
	fi
fi
cat "$WORK/apt.log" >&2

set -- "$WORK"/"$PKG"_*.deb
[ -f "$1" ] || die "apt-get download reported success but left no $PKG .deb"
DEB=$1
dpkg-deb -x "$DEB" "$WORK/root" || die "dpkg-deb -x $DEB failed"
[ -f "$WORK/root/$GZ" ] || die "$DEB has no $GZ"
zcat "$WORK/root/$GZ" >"$WORK/xen.elf" || die "cannot gunzip $GZ"
[ "$(head -c 4 "$WORK/xen.elf" | od -An -c | tr -d ' ')" = '177ELF' ] ||
	die "$GZ did not unpack to an ELF image"

# Keep the unpacked package (its config and changelog say which Xen this
# is) next to xen.elf; xen.elf goes last, since its presence means "done".
rm -rf "$CACHE/root"
mv -T "$WORK/root" "$CACHE/root" 2>/dev/null || true
basename "$DEB" >"$CACHE/version"
mv "$WORK/xen.elf" "$CACHE/xen.elf"
echo "fetch-xen: $(cat "$CACHE/version") unpacked; the image is $CACHE/xen.elf" >&2
echo "$CACHE/xen.elf"
