#!/bin/bash
# domu-image.sh [CACHE] — the Linux dom0 that runs Proteus as a Xen PV domU.
#
# Downloads Debian 12's Xen 4.17 hypervisor, its toolstack (xl, xenstored,
# xenconsoled, the hotplug scripts, libxenlight and friends), a
# linux-image and busybox-static with `apt-get download` — nothing is
# installed: `apt-get install xen-utils-4.17` would pull systemd and udev
# into the host — unpacks them with `dpkg-deb -x`, and builds the dom0's
# base initramfs.  Output, in CACHE/KEY/ (CACHE defaults to
# ${XDG_CACHE_HOME:-$HOME/.cache}/proteus/domu; KEY is a hash of the
# package versions and of this script, so a Debian point release or a
# change here builds a new image and an unchanged one is reused):
#   xen.elf           the hypervisor (multiboot image)
#   vmlinux           the dom0 kernel: the ELF inside Debian's bzImage,
#                     which Xen loads without decompressing (seconds under TCG)
#   dom0-base.cpio    busybox, the toolstack, its libraries, the modules
# The kernel under test is not in it: each run appends a small second cpio
# (Linux unpacks concatenated archives as one initramfs).
# The last line on stdout is the directory.  Needs apt-get, dpkg-deb,
# cpio, xz, and the host's bash, flock, stat and glibc (Debian 12 amd64,
# like the packages: the hotplug scripts run on them).
set -euo pipefail

XENV=4.17
die() { echo "domu-image: $*" >&2; exit 1; }

case "${XDG_CACHE_HOME:-}" in /*) XDG=$XDG_CACHE_HOME ;; *) XDG= ;; esac
if [ $# -ge 1 ]; then CACHE=$1
elif [ -n "$XDG" ]; then CACHE=$XDG/proteus/domu
elif [ -n "${HOME:-}" ]; then CACHE=$HOME/.cache/proteus/domu
else die "neither XDG_CACHE_HOME nor HOME is set; give the cache directory as an argument"; fi

for t in apt-get apt-cache dpkg-deb cpio xz sha256sum; do
	command -v "$t" >/dev/null 2>&1 || die "'$t' not found (apt-get install cpio xz-utils)"
done

# The kernel's ABI name follows Debian's point releases (linux-image-6.1.0-N-amd64).
KVER=${KVER:-$(apt-cache depends linux-image-amd64 2>/dev/null |
	sed -n 's/.*Depends: linux-image-\(.*\)$/\1/p' | head -1)}
[ -n "$KVER" ] || die "apt does not know linux-image-amd64 (run apt-get update as root)"
PKGS="xen-hypervisor-$XENV-amd64 xen-utils-$XENV xen-utils-common xenstore-utils
 libxentoolcore1 libxentoollog1 libxencall1 libxendevicemodel1 libxenevtchn1
 libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxenstore4 libyajl2 libxenmisc$XENV
 linux-image-$KVER busybox-static"
VERSIONS=$(for p in $PKGS; do
	v=$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^  Candidate: //p')
	[ -n "$v" ] && [ "$v" != "(none)" ] || die "apt has no candidate for $p (run apt-get update as root)"
	echo "$p=$v"
done)
KEY=$( { echo "$VERSIONS"; cat "$0"; } | sha256sum | cut -c1-16)
OUT=$CACHE/$KEY
if [ -s "$OUT/dom0-base.cpio" ]; then echo "$OUT"; exit 0; fi

mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/.build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "domu-image: downloading and unpacking $(echo $PKGS | wc -w) packages into $OUT" >&2
SANDBOX=; [ "$(id -u)" = 0 ] && SANDBOX="-o APT::Sandbox::User=root"
# shellcheck disable=SC2086
(mkdir "$WORK/debs" && cd "$WORK/debs" && apt-get $SANDBOX download $PKGS) >&2 ||
	die "apt-get download failed (no network to the Debian mirror?)"
X=$WORK/x
for d in "$WORK"/debs/*.deb; do dpkg-deb -x "$d" "$X"; done
zcat "$X/boot/xen-$XENV-amd64.gz" > "$WORK/xen.elf"
# The ELF inside the bzImage: after its XZ magic, one stream.
off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$X/boot/vmlinuz-$KVER" | head -1 | cut -d: -f1)
# xz stops after the stream, so tail may die of SIGPIPE: check the result instead.
{ tail -c +$((off + 1)) "$X/boot/vmlinuz-$KVER" | xz -dc --single-stream > "$WORK/vmlinux"; } || true
[ "$(head -c 4 "$WORK/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] || die "no ELF inside vmlinuz-$KVER"

R=$WORK/root
XBIN=/usr/lib/xen-$XENV/bin
mkdir -p "$R"/{usr/bin,usr/sbin,usr/lib/x86_64-linux-gnu,usr/lib64,proc,sys,dev,tmp,run,etc,root}
for d in bin sbin lib lib64; do ln -s usr/$d "$R/$d"; done     # merged /usr, as Debian 12
cp "$X/bin/busybox" "$R/usr/bin/busybox"
for a in $("$X/bin/busybox" --list); do [ -e "$R/usr/bin/$a" ] || ln -s busybox "$R/usr/bin/$a"; done

# Modules: the .deb has no modules.dep (depmod makes it on install), so the
# order comes from each module's depends= in .modinfo, dependencies first.
declare -A MODPATH SEEN
while IFS= read -r f; do n=$(basename "$f" .ko); MODPATH[$n]=$f; MODPATH[${n//-/_}]=$f; done \
	< <(find "$X/lib/modules/$KVER/kernel" -name '*.ko')
mkdir -p "$R/lib/modules"; : > "$R/lib/modules/order"
add_mod() {
	local f=${MODPATH[$1]:-} n dep
	[ -n "$f" ] || die "no module $1 in linux-image-$KVER"
	n=$(basename "$f" .ko); [ -z "${SEEN[$n]:-}" ] || return 0; SEEN[$n]=1
	for dep in $(tr '\0' '\n' < "$f" | sed -n 's/^depends=//p' | tr ',' ' '); do add_mod "$dep"; done
	cp "$f" "$R/lib/modules/"; echo "$n" >> "$R/lib/modules/order"
}
for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-blkback xen-netback loop bridge; do
	add_mod "$m"
done

# The hotplug scripts are bash and use flock; busybox's stat prints one line
# for two files, which locking.sh's claim_lock waits on for ever.
HOSTBIN="/bin/bash /usr/bin/flock /usr/bin/stat"
for b in $HOSTBIN; do rm -f "$R/usr/bin/${b##*/}"; cp "$b" "$R/usr/bin/"; done
mkdir -p "$R$XBIN"
for b in xl xenstored xenconsoled xenconsole xen-init-dom0 libxl-save-helper xenstore-control xenctx; do
	cp "$X$XBIN/$b" "$R$XBIN/"
