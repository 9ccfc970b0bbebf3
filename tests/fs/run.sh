#!/bin/sh
# run.sh — end to end: tests/fs/fstest.c as /init (static, musl) and then
# Debian's busybox-static as /bin/sh, with console input typed into the
# guest's serial line.  Needs musl-gcc (apt-get install musl-tools) and,
# for the shell part, /bin/busybox (busybox-static).
#   sh tests/fs/run.sh [--on qemu|xen|xen-pvh|kvm] [--machine M]
# Exit 0 when both parts pass.
set -eu
cd "$(dirname "$0")/../.."
out=build/fstest
mkdir -p "$out/root/bin"
musl-gcc -static -O2 -Wall -o "$out/root/init" tests/fs/fstest.c
initrd() { (cd "$out/root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc --owner=0:0) > "$out/initrd.cpio"; }
initrd
# Boot time, then a pause between typed lines: a ^C typed while a command
# still runs kills it and flushes what was typed ahead, as on Linux, so
# slow platforms (KVM here emulates ring 0 slowly) get longer gaps.
delay=6 gap=2
case " $* " in *" xen"*|*" kvm"*) delay=30 gap=8 ;; esac
status=0
(sleep $delay; printf 'hello tty\r'; sleep 1; printf 'xy') |
	build/proteus run "$@" --initrd "$out/initrd.cpio" > "$out/fstest.log" 2>&1 || status=1
grep -E 'FAIL|fstest:' "$out/fstest.log" || true
[ -x /bin/busybox ] || { echo "no /bin/busybox: shell part skipped"; exit $status; }
cp /bin/busybox "$out/root/bin/busybox"
for a in sh ls cat echo mkdir rm mv wc sleep; do ln -sf busybox "$out/root/bin/$a"; done
initrd
(sleep $delay; printf 'cd /tmp; echo abc > f; mkdir -p x/y; mv f x/y/g; cat x/y/g | wc -c\r'
 sleep $gap; printf 'rm -r x; ls -a\r'; sleep $gap; printf 'sleep 30\r'; sleep $gap
 printf '\003'; sleep $gap; printf 'echo st=$?\rexit 0\r') |
	build/proteus run "$@" --initrd "$out/initrd.cpio" -- init=/bin/sh > "$out/sh.log" 2>&1 || status=1
for want in '^4' '^\. *\.\.' 'st=130'; do
	tr -d '\r' < "$out/sh.log" | grep -q "$want" || { echo "sh: no line matching '$want'"; status=1; }
done
[ $status = 0 ] && echo "fs end-to-end: passed" || echo "fs end-to-end: FAILED (logs in $out)"
exit $status