done
cp -a "$X"/usr/bin/xenstore* "$R/usr/bin/"
for b in xl xenstored xenconsoled xen-init-dom0; do ln -sf "$XBIN/$b" "$R/usr/sbin/$b"; done
cp -a "$X/etc/xen" "$R/etc/"
# No udev: xl runs the hotplug scripts itself; no ballooning of dom0.
printf 'autoballoon="off"\nrun_hotplug_scripts=1\nlockfile="/var/lock/xl"\n' > "$R/etc/xen/xl.conf"
# Libraries: ldd against the unpacked libxen* first, the host for the rest;
# glibc dlopen()s libgcc_s for pthread_cancel, which ldd does not show.
for l in $(for b in "$R$XBIN"/* "$R/usr/bin/xenstore" $HOSTBIN; do
		LD_LIBRARY_PATH=$X/usr/lib/x86_64-linux-gnu ldd "$b" 2>/dev/null; done |
	   awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/lib/ {print $1}' | sort -u) \
	 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
	case $l in /lib64/*) cp -L "$l" "$R/usr/lib64/" ;; *) cp -L "$l" "$R/usr/lib/x86_64-linux-gnu/" ;; esac
done
mkdir -p "$R"/var/{lib/xen,log/xen/console} "$R"/run/{xen,xenstored,xen-hotplug,lock}
ln -s ../run "$R/var/run"; ln -s ../run/lock "$R/var/lock"

(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$WORK/dom0-base.cpio"
echo "$VERSIONS" > "$WORK/versions"
mkdir -p "$OUT"
mv "$WORK/xen.elf" "$WORK/vmlinux" "$WORK/versions" "$OUT/"
mv "$WORK/dom0-base.cpio" "$OUT/dom0-base.cpio"     # last: its presence means done
echo "domu-image: $(du -h "$OUT/dom0-base.cpio" | cut -f1) base image in $OUT" >&2
echo "$OUT"
